"""`meetscout outcome`: what came of a contact or a meeting."""

from __future__ import annotations

from typing import Annotated

import typer

from ..labels import OUTCOME_LABELS
from ..log import add_outcome, parse_day
from ..model import Outcome
from .common import DbOption, console, log_store


def outcome(
    kind: Annotated[Outcome, typer.Argument(help="What came of it.", show_default=False)],
    contact: Annotated[
        int | None, typer.Option("--contact", help="The contact it came of (its #).")
    ] = None,
    event: Annotated[
        str | None, typer.Option("--event", help="Or the meeting it came of (its id or address).")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="The day it happens or happened (default today).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Anything to remember.")] = None,
    db: DbOption = None,
) -> None:
    """Record what came of a contact or a meeting.

    A referral, an informational interview, a job interview or an offer: `meetscout report`
    counts them per kind of meeting.

    Example:

        meetscout outcome informational_interview --contact 3 --on 2026-12-10
    """
    with log_store(db) as store:
        day = parse_day(on, "--on") if on else None
        number = add_outcome(store, kind, contact_id=contact, meeting_ref=event, on=day, note=note)
    of = f"contact {contact}" if contact is not None else event
    console.print(f"Outcome {number} recorded: {OUTCOME_LABELS[kind].lower()}, of {of}.")
