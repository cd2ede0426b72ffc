"""A human pace for a site that dislikes crawlers: one page at a time, each a few seconds after
the last one finished, with jitter, whatever callback or errback asked for it."""

from __future__ import annotations

import asyncio
import random
import time


class HumanPaceMiddleware:
    """Waits before each request until `spider.min_delay` plus up to as much again has passed
    since the previous answer arrived (so a slow page never shortens the pause)."""

    def __init__(self) -> None:
        self.next_at = 0.0

    async def process_request(self, request, spider=None):
        wait = self.next_at - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        return None

    def _rest(self, spider) -> None:
        delay = float(getattr(spider, "min_delay", 8.0))
        self.next_at = time.monotonic() + delay + random.uniform(0, delay)

    def process_response(self, request, response, spider=None):
        self._rest(spider or self.spider)
        return response

    def process_exception(self, request, exception, spider=None):
        self._rest(spider or self.spider)
        return None

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls()
        middleware.crawler = crawler
        return middleware

    @property
    def spider(self):
        return self.crawler.spider
