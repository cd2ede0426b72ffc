"""`meetup_search`: Meetup's client-rendered event search in a real browser, then each event page.

`/find/?source=EVENTS&keywords=…&location=…` sends about nine results in its HTML and loads more
by script as the page scrolls. Chromium (through scrapy-playwright) scrolls until no new results
come or `limit` is reached; results overlap between batches, so they are de-duplicated by event
id. Event pages are then read with plain HTTP requests: a browser page costs ~150 times as much.
"""

from __future__ import annotations

from urllib.parse import urlencode

from scrapy import Request
from scrapy.http import Response

from meetscout.browser import QUIET_ARGS, ensure_chromium
from meetscout.identify import identify

from .meetup_base import REPORTED_STATUSES, MeetupSpider

RESULT_LINKS = 'a[href*="/events/"]'
HEAVY = frozenset({"image", "font", "media"})


def abort_heavy(request) -> bool:
    """Images, fonts and media are not needed to read results (PLAYWRIGHT_ABORT_REQUEST)."""
    return request.resource_type in HEAVY


class MeetupSearchSpider(MeetupSpider):
    name = "meetup_search"

    def __init__(
        self,
        keywords: str = "",
        location: str | None = None,
        limit: int | str = 100,
        scroll_wait: float | str = 5.0,
        base_url: str | None = None,
        **kwargs,
    ):
        super().__init__(base_url=base_url, **kwargs)
        if not keywords or not str(keywords).strip():
            raise ValueError("meetup_search needs keywords")
        self.keywords = str(keywords).strip()
        self.location = location
        self.limit = max(1, int(limit))
        self.scroll_wait = float(scroll_wait)  # seconds to wait for a batch after a scroll
        self.run_args.update(keywords=self.keywords, location=location, limit=self.limit)

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
        settings.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, priority="spider")
        settings.set("PLAYWRIGHT_BROWSER_TYPE", "chromium", priority="spider")
        settings.set("PLAYWRIGHT_ABORT_REQUEST", f"{__name__}.abort_heavy", priority="spider")
        if not settings.get("PLAYWRIGHT_LAUNCH_OPTIONS"):
            settings.set(
                "PLAYWRIGHT_LAUNCH_OPTIONS",
                {
                    "executable_path": str(ensure_chromium()),
                    "headless": True,
                    "args": [*QUIET_ARGS, "--blink-settings=imagesEnabled=false"],
                },
                priority="spider",
            )

    def search_url(self) -> str:
        query = {"source": "EVENTS", "keywords": self.keywords}
        if self.location:
            query["location"] = self.location
        return self.site_url("/find/?" + urlencode(query))

    async def start(self):
        yield Request(
            self.search_url(),
            callback=self.parse_search,
            errback=self.search_failed,
            dont_filter=True,
            meta={
                "playwright": True,
                "playwright_include_page": True,
                "playwright_context": "search",
                "playwright_context_kwargs": {
                    "viewport": {"width": 1280, "height": 900},
                    "user_agent": self.settings.get("USER_AGENT"),
                    "java_script_enabled": True,
                },
                "handle_httpstatus_list": REPORTED_STATUSES,
            },
        )

    async def parse_search(self, response: Response):
        page = response.meta["playwright_page"]
        try:
            if self.blocked(response, "search"):
                return
            if response.status != 200:
                self.report.problems.append(f"Meetup search answered HTTP {response.status}")
                return
            found = await self._scroll(page)
        finally:
            await page.close()
        if not found:
            self.report.problems.append(
                f"Meetup search for {self.keywords!r} showed no event results"
            )
        for url in list(found.values())[: self.limit]:
            yield Request(
                self.site_url(url),
                callback=self.parse_event,
                errback=self.event_failed,
                meta={"handle_httpstatus_list": REPORTED_STATUSES},
            )

    async def _scroll(self, page) -> dict[str, str]:
        """Scroll until the results stop growing (twice in a row) or the limit is reached."""
        found: dict[str, str] = {}
        quiet = 0
        while len(found) < self.limit and quiet < 2:
            hrefs = await page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
            before = len(found)
            for href in hrefs:
                ident = identify(href, assume="meetup")
                if ident and ident.kind == "event" and ident.id:
                    found.setdefault(ident.id, ident.url)
            shown = len(hrefs)
            await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            try:
                await page.wait_for_function(
                    f"n => document.querySelectorAll('{RESULT_LINKS}').length > n",
                    arg=shown,
                    timeout=self.scroll_wait * 1000,
                )
                quiet = 0 if len(found) > before or before == 0 else quiet
            except Exception:  # Playwright's TimeoutError: nothing more came
                quiet += 1
        return dict(list(found.items())[: self.limit])

    def search_failed(self, failure):
        self.report.problems.append(f"Meetup search failed: {failure.getErrorMessage()}")

    def event_failed(self, failure):
        self.report.problems.append(
            f"Meetup event page {failure.request.url}: {failure.getErrorMessage()}"
        )
