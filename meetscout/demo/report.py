"""What the demo prints: the gathered meetings as tables, and the next steps for real use."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..labels import ALSO_AT
from ..model import Event
from ..store import EventQuery, Store


def upcoming(store: Store, crowd: str, now: datetime | None = None, limit: int = 50) -> list[Event]:
    query = EventQuery(crowd=crowd, date_from=now or datetime.now(UTC), limit=limit)
    return store.search_events(query)


def crowd_tables(store: Store, now: datetime | None = None) -> dict[str, list[Event]]:
    return {crowd: upcoming(store, crowd, now) for crowd in ("employed", "job_seekers")}


# The extension's words for the access cues, so the table and the badges agree.
ACCESS_WORDS = {"drinks_only": "cash bar", "volunteer": "volunteer to attend free"}


def _words(value: str) -> str:
    return ACCESS_WORDS.get(value, value.replace("_", " "))


def _when(event: Event) -> str:
    if not event.starts_at:
        return "?"
    zone = ZoneInfo(event.timezone) if event.timezone else UTC
    return event.starts_at.astimezone(zone).strftime("%a %d %b\n%H:%M")


def meetings_table(
    events: list[Event], title: str, also: dict[str, list[dict]] | None = None
) -> Table:
    """One row a meeting: when, what and who hosts it, who goes, how to get in, and why; a
    meeting listed on several sites is one row that says where else it is."""
    table = Table(title=title, title_justify="left", show_lines=True, expand=True)
    table.add_column("When", no_wrap=True, min_width=10)
    table.add_column("Meeting", ratio=3, min_width=22)
    table.add_column("Crowd · kind", ratio=2, min_width=14)
    table.add_column("Access", ratio=1, min_width=10)
    table.add_column("Why", ratio=3, min_width=20)
    for event in events:
        a = event.assessment
        what = escape(event.title)
        if event.status == "cancelled":
            what += " [red](cancelled)[/red]"
        if event.group_name:
            what += f"\n[dim]{escape(event.group_name)}[/dim]"
        for words in sorted({ALSO_AT.get(x["source"], "") for x in (also or {}).get(event.id, [])}):
            what += f"\n[dim]{escape(words)}[/dim]" if words else ""
        table.add_row(
            _when(event),
            what,
            f"{_words(a.crowd.value)}\n[dim]{_words(a.kind.value)}[/dim]" if a else "",
            ", ".join(_words(x.value) for x in a.access) if a else "",
            escape(a.reasons[0]) if a and a.reasons else "",
        )
    return table


def print_tables(
    console: Console, found: dict[str, list[Event]], also: dict[str, list[dict]] | None = None
) -> None:
    console.print(
        meetings_table(
            found["employed"],
            f"Where the employed go ({len(found['employed'])}): aim for about one a week",
            also,
        )
    )
    console.print(
        meetings_table(
            found["job_seekers"],
            f"Job-seeker meetings ({len(found['job_seekers'])}): one or two a month is plenty",
            also,
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
                        and your chapters' sites in its \\[calendars] urls list
                        (meetscout calendar find URL says what a site offers)
  2. Gather events:     meetscout crawl meetup hdi-new-jersey pmi-nj-chapter
  3. Ask:               meetscout events --crowd employed --from {today}
  4. Flags in Chrome:   meetscout serve
                        load the folder `meetscout extension` prints at
                        chrome://extensions (Developer mode, Load unpacked),
                        then paste the token from `meetscout token` into
                        its options
  LinkedIn is off until you sign in yourself: meetscout linkedin login
"""


def print_next_steps(console: Console) -> None:
    text = NEXT_STEPS.format(today=datetime.now(UTC).date().isoformat())
    console.print(text, highlight=False, soft_wrap=True)
