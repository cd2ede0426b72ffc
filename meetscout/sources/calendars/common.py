"""What every chapter-calendar reader shares: the result of one read, the calendar's group, ids,
the window of days read, and the rules that tell a meeting from a notice that there is none.

A chapter's calendar (an ICS feed, The Events Calendar's API, a page with schema.org events, a
Wild Apricot RSS feed) is one group: a chamber's or a chapter's group judgement then helps judge
its meetings, as for a Meetup group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ...identify import canonical_url, ical_event_id, identify
from ...model import Event, Group, Status, Venue
from ..meetup_fields import clean_venue
from ..text import says_called_off, says_no_meeting

SOURCE = "calendar"
WINDOW_DAYS = 120
# More meetings than any chapter holds in the window: a city-wide aggregator, or a broken feed.
MAX_EVENTS = 5000
# Hosts that serve many organisations' calendars: there the path names the calendar, not the host.
SHARED_HOSTS = frozenset(
    {
        "calendar.google.com",
        "outlook.office365.com",
        "outlook.office.com",
        "outlook.live.com",
        "meetup.com",
        "eventbrite.com",
        "calendar.yahoo.com",
        "calendar.zoho.com",
    }
)
_ONLINE_PLACE = re.compile(
    r"\b(?:zoom|teams meeting|microsoft teams|google meet|webex|gotomeeting|webinar|online|"
    r"virtual)\b|https?://",
    re.I,
)
_LOOPBACK = re.compile(r"^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?$")
# "5:30 PM", "6 pm", "7:15 p.m." in a description: what the organiser wrote the time as.
_CLOCK = re.compile(r"\b(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])\.?\s*m\b\.?", re.I)


class NotACalendar(ValueError):
    """The text is not in the format asked for at all (an HTML page where a feed should be)."""


@dataclass
class CalendarRead:
    """What one feed or page said: meetings to store, and what it said beyond them."""

    kind: str  # "ics", "tribe", "wild_apricot", "schema.org"
    events: list[Event] = field(default_factory=list)
    group: Group | None = None
    # Meetings called off: ids of occurrences a notice replaced, or entries marked cancelled.
    cancelled: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)  # kept, but worth a look
    problems: list[str] = field(default_factory=list)  # something was left out
    next_url: str | None = None  # the next page of a paged answer (The Events Calendar's API)


@dataclass
class Entry:
    """One occurrence as read, before the notices among them are settled."""

    event: Event
    notice: bool = False  # "NO CLUB MEETING", "CANCELLED – …", STATUS:CANCELLED: not a meeting
    days: tuple[date, date] | None = None  # an all-day entry's days (end exclusive)


def site_key(url: str) -> str:
    """The part of an address that names a calendar: the host, or host and path on a host that
    serves many organisations (Google Calendar, Outlook, Meetup, Eventbrite)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    if host in SHARED_HOSTS:
        return host + parts.path.rstrip("/")
    if _LOOPBACK.match(host):
        # Local copies of several sites on one server (tests, the demo): a path each.
        return host + "/" + parts.path.strip("/").split("/", 1)[0]
    return host


def calendar_group(
    url: str, name: str | None, *, timezone: str | None = None, description: str | None = None
) -> Group:
    """The group a calendar stands for. A Meetup group's feed is that Meetup group."""
    ident = identify(url)
    if ident is not None and ident.kind == "group" and ident.id:
        return Group(id=ident.id, source=ident.source, url=ident.url, name=name or ident.url,
                     timezone=timezone, description=description)  # fmt: skip
    try:
        home = canonical_url(url)
    except ValueError:
        home = url
    return Group(
        id=f"calendar:{site_key(url)}",
        source=SOURCE,
        url=home,
        name=name or site_key(url),
        timezone=timezone,
        description=description,
    )


def entry_id(key: str) -> str:
    """The stored id of a calendar entry from its stable key (never from its title or times)."""
    return ical_event_id(key)


def tribe_key(host: str, post_id: object) -> str:
    """The Events Calendar names each meeting by its WordPress post id, in its feed and its API
    alike; a moved meeting keeps it."""
    return f"tribe:{host.lower().removeprefix('www.')}/{post_id}"


def window(now: datetime, days: int = WINDOW_DAYS) -> tuple[datetime, datetime]:
    """From a day ago (a meeting under way today still counts) to `days` ahead."""
    return now - timedelta(days=1), now + timedelta(days=days)


