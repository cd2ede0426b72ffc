"""A Meetup group's iCalendar feed (`/<urlname>/events/ical/`) -> Events.

Two eras of the feed are in the wild:
- 2021-22 `-//Meetup//RemoteApi//EN`: LOCATION and GEO, and a DESCRIPTION that reads
  "Group\\nTuesday, December 6 at 6:00 PM\\n\\n<text cut at ~250 chars>...\\n\\n<url>".
  A group's feed may list other groups' events (a network calendar): each event's own URL and
  first description line name its group.
- 2026 `-//Meetup//Meetup Calendar 1.0//EN`: a VTIMEZONE, `URL;VALUE=URI`, no place at all, and a
  DESCRIPTION that is the whole Markdown text or only the group's name; header properties may come
  after the events.
The `icalendar` library does the RFC 5545 work (CRLF, folding, escapes, TZID); times are stored
in UTC with the IANA zone beside them.
"""

from __future__ import annotations

import re

import icalendar
from pydantic import ValidationError

from ..identify import identify
from ..model import Event, Status
from .ical_props import first_text, ical_time, zone_aliases
from .meetup_fields import (
    SOURCE,
    canonical_zone,
    clean_venue,
    event_ref,
    group_ref,
    id_from_uid,
)
from .text import clean_text, first_line, says_called_off, unescape_markdown

_DATE_LINE = re.compile(
    r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}"
    r"(?:, \d{4})? at \d{1,2}:\d{2}\s?[AP]M$"
)
_PLACE = re.compile(r"^(.*?)\s*\((.*)\)\s*$", re.S)
TRUNCATED = ("...", "…")


def parse_ical(
    text: str, *, urlname: str | None = None, errors: list[str] | None = None
) -> list[Event]:
    """Events of a Meetup iCal feed. `urlname`: the feed's group, for entries without a URL.

    Raises ValueError when the text is not an iCalendar feed at all (a login page, say). An entry
    that cannot become an Event is skipped and, when `errors` is given, described there.
    """
    body = text.lstrip("\ufeff \r\n\t")
    if not body.upper().startswith("BEGIN:VCALENDAR"):
        raise ValueError("not an iCalendar feed (no BEGIN:VCALENDAR)")
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except ValueError as exc:
        raise ValueError(f"unreadable iCalendar feed: {exc}") from None
    feed = _Feed(calendar, urlname)
    events = []
    for component in calendar.walk("VEVENT"):
        try:
            event = feed.event(component)
        except (ValidationError, ValueError, TypeError) as exc:
            if errors is not None:
                uid = component.get("UID") or component.get("SUMMARY") or "?"
                errors.append(f"feed entry {uid}: {first_line(exc)}")
            continue
        if event is not None:
            events.append(event)
    return events


def needs_page(event: Event) -> bool:
    """True when the feed left out what the event page has: the full text or the place."""
    text = (event.description or "").rstrip()
    if not text or text.endswith(TRUNCATED):
        return True
    return event.venue is None and event.is_online is not True


class _Feed:
    def __init__(self, calendar: icalendar.Calendar, urlname: str | None):
        self.calendar = calendar
        self.name = first_text(calendar, "X-WR-CALNAME", "NAME")
        if self.name and self.name.startswith("Events - "):
            self.name = self.name[len("Events - ") :]
        original = first_text(calendar, "X-ORIGINAL-URL") or ""
        ident = identify(original) if original else None
        self.urlname = urlname or (ident.url.rstrip("/").rsplit("/", 1)[-1] if ident else None)
        zones = [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")]
        self.zone = canonical_zone(first_text(calendar, "X-WR-TIMEZONE")) or (
            canonical_zone(zones[0]) if len(zones) == 1 else None
        )
        # Some zone ids (Outlook's names) only say their IANA name in X-LIC-LOCATION.
        self.zone_alias = zone_aliases(calendar)

    def event(self, c: icalendar.Event) -> Event | None:
        url = str(c.get("URL") or "").strip() or None
        ref = event_ref(url, id_from_uid(str(c.get("UID") or "")), self.urlname)
        if ref is None:
            raise ValueError("no Meetup event id in its UID or URL")
        title = clean_text(str(c.get("SUMMARY") or "")) or ""
        starts_at, zone, _ = ical_time(c.get("DTSTART"), self.zone, self.zone_alias)
        ends_at, _, _ = ical_time(c.get("DTEND"), self.zone, self.zone_alias)
        group_line, description = self._description(c, ref.url)
        venue, online = self._place(c)
        urlname = ref.urlname or self.urlname
        group_id = group_ref(urlname)[0] if urlname else None
        same_group = bool(urlname and self.urlname and urlname.lower() == self.urlname.lower())
        status = str(c.get("STATUS") or "").upper()
        cancelled = status == "CANCELLED" or says_called_off(title, description)
        return Event(
            id=ref.id,
            source=SOURCE,
            url=ref.url,
            title=title,
            description=description,
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=zone,
            group_id=group_id,
            group_name=group_line or (self.name if same_group or not self.urlname else None),
            venue=venue,
            is_online=online,
            status=Status.cancelled if cancelled else Status.scheduled,
        )

    def _description(self, c: icalendar.Event, url: str) -> tuple[str | None, str | None]:
        """(group name from the first line, the description without the feed's additions)."""
        text = str(c.get("DESCRIPTION") or "").replace("\r\n", "\n").strip()
        if not text:
            return None, None
        lines = text.split("\n")
        group_line = None
        if len(lines) >= 2 and _DATE_LINE.match(lines[1].strip()):
            group_line = lines[0].strip() or None
            lines = lines[2:]
            while lines and _same_url(lines[-1], url):
                lines.pop()
        body = unescape_markdown("\n".join(lines)).strip()
        if not body or (self.name and body == self.name):
            return group_line, None  # the 2026 feed gives only the group's name
        return group_line, clean_text(body)

    def _place(self, c: icalendar.Event):
        location = clean_text(str(c.get("LOCATION") or ""))
        if location is None:
            return None, None
        m = _PLACE.match(location)
        name, address = (m.group(1), m.group(2)) if m else (location, None)
        parts = [p.strip() for p in (address or "").split(",")]
        city = parts[-3] if len(parts) >= 4 else None
        region = parts[-2] if len(parts) >= 4 else None
        geo = c.get("GEO")
        lat, lon = (geo.latitude, geo.longitude) if geo is not None else (None, None)
        venue, online = clean_venue(name, address, city, region, None, lat, lon)
        if online:
            return None, True
        return (venue, False) if venue else (None, None)


def _same_url(line: str, url: str) -> bool:
    line = line.strip()
    if not line.startswith("http"):
        return False
    ident = identify(line, assume="meetup")
    return bool(ident and ident.url == url)
