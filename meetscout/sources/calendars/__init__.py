"""Association chapter calendars -> Events and their Group: pure functions, no network.

- `parse_ics(text, *, url, now=None, days=120) -> CalendarRead` (any iCalendar feed)
- `parse_tribe_events(text, *, url, site_name=None) -> CalendarRead` (The Events Calendar's API)
- `parse_schema_events(html, *, url) -> CalendarRead` (schema.org Event: JSON-LD and microdata)
- `parse_wild_apricot_rss(text, *, url) -> CalendarRead` (Wild Apricot's public event RSS)
- `discover(html, *, url, headers=None) -> list[FoundFeed]` (a chapter's home page -> its feeds)
- `read_calendar(text, *, url, content_type=None, now=None, days=120) -> CalendarRead` (whichever
  of the above the text is)

Each raises NotACalendar when the text is not in its format; a read carries its meetings, the
calendar's group, the ids of meetings called off, and warnings and problems as sentences.
"""

from .common import MAX_EVENTS, SOURCE, WINDOW_DAYS, CalendarRead, NotACalendar, window
from .discover import FoundFeed, discover, site_name
from .ics import parse_ics
from .read import read_calendar, sniff
from .schema_org import parse_schema_events
from .tribe import parse_tribe_events
from .wild_apricot import parse_wild_apricot_rss

__all__ = [
    "MAX_EVENTS",
    "SOURCE",
    "WINDOW_DAYS",
    "CalendarRead",
    "FoundFeed",
    "NotACalendar",
    "discover",
    "parse_ics",
    "parse_schema_events",
    "parse_tribe_events",
    "parse_wild_apricot_rss",
    "read_calendar",
    "site_name",
    "sniff",
    "window",
]
