"""What the demo prints: the gathered meetings as tables, and the next steps for real use."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table

from ..commands.events import events_table
from ..model import Event
from ..store import EventQuery, Store


def upcoming(store: Store, crowd: str, now: datetime | None = None, limit: int = 50) -> list[Event]:
    query = EventQuery(crowd=crowd, date_from=now or datetime.now(UTC), limit=limit)
    return store.search_events(query)


def crowd_tables(store: Store, now: datetime | None = None) -> dict[str, list[Event]]:
    return {crowd: upcoming(store, crowd, now) for crowd in ("employed", "job_seekers")}


def print_tables(console: Console, found: dict[str, list[Event]]) -> None:
    console.print(
        events_table(
            found["employed"],
            title="Where the employed go: aim for about one a week",
        )
    )
    console.print(
        events_table(
            found["job_seekers"],
            title="Job-seeker meetings: one or two a month is plenty",
        )
    )


def runs_table(runs: list[dict]) -> Table:
    table = Table(title="Crawls of the sample")
    for name in ("Source", "Status", "New", "Updated", "Cancelled", "Note"):
        table.add_column(name, overflow="fold")
    for run in runs:
        table.add_row(
            str(run.get("spider", "")),
            str(run.get("status", "")),
            str(run.get("new", "")),
            str(run.get("updated", "")),
            str(run.get("cancelled", "")),
            (run.get("error") or "").splitlines()[0] if run.get("error") else "",
        )
    return table


NEXT_STEPS = """\
[bold]Use it for real[/bold]
  1. List your groups:  meetscout config --example > meetscout.toml
                        then put your Meetup groups in its \\[meetup] groups list
  2. Gather events:     meetscout crawl meetup hdi-new-jersey pmi-nj-chapter
  3. Ask:               meetscout events --crowd employed --from {today}
  4. Flags in Chrome:   meetscout serve
                        load browser_extension/ at chrome://extensions
                        (Developer mode, Load unpacked), then paste the
                        token from `meetscout token` into its options
  LinkedIn is off until you sign in yourself: meetscout linkedin login
"""


def print_next_steps(console: Console) -> None:
    text = NEXT_STEPS.format(today=datetime.now(UTC).date().isoformat())
    console.print(text, highlight=False, soft_wrap=True)
