"""Reading iCalendar properties the way real feeds write them, for every iCalendar parser.

A property a feed gives twice (a Meetup feed repeats `X-WR-CALNAME` after its events) comes back
from `icalendar` as a list; its first value is the one meant. Zone names may be IANA's, Meetup's
old aliases, or Windows' ("Eastern Standard Time", from Outlook and Exchange). Times are read by
`ical_time`, the one rule for every feed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from .meetup_fields import canonical_zone
from .text import clean_text


def first_text(component: Any, *names: str) -> str | None:
    """The first non-empty value among these properties, each read once even if given twice."""
    for name in names:
        value = component.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        text = clean_text(str(value)) if value is not None else None
        if text:
            return text
    return None


def zone_name(tzid: str | None) -> str | None:
    """The IANA name of a TZID an iCalendar feed uses, or None when none is known."""
    if not tzid:
        return None
    tzid = str(tzid).strip().strip('"')
    return canonical_zone(tzid) or canonical_zone(WINDOWS_TO_OLSON.get(tzid))


def zone_aliases(calendar: Any) -> dict[str, str | None]:
    """Zone ids a feed's VTIMEZONEs name only by X-LIC-LOCATION (some Outlook feeds): their
    IANA names."""
    return {
        str(tz.get("TZID")): zone_name(str(tz.get("X-LIC-LOCATION") or ""))
        for tz in calendar.walk("VTIMEZONE")
    }


def ical_time(
    prop: Any, calendar_zone: str | None, aliases: Mapping[str, str | None] | None = None
) -> tuple[datetime | None, str | None, date | None]:
    """(the instant in UTC, the IANA zone to show it in, the day of an all-day entry) of a
    DTSTART or DTEND.

    An IANA or Windows TZID is trusted over the feed's VTIMEZONE, which may cover only a few
    years. A floating time or an all-day date is read in the calendar's zone (UTC when it names
    none); a time in UTC stays that instant and is shown in the calendar's zone.
    """
    if prop is None:
        return None, None, None
    value = prop.dt
    tzid = prop.params.get("TZID")
    zone = zone_name(tzid) or (aliases or {}).get(tzid or "") or zone_name(_tz_key(value))
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating: the calendar's zone
            zone = zone or calendar_zone or "UTC"
            value = value.replace(tzinfo=ZoneInfo(zone))
        elif zone and zone != "UTC" and _tz_key(value) != zone:
            value = value.replace(tzinfo=ZoneInfo(zone))  # the IANA name over a VTIMEZONE
        elif _is_utc(value):
            zone = calendar_zone if zone in (None, "UTC") and calendar_zone else zone
        return value.astimezone(UTC), zone, None
    if isinstance(value, date):
        zone = calendar_zone or "UTC"
        return datetime.combine(value, time(0), ZoneInfo(zone)).astimezone(UTC), zone, value
    return None, None, None


def _tz_key(value: Any) -> str | None:
    tz = getattr(value, "tzinfo", None)
    return getattr(tz, "key", None) or getattr(tz, "_tzid", None)


def _is_utc(value: datetime) -> bool:
    offset = value.utcoffset()
    return offset is not None and offset.total_seconds() == 0
