"""LinkedIn's date lines, read as the viewer saw them.

LinkedIn prints times in the viewer's own zone and language, usually without a year:
"Thu, Aug 12, 6:00 PM - 8:30 PM (your local time)", "Do., 12. Aug., 18:00 - 20:30 (Ihre Ortszeit)",
"Today, 5:00 PM BST", "Wed, Aug 11 - Thu, Aug 12". dateparser reads the localised words; this
module splits ranges, attaches the zone and picks the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import dateparser

from .common import clean, language_of

_PAREN = re.compile(r"\s*\([^()]*\)\s*$")  # "(your local time)", "(Ihre Ortszeit)"
_RANGE = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_HAS_TIME = re.compile(r"\d{1,2}\s?[:.h]\s?\d{2}|\b\d{1,2}\s?[AaPp]\.?\s?[Mm]\b")
_TIME_ONLY = re.compile(
    r"^\d{1,2}(?:\s?[:.h]\s?\d{2})?(?:\s?[AaPp]\.?\s?[Mm]\.?)?(?:\s+[A-Z]{2,5}[+-]?\d*)?$"
)
_ZONE_ABBR = re.compile(r"\s([A-Z]{2,5})$")
# Abbreviations that name several zones, most likely first for LinkedIn's members; the viewer's
# own zone is tried before these.
_AMBIGUOUS = {
    "IST": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "CST": ("America/Chicago", "Asia/Shanghai"),
    "BST": ("Europe/London",),
}


@dataclass(frozen=True)
class When:
    starts_at: datetime  # aware
    ends_at: datetime | None  # aware; for a date-only range, the end of its last day
    has_time: bool  # False: a date without a time of day ("Wed, Aug 11")


def parse_date_line(
    text: str | None, *, now: datetime, zone: ZoneInfo, locale: str | None = None
) -> When | None:
    """Start and end of a LinkedIn date line, or None when the line holds no date.

    A date without a year is the next one on or after the day the page was read (an event that
    is still running counts as this one), so "Fri, Jan 2" read on 30 December is next January's.
    """
    line = _PAREN.sub("", clean(text))
    if not line or not re.search(r"\d", line):
        return None
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    base = now.astimezone(zone).replace(tzinfo=None)
    language = language_of(locale)
    parts = _RANGE.split(line, maxsplit=1)
    start_text = parts[0].strip(" ,")
    end_text = parts[1].strip(" ,") if len(parts) > 1 else None
    start = _parse(start_text, base, language)
    if start is None:
        return None
    end = None
    if end_text:
        end = _parse(end_text, base, language)
        if end is not None and _TIME_ONLY.match(end_text):
            end = datetime.combine(start.date(), end.timetz())  # "6:00 PM - 8:30 PM": same day
            if end.replace(tzinfo=None) <= start.replace(tzinfo=None):
                end += timedelta(days=1)  # runs past midnight
        elif end is not None and end < start.replace(tzinfo=end.tzinfo) and not _YEAR.search(line):
            end = _shift_years(end, 1)  # "Wed, Dec 31 - Thu, Jan 1": the end is in the next year
    # A zone named on one side only ("5:00 PM - 7:00 PM BST") holds for both.
    if end is not None and start.tzinfo is None and end.tzinfo is not None:
        start = start.replace(tzinfo=end.tzinfo)
    if end is not None and end.tzinfo is None and start.tzinfo is not None:
        end = end.replace(tzinfo=start.tzinfo)
    has_time = bool(_HAS_TIME.search(line))
    if not has_time and end is not None:
        end += timedelta(days=1)  # "Wed, Aug 11 - Thu, Aug 12" lasts until Thursday's end
    if not _YEAR.search(line):
        start, end = _next_occurrence(start, end, base.date())
    return When(_localise(start, zone), _localise(end, zone) if end else None, has_time)


def _parse(text: str, base: datetime, language: str | None) -> datetime | None:
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"}
    languages = [language] if language else None
    found = dateparser.parse(text, languages=languages, settings=settings)
    if found is None and language and language != "en":
        # English words show up on other-language pages ("Today" before a translation lands).
        found = dateparser.parse(text, languages=[language, "en"], settings=settings)
    if found is None:
        return None
    if found.tzinfo is not None:
        found = found.replace(tzinfo=_abbreviation_zone(text, found))
    return found


def _abbreviation_zone(text: str, parsed: datetime) -> tzinfo:
    """A named zone ("BST") as dateparser read it, kept as a marker for `_localise`."""
    m = _ZONE_ABBR.search(text)
    return _Named(m.group(1), parsed.utcoffset()) if m else parsed.tzinfo


class _Named(tzinfo):
    """A zone abbreviation with the offset dateparser gave it; the viewer's zone wins if it
    uses the same abbreviation at that moment ("IST" is India's, Ireland's or Israel's)."""

    def __init__(self, name: str, offset: timedelta | None):
        self.name, self.offset = name, offset or timedelta(0)

    def utcoffset(self, dt):
        return self.offset

    def tzname(self, dt):
        return self.name

    def dst(self, dt):
        return None


def _localise(value: datetime, zone: ZoneInfo) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    if isinstance(value.tzinfo, _Named):
        for candidate in (zone, *(ZoneInfo(z) for z in _AMBIGUOUS.get(value.tzinfo.name, ()))):
            wall = value.replace(tzinfo=candidate)
            if wall.tzname() == value.tzinfo.name:
                return wall
        return value.replace(tzinfo=UTC) - value.tzinfo.offset
    return value


def _next_occurrence(
    start: datetime, end: datetime | None, today: date
) -> tuple[datetime, datetime | None]:
    last_day = (end - timedelta(microseconds=1)) if end is not None else start
    years = 0
    while _shift_years(last_day, years).date() < today and years < 2:
        years += 1
    if years == 0:
        # dateparser may already have moved a yearless date forward; never skip a whole year.
        while _shift_years(last_day, years - 1).date() >= today and years > -1:
            years -= 1
    return _shift_years(start, years), (_shift_years(end, years) if end is not None else None)


def _shift_years(value: datetime, years: int) -> datetime:
    if years == 0:
        return value
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, month=3, day=1)
