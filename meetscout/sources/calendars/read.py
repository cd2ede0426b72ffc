"""Whichever calendar form a text is -> its meetings: the one entry point for a fetched answer."""

from __future__ import annotations

from datetime import datetime

from .common import WINDOW_DAYS, CalendarRead
from .ics import parse_ics
from .schema_org import parse_schema_events
from .tribe import parse_tribe_events
from .wild_apricot import parse_wild_apricot_rss


def sniff(text: str) -> str:
    """ "ics", "tribe", "wild_apricot" or "page" (HTML, or anything else), from the text itself:
    servers label feeds text/plain, text/html or application/octet-stream alike."""
    head = text.lstrip("\ufeff \r\n\t")[:600]
    if head[:15].upper().startswith("BEGIN:VCALENDAR"):
        return "ics"
    if head[:1] in ("{", "["):
        return "tribe"
    if head.startswith("<?xml") or head.lower().startswith("<rss"):
        return "wild_apricot" if "<rss" in head.lower() else "page"
    return "page"


def read_calendar(
    text: str,
    *,
    url: str,
    now: datetime | None = None,
    days: int = WINDOW_DAYS,
    site_name: str | None = None,
) -> CalendarRead:
    """The meetings in `text`, read as what it is. Raises NotACalendar for a feed that is not
    one; an HTML page without schema.org events gives an empty read."""
    kind = sniff(text)
    if kind == "ics":
        return parse_ics(text, url=url, now=now, days=days)
    if kind == "tribe":
        return parse_tribe_events(text, url=url, site_name=site_name)
    if kind == "wild_apricot":
        return parse_wild_apricot_rss(text, url=url, now=now, days=days)
    return parse_schema_events(text, url=url, now=now, days=days)
