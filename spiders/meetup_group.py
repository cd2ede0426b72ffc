"""`meetup_group`: a group's iCal feed and events page, and event pages where those fall short.

For each urlname: the feed (`/<urlname>/events/ical/`) lists every upcoming event; the events page
(`/<urlname>/events/`) has the group's facts and the first 10-30 events in full. An event the feed
cut short (or gave no place) that the events page does not show is read from its own page. When
the feed or a complete events page listed the group's upcoming events, any stored upcoming event
of that group missing from the list is marked cancelled by the store pipeline, when the listing
is believable (it still shows some of the group's other stored meetings). When it is not (it
shows none of them), each missing meeting's own page decides (at most OWN_PAGES_PER_GROUP a
crawl): gone (404, 410) or saying cancelled, it is cancelled; still on, or unreadable, it is
kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scrapy import Request
from scrapy.http import Response

from meetscout.identify import is_meetup_urlname, meetup_group_id
from meetscout.model import Event, Status
from meetscout.sources.meetup_blocks import group_not_found
from meetscout.sources.meetup_ical import needs_page, parse_ical
from meetscout.sources.meetup_nextdata import parse_next_data

from .group_time import META_KEY, GroupOutOfTime
from .meetup_base import MEETUP_SETTINGS, REPORTED_STATUSES, MeetupSpider, merge_events

# At most this many vanished meetings' own pages are read per group and crawl: a listing that
# suddenly lost hundreds is checked a part at a time, crawl after crawl.
OWN_PAGES_PER_GROUP = 20
GONE = (404, 410)


@dataclass
class _GroupCrawl:
    urlname: str
    feed: dict[str, Event] | None = None  # None: the feed could not be read
    feed_name: str | None = None
    feed_unreadable: int = 0  # feed entries that could not be read: the feed is not whole
    events: dict[str, Event] = field(default_factory=dict)


def _urlnames(value) -> list[str]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    names = [v.strip().strip("/") for v in value or [] if v and v.strip().strip("/")]
    return list(dict.fromkeys(names))


class MeetupGroupSpider(MeetupSpider):
    name = "meetup_group"
    custom_settings = {
        **MEETUP_SETTINGS,
        "DOWNLOADER_MIDDLEWARES": {
            **MEETUP_SETTINGS["DOWNLOADER_MIDDLEWARES"],
            "meetscout.spiders.group_time.GroupTimeMiddleware": 360,
        },
        "DOWNLOAD_HANDLERS": {
            "http": "meetscout.spiders.group_time.DeadlineDownloadHandler",
            "https": "meetscout.spiders.group_time.DeadlineDownloadHandler",
        },
    }

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        # meetscout.toml's limit, unless the command line (or a test) set one.
        limit = group_time_limit()
        if limit is not None:
            settings.set("GROUP_TIME_LIMIT", limit, priority="spider")

    def __init__(self, urlnames=None, base_url: str | None = None, **kwargs):
        super().__init__(base_url=base_url, **kwargs)
        names = _urlnames(urlnames)
        # Only Meetup urlnames become paths: "../../etc" would reach outside the site.
        self.urlnames = [n for n in names if is_meetup_urlname(n)]
        for name in names:
            if name not in self.urlnames:
                self.report.problems.append(f"{name!r} is not a Meetup group name; skipped it")
        self.run_args["urlnames"] = self.urlnames

    async def start(self):
        for urlname in self.urlnames:
            yield self._request(
                f"/{urlname}/events/ical/", self.parse_feed, _GroupCrawl(urlname), "feed"
            )

    def _request(self, path: str, callback, crawl: _GroupCrawl, what: str, **meta) -> Request:
        meta["handle_httpstatus_list"] = REPORTED_STATUSES
        return Request(
            self.site_url(path),
            callback=callback,
            errback=self.failed,
            meta={
                "crawl": crawl,
                "what": what,
                META_KEY: crawl.urlname,  # the group's time bounds the request
                "handle_httpstatus_list": REPORTED_STATUSES,
                **meta,
            },
            dont_filter=True,
        )

    # -- the feed --

    def parse_feed(self, response: Response):
        crawl: _GroupCrawl = response.meta["crawl"]
        text = response.text if hasattr(response, "text") else ""
        if group_not_found(response.status, text):
            self.report.group_missing(crawl.urlname)
            return
        if not self.blocked(response, f"iCal feed of '{crawl.urlname}'"):
            if response.status != 200:
                self.report.problems.append(
                    f"Meetup iCal feed of '{crawl.urlname}' answered HTTP {response.status}"
                )
            else:
                errors: list[str] = []
                try:
                    events = parse_ical(text, urlname=crawl.urlname, errors=errors)
                    crawl.feed = {e.id: e for e in events}
                except ValueError as exc:
                    self.report.problems.append(
                        f"Meetup iCal feed of '{crawl.urlname}' has no events data: {exc}"
                    )
                self.count_invalid(errors, response.url)
                crawl.feed_unreadable = len(errors)
        yield self._request(f"/{crawl.urlname}/events/", self.parse_group_page, crawl, "page")

    # -- the events page --

    def parse_group_page(self, response: Response):
        crawl: _GroupCrawl = response.meta["crawl"]
        text = response.text if hasattr(response, "text") else ""
        page = None
        if group_not_found(response.status, text):
            self.report.group_missing(crawl.urlname)
        elif self.blocked(response, f"events page of '{crawl.urlname}'"):
            pass
        elif response.status != 200:
            self.report.problems.append(
                f"Meetup events page of '{crawl.urlname}' answered HTTP {response.status}"
            )
        else:
            errors: list[str] = []
            try:
                page = parse_next_data(text, url=self.canonical(response.url), errors=errors)
            except ValueError as exc:
                self.report.problems.append(
                    f"Meetup events page of '{crawl.urlname}' has no recognisable data: {exc}"
                )
            if page is not None and page.group is None and not page.events:
                self.report.problems.append(
                    f"Meetup events page of '{crawl.urlname}' has no recognisable data: "
                    "neither the group nor any event"
                )
                page = None
            self.count_invalid(errors, response.url)
        yield from self._finish_listing(crawl, page)

    def _finish_listing(self, crawl: _GroupCrawl, page):
        group_id = meetup_group_id(crawl.urlname)
        if page is not None and page.group is not None:
            yield page.group
        page_events = {e.id: e for e in page.events} if page else {}
        merged: dict[str, Event] = dict(crawl.feed or {})
        for event_id, event in page_events.items():
            known = merged.get(event_id)
            merged[event_id] = merge_events(known, event) if known else event
        self._record_listing(crawl, group_id, page)
        yield from self._check_vanished(crawl, group_id)
        for event_id, event in merged.items():
            if event_id not in page_events and needs_page(event):
                yield self._request(
                    event.url, self.parse_event_page, crawl, "event page", event=event
                )
            else:
                yield event

    def _record_listing(self, crawl: _GroupCrawl, group_id: str, page) -> None:
        """Say which upcoming events the group lists, when we saw the whole list."""
        if crawl.urlname in self.report.out_of_time:
            return  # a group left unfinished: its listing is no evidence
        complete_page = (
            page is not None and page.listed_upcoming is not None and not page.has_next_page
        )
        # A feed with entries we could not read does not say which meetings are gone.
        whole_feed = crawl.feed is not None and not crawl.feed_unreadable
        if crawl.feed_unreadable:
            self.report.problems.append(
                f"Meetup iCal feed of '{crawl.urlname}': {crawl.feed_unreadable} entries could "
                "not be read, so no meeting is taken as cancelled from it"
            )
        if not whole_feed and not complete_page:
            return
        listed: set[str] = set()
        if whole_feed:
            listed |= {i for i, e in crawl.feed.items() if e.group_id == group_id}
        if page is not None and page.listed_upcoming:
            listed |= set(page.listed_upcoming)
        self.report.listed[group_id] = listed

    # -- the own pages of meetings a listing no longer shows --

    def _check_vanished(self, crawl: _GroupCrawl, group_id: str):
        """A listing that shows none of the group's stored upcoming meetings is no evidence that
        they were called off: read their own pages instead."""
        listed = self.report.listed.get(group_id)
        if listed is None or self.stored is None:
            return
        known = self.stored.upcoming_ids(group_id)
        vanished = known - listed
        if not vanished or known & listed:
            return  # nothing missing, or a believable listing: the store pipeline decides
        meetings = [m for m in map(self.stored.event, vanished) if m is not None]
        meetings.sort(key=lambda m: (m.starts_at, m.id))
        for meeting in meetings[:OWN_PAGES_PER_GROUP]:
            yield self._request(meeting.url, self.parse_own_page, crawl, "own page", event=meeting)
        if len(meetings) > OWN_PAGES_PER_GROUP:
            self.report.problems.append(
                f"Meetup group '{crawl.urlname}': read the own pages of the first "
                f"{OWN_PAGES_PER_GROUP} of {len(meetings)} meetings its listing no longer shows; "
                f"kept the other {len(meetings) - OWN_PAGES_PER_GROUP} as they were for a later "
                "crawl to check"
            )

    def parse_own_page(self, response: Response):
        """The page of a stored meeting its group's listing no longer shows."""
        stored: Event = response.meta["event"]
        text = response.text if hasattr(response, "text") else ""
        if response.status in GONE:
            self.report.cancelled_ids.add(stored.id)
            self.report.notes.append(
                f"{stored.url}: its page is gone (HTTP {response.status}); marked cancelled"
            )
            return
        if self.blocked(response, f"event page {stored.url}"):
            return
        found = None
        if response.status == 200 and text:
            found = self.event_from_page(response, None)
            if found is not None and found.id != stored.id:
                found = None
        if found is None:
            why = f"answered HTTP {response.status}" if response.status != 200 else "unreadable"
            self.report.problems.append(
                f"Meetup event page {stored.url}, of a meeting its group's listing no longer "
                f"shows, {why}; kept the meeting as it was"
            )
            return
        if found.status == Status.cancelled:
            self.report.cancelled_ids.add(stored.id)
            self.report.notes.append(f"{stored.url}: its page says it is cancelled")
            return
        self.report.still_on.add(stored.id)
        yield merge_events(stored, found)

    # -- event pages --

    def parse_event_page(self, response: Response):
        known: Event = response.meta["event"]
        if response.status != 200:
            if not self.blocked(response, f"event page {known.url}"):
                self.report.problems.append(
                    f"Meetup event page {known.url} answered HTTP {response.status}; "
                    "kept what the feed said"
                )
            yield self.kept_as_known(known)
            return
        if self.blocked(response, f"event page {known.url}"):
            yield self.kept_as_known(known)
            return
        yield self.event_from_page(response, known)

    def failed(self, failure):
        """A request that never got an answer: say so, and keep what we already had."""
        request = failure.request
        what = request.meta.get("what", "page")
        crawl: _GroupCrawl | None = request.meta.get("crawl")
        name = f"'{crawl.urlname}'" if crawl else ""
        if failure.check(GroupOutOfTime):  # said once for the group, by the middleware
            if crawl is not None:
                self.report.listed.pop(meetup_group_id(crawl.urlname), None)
        elif what == "own page":
            self.report.problems.append(
                f"Meetup event page {request.meta['event'].url}, of a meeting its group's "
                f"listing no longer shows: {failure.getErrorMessage()}; kept the meeting as it was"
            )
        else:
            self.report.problems.append(
                f"Meetup {what} {name} {request.url}: {failure.getErrorMessage()}".replace(
                    "  ", " "
                )
            )
        if what == "feed" and crawl is not None:
            yield self._request(f"/{crawl.urlname}/events/", self.parse_group_page, crawl, "page")
        elif what == "page" and crawl is not None:  # what the feed said still counts
            yield from self._finish_listing(crawl, None)
        elif what == "event page" and "event" in request.meta:
            yield self.kept_as_known(request.meta["event"])


def group_time_limit() -> float | None:
    """`[meetup] group_time_limit` from meetscout.toml, or None (no file, or one with mistakes:
    the command reading it says those)."""
    from meetscout.config import ConfigError, find_config, load_config

    if find_config() is None:
        return None
    try:
        return load_config().meetup.group_time_limit
    except ConfigError:
        return None
