"""`meetscout attended` and `meetscout skipped`: what became of a meeting marked "I'm going"."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from ..log import local_day, record_presence
from ..model import Presence
from .common import DbOption, console, log_store

EventArgument = Annotated[
    str,
    typer.Argument(
        help="The meeting: its meetscout id (meetup:312810101) or its Meetup or LinkedIn address.",
        show_default=False,
    ),
]


def _record(event: str, presence: Presence, db) -> None:
    with log_store(db) as store:
        meeting = record_presence(store, event, presence)
    when = f" ({local_day(meeting.starts_at)})" if meeting.starts_at else ""
    console.print(f"Recorded {escape(meeting.title)}{when} as {presence.value}.")
    if presence == Presence.attended:
        console.print(
            f'Met someone there? meetscout met {meeting.id} "First Last" --company …',
            highlight=False,
        )


def attended(event: EventArgument, db: DbOption = None) -> None:
    """Record that you went to a meeting (marked "I'm going" or not).

    Example:

        meetscout attended meetup:312810101
    """
    _record(event, Presence.attended, db)


def skipped(event: EventArgument, db: DbOption = None) -> None:
    """Record that you did not go to a meeting you had marked "I'm going".

    It then no longer counts towards this month's job-seeker meetings.

    Example:

        meetscout skipped meetup:312810101
    """
    _record(event, Presence.skipped, db)
