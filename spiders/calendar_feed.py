"""`calendar_feed`: association chapter calendars, from a feed's address or a chapter's home page.

For each address: an iCalendar feed, The Events Calendar's API, a Wild Apricot RSS feed or a page
with schema.org events is read as what it is (meetscout/sources/calendars); a home page is first
searched for the calendars it publishes, and the best one found is read, the next one when that
fails. robots.txt is obeyed, at a polite pace, answers are capped in size, and the API is paged on
its own host only. A login page or a 401/403 where a calendar should be is `blocked`, never "no
meetings"; meetings a notice called off are reported as cancelled ids.

`find_only=True` reads the same way and stores nothing (`meetscout calendar find`).

Requests for feeds are conditional: the ETag and Last-Modified a server sent with a calendar read
in full are kept in the store per feed address (`spider.answer_validators` holds this crawl's),
and sent back as If-None-Match / If-Modified-Since, so an unchanged feed answers 304, costs one
small answer, is noted as unchanged and cancels nothing. Only validators from the last
VALIDATORS_KEEP are used: repeating meetings are expanded over days that move on, so a feed is
read in full at least that often even when it has not changed. (`validators` passes more.)

A calendar read whole (an iCalendar feed without problems, every page of The Events Calendar's
API) lists every meeting of its group in the days read: upcoming meetings of that group it no
longer lists are cancelled by the store pipeline's rule (`report.listed`). A page of schema.org
events or an RSS feed may show only the first few, so it cancels nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy
from scrapy import signals
from scrapy.http import Response

from meetscout.model import Event, Group
from meetscout.sources.calendars import (
    WINDOW_DAYS,
    CalendarRead,
    FoundFeed,
    NotACalendar,
    discover,
    parse_schema_events,
    read_calendar,
    site_name,
    sniff,
    window,
)
from meetscout.sources.meetup_blocks import detect_blocked
from meetscout.store import Store

from .meetup_base import MEETUP_SETTINGS, merge_events
from .pipelines import database_path
from .report import CrawlReport

# Answers a callback reads itself (a refusal is reported, and the next calendar found is tried).
HANDLED = [304, 400, 401, 403, 404, 410, 429, 500, 502, 503, 504]
MAX_PAGES = 20  # of The Events Calendar's API, 50 meetings each
VALIDATORS_KEEP = timedelta(hours=20)
# Reads that list every meeting of their calendar in the days read.
WHOLE_LISTINGS = ("ics", "tribe")
_FEED_ADDRESS = re.compile(r"\.ics(?:$|\?)|[?&]ical=1|/wp-json/|/RSS$|/basic\.ics$", re.I)
_PASSWORD_FIELD = re.compile(r"<input[^>]+type=[\"']password[\"']", re.I)


@dataclass
class _Task:
    """One address asked for, and the calendars found behind it that are still to try."""

    asked: str
    expect: str  # "feed" (an answer that is not a calendar is a problem) or "page"
    candidates: list[FoundFeed] = field(default_factory=list)
    site_name: str | None = None
    discovered: bool = False  # its page was searched for calendars once
    pages: int = 0
    read_any: bool = False
    # Ids of the meetings its calendar lists so far, by group; None once a read is not whole.
    listed: dict[str, set[str]] | None = field(default_factory=dict)


class CalendarFeedSpider(scrapy.Spider):
    name = "calendar_feed"

    custom_settings = {
        # Meetup's backing-off retries (Retry-After honoured) serve every site alike.
        **MEETUP_SETTINGS,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_MAXSIZE": 20 * 1024 * 1024,  # a feed larger than this is not a chapter's
        "DOWNLOAD_WARNSIZE": 5 * 1024 * 1024,
    }

    def __init__(
        self,
        urls=None,
        days: int = WINDOW_DAYS,
        start: str | None = None,
        find_only: bool = False,
        validators: dict | None = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.urls = _as_list(urls)
        self.days = int(days)
        # The first day read (default today): a date, so a crawl can be repeated as of a day.
        self.first_day = date.fromisoformat(str(start)) if start else None
        self.find_only = bool(find_only)
        self.validators = dict(validators or {})
        self.answer_validators: dict[str, dict[str, str]] = {}
        self.report = CrawlReport()
        self.run_args = {"urls": self.urls, "days": self.days, "start": start}
        self.reads: list[tuple[str, FoundFeed, CalendarRead]] = []  # (asked, feed, what it said)
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.close_store, signal=signals.spider_closed)
        return spider

    async def start(self):
        if not self.find_only:
            self.store = Store(database_path(self))
            kept = self.store.feed_validators(since=datetime.now(UTC) - VALIDATORS_KEEP)
            self.validators = {**kept, **self.validators}
        for raw in self.urls:
            url = _address(raw)
            if url is None:
                self.report.problems.append(f"{raw}: not a web address (http, https or webcal)")
                continue
            expect = "feed" if _FEED_ADDRESS.search(url) else "page"
            yield self._request(url, _Task(asked=raw, expect=expect))

    def _request(self, url: str, task: _Task, kind: str | None = None) -> scrapy.Request:
        headers = {}
        known = self.validators.get(url) or {}
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.failed,
            headers=headers,
            dont_filter=True,
            meta={"task": task, "kind": kind, "handle_httpstatus_list": HANDLED},
        )

    # -- answers --------------------------------------------------------------------------

    def parse(self, response: Response):
        task: _Task = response.meta["task"]
        if response.status == 304:
            self.report.notes.append(f"{task.asked}: unchanged since the last crawl")
            task.read_any = True
            task.listed = None  # nothing read, so nothing is known to have vanished
            return
        text = _text(response)
        expect_feed = task.expect == "feed" or response.meta.get("kind") not in (None, "page")
        refusal = detect_blocked(response.status, response.url, text if expect_feed else "")
        if refusal or response.status != 200:
            yield from self._next_or(task, refusal, f"answered HTTP {response.status}", response)
            return
        kind = sniff(text)
        if kind == "page":
            yield from self._page(response, task, text, expect_feed)
            return
        try:
            read = read_calendar(
                text, url=response.url, now=self._now(), days=self.days, site_name=task.site_name
            )
        except NotACalendar as exc:
            yield from self._next_or(task, None, f"is not a calendar: {exc}", response)
            return
        yield from self._deliver(task, response, kind, read)
        if read.next_url:
            yield from self._next_page(task, response.url, read.next_url)
        else:
            self._listed(task)

    def _page(self, response: Response, task: _Task, text: str, expect_feed: bool):
        """A web page: the calendars it points at, else the events it describes itself."""
        login = bool(_PASSWORD_FIELD.search(text))
        if expect_feed and login:
            yield from self._next_or(
                task, "answered with a login page, not the calendar", "", response
            )
            return
        task.site_name = task.site_name or site_name(text)
        if not task.discovered:
            task.discovered = True
            headers = {k.decode(): v[0].decode("latin-1") for k, v in response.headers.items() if v}
            found = [
                f for f in discover(text, url=response.url, headers=headers) if f.kind != "page"
            ]
            for feed in found:
                self.report.notes.append(f"{task.asked}: found {_describe(feed)}")
            if found:
                task.candidates = found[1:]
                yield self._request(
                    _with_window(found[0], self.days, self._now().date()), task, found[0].kind
                )
                return
        read = parse_schema_events(text, url=response.url, now=self._now(), days=self.days)
        if read.events or read.cancelled:
            self.report.notes.append(f"{task.asked}: found schema.org events in the page itself")
            yield from self._deliver(task, response, "page", read)
        elif task.candidates or login:
            yield from self._next_or(
                task,
                "answered with a login page, no calendar" if login else None,
                "is a web page without meetings",
                response,
            )
        elif expect_feed:
            self.report.problems.append(
                f"{task.asked}: {response.url} is a web page, not a calendar feed"
            )
        else:
            self.report.problems.append(
                f"{task.asked}: shows no calendar (no calendar feed, no The Events Calendar "
                "API, no schema.org events); give the address of its calendar feed"
            )

    def _next_or(self, task: _Task, refusal: str | None, trouble: str, response: Response):
        """Try the next calendar found for this address, else say why there is none."""
        where = response.url if response.url != task.asked else ""
        if task.candidates:
            self.report.notes.append(
                f"{task.asked}: {where or 'the calendar'} {refusal or trouble}; trying the next"
            )
            feed = task.candidates.pop(0)
            yield self._request(_with_window(feed, self.days, self._now().date()), task, feed.kind)
        elif refusal:
            self.report.blocked.append(
                f"{task.asked}: {refusal}" + (f" ({where})" if where else "")
            )
        else:
            self.report.problems.append(f"{task.asked}: {where + ' ' if where else ''}{trouble}")

    def _deliver(self, task: _Task, response: Response, kind: str, read: CalendarRead):
        task.read_any = True
        self.reads.append((task.asked, FoundFeed(response.url, kind, ""), read))
        self.report.problems.extend(read.problems)
        self.report.warnings.extend(read.warnings)
        if self.find_only:
            return
        self._keep_validators(response)
        self._note_listed(task, kind, read)
        self.report.cancelled_ids |= read.cancelled
        if read.group is not None and self._may_store(read.group):
            yield read.group
        for event in read.events:
            yield self._merged(event)

    def _may_store(self, group: Group) -> bool:
        """A calendar's own group always; a Meetup group only if no Meetup crawl stored it (a
        feed knows less than the group's page, and an upsert replaces the whole row)."""
        return group.source == "calendar" or self.store.get_group(group.id) is None

    def _merged(self, event: Event) -> Event:
        """A Meetup or LinkedIn meeting met in a calendar keeps what its own crawl stored."""
        if event.source == "calendar":
            return event
        known = self.store.get_event(event.id)
        return merge_events(known, event) if known else event

    def _note_listed(self, task: _Task, kind: str, read: CalendarRead) -> None:
        group = read.group
        whole = kind in WHOLE_LISTINGS and not read.problems
        # A Meetup group's feed read here is the Meetup crawl's to judge, with its own rules.
        if task.listed is None or group is None or group.source != "calendar":
            return
        if not whole:
            task.listed = None
            return
        task.listed.setdefault(group.id, set()).update(e.id for e in read.events)
        task.listed[group.id] |= read.cancelled

    def _listed(self, task: _Task) -> None:
        """A calendar read to its end: hand its listing to the pipeline's vanished rule."""
        if not task.listed:
            return
        start, end = window(self._now(), self.days)
        for group_id, ids in task.listed.items():
            self.report.listed.setdefault(group_id, set()).update(ids)
            self.report.listed_window[group_id] = (start, end)
        task.listed = None

    def _next_page(self, task: _Task, url: str, following: str):
        task.pages += 1
        if urlsplit(following).netloc.lower() != urlsplit(url).netloc.lower():
            self.report.problems.append(f"{task.asked}: next page on another host; not followed")
        elif task.pages >= MAX_PAGES:
            self.report.problems.append(
                f"{task.asked}: stopped after {MAX_PAGES} pages of The Events Calendar's API"
            )
        else:
            yield self._request(following, task, "tribe")

    def failed(self, failure):
        """No answer at all (unreachable, too large, disallowed by robots.txt)."""
        request = failure.request
        task: _Task = request.meta["task"]
        message = (failure.getErrorMessage() or type(failure.value).__name__).splitlines()[0]
        if "robots.txt" in message.lower() or type(failure.value).__name__ == "IgnoreRequest":
            message = "robots.txt asks crawlers not to read it"
        if task.candidates:
            self.report.notes.append(f"{task.asked}: {request.url}: {message}; trying the next")
            feed = task.candidates.pop(0)
            yield self._request(_with_window(feed, self.days, self._now().date()), task, feed.kind)
        elif "robots.txt" in message:
            self.report.blocked.append(f"{task.asked}: {request.url}: {message}")
        else:
            self.report.problems.append(f"{task.asked}: {request.url}: {message}")

    def _keep_validators(self, response: Response) -> None:
        """The server's validators of a calendar read in full, under the address asked for
        (before any redirect), which is what the next crawl asks for again."""
        kept = {}
        for header, key in (("ETag", "etag"), ("Last-Modified", "last_modified")):
            value = response.headers.get(header)
            if value:
                kept[key] = value.decode("latin-1")
        if kept:
            asked = (response.meta.get("redirect_urls") or [response.url])[0]
            self.answer_validators[asked] = kept

    def _now(self) -> datetime:
        if self.first_day is None:
            return datetime.now(UTC)
        return datetime.combine(self.first_day, time(12), UTC)

    def close_store(self, spider, reason) -> None:
        if self.store is None:
            return
        try:
            if self.answer_validators:
                self.store.save_feed_validators(self.answer_validators)
        finally:
            self.store.close()


