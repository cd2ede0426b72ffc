"""A tiny real spider for the pipeline tests: reads groups and events from a JSON page.

Run as `python -m tests.classify.listing_spider DB URL` (Scrapy's reactor cannot restart, so each
crawl gets its own process, as the CLI's do).
"""

from __future__ import annotations

import sys

import orjson
import scrapy
from meetscout.spiders.run import run_spider

from meetscout.model import Event, Group


class ListingSpider(scrapy.Spider):
    name = "listing_fixture"

    def __init__(self, url: str, **kwargs):
        super().__init__(**kwargs)
        self.url = url

    async def start(self):
        yield scrapy.Request(self.url)

    def parse(self, response):
        data = orjson.loads(response.body)
        for group in data.get("groups", []):
            yield Group(**group)
        for event in data.get("events", []):
            yield Event(**event)


if __name__ == "__main__":
    db, url = sys.argv[1], sys.argv[2]
    run = run_spider(
        ListingSpider, db, {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}, url=url
    )
    print(run["status"] if run else "no run")
