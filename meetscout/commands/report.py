"""`meetscout report`: where networking has worked, per kind of meeting and per group, the
month-by-month balance, as tables, JSON or charts; and the work-search record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..labels import OUTCOME_LABELS
from ..log import LogError, local_midnight, parse_day, read_log
from ..log_report import Report, Tally, build_report
from ..store import now_utc
from .common import DbOption, console, err_console, fail, log_store


@dataclass(frozen=True)
class Period:
    """Days from `start` to `last`, both included; either may be open."""

    start: date | None = None
    last: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.last and self.last < self.start:
            fail(f"--to ({self.last}) is before --from ({self.start})")

    @property
    def end(self) -> date | None:  # exclusive
        return self.last + timedelta(days=1) if self.last else None

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        return (
            local_midnight(self.start) if self.start else None,
            local_midnight(self.end) if self.end else None,
        )


def day_option(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return parse_day(value, option)
    except LogError as exc:
        fail(str(exc))


FromOption = Annotated[
    str | None, typer.Option("--from", help="Meetings on or after this day (YYYY-MM-DD).")
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Meetings on or before this day (YYYY-MM-DD).")
]


def report(
    date_from: FromOption = None,
    date_to: ToOption = None,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Also draw it: writes PATH.png and PATH.svg.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="The figures as one JSON object.")
    ] = False,
    work_search: Annotated[
        bool,
        typer.Option(
            "--work-search",
            help="Write the work-search record (date, activity, organisation, person, how) "
            "for --from to --to as CSV and a printable page.",
        ),
    ] = False,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the work-search record's files.")
    ] = Path("."),
    db: DbOption = None,
) -> None:
    """Show where networking has worked, as tables, JSON or charts.

    Per kind of meeting and per group: the meetings attended, contacts made, contacts at your
    target companies, follow-ups done on time and outcomes. Month by month: meetings where the
    employed go against about one a week, and job-seeker meetings against your monthly limit.

    Example:

        meetscout report --from 2026-11-01 --chart networking

    The work-search record many unemployment offices ask for:

        meetscout report --work-search --from 2026-11-30 --to 2026-12-06
    """
    period = Period(day_option(date_from, "--from"), day_option(date_to, "--to"))
    if work_search:
        return _work_search(period, out, db)
    now = now_utc()
    with log_store(db) as store:
        found = build_report(read_log(store), now, start=period.start, end=period.end)
    if as_json:
        typer.echo(json.dumps(found.to_json(), indent=2))
    else:
        print_report(found)
    if chart is not None:
        from ..log_charts import draw

        try:
            paths = draw(found, chart)
        except OSError as exc:
            fail(f"cannot write the chart at {chart}: {exc.strerror or exc}")
        (err_console if as_json else console).print(
            "Chart: " + ", ".join(str(p) for p in paths), highlight=False
        )


def _work_search(period: Period, out: Path, db) -> None:
    from ..work_search import activities, write

    if period.start is None or period.last is None:
        fail("--work-search needs --from and --to: the days the record covers")
    with log_store(db) as store:
        found = activities(read_log(store), period.start, period.last)
    try:
        paths = write(found, out, period.start, period.last)
    except OSError as exc:
        fail(f"cannot write the work-search record in {out}: {exc.strerror or exc}")
    console.print(
        f"{len(found)} work-search activities from {period.start} to {period.last}:\n  "
        + "\n  ".join(str(p) for p in paths)
        + "\nOpen the .html page in a browser to print it; the .csv goes into a spreadsheet.",
        highlight=False,
    )


def print_report(found: Report, out: Console | None = None) -> None:
    out = out or console
    if not found.total.attended and not found.total.contacts:
        out.print(
            "Nothing to report yet: after a meeting, `meetscout attended <id>` and "
            '`meetscout met <id> "First Last" --company …` fill your log.'
        )
        return
    out.print(tally_table("Per kind of meeting", found.by_kind, found.total))
    out.print(tally_table("Per group", found.by_group, found.total))
    months = Table(title="Month by month, against the coach's rhythm")
    for name in ("Month", "Where the employed go", "Job-seeker meetings", "How it went"):
        months.add_column(name)
    for m in found.months:
        months.add_row(
            m.month + (" (part)" if m.partial else ""),
            f"{m.employed} of about {m.employed_goal}",
            f"{m.job_seekers} (limit {m.job_seeker_limit})",
            f"[green]{m.verdict}[/green]" if m.verdict.startswith("on rhythm") else m.verdict,
        )
    out.print(months)


def tally_table(title: str, rows: list[Tally], total: Tally) -> Table:
    table = Table(title=title, show_footer=True)
    names = ("Attended", "Contacts", "At target companies", "Follow-ups on time", "Came of it")
    table.add_column("", footer="All")
    for i, name in enumerate(names):
        table.add_column(name, footer=_cells(total)[i], justify="right" if i < 4 else "left")
    for t in rows:
        table.add_row(escape(t.label), *_cells(t))
    return table


def _cells(t: Tally) -> list[str]:
    outcomes = ", ".join(
        f"{n} {OUTCOME_LABELS[k].lower()}{'s' if n > 1 else ''}" for k, n in t.outcomes.items() if n
    )
    on_time = f"{t.followups_on_time} of {t.followups_due}" if t.followups_due else "–"
    attended = str(t.attended) + (f" ({t.skipped} skipped)" if t.skipped else "")
    return [attended, str(t.contacts), str(t.at_targets), on_time, outcomes]
