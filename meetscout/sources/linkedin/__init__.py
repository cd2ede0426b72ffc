"""LinkedIn pages to Events: pure functions, no network.

- `parse_event_page(html, *, url, now, viewer_tz=None) -> Event | None`
- `parse_search_results(html, *, now, viewer_tz=None) -> list[Event]`
- `detect_blocked(status, url, html) -> str | None` (and `blocked_answer` with how long to wait)

`now` is when the page was read (dates without a year are the next ones after it); `viewer_tz`
is the zone LinkedIn printed times in, which is the viewer's, not the event's.
"""

from .blocked import Blocked, blocked_answer, detect_blocked
from .event_page import parse_event_page
from .search import parse_search_results

__all__ = [
    "Blocked",
    "blocked_answer",
    "detect_blocked",
    "parse_event_page",
    "parse_search_results",
]
