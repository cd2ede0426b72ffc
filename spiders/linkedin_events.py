"""Spider `linkedin_events`: LinkedIn events the person can see, in their own session, slowly.

Runs a real Chromium (scrapy-playwright) with the person's saved `storage_state`; searches the
configured keywords (and places), then opens the event pages found or listed. One page at a time,
seconds apart (spiders/pace.py), within a daily page budget counted across runs, and it stops at
the first sign that LinkedIn said no (999, authwall, checkpoint, login page, empty shell),
recording the run as `blocked` with the reason and when to try again. It never retries a refusal.
"""

from __future__ import annotations

import contextlib
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy import signals

from meetscout.browser import QUIET_ARGS, ensure_chromium
from meetscout.identify import LINKEDIN, identify
from meetscout.linkedin.page_budget import PageBudget
from meetscout.model import Event
from meetscout.sources.linkedin import blocked_answer, parse_event_page, parse_search_results
from meetscout.sources.linkedin.common import viewer_zone
from meetscout.store import Store

from .report import CrawlReport
from .settings import DOWNLOADER_MIDDLEWARES

SITE = "linkedin"
SEARCH_READY = (
    "li.reusable-search__result-container, [data-chameleon-result-urn], "
    "[data-view-name='search-entity-result-universal-template'], .search-no-results, "
    ".search-reusable-search-no-results"
)
EVENT_READY = "h1[data-event-id], h1.top-card-layout__title"
# Fields a search card knows better than a stored event page (they change between visits).
CARD_FRESH = frozenset({"title", "attendee_count"})
_NOT_CONTENT = frozenset({"id", "source", "url", "first_seen", "last_seen", "assessment"})


def skip_heavy(request) -> bool:
    """Images, fonts and media cost time and say nothing about events."""
    return request.resource_type in ("image", "media", "font")


def fill(base: Event, extra: Event, prefer: frozenset[str] | None = None) -> Event:
    """`base` with the gaps filled from `extra`; fields in `prefer` (all when None) from `extra`."""
    update = {}
    for name in Event.model_fields:
        if name in _NOT_CONTENT:
            continue
        new, old = getattr(extra, name), getattr(base, name)
        if new is None or new == []:
            continue
        if old is None or old == [] or prefer is None or name in prefer:
            update[name] = new
    return base.model_copy(update=update)


