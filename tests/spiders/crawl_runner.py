"""Run one spider in a fresh process (Scrapy's reactor cannot restart) and print its run row.

python -m tests.spiders.crawl_runner SPIDER DB '{"urlnames": [...], "base_url": ...}'
Test-only settings make it quick: no delay, no AutoThrottle, short back-off.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "RETRY_BACKOFF_BASE": 0.05,
    "LOG_LEVEL": "ERROR",
}


def main() -> None:
    spider_name, db, kwargs = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    settings = {**FAST, **json.loads(sys.argv[4])} if len(sys.argv) > 4 else FAST
    from meetscout.spiders.run import run_spider

    if spider_name == "meetup_group":
        from meetscout.spiders.meetup_group import MeetupGroupSpider as spider_cls
    elif spider_name == "meetup_search":
        from meetscout.spiders.meetup_search import MeetupSearchSpider as spider_cls
    else:
        from meetscout.spiders.meetup_events import MeetupEventsSpider as spider_cls
    run = run_spider(spider_cls, db, settings, **kwargs)
    print("RUN " + json.dumps(run))


if __name__ == "__main__":
    main()
