"""Downloader middlewares every meetscout spider shares.

- BackoffRetryMiddleware: retries that back off, waiting as long as the site's Retry-After asks,
  else exponentially.
- RobotsTxtMiddleware: Scrapy's robots.txt check, without its hole for concurrent requests.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxt
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

# Answers that say "slow down" rather than "broken": they also widen the delay for the site.
SLOW_DOWN = frozenset({429, 503, 999})


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that sleeps before a retry: Retry-After if given, else base * 2^attempt.

    Settings: RETRY_BACKOFF_BASE (seconds, default 2), RETRY_BACKOFF_MAX (default 120).
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        attempt = request.meta.get("retry_times", 0)
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            wait = self.base * (2**attempt)
        wait = min(wait, self.cap)
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if response.status in SLOW_DOWN:
            self._slow_down(request, wait)
        if wait > 0:
            logger.info("HTTP %s from %s: retrying in %.1fs", response.status, request.url, wait)
            await asyncio.sleep(wait)
        return retry

    def _slow_down(self, request, wait: float) -> None:
        """Widen the per-site delay so the other queued requests slow down too."""
        downloader = getattr(self.crawler.engine, "downloader", None)
        if downloader is None:
            return
        key = request.meta.get("download_slot") or downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = min(max(slot.delay, wait / 2), self.cap)


class RobotsTxtMiddleware(ScrapyRobotsTxt):
    """Scrapy's robots.txt check, with each waiting request given its own answer.

    While a host's robots.txt is being fetched, Scrapy 2.19 makes every further request to that
    host await the one shared Deferred through `maybe_deferred_to_future`, whose callback
    returns None: the first waiter gets the parser, and each later one gets None, which Scrapy
    reads as "no robots.txt" and lets through unchecked (a crawl of four calendars on one host
    fetched a disallowed feed; the hole came with Scrapy's pull request #6802). Here each waiter
    gets a Deferred of its own, fed from the shared one, which passes the parser on unchanged.
    """

    async def robot_parser(self, request):
        shared = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(shared, Deferred):
            return await super().robot_parser(request)  # known already, or first to ask
        mine: Deferred = Deferred()

        def pass_on(result):
            mine.callback(result)
            return result  # the next waiter in the chain gets it too

        shared.addBoth(pass_on)
        return await maybe_deferred_to_future(mine)
