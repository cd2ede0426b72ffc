"""`meetscout log`: the meetings you marked, whether you went, and what came of them."""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..labels import OUTCOME_LABELS, kind_label
from ..log import local_time
from ..model import Outcome
from ..store import from_iso, now_utc
from .common import DbOption, console, log_store
from .report import FromOption, Period, ToOption, day_option


def log(
    date_from: FromOption = None,
    date_to: ToOption = None,
    upcoming: Annotated[
        bool, typer.Option("--upcoming", help="Include meetings still ahead.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per meeting.")] = False,
    db: DbOption = None,
) -> None:
    """List the meetings you marked: attended or skipped, who you met, what came of it.

    Past meetings only, unless --upcoming.

    Example:

        meetscout log --from 2026-11-01
    """
    period = Period(day_option(date_from, "--from"), day_option(date_to, "--to"))
    now = now_utc()
    with log_store(db) as store:
        entries = store.log_entries(*period.bounds())
        contacts = Counter(c["event_id"] for c in store.list_contacts())
        outcomes: dict[str, Counter] = {}
        for o in store.list_outcomes():
            outcomes.setdefault(o["event_id"], Counter())[o["kind"]] += 1
    if not upcoming:
        entries = [e for e in entries if (from_iso(e["starts_at"]) or now) <= now]
    rows = [
        {
            **e,
            "contacts": contacts.get(e["event_id"], 0),
            "outcomes": dict(outcomes.get(e["event_id"], {})),
        }
        for e in entries
    ]
    if as_json:
        for row in rows:
            typer.echo(json.dumps({**row, "stored": bool(row["stored"])}))
        return
    if not rows:
        console.print(
            'No meetings in your log yet. Mark one with "I\'m going" in the browser, then '
            "`meetscout attended <id>` after it (`meetscout events` shows ids)."
        )
        return
    table = Table(title="Your networking log")
    for name in ("When", "Meeting", "Kind", "You", "Contacts", "Came of it"):
        table.add_column(name, overflow="fold")
    for row in rows:
        starts = from_iso(row["starts_at"])
        title = escape(row["title"] or row["event_id"])
        if row["status"] == "cancelled":
            title += " [red](cancelled)[/red]"
        table.add_row(
            local_time(starts) if starts else "?",
            f"{title}\n[dim]{escape(row['event_id'])}[/dim]",
            kind_label(row["kind"]),
            row["outcome"] or ("going" if starts and starts > now else "[yellow]not said[/yellow]"),
            str(row["contacts"] or ""),
            ", ".join(
                f"{OUTCOME_LABELS[Outcome(k)]}" + (f" ×{n}" if n > 1 else "")
                for k, n in row["outcomes"].items()
            ),
        )
    console.print(table)
    unsaid = [r for r in rows if not r["outcome"] and (from_iso(r["starts_at"]) or now) <= now]
    if unsaid:
        console.print(
            f"{len(unsaid)} past meeting(s) without attended or skipped: "
            f"meetscout attended {unsaid[0]['event_id']}",
            highlight=False,
        )
