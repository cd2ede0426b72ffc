"""`meetscout met` (a person met at a meeting) and `meetscout contacts` (list and search)."""

from __future__ import annotations

import json
from datetime import time
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..log import (
    LogError,
    add_contact,
    contact_targets,
    followup_state,
    local_day,
    local_time,
    matches,
    parse_when,
)
from ..store import from_iso, now_utc
from .common import DbOption, console, fail, log_store
from .presence import EventArgument

# A follow-up given as a day alone is due at the end of the working day.
DUE_TIME = time(17, 0)


def met(
    event: EventArgument,
    name: Annotated[str, typer.Argument(help='Their full name: "First Last".', show_default=False)],
    company: Annotated[str | None, typer.Option(help="Where they work.")] = None,
    role: Annotated[str | None, typer.Option(help="What they do there.")] = None,
    how: Annotated[
        str | None, typer.Option(help='How to reach them: "email", "LinkedIn", a phone number.')
    ] = None,
    note: Annotated[str | None, typer.Option(help="Anything to remember.")] = None,
    due: Annotated[
        str | None,
        typer.Option(
            help="When to follow up by (2026-12-04, 2026-12-04 10:00, tomorrow); "
            "default 48 hours after the meeting."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Record a person you met at a meeting, with a follow-up due within two days.

    Meeting someone there records the meeting as attended. A contact at one of your target
    companies is marked as such.

    Example:

        meetscout met meetup:312810101 "Dana Whitfield" --company Prudential --how email
    """
    with log_store(db) as store:
        due_at = parse_when(due, "--due", day_time=DUE_TIME) if due else None
        added = add_contact(
            store, event, name, company=company, role=role, how=how, note=note, due=due_at
        )
    meeting = added.meeting
    when = f" ({local_day(meeting.starts_at)})" if meeting.starts_at else ""
    console.print(f"Contact {added.id} recorded, met at {escape(meeting.title)}{when}.")
    if added.targets:
        console.print(f"At a target company: {escape(', '.join(added.targets))}.")
    if added.now_attended:
        console.print("The meeting is recorded as attended.")
    if added.due_at:
        console.print(
            f"Follow up by {local_time(added.due_at)}: meetscout followups", highlight=False
        )


def contacts(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            help="Only contacts with all these words in their name, company, role, notes or "
            "the meeting.",
            show_default=False,
        ),
    ] = None,
    targets: Annotated[
        bool, typer.Option("--targets", help="Only those at your target companies.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per contact.")] = False,
    forget: Annotated[
        int | None,
        typer.Option("--forget", help="Delete this contact, their follow-up and outcomes."),
    ] = None,
    db: DbOption = None,
) -> None:
    """List and search the people you met, where you met them and their follow-up.

    Example:

        meetscout contacts prudential
    """
    now = now_utc()
    with log_store(db) as store:
        if forget is not None:
            if not store.forget_contact(forget):
                raise LogError(f"There is no contact {forget}; `meetscout contacts` lists them")
            console.print(f"Contact {forget} deleted, with their follow-up and outcomes.")
            return
        profile = store.get_profile()
        found = [
            {**c, "targets": contact_targets(c["company"], profile)}
            for c in store.list_contacts()
            if matches(c, words or [])
        ]
    if targets:
        found = [c for c in found if c["targets"]]
    if as_json:
        for c in found:
            typer.echo(json.dumps(c))
        return
    if not found:
        if words or targets:
            fail("No contact matches; `meetscout contacts` alone lists them all", code=1)
        console.print(
            'No contacts yet. After a meeting: meetscout met <id> "First Last" --company …'
        )
        return
    table = Table(title=f"Your contacts ({len(found)})")
    for name in ("#", "Name", "Company", "Role", "How", "Met at", "Follow-up"):
        table.add_column(name, overflow="fold")
    for c in found:
        company = escape(c["company"] or "")
        if c["targets"]:
            company += " [bold magenta]★ target[/bold magenta]"
        met_at = from_iso(c["met_at"])
        table.add_row(
            str(c["id"]),
            escape(c["name"]),
            company,
            escape(c["role"] or ""),
            escape(c["how"] or ""),
            escape(c["meeting"] or "") + (f"\n[dim]{local_day(met_at)}[/dim]" if met_at else ""),
            _followup(c, now),
        )
    console.print(table)


def _followup(contact: dict, now) -> str:
    due_at = from_iso(contact["due_at"])
    if due_at is None:
        return ""
    done_at = from_iso(contact["done_at"])
    state = followup_state(due_at, done_at, now)
    if state == "done":
        return f"done {local_day(done_at)}"
    colour = {"overdue": "red", "due": "yellow"}.get(state)
    text = f"{state}: {local_time(due_at)}" if state != "later" else f"by {local_time(due_at)}"
    return f"[{colour}]{text}[/{colour}]" if colour else text
