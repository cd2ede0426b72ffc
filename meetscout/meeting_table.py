"""How meetings read in the terminal: one row a meeting, for `meetscout events` and the demo.

The words are the flag's (browser_extension/shared/labels.json, through meetscout.labels), so a
table and a badge say the same; a cancelled meeting says so in its flag column and its title.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from rich.console import Console

from .labels import ACCESS_LABELS, ALSO_AT
from .model import Crowd, Event, Status
from .terminal import Column, show_table
from .times import when_text

# The flag's crowd in a word or two, for a narrow column.
CROWD_SHORT = {
    Crowd.employed: "employed",
    Crowd.job_seekers: "job seekers",
    Crowd.not_networking: "not networking",
}
CANCELLED = "CANCELLED"

COLUMNS = (
    Column("When", no_wrap=True),
    Column("Meeting", min_width=16),
    Column("Flag", min_width=8),
    Column("Access", min_width=8, drop=1),
    Column("Why", min_width=14, drop=2),
    Column("Group", min_width=10, drop=3),
    Column("Kind", min_width=10, drop=4),
)


def flag_word(event: Event) -> str:
    if event.status == Status.cancelled:
        return CANCELLED.lower()
    a = event.assessment
    return CROWD_SHORT[a.crowd] if a else "?"


def meeting_row(
    event: Event, zone: tzinfo | None = None, also_at: Sequence[dict] = ()
) -> list[str]:
    """`also_at`: the meeting's listings on other sites ("Also on the chapter's site")."""
    a = event.assessment
    title = event.title
    if event.status == Status.cancelled:
        title = f"{CANCELLED}: {title}"
    elsewhere = sorted({ALSO_AT.get(x["source"], "") for x in also_at} - {""})
    if elsewhere:
        title = f"{title} ({'; '.join(elsewhere)})"
    return [
        when_text(event.starts_at, zone),
        title,
        flag_word(event),
        ", ".join(ACCESS_LABELS[x] for x in a.access) if a else "",
        a.reasons[0] if a and a.reasons else "",
        event.group_name or "",
        a.kind.value.replace("_", " ") if a else "",
    ]


def show_meetings(
    console: Console,
    events: Sequence[Event],
    *,
    title: str | None = None,
    empty: str | None = None,
    zone: tzinfo | None = None,
    also: dict[str, list[dict]] | None = None,
) -> None:
    """A table of `events`, times in `zone` (default: this computer's); `also` names each
    meeting's listings on other sites (Store.also_listed)."""
    rows = [meeting_row(e, zone, (also or {}).get(e.id, ())) for e in events]
    show_table(console, COLUMNS, rows, title=title, empty=empty)
