"""The person's own calendar: the meetings they are going to, as an iCalendar file that Google
Calendar, Outlook and Apple Calendar read, and that a calendar app subscribed to
`meetscout serve`'s calendar address follows.

The calendar is a list of `CalendarEntry`s gathered from `SOURCES`, each a function
`(store, now) -> entries`: the meetings marked going (or accepted from the plan) here, and the
networking log's follow-ups due (followup_calendar.py), each with a reminder.

What the apps need, and why each is here: a UID that stays the same for a meeting (or the app
makes a second copy), DTSTAMP, times with their zone and a VTIMEZONE for each zone named
(Outlook refuses TZIDs it has no definition for), a SEQUENCE that grows when an entry moves
(or the app keeps the old time), and a cancelled meeting sent as STATUS:CANCELLED rather than
left out (a missing entry is kept by some apps as it was).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from . import __version__
from .followup_calendar import followup_entries
from .judge import judge_stored
from .labels import ACCESS_LABELS, LABELS
from .model import Assessment, Event, Status
from .plan import DEFAULT_LENGTH
from .store import Store

PRODID = f"-//meetscout//meetscout {__version__}//EN"
NAME = "meetscout: my meetings"
# How often a subscribed app should look again (apps may wait longer).
REFRESH = timedelta(hours=6)
# Meetings further back than this are left out of the calendar.
KEEP_PAST = timedelta(days=90)


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # the same for the same meeting (or follow-up), every time
    title: str
    starts_at: datetime  # aware
    ends_at: datetime | None = None
    timezone: str | None = None  # IANA zone shown in the app; None: UTC
    location: str | None = None
    url: str | None = None
    description: str = ""
    cancelled: bool = False
    remind_before: timedelta | None = None  # an alarm this long before the start

    def fingerprint(self) -> str:
        """What makes a calendar app show the entry anew when it changes: its title, time,
        place and whether it is cancelled."""
        parts = (self.title, self.starts_at, self.end, self.timezone, self.location, self.cancelled)
        return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()

    @property
    def end(self) -> datetime:
        return self.ends_at or self.starts_at + DEFAULT_LENGTH


EntrySource = Callable[[Store, datetime], list[CalendarEntry]]


def meeting_entries(store: Store, now: datetime) -> list[CalendarEntry]:
    """The meetings marked going or accepted from the plan, from `KEEP_PAST` ago on."""
    events = store.going_events(since=now - KEEP_PAST)
    if not events:
        return []
    judged = judge_stored(store, events, store.get_profile())
    return [meeting_entry(e, a) for e, a in zip(events, judged, strict=True)]


SOURCES: list[EntrySource] = [meeting_entries, followup_entries]


def meeting_entry(event: Event, assessment: Assessment) -> CalendarEntry:
    cancelled = event.status == Status.cancelled
    lines = [LABELS[assessment.crowd]]
    if assessment.access:
        lines.append("How to get in: " + ", ".join(ACCESS_LABELS[a] for a in assessment.access))
    if assessment.targets:
        lines.append("Targets: " + ", ".join(assessment.targets))
    if assessment.reasons:
        lines.append("Why:")
        lines += [f"- {reason}" for reason in assessment.reasons]
    if cancelled:
        lines.insert(0, "Cancelled by its organiser.")
    lines += ["", event.url]
    return CalendarEntry(
        uid=f"{event.id.replace(':', '-')}@meetscout",
        title=("Cancelled: " if cancelled else "") + event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone=event.timezone,
        location=_location(event),
        url=event.url,
        description="\n".join(lines),
        cancelled=cancelled,
    )


def calendar_entries(store: Store, now: datetime) -> list[CalendarEntry]:
    entries = [entry for source in SOURCES for entry in source(store, now)]
    return sorted(entries, key=lambda e: (e.starts_at, e.uid))


def calendar_ics(store: Store, now: datetime) -> bytes:
    """The person's calendar as it stands, each entry's version brought up to date."""
    entries = calendar_entries(store, now)
    versions = store.calendar_versions({e.uid: e.fingerprint() for e in entries}, now)
    return write_ics(entries, versions)


def write_ics(
    entries: Iterable[CalendarEntry], versions: Mapping[str, tuple[int, datetime]]
) -> bytes:
    """The entries as one iCalendar file; `versions` gives each uid's SEQUENCE and when it
    last changed (its DTSTAMP, so an unchanged entry reads the same every time)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", NAME)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())
    entries = list(entries)
    for entry in entries:
        sequence, changed = versions.get(entry.uid, (0, entry.starts_at))
        zone = ZoneInfo(entry.timezone) if entry.timezone else UTC
        item = icalendar.Event()
        item.add("uid", entry.uid)
        item.add("dtstamp", changed.astimezone(UTC))
        item.add("last-modified", changed.astimezone(UTC))
        item.add("sequence", sequence)
        item.add("summary", entry.title)
        item.add("dtstart", entry.starts_at.astimezone(zone))
        item.add("dtend", entry.end.astimezone(zone))
        item.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        if entry.location:
            item.add("location", entry.location)
        if entry.url:
            item.add("url", entry.url)
        if entry.description:
            item.add("description", entry.description)
        if entry.remind_before is not None and not entry.cancelled:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", entry.title)
            alarm.add("trigger", -entry.remind_before)
            item.add_component(alarm)
        cal.add_component(item)
    if entries:
        # Zone definitions covering the entries' years, not the library's default 1970-2038.
        years = sorted(e.starts_at.year for e in entries)
        cal.add_missing_timezones(date(years[0] - 1, 1, 1), date(years[-1] + 2, 1, 1))
    return cal.to_ical()


def _location(event: Event) -> str | None:
    venue = event.venue
    if venue is not None:
        parts = [venue.name, venue.address, venue.city, venue.region]
        text = ", ".join(p for p in parts if p)
        if text:
            return text
    return "Online" if event.is_online else None
