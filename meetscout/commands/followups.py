"""`meetscout followups`: what is due and overdue; `… done ID` and `… move ID WHEN`."""

from __future__ import annotations

import json
from datetime import time
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..log import (
    finish_followup,
    local_day,
    local_time,
    move_followup,
    open_followups,
    parse_when,
    with_state,
)
from ..store import now_utc
from .common import DbOption, console, log_store

followups_app = typer.Typer(
    help=(
        "Follow-ups with the people you met, due within two days of the meeting: "
        "`meetscout followups` lists those due."
    ),
    invoke_without_command=True,
)

IdArgument = Annotated[int, typer.Argument(help="The follow-up's number (the # column).")]


@followups_app.callback()
def followups(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also those done and those not due yet.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per follow-up.")] = False,
    db: DbOption = None,
) -> None:
    """List the follow-ups due (within a day of their date) and overdue."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = db  # `meetscout followups --db X done 3` means that database too
        return
    now = now_utc()
    with log_store(db) as store:
        if show_all:
            found = [with_state(row, now) for row in store.followups()]
        else:
            found = open_followups(store, now)
    if as_json:
        for row in found:
            typer.echo(json.dumps(row, default=str))
        return
    if not found:
        console.print(
            "Nothing due: no follow-up is due in the next day."
            + ("" if show_all else " (`meetscout followups --all` shows every one.)")
        )
        return
    table = Table(title="Follow-ups" if show_all else "Follow-ups due")
    for name in ("#", "By", "", "Contact", "Company", "How", "Met at"):
        table.add_column(name, overflow="fold")
    colours = {"overdue": "red", "due": "yellow", "done": "green", "later": "dim"}
    for row in found:
        state = row["state"]
        if state == "done":
            state = f"done {local_day(row['done_at'])}"
        table.add_row(
            str(row["id"]),
            local_time(row["due_at"]),
            f"[{colours[row['state']]}]{state}[/{colours[row['state']]}]",
            escape(row["name"]),
            escape(row["company"] or ""),
            escape(row["how"] or ""),
            escape(row["meeting"] or ""),
        )
    console.print(table)
    if not show_all:
        console.print(f"Done one? meetscout followups done {found[0]['id']}", highlight=False)


@followups_app.command("done")
def done(
    ctx: typer.Context,
    followup: IdArgument,
    on: Annotated[
        str | None,
        typer.Option("--on", help="When you did it (2026-12-03, today), if not just now."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Mark a follow-up done (now, or --on the day you did it).

    Example:

        meetscout followups done 3 --on today
    """
    with log_store(db or ctx.obj) as store:
        when = parse_when(on, "--on", day_time=time(12, 0)) if on else None
        row = finish_followup(store, followup, when, now_utc())
    console.print(f"Follow-up {followup} done on {local_day(row['done_at'])}.")


@followups_app.command("move")
def move(
    ctx: typer.Context,
    followup: IdArgument,
    when: Annotated[
        str, typer.Argument(help="The new date: 2026-12-04, 2026-12-04 10:00, tomorrow.")
    ],
    db: DbOption = None,
) -> None:
    """Give a follow-up another date.

    Example:

        meetscout followups move 3 2026-12-07
    """
    from .contacts import DUE_TIME

    with log_store(db or ctx.obj) as store:
        row = move_followup(store, followup, parse_when(when, "WHEN", day_time=DUE_TIME))
    console.print(f"Follow-up {followup} now due by {local_time(row['due_at'])}.")
