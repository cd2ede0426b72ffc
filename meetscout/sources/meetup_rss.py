"""A Meetup group's RSS feed (`/<urlname>/events/rss/`) -> Events.

`pubDate` is when the item was published, not when the meeting is: the meeting's day and time
come from the description ("Thursday, March 17 at 7:00 PM"), which has no year; the year is the
first one, from the publication date on, on which that day falls on that weekday. The text gives
local time with no zone, so times need the group's zone (`timezone=`); without it an event keeps
its other fields and no start time.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from ..model import Event, Status
from .meetup_fields import SOURCE, canonical_zone, clean_venue, event_ref, group_ref
from .text import clean_text, first_line, html_to_text, says_called_off

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_WHEN = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+([A-Z][a-z]+)\s+(\d{1,2})"
    r"(?:,\s+(\d{4}))?\s+at\s+(\d{1,2}):(\d{2})\s*([AP]M)",
    re.I,
)
_ATTENDING = re.compile(r"(?:Attending:\s*(\d+)|(\d+)\s+(?:RSVPs?|going|attendees?)\b)", re.I)
_LOCATION = re.compile(r"^\s*(?:Location|Venue):\s*(.+)$", re.I | re.M)


def parse_rss(
    text: str, *, timezone: str | None = None, errors: list[str] | None = None
) -> list[Event]:
    """Events of a Meetup RSS feed. Raises ValueError when `text` is not an RSS document."""
    channel = rss_channel(text)
    zone = canonical_zone(timezone)
    events = []
    for item in channel.findall("item"):
        try:
            event = _event(item, zone)
        except (ValidationError, ValueError, TypeError) as exc:
            if errors is not None:
                errors.append(f"RSS item {item.findtext('link') or '?'}: {first_line(exc)}")
            continue
        events.append(event)
    return events


def rss_channel(text: str) -> ET.Element:
    """The <channel> of an RSS 2.0 document; ValueError for anything else."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff \r\n\t").encode())
    except ET.ParseError as exc:
        raise ValueError(f"not an RSS feed: {exc}") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ValueError("not an RSS feed (no <rss><channel>)")
    return channel


def _event(item: ET.Element, zone: str | None) -> Event:
    link = (item.findtext("guid") or item.findtext("link") or "").strip()
    ref = event_ref(link) or event_ref((item.findtext("link") or "").strip())
    if ref is None:
        raise ValueError("no Meetup event URL in link or guid")
    title = clean_text(item.findtext("title")) or ""
    text = html_to_text(item.findtext("description") or "")
    published = _published(item.findtext("pubDate"))
    starts_at = _when(text, published, zone)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    group_name = lines[0] if len(lines) > 1 and not _WHEN.search(lines[0]) else None
    venue = None
    place = _LOCATION.search(text)
    if place:
        venue, online = clean_venue(place.group(1))
    else:
        online = False
    count = _ATTENDING.search(text)
    body = [line for line in lines[1 if group_name else 0 :] if not _is_boilerplate(line)]
    description = "\n\n".join(body) or None
    cancelled = says_called_off(title, description)
    return Event(
        id=ref.id,
        source=SOURCE,
        url=ref.url,
        title=title,
        description=description,
        starts_at=starts_at,
        timezone=zone,
        group_id=group_ref(ref.urlname)[0] if ref.urlname else None,
        group_name=group_name,
        venue=venue,
        is_online=True if online else (False if venue else None),
        attendee_count=int(next(g for g in count.groups() if g)) if count else None,
        status=Status.cancelled if cancelled else Status.scheduled,
    )


def _is_boilerplate(line: str) -> bool:
    """The feed's own lines: the date, the place, the RSVP count, the link."""
    return bool(
        _WHEN.fullmatch(line)
        or _LOCATION.match(line)
        or _ATTENDING.fullmatch(line)
        or line.startswith(("Details:", "http"))
    )


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError):
        return None


def _when(text: str, published: date | None, zone: str | None) -> datetime | None:
    m = _WHEN.search(text)
    if not m or not zone:
        return None
    weekday, month_name, day, year, hour, minute, half = m.groups()
    if month_name.lower() not in _MONTHS:
        return None
    month = _MONTHS.index(month_name.lower()) + 1
    hour = int(hour) % 12 + (12 if half.upper() == "PM" else 0)
    if year:
        years = [int(year)]
    else:
        # Published on or before the meeting (a day's slack for time zones); the weekday decides.
        start = (published or date.today()) - timedelta(days=1)
        years = [start.year, start.year + 1, start.year + 2]
    for y in years:
        try:
            day_date = date(y, month, int(day))
        except ValueError:
            continue
        if year or (day_date >= start and _WEEKDAYS[day_date.weekday()] == weekday.lower()):
            return datetime(y, month, int(day), hour, int(minute), tzinfo=ZoneInfo(zone))
    return None
