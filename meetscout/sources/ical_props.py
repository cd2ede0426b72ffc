"""Reading iCalendar properties the way real feeds write them, for every iCalendar parser.

A property a feed gives twice (a Meetup feed repeats `X-WR-CALNAME` after its events) comes back
from `icalendar` as a list; its first value is the one meant. Zone names may be IANA's, Meetup's
old aliases, or Windows' ("Eastern Standard Time", from Outlook and Exchange).
"""

from __future__ import annotations

from typing import Any

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