def _as_list(value) -> list[str]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return list(dict.fromkeys(v.strip() for v in value or [] if v and v.strip()))


def _address(raw: str) -> str | None:
    """An http(s) address from what the person typed: webcal:// is HTTPS, a bare host gets it."""
    raw = raw.strip()
    if raw.lower().startswith("webcal://"):
        raw = "https://" + raw[len("webcal://") :]
    elif "://" not in raw and "." in raw.split("/", 1)[0]:
        raw = "https://" + raw
    parts = urlsplit(raw)
    return raw if parts.scheme in ("http", "https") and parts.netloc else None


def _text(response: Response) -> str:
    """The answer as text whatever it was labelled (feeds come as text/plain or octet-stream)."""
    text = getattr(response, "text", None)
    if isinstance(text, str):
        return text
    return response.body.decode("utf-8-sig", errors="replace")


def _with_window(feed: FoundFeed, days: int, today: date) -> str:
    """The Events Calendar's API asked for the days read, fifty meetings a page."""
    if feed.kind != "tribe":
        return feed.url
    parts = urlsplit(feed.url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("start_date", (today - timedelta(days=1)).isoformat())
    query.setdefault("end_date", (today + timedelta(days=days)).isoformat())
    query.setdefault("per_page", "50")
    return urlunsplit(parts._replace(query=urlencode(query)))


def _describe(feed: FoundFeed) -> str:
    what = {
        "tribe": "The Events Calendar's API",
        "ics": "an iCalendar feed",
        "wild_apricot": "a Wild Apricot event feed",
    }.get(feed.kind, "a calendar")
    return f"{what} at {feed.url} ({feed.how})"