class LinkedInEventsSpider(scrapy.Spider):
    name = "linkedin_events"

    custom_settings = {
        "DOWNLOAD_HANDLERS": {
            "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
            "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
        },
        "DOWNLOADER_MIDDLEWARES": {
            **DOWNLOADER_MIDDLEWARES,
            "meetscout.spiders.pace.HumanPaceMiddleware": 950,
        },
        "CONCURRENT_REQUESTS": 1,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": 0,  # the pace middleware waits, counting from each answer
        "AUTOTHROTTLE_ENABLED": False,
        "HTTPERROR_ALLOW_ALL": True,  # a 999 or 429 is an answer to read, not one to drop
        "RETRY_ENABLED": False,  # asking again after "no" is what gets an account restricted
        "REDIRECT_ENABLED": False,  # the browser follows redirects; Scrapy must not refetch
        # LinkedIn's robots.txt turns away all crawlers; this one reads only what the person
        # could open themselves, in their session, at their pace, after they turned it on.
        "ROBOTSTXT_OBEY": False,
        "COOKIES_ENABLED": False,  # the browser context holds the session cookies
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 1,
        "PLAYWRIGHT_ABORT_REQUEST": skip_heavy,
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": None,  # the person's browser, its own headers
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
    }

    def __init__(
        self,
        session: str | Path,
        keywords: list[str] | str | None = None,
        places: list[str] | str | None = None,
        events: list[str] | str | None = None,
        base_url: str | None = None,
        daily_budget: int = 30,
        min_delay: float = 8.0,
        viewer_tz: str | None = None,
        settle_timeout: float = 15.0,
        force: bool = False,
        *args,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.session = Path(session)
        self.keywords = _as_list(keywords)
        self.places = _as_list(places)
        self.events = _as_list(events)
        self.base_url = (base_url or LINKEDIN).rstrip("/")
        self.daily_budget = int(daily_budget)
        self.min_delay = float(min_delay)
        self.viewer_tz = viewer_zone(viewer_tz).key
        self.settle_ms = float(settle_timeout) * 1000
        self.force = bool(force)
        self.report = CrawlReport()
        self.run_args = {
            "keywords": self.keywords,
            "places": self.places,
            "events": self.events,
            "base_url": self.base_url,
            "daily_budget": self.daily_budget,
            "min_delay": self.min_delay,
        }
        self.frontier: deque[tuple[str, str]] = deque()  # (kind, address)
        self.found: deque[tuple[str, str]] = deque()  # event pages met in search results
        self.queued_ids: set[str] = set()
        self.gathered: dict[str, Event] = {}
        self.answers: dict[object, list[tuple[int, str]]] = {}  # page -> (status, url) as met

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        # Found at run time, not import time, and never installed from here: a missing browser
        # is reported with how to get one.
        if settings.getpriority("PLAYWRIGHT_LAUNCH_OPTIONS") in (None, 0):
            settings.set(
                "PLAYWRIGHT_LAUNCH_OPTIONS",
                {
                    "executable_path": str(ensure_chromium()),
                    "headless": True,
                    "args": [*QUIET_ARGS, "--blink-settings=imagesEnabled=false"],
                },
                priority="spider",
            )

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.closed_store, signal=signals.spider_closed)
        return spider

    # -- the plan ---------------------------------------------------------------------------

    async def start(self):
        self.store = Store(self.settings.get("MEETSCOUT_DB"))
        self.budget = PageBudget(self.store, SITE, self.daily_budget)
        if not self._may_start():
            return
        for keyword in self.keywords:
            for place in self.places or [None]:
                words = f"{keyword} {place}" if place else keyword
                query = urlencode({"keywords": words, "origin": "SWITCH_SEARCH_VERTICAL"})
                self.frontier.append(("search", f"{self.base_url}/search/results/events/?{query}"))
        for listed in self.events:
            address = self._event_address(listed)
            if address:
                self.frontier.append(("event", address))
            else:
                self.report.problems.append(f"not a LinkedIn event: {listed!r}")
        request = self._next_request()
        if request is not None:
            yield request

    def _may_start(self) -> bool:
        if not self.session.is_file():
            self.report.blocked.append(
                f"No saved LinkedIn session at {self.session}: run `meetscout linkedin login`."
            )
            return False
        until = self.store.blocked_until(SITE)
        if until and until > datetime.now(UTC) and not self.force:
            self.report.blocked.append(
                "LinkedIn refused an earlier crawl; meetscout leaves it alone until "
                f"{until.astimezone().strftime('%Y-%m-%d %H:%M %Z')}."
            )
            return False
        if self.budget.left() <= 0:
            self.report.problems.append(self._budget_note())
            return False
        return True

    def _event_address(self, listed: str) -> str | None:
        """A listed event (URL, vanity URL or bare id) as an address on the site crawled."""
        listed = listed.strip()
        if listed.isdigit() and len(listed) == 19:
            return f"{self.base_url}/events/{listed}/"
        found = identify(listed, assume=SITE)
        if found is None or found.kind != "event":
            return None
        if found.id:
            self.queued_ids.add(found.id)
        return self.base_url + urlsplit(found.url).path

    def _next_request(self) -> scrapy.Request | None:
        queue = self.frontier or self.found
        if not queue:
            return None
        if self.budget.left() <= 0:
            self.report.problems.append(self._budget_note())
            return None
        kind, address = queue.popleft()
        self.budget.spend()
        return scrapy.Request(
            address,
            callback=self.parse_search if kind == "search" else self.parse_event,
            errback=self.failed,
            dont_filter=True,
            meta={
                "playwright": True,
                "playwright_context": SITE,
                "playwright_context_kwargs": {
                    "storage_state": str(self.session),
                    "timezone_id": self.viewer_tz,
                },
                "playwright_include_page": True,
                "playwright_page_goto_kwargs": {"wait_until": "domcontentloaded"},
                "playwright_page_init_callback": self._init_page,
            },
        )

    def _budget_note(self) -> str:
        waiting = len(self.frontier) + len(self.found)
        return f"Reached today's LinkedIn page budget ({self.daily_budget} pages)" + (
            f"; {waiting} more pages wait for tomorrow." if waiting else "."
        )

    async def _init_page(self, page, request) -> None:
        """A local copy of the site (tests, demo) must never reach the real one's servers."""
        base_host = urlsplit(self.base_url).hostname
        if base_host and not base_host.endswith("linkedin.com"):
            await page.route(lambda url: urlsplit(url).hostname != base_host, _abort)
        # LinkedIn's refusal page (999) runs a script that navigates away at once, and reading
        # the page can then fail ("the page is navigating"). Its answers are noted as they
        # arrive, so a page that could not be read still ends the run as blocked.
        page.on("response", lambda answer: self._note_answer(page, answer))

    def _note_answer(self, page, answer) -> None:
        if answer.request.is_navigation_request() and answer.frame == page.main_frame:
            self.answers.setdefault(page, []).append((answer.status, answer.url))

    # -- reading pages ------------------------------------------------------------------------

    async def parse_search(self, response):
        html = await self._settle(response, SEARCH_READY, scroll=True)
        if self._stop_if_blocked(response, html):
            return
        now = datetime.now(UTC)
        for card in parse_search_results(html, now=now, viewer_tz=self.viewer_tz):
            known = self.store.get_event(card.id)
            event = fill(known, card, CARD_FRESH) if known else card
            self.gathered[card.id] = event
            yield event
            if card.id not in self.queued_ids and not (known and known.description):
                self.queued_ids.add(card.id)
                self.found.append(("event", f"{self.base_url}/events/{card.id.split(':')[1]}/"))
        request = self._next_request()
        if request is not None:
            yield request

    async def parse_event(self, response):
        html = await self._settle(response, EVENT_READY)
        if self._stop_if_blocked(response, html):
            return
        event = parse_event_page(
            html, url=response.url, now=datetime.now(UTC), viewer_tz=self.viewer_tz
        )
        if event is None:
            self.report.problems.append(f"no event on {_path(response.url)}")
        else:
            if "data-event-id" not in html:
                self.report.problems.append(
                    f"LinkedIn showed {_path(response.url)} as to a visitor who is not signed "
                    "in: the saved session may have expired (`meetscout linkedin login`)."
                )
            earlier = self.gathered.get(event.id) or self.store.get_event(event.id)
            event = fill(earlier, event) if earlier else event
            self.gathered[event.id] = event
            yield event
        request = self._next_request()
        if request is not None:
            yield request

    async def failed(self, failure):
        request = failure.request
        page = request.meta.get("playwright_page")
        if page is not None:
            await page.close()
        for status, url in self.answers.pop(page, []):
            found = blocked_answer(status, url, None)
            if found is not None:
                self._block(found)
                return
        message = (failure.getErrorMessage() or "error").splitlines()[0]
        self.report.problems.append(f"could not load {_path(request.url)}: {message}")
        follow = self._next_request()
        if follow is not None:
            yield follow

    async def _settle(self, response, ready: str, scroll: bool = False) -> str:
        """The page's HTML once it shows what we came for (or a refusal), read from the browser."""
        page = response.meta.get("playwright_page")
        if page is None:
            return response.text
        try:
            if blocked_answer(response.status, response.url, None) is None:
                # Not there in time: the content check that follows decides what it was.
                with contextlib.suppress(Exception):
                    await page.wait_for_selector(ready, timeout=self.settle_ms)
                if scroll:
                    for _ in range(3):  # search results load more as a person scrolls
                        await page.mouse.wheel(0, 1600)
                        await page.wait_for_timeout(250)
            return await page.content()
        except Exception:
            return response.text
        finally:
            self.answers.pop(page, None)
            await page.close()

    def _stop_if_blocked(self, response, html: str) -> bool:
        found = blocked_answer(response.status, response.url, html)
        if found is None:
            return False
        self._block(found)
        return True

    def _block(self, found) -> None:
        self.report.blocked.append(found.reason)
        if found.wait:
            self.store.block_until(SITE, datetime.now(UTC) + found.wait)
        self.frontier.clear()
        self.found.clear()

    def closed_store(self, spider, reason) -> None:
        store = getattr(self, "store", None)
        if store is not None:
            store.close()


async def _abort(route) -> None:
    await route.abort()


def _as_list(value: list[str] | str | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [v for v in value if v and v.strip()]


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
