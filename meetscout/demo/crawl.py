"""One crawl of the demo's local copy, in its own process (Scrapy's reactor cannot restart).

    python -m meetscout.demo.crawl meetup --db demo.db --base-url http://127.0.0.1:PORT NAME...
    python -m meetscout.demo.crawl calendar --db demo.db --base-url http://127.0.0.1:PORT SLUG...

Runs the real spider and store pipeline. The only difference from `meetscout crawl meetup` (or
`meetscout crawl calendar` of each chapter's home page): the copy is on this machine, so the crawl
does not wait between requests (robots.txt is still obeyed).
Prints the crawl-run row as JSON on the last line. (LinkedIn keeps its human pace even in the demo:
the demo runs `meetscout crawl linkedin` itself.)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..exit_codes import FAILED, for_status

# A local copy answers at once: no politeness delay is owed to ourselves.
LOOPBACK_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


def crawl_meetup(db: Path, base_url: str, names: list[str]) -> dict | None:
    from meetscout.spiders.meetup_group import MeetupGroupSpider
    from meetscout.spiders.run import run_spider

    return run_spider(MeetupGroupSpider, db, LOOPBACK_SETTINGS, urlnames=names, base_url=base_url)


def crawl_calendars(db: Path, base_url: str, slugs: list[str]) -> dict | None:
    """The chapters' home pages: the spider finds each one's calendar, as it would online."""
    from meetscout.spiders.calendar_feed import CalendarFeedSpider
    from meetscout.spiders.run import run_spider

    urls = [f"{base_url}/{slug}/" for slug in slugs]
    return run_spider(CalendarFeedSpider, db, LOOPBACK_SETTINGS, urls=urls)


SOURCES = {"meetup": crawl_meetup, "calendar": crawl_calendars}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m meetscout.demo.crawl")
    parser.add_argument("source", choices=sorted(SOURCES))
    parser.add_argument("names", nargs="+")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    run = SOURCES[args.source](args.db, args.base_url, args.names)
    print(json.dumps(run))
    return for_status(run["status"]) if run else FAILED


if __name__ == "__main__":
    sys.exit(main())
