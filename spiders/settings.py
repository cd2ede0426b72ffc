"""Scrapy settings shared by every meetscout spider: polite by default."""

from meetscout.config import GROUP_TIME_LIMIT  # noqa: F401 (a setting: see below)

BOT_NAME = "meetscout"
SPIDER_MODULES = ["meetscout.spiders"]
NEWSPIDER_MODULE = "meetscout.spiders"

# Say who we are; obey robots.txt; go slowly and slower still when the site is slow.
USER_AGENT = "meetscout/0.1 (personal event finder; +https://github.com/meetscout/meetscout)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
DOWNLOAD_TIMEOUT = 30
# No event page or feed comes near this: a bigger answer is not one (a 200 MB page once took
# 517 MB of memory). Scrapy drops it and the crawl says so.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
# GROUP_TIME_LIMIT (imported above, 120 s): the most one Meetup group may take, from its first
# request (spiders/group_time.py); meetscout.toml's `[meetup] group_time_limit` sets it.
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"

# Scrapy's robots.txt check lets concurrent requests through unchecked; ours does not (see
# middlewares.RobotsTxtMiddleware). A spider that sets its own DOWNLOADER_MIDDLEWARES starts
# from this dict, since Scrapy replaces the setting rather than merging it.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "meetscout.spiders.middlewares.RobotsTxtMiddleware": 100,
}

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
ITEM_PIPELINES = {"meetscout.spiders.pipelines.StorePipeline": 300}

# Where items go; the runner sets it from --db / MEETSCOUT_DB.
MEETSCOUT_DB = None
