"""What the Meetup spiders share: the site's address, event pages, merging and reporting."""

from __future__ import annotations

import os

import scrapy
from scrapy.http import Response

from meetscout.identify import MEETUP, check_base_url, identify
from meetscout.model import Event, Status
from meetscout.sources.jsonld import parse_jsonld_events
from meetscout.sources.meetup_blocks import detect_blocked
from meetscout.sources.meetup_ical import TRUNCATED
from meetscout.sources.meetup_nextdata import parse_next_data

from .report import CrawlReport
from .settings import DOWNLOADER_MIDDLEWARES
from .stored import StoredMeetings

BASE_URL_ENV = "MEETSCOUT_MEETUP_BASE_URL"
# Answers a callback must see to report them (redirects are still followed: a login wall is a
# redirect, and its target is what tells us so).
REPORTED_STATUSES = [400, 401, 403, 404, 410, 429, 500, 502, 503, 504, 999]

# Our own retry middleware replaces Scrapy's: it backs off and honours Retry-After.
MEETUP_SETTINGS = {
    "DOWNLOADER_MIDDLEWARES": {
        **DOWNLOADER_MIDDLEWARES,
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "meetscout.spiders.middlewares.BackoffRetryMiddleware": 550,
    },
}


def meetup_base_url(base_url: str | None = None) -> str:
    """--base-url, else $MEETSCOUT_MEETUP_BASE_URL, else meetscout.toml's, else meetup.com."""
    if not base_url:
        base_url = os.environ.get(BASE_URL_ENV)
    if not base_url:
        try:
            from meetscout.config import load_config

            base_url = load_config().meetup.base_url
        except ValueError:
            base_url = None
    return check_base_url(base_url or MEETUP).rstrip("/")


def merge_events(known: Event, found: Event) -> Event:
    """`found` (a fuller source) over `known`, keeping what only `known` had.

    A truncated text never replaces a whole one, and "cancelled" from either source stands.
    """
    update = {
        name: value
        for name, value in found
        if value is not None and name not in ("first_seen", "last_seen", "assessment", "topics")
    }
    if found.topics:
        update["topics"] = found.topics
    text, old = found.description, known.description
    if text and old and text.rstrip().endswith(TRUNCATED) and not old.rstrip().endswith(TRUNCATED):
        update["description"] = old
    if Status.cancelled in (known.status, found.status):
        update["status"] = Status.cancelled
    return known.model_copy(update=update)


class MeetupSpider(scrapy.Spider):
    """Base for spiders reading meetup.com or a local copy of it (`base_url`)."""

    custom_settings = MEETUP_SETTINGS

    def __init__(self, base_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.base_url = meetup_base_url(base_url)
        self.report = CrawlReport()
        self.run_args = {"base_url": self.base_url}
        # What the database holds already (spiders/stored.py), once the store pipeline opened it.
        self.stored: StoredMeetings | None = None

    # -- addresses --

    def site_url(self, path_or_url: str) -> str:
        """Where to fetch a page: a public meetup.com URL or a path, moved onto the base URL."""
        if path_or_url.startswith(MEETUP):
            path_or_url = path_or_url[len(MEETUP) :]
        return self.base_url + path_or_url

    @staticmethod
    def canonical(url: str) -> str:
        """The public URL of a page fetched from wherever the base URL points."""
        ident = identify(url, assume="meetup")
        return ident.url if ident else url

    # -- reporting --

    def blocked(self, response: Response, what: str) -> bool:
        text = response.text if hasattr(response, "text") else ""
        reason = detect_blocked(response.status, response.url, text)
        if reason:
            self.report.blocked.append(f"Meetup {what}: {reason}")
            return True
        return False

    def count_invalid(self, errors: list[str], where: str) -> None:
        if errors:
            self.report.invalid += len(errors)
            for error in errors[:3]:
                self.logger.warning("skipped an item on %s: %s", where, error)

    def kept_as_known(self, event: Event) -> Event:
        """A listing's event whose own page could not be read: what the listing said over what
        is stored, so a thin feed entry never wipes a stored description or place."""
        stored = self.stored.event(event.id) if self.stored else None
        return merge_events(stored, event) if stored else event

    # -- event pages --

    def event_from_page(self, response: Response, known: Event | None) -> Event | None:
        """The event on an event page, merged over what we knew; None when the page has none."""
        url = self.canonical(response.url)
        errors: list[str] = []
        found = None
        try:
            page = parse_next_data(response.text, url=url, errors=errors)
            wanted = known.id if known else None
            found = next((e for e in page.events if wanted in (None, e.id)), None)
        except ValueError:
            page = None
        if found is None:
            # The page's own data is missing or unreadable: fall back on its JSON-LD.
            target = known.id if known else identify(url, assume="meetup")
            target_id = target if isinstance(target, str) else (target.id if target else None)
            found = next(
                (e for e in parse_jsonld_events(response.text, url=url) if e.id == target_id),
                None,
            )
        self.count_invalid(errors, url)
        if found is None:
            return known
        return merge_events(known, found) if known else found

    def parse_event(self, response: Response):
        """One event page read on its own (search results, listed URLs)."""
        url = self.canonical(response.url)
        if self.blocked(response, f"event page {url}"):
            return
        if response.status != 200:
            self.report.problems.append(f"Meetup event page {url} answered HTTP {response.status}")
            return
        event = self.event_from_page(response, None)
        if event is None:
            self.report.problems.append(f"Meetup event page {url} has no recognisable data")
            return
        yield event
