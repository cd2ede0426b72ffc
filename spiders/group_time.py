"""A bound on the time one group may take: GROUP_TIME_LIMIT seconds (meetscout.toml's
`[meetup] group_time_limit`, 120 by default) from its first request.

Without it a page that never finishes held a group for 30 s download timeout × 3 retries (an
audit saw 243 s), and a group with many slow pages had no bound at all. A request that carries
its group's name in `meta["group_time"]` gets its group's deadline; the download handler gives
it only the time left when its transfer starts (a request may wait its turn behind the slow
ones first). Once the group has used its time, its further requests are dropped (the spider's
errback sees `GroupOutOfTime` and keeps what it had), the run is partial with the reason, and
the group's listing cancels nothing (`CrawlReport.out_of_time`).
"""

from __future__ import annotations

import time

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import IgnoreRequest

from meetscout.config import GROUP_TIME_LIMIT

# Where the group's name, and its deadline (time.monotonic()), travel in a request's meta.
META_KEY = "group_time"
DEADLINE_KEY = "group_deadline"


class GroupOutOfTime(IgnoreRequest):
    """A request dropped because its group has used its time."""


def out_of_time_reason(name: str, limit: float) -> str:
    return (
        f"Meetup group '{name}' took longer than {limit:g} s: stopped reading it and kept what "
        "was read; none of its meetings is taken as cancelled for missing from its listing "
        "(`[meetup] group_time_limit` in meetscout.toml sets the limit)"
    )


class GroupTimeMiddleware:
    """Downloader middleware: stamps each request of a group with the group's deadline, drops
    those that come too late, and says once per group that it ran out of time."""

    def __init__(self, crawler, limit: float):
        self.crawler = crawler
        self.limit = limit
        self.started: dict[str, float] = {}  # group name -> when its first request went out
        self.over: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.getfloat("GROUP_TIME_LIMIT", GROUP_TIME_LIMIT))

    def process_request(self, request, spider=None):
        name = request.meta.get(META_KEY)
        if not name or self.limit <= 0:
            return None
        now = time.monotonic()
        deadline = self.started.setdefault(name, now) + self.limit
        if now >= deadline or name in self.over:
            self._ran_out(name)
            raise GroupOutOfTime(out_of_time_reason(name, self.limit))
        request.meta[DEADLINE_KEY] = deadline
        return None

    def process_exception(self, request, exception, spider=None):
        if isinstance(exception, GroupOutOfTime):  # the handler found the time up
            self._ran_out(request.meta[META_KEY])
        return None

    def _ran_out(self, name: str) -> None:
        if name in self.over:
            return
        self.over.add(name)
        report = getattr(self.crawler.spider, "report", None)
        if report is not None:
            report.problems.append(out_of_time_reason(name, self.limit))
            report.out_of_time.add(name)


class DeadlineDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP handler, giving a request with a deadline no more than the time left when
    its transfer starts (DOWNLOAD_TIMEOUT counts from there, however long it queued)."""

    async def download_request(self, request):
        deadline = request.meta.get(DEADLINE_KEY)
        if deadline is not None:
            left = deadline - time.monotonic()
            name = request.meta.get(META_KEY, "?")
            if left <= 0:
                raise GroupOutOfTime(f"group {name!r} has no time left")
            timeout = request.meta.get("download_timeout") or left
            request.meta["download_timeout"] = min(timeout, left)
        return await super().download_request(request)