def within(entries: Iterable[Entry], now: datetime | None, days: int) -> list[Entry]:
    """The entries in the days read (as an iCalendar feed's are): a page or RSS feed may list a
    year ahead, or meetings long past. An entry without a start is kept."""
    start, end = window(now or datetime.now(UTC), days)
    return [
        e
        for e in entries
        if e.event.starts_at is None
        or (e.event.starts_at <= end and (e.event.ends_at or e.event.starts_at) >= start)
    ]


def is_notice(title: str | None, description: str | None = None) -> bool:
    """A calendar entry that says a meeting will not happen rather than being one."""
    return says_no_meeting(title) or says_called_off(title)


def place(location: str | None) -> tuple[Venue | None, bool | None]:
    """(venue, online?) from a calendar's one-line LOCATION: "Name, street, city, ST zip, USA"."""
    text = " ".join((location or "").split())
    if not text:
        return None, None
    if _ONLINE_PLACE.search(text):
        return None, True
    name, _, address = text.partition(",")
    venue, online = clean_venue(name, address.strip() or None)
    if online:
        return None, True
    return (venue, False) if venue else (None, None)


def settle(read: CalendarRead, entries: Iterable[Entry], *, label: str) -> CalendarRead:
    """Turn entries into meetings: notices cancel what they replace and are not stored; the
    soonest MAX_EVENTS are kept; a listed time the description contradicts is pointed out."""
    entries = list(entries)
    notices = [e for e in entries if e.notice or e.event.status == Status.cancelled]
    meetings = {}
    for entry in entries:
        if entry.notice or entry.event.status == Status.cancelled:
            continue
        meetings.setdefault(entry.event.id, entry.event)  # a feed may repeat an entry
    for notice in notices:
        # An override's id is the occurrence it replaces; a notice of its own (a whole series of
        # "NO CLUB MEETING", an all-day "no meeting this week") replaces what it stands on.
        read.cancelled.add(notice.event.id)
        for event_id in [i for i, e in meetings.items() if _covers(notice, e)]:
            read.cancelled.add(event_id)
            del meetings[event_id]
    events = sorted(meetings.values(), key=_start_key)
    if len(events) > MAX_EVENTS:
        read.problems.append(
            f"{label} lists {len(events):,} meetings in the days read, more than a chapter's "
            f"calendar holds; kept the {MAX_EVENTS:,} soonest."
        )
        events = events[:MAX_EVENTS]
    read.events = events
    mismatched = [w for w in (time_disagrees(e) for e in events) if w]
    for line in mismatched[:5]:
        read.warnings.append(f"{label}: {line}")
    if len(mismatched) > 5:
        read.warnings.append(f"{label}: {len(mismatched) - 5} more meetings like that.")
    return read


def _covers(notice: Entry, event: Event) -> bool:
    """Does this notice stand where `event` would be: the same start, or its all-day span?"""
    if event.starts_at is None:
        return False
    if notice.days is not None:
        zone = ZoneInfo(event.timezone) if event.timezone else None
        day = (event.starts_at.astimezone(zone) if zone else event.starts_at).date()
        return notice.days[0] <= day < notice.days[1]
    return notice.event.starts_at == event.starts_at


def _start_key(event: Event) -> tuple[int, str]:
    return (0, event.starts_at.isoformat()) if event.starts_at else (1, event.id)


def time_disagrees(event: Event) -> str | None:
    """A sentence when the description states clock times and none is the listed start: a site
    set to the wrong zone (a WordPress site left on UTC lists a 5:30 PM meeting at 05:30)."""
    if event.starts_at is None or not event.description or not event.timezone:
        return None  # without a zone (Wild Apricot's RSS) the listed wall time is unknown
    zone = event.timezone
    local = event.starts_at.astimezone(ZoneInfo(zone))
    if local.hour == 0 and local.minute == 0:
        return None  # an all-day entry
    said = []
    for hour, minute, half in _CLOCK.findall(event.description[:2000])[:4]:
        h = int(hour) % 12 + (12 if half.lower() == "p" else 0)
        said.append((h, int(minute or 0)))
    if not said or (local.hour, local.minute) in said:
        return None
    first = _CLOCK.search(event.description).group(0)
    return (
        f"{event.title!r} on {local:%Y-%m-%d} is listed at {local:%H:%M} {zone} but its "
        f"description says {first}; kept the listed time (is the site's time zone wrong?)"
    )
