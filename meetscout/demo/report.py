"""What the demo prints: the gathered meetings as tables, and the next steps for real use."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from rich.console import Console

from ..meeting_table import show_meetings
from ..model import Event
from ..store import EventQuery, Store
from ..terminal import Column, show_table


def upcoming(
    store: Store,
    crowd: str | None = None,
    now: datetime | None = None,
    limit: int = 50,
    *,
    status: str = "scheduled",
) -> list[Event]:
    query = EventQuery(crowd=crowd, status=status, date_from=now or datetime.now(UTC), limit=limit)
    return store.search_events(query)  # fmt: skip


def crowd_tables(store: Store, now: datetime | None = None) -> dict[str, list[Event]]:
    """The meetings to come by crowd; a cancelled one counts in no crowd, only as cancelled."""
    found = {crowd: upcoming(store, crowd, now) for crowd in ("employed", "job_seekers")}
    found["cancelled"] = upcoming(store, now=now, status="cancelled")
    return found


def print_tables(
    console: Console,
    found: dict[str, list[Event]],
    zone: tzinfo,
    also: dict[str, list[dict]] | None = None,
) -> None:
    """A meeting listed on several sites is one row that says where else it is (`also`)."""
    employed, seekers = found["employed"], found["job_seekers"]
    show_meetings(
        console, employed, zone=zone, also=also,
        title=f"Where the employed go ({len(employed)}): aim for about one a week",
    )  # fmt: skip
    show_meetings(
        console, seekers, zone=zone, also=also,
        title=f"Job-seeker meetings ({len(seekers)}): one or two a month is plenty",
    )  # fmt: skip
    if found["cancelled"]:
        show_meetings(
            console, found["cancelled"], zone=zone, also=also,
            title=f"Cancelled ({len(found['cancelled'])}): kept, and flagged cancelled",
        )  # fmt: skip


RUN_COLUMNS = (
    Column("Source"),
    Column("Status"),
    Column("New", justify="right"),
    Column("Updated", justify="right", drop=2),
    Column("Cancelled", justify="right", drop=1),
    Column("Note", min_width=20, drop=3),
)


def show_runs(console: Console, runs: list[dict]) -> None:
    rows = [
        [
            run.get("spider") or "",
            run.get("status") or "",
            str(run.get("new") or 0),
            str(run.get("updated") or 0),
            str(run.get("cancelled") or 0),
            (run.get("error") or "").splitlines()[0] if run.get("error") else "",
        ]
        for run in runs
    ]
    show_table(console, RUN_COLUMNS, rows, title="Crawls of the sample")


NEXT_STEPS = """\
[bold]Use it for real[/bold]
  1. List your groups:  meetscout config --example > meetscout.toml
                        then put your Meetup groups in its \\[meetup] groups list
                        and your chapters' sites in its \\[calendars] urls list
                        (meetscout calendar find URL says what a site offers)
  2. Gather events:     meetscout crawl meetup hdi-new-jersey pmi-nj-chapter
  3. Ask:               meetscout events --crowd employed --from {today}
  4. Flags in Chrome:   meetscout serve
                        load the folder `meetscout extension` prints at
                        chrome://extensions (Developer mode, Load unpacked),
                        then paste the token from `meetscout token` into
                        its options
  5. After a meeting:   meetscout attended <id>
                        meetscout met <id> "First Last" --company …
                        meetscout followups; meetscout report --chart networking
  LinkedIn is off until you sign in yourself: meetscout linkedin login
"""


def print_next_steps(console: Console) -> None:
    text = NEXT_STEPS.format(today=datetime.now(UTC).date().isoformat())
    console.print(text, highlight=False, soft_wrap=True)
