"""A tiny real crawl command for scheduler tests: one Scrapy spider, one page of events as JSON.

    python -m tests.scheduling.tiny_crawl --url URL --db PATH [--crash]

The page is a JSON list of {"id", "title"}; {"blocked": "reason"} makes the run `blocked`.
`--crash` fails the way a broken crawl command does: a traceback and exit code 1, no run row.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

import scrapy
from meetscout.spiders.report import CrawlReport
from meetscout.spiders.run import run_spider

from meetscout.model import Event

FAST = {
    "ROBOTSTXT_OBEY": False,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "RETRY_ENABLED": False,
    "LOG_LEVEL": "ERROR",
}


class TinyEventsSpider(scrapy.Spider):
    name = "tiny_events"

    def __init__(self, url: str, **kwargs):
        super().__init__(**kwargs)
        self.url = url
        self.report = CrawlReport()
        self.run_args = {"url": url}

    async def start(self):
        yield scrapy.Request(self.url, callback=self.parse)

    def parse(self, response):
        data = json.loads(response.text)
        if isinstance(data, dict) and data.get("blocked"):
            self.report.blocked.append(data["blocked"])
            return
        for item in data:
            yield Event(
                id=f"meetup:{item['id']}",
                source="meetup",
                url=f"https://www.meetup.com/tiny/events/{item['id']}/",
                title=item["title"],
                starts_at=datetime(2026, 12, 1, 23, 0, tzinfo=UTC),
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--crash", action="store_true")
    args = parser.parse_args()
    if args.crash:
        raise RuntimeError("the crawl command broke before it could start")
    run = run_spider(TinyEventsSpider, args.db, FAST, url=args.url)
    print(f"tiny crawl: {run['status'] if run else 'no run row'}")


if __name__ == "__main__":
    main()
