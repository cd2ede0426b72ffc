"""An iCalendar feed of any maker -> the meetings in the days ahead.

The Events Calendar (`/events/?ical=1`), Google Calendar (`…/public/basic.ics`), Outlook and
Exchange published calendars, Meetup group feeds and association platforms all publish RFC 5545,
each with its own habits:

- Repeating meetings (RRULE, RDATE, EXDATE, and RECURRENCE-ID overrides that move or retitle one
  occurrence) are expanded by `recurring-ical-events` over the window. Its `of()` also rewrites
  UTC times into the zone named by X-WR-TIMEZONE ("local wall time"); a series written in UTC
  would then move by an hour at the clock change, against RFC 5545 and against the feed's own
  overrides, so the query is built without it.
- A feed holding fifteen years of history stays fast: one-off entries that ended before the
  window are dropped from the text before the (slow) iCalendar parse.
- Zones: an IANA or Windows TZID is trusted over the feed's VTIMEZONE, which may cover only a
  few years; X-WR-TIMEZONE only names the zone to show, and reads floating and all-day times.
- Ids: The Events Calendar's UID `{post}-{start}-{end}@host` embeds epochs that change when a
  meeting moves (and are sometimes local time read as UTC): the post id is the key, and times
  never come from a UID. A Meetup event keeps its Meetup id. Others key on UID, plus the
  occurrence's original start for a repeating series (a moved occurrence keeps its id).
- Notices: an override retitled "NO CLUB MEETING" or "CANCELLED – …", or a whole series of them,
  cancels the meetings it stands in for and is not stored (see common.settle).
- A truncated feed gives what is whole and says so; a BOM, a missing final line break and header
  properties after the events are read as if absent.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import icalendar
from pydantic import ValidationError
from recurring_ical_events import CalendarQuery

from ...identify import identify
from ...model import Event, Status
from ..ical_props import first_text, ical_time, zone_aliases, zone_name
from ..text import clean_text, first_line, html_to_text
from .common import (
    SOURCE,
    WINDOW_DAYS,
    CalendarRead,
    Entry,
    NotACalendar,
    calendar_group,
    entry_id,
    is_notice,
    place,
    settle,
    tribe_key,
    window,
)

_END = re.compile(r"^END:VCALENDAR[ \t\r]*$", re.M | re.I)
_LAST_EVENT_END = re.compile(r"^END:VEVENT[ \t]*\r?$", re.M)
_EVENT_BLOCK = re.compile(r"^BEGIN:VEVENT\r?\n.*?^END:VEVENT[ \t]*\r?\n?", re.M | re.S)
_UNFOLD = re.compile(r"\r?\n[ \t]")
_REPEATS = re.compile(r"^(?:RRULE|RDATE|RECURRENCE-ID)[;:]", re.M)
_DATE_OF = {
    name: re.compile(rf"^{name}[^:\n]*:(\d{{8}})", re.M) for name in ("DTSTART", "DTEND", "DUE")
}
_TRIBE_UID = re.compile(r"^(\d+)-\d+-\d+@(.+)$")
_LOOKS_HTML = re.compile(r"<(?:p|br|div|span|a|b|strong|ul|li|h\d)\b[^>]*>", re.I)
_MAX_TEXT = 10_000


def parse_ics(
    text: str, *, url: str, now: datetime | None = None, days: int = WINDOW_DAYS
) -> CalendarRead:
    """The meetings an iCalendar feed lists from a day ago to `days` ahead.

    `url` is where the feed was read (it names the calendar when the feed does not). Raises
    NotACalendar when the text is not an iCalendar feed (a login page, an HTML page).
    """
    body = text.lstrip("\ufeff \r\n\t")
    if not body[:15].upper().startswith("BEGIN:VCALENDAR"):
        raise NotACalendar(_what_instead(body))
    read = CalendarRead("ics")
    body, whole = _whole(body)
    start, end = window(now or datetime.now(UTC), days)
    body = _without_history(body, start)
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except ValueError as exc:
        raise NotACalendar(f"unreadable iCalendar feed: {first_line(exc)}") from None
    feed = _Feed(calendar, url)
    read.group = feed.group
    label = feed.name or url
    if whole is not None:
        read.problems.append(
            f"{label}: the feed was cut off; read the {whole} whole entries before the cut."
        )
    entries: list[Entry] = []
    skipped: list[str] = []
    try:
        # Built directly, not with recurring_ical_events.of(): see the module's docstring.
        occurrences = CalendarQuery(calendar, skip_bad_series=True).between(start, end)
        for component in occurrences:
            try:
                entry = feed.entry(component)
            except (ValidationError, ValueError, TypeError) as exc:
                skipped.append(f"{component.get('UID') or '?'}: {first_line(exc)}")
                continue
            if entry is not None:
                entries.append(entry)
    except Exception as exc:  # noqa: BLE001 (a broken series must not lose the rest)
        read.problems.append(f"{label}: could not expand its repeating meetings: {exc}")
    if skipped:
        read.problems.append(
            f"{label}: skipped {len(skipped)} unreadable entries (first: {skipped[0]})"
        )
    return settle(read, entries, label=label)


def _what_instead(body: str) -> str:
    head = body[:500].lower()
    if "<html" in head or "<!doctype html" in head:
        return "an HTML page, not an iCalendar feed"
    if head.startswith(("{", "[")):
        return "JSON, not an iCalendar feed"
    return "not an iCalendar feed (no BEGIN:VCALENDAR)"


def _whole(body: str) -> tuple[str, int | None]:
    """(the feed, None), or for a feed cut off in transit (the whole entries, how many)."""
    if _END.search(body):
        return body, None
    ends = list(_LAST_EVENT_END.finditer(body))
    cut = ends[-1].end() if ends else body.upper().find("BEGIN:VEVENT")
    kept = body[: cut if cut >= 0 else len(body)].rstrip("\r\n")
    return kept + "\r\nEND:VCALENDAR\r\n", len(ends)


def _without_history(body: str, start: datetime) -> str:
    """The feed without the one-off entries that ended before the window (with two days' slack
    for zones): the iCalendar parse costs far more than this scan, and old feeds are mostly past."""
    before = (start - timedelta(days=2)).strftime("%Y%m%d")

    def keep(match: re.Match[str]) -> str:
        block = _UNFOLD.sub("", match.group(0))
        if _REPEATS.search(block) or "DURATION" in block:
            return match.group(0)
        last = _DATE_OF["DTEND"].search(block) or _DATE_OF["DTSTART"].search(block)
        return match.group(0) if last is None or last.group(1) >= before else ""

    return _EVENT_BLOCK.sub(keep, body)


class _Feed:
    """The calendar's own facts, and how it turns one occurrence into an Entry."""

    def __init__(self, calendar: icalendar.Calendar, url: str):
        self.name = first_text(calendar, "X-WR-CALNAME", "NAME")
        original = first_text(calendar, "X-ORIGINAL-URL")
        self.site = original if original and original.startswith(("http://", "https://")) else url
        declared = [zone_name(str(tz.get("TZID"))) for tz in calendar.walk("VTIMEZONE")]
        named = zone_name(first_text(calendar, "X-WR-TIMEZONE"))
        used = Counter(
            zone_name(c["DTSTART"].params.get("TZID"))
            for c in calendar.walk("VEVENT")
            if c.get("DTSTART") is not None
        )
        used.pop(None, None)
        self.zone = (
            named
            or (used.most_common(1)[0][0] if used else None)
            or next((z for z in declared if z), None)
        )
        self.aliases = zone_aliases(calendar)
        self.group = calendar_group(self.site, self.name, timezone=self.zone)
        # Occurrences of a series key on their original start; one-off entries on UID alone.
        self.series = {
            str(c.get("UID"))
            for c in calendar.walk("VEVENT")
            if c.get("RRULE") or c.get("RDATE") or c.get("RECURRENCE-ID")
        }

    def entry(self, c: icalendar.Event) -> Entry | None:
        title = clean_text(str(c.get("SUMMARY") or ""))
        if not title:
            return None  # a busy block without a name is not a meeting
        uid = str(c.get("UID") or "").strip()
        starts_at, zone, day = ical_time(c.get("DTSTART"), self.zone, self.aliases)
        ends_at, _, end_day = ical_time(c.get("DTEND"), self.zone, self.aliases)
        if ends_at == starts_at:
            ends_at = None  # the library gives an entry without an end its start as its end
        link = str(c.get("URL") or "").strip()
        link = link if link.startswith(("http://", "https://")) else None
        in_series = uid in self.series
        event_id, source, event_url = self._identity(c, uid, link, title, in_series)
        description = _text(c.get("DESCRIPTION"))
        venue, online = place(str(c.get("LOCATION") or ""))
        organizer = c.get("ORGANIZER")
        cancelled = str(c.get("STATUS") or "").upper() == "CANCELLED"
        event = Event(
            id=event_id,
            source=source,
            url=event_url,
            title=title,
            description=description,
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=zone,
            group_id=self.group.id,
            group_name=self.group.name,
            organizer=clean_text(organizer.params.get("CN")) if organizer is not None else None,
            venue=venue,
            is_online=online,
            status=Status.cancelled if cancelled else Status.scheduled,
        )
        days = (day, end_day or day + timedelta(days=1)) if day else None
        return Entry(event, notice=is_notice(title), days=days)

    def _identity(
        self, c: icalendar.Event, uid: str, link: str | None, title: str, in_series: bool
    ) -> tuple[str, str, str]:
        """(id, source, URL): a Meetup or LinkedIn event keeps its own id and address."""
        ident = identify(link) if link else None
        if ident is not None and ident.kind == "event" and ident.id:
            return ident.id, ident.source, ident.url
        tribe = _TRIBE_UID.match(uid)
        if tribe:
            key = tribe_key(tribe.group(2), tribe.group(1))
        elif uid:
            key = f"uid:{uid}"
        else:
            key = f"untitled-uid:{self.site}|{c.get('DTSTART').to_ical().decode()}|{title}"
        if in_series:
            rid = c.get("RECURRENCE-ID") or c.get("DTSTART")
            key += "/" + _instant(rid.dt)
        return entry_id(key), SOURCE, link or self.site


def _text(prop) -> str | None:
    text = clean_text(str(prop)) if prop is not None else None
    if text and _LOOKS_HTML.search(text):
        text = html_to_text(text)
    return text[:_MAX_TEXT] if text else None


def _instant(value: date | datetime) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.strftime("%Y%m%dT%H%M%S")
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")
