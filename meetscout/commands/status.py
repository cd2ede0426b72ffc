"""`meetscout status`: per source, the last run, how it went, and the next run."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from ..paths import default_db_path
from ..scheduling.status import SourceStatus, source_statuses
from ..terminal import Column, show_table
from .common import DbOption, console, open_store
from .schedule import ConfigOption, load_plans

NOTE_WIDTH = 160  # characters of a run's error in the note, cut between words
COUNTS = ("new", "updated", "unchanged", "cancelled", "invalid")


def status(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per source.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Show, per source, the last crawl, its status and counts, and when the next one runs.

    Example:

        meetscout status
    """
    db_path = Path(db) if db else default_db_path()
    plans, _ = load_plans(config, db_path)
    # Looking must not create: with no database yet, every source simply has never run.
    store = open_store(db_path if db_path.exists() else Path(":memory:"))
    try:
        found = source_statuses(store, plans, db_path)
    finally:
        store.close()
    if as_json:
        for item in found:
            typer.echo(json.dumps(item.as_dict()))
        return
    rows = [
        [
            s.source,
            s.schedule,
            _when(s.last_started),
            s.last_status or "never run",
            ", ".join(f"{s.counts.get(c, 0)} {c}" for c in COUNTS if s.counts.get(c)),
            _next(s),
            _note(s),
        ]
        for s in found
    ]
    show_table(console, COLUMNS, rows, title=f"Sources ({db_path})")


COLUMNS = (
    Column("Source"),
    Column("Schedule", min_width=8, drop=3),
    Column("Last run", no_wrap=True),
    Column("Status"),
    Column("Counts", min_width=10, drop=2),
    Column("Next run", min_width=10),
    Column("Note", min_width=20, drop=1),
)


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "-"


def _next(s: SourceStatus) -> str:
    if not s.active:
        return "off"
    return "due now" if s.due else _when(s.next_run)


def _note(s: SourceStatus) -> str:
    notes = []
    if s.running_pid:
        notes.append(f"crawling now (pid {s.running_pid})")
    if not s.active and s.off_because:
        notes.append(s.off_because)
    if s.last_status == "failed" and s.failures:
        notes.append(f"failed {s.failures}x in a row; retry with back-off")
    if s.last_status == "blocked":
        notes.append("blocked: resting until the next run")
    if s.error:
        notes.append(textwrap.shorten(s.error.splitlines()[0], NOTE_WIDTH, placeholder=" …"))
    return "; ".join(notes)
