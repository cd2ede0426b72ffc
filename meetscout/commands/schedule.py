"""`meetscout schedule`: crawl each source on its own schedule, in the foreground or once."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from ..config import ConfigError, load_config
from ..exit_codes import OK, for_status
from ..paths import default_db_path
from ..scheduling.processes import Stopper, worst
from ..scheduling.scheduler import Scheduler, SourceResult, install_stop_signals, run_once
from ..scheduling.source_plans import SourcePlan, plan_sources
from ..scheduling.state import Policy
from ..scheduling.system_units import (
    INSTALL,
    cron_line,
    systemd_units,
    user_units_dir,
    write_systemd,
)
from ..terminal import Column, clean_logs, say, show_table
from .common import DbOption, console, err_console, fail

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="meetscout.toml to use (default: $MEETSCOUT_CONFIG, ./meetscout.toml, config folder).",
        envvar="MEETSCOUT_CONFIG",
        show_default=False,
    ),
]


def load_plans(config_path: Path | None, db: Path) -> tuple[list[SourcePlan], Path | None]:
    """The source plans from the config; a bad config or schedule ends with a clear message."""
    try:
        config = load_config(config_path)
        plans = plan_sources(config, db)
    except ConfigError as exc:
        where = f"{config.path}: " if "config" in locals() and config.path else ""
        fail(f"{where}{exc}")
    return plans, config.path


def schedule(
    once: Annotated[
        bool, typer.Option("--once", help="Crawl every due source once, then exit (for cron).")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --once: crawl every source now, due or not.")
    ] = False,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source", help="Only this source (meetup, calendars, linkedin); repeat for more."
        ),
    ] = None,
    print_systemd: Annotated[
        bool, typer.Option("--print-systemd", help="Print a systemd service and timer, then exit.")
    ] = False,
    write_units: Annotated[
        bool,
        typer.Option(
            "--write-systemd",
            help="Write the systemd service and timer into your user's systemd folder "
            "(or --units-dir), then exit.",
        ),
    ] = False,
    units_dir: Annotated[
        Path | None,
        typer.Option("--units-dir", help="Where --write-systemd writes the two files."),
    ] = None,
    print_cron: Annotated[
        bool, typer.Option("--print-cron", help="Print a crontab line, then exit.")
    ] = False,
    grace: Annotated[
        float, typer.Option(min=0, help="Seconds a running crawl may take to finish on stop.")
    ] = 60.0,
    retry_after: Annotated[
        float, typer.Option(min=0.1, help="Seconds before the first retry of a failed source.")
    ] = 300.0,
    retry_max: Annotated[
        float, typer.Option(min=0.1, help="Longest wait between retries (the wait doubles).")
    ] = 6 * 3600.0,
    blocked_wait: Annotated[
        float, typer.Option(min=0.1, help="Seconds a blocked source rests when not told how long.")
    ] = 12 * 3600.0,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Crawl each source on its own schedule from meetscout.toml ([meetup], [calendars] and so on).

    Runs in the foreground until Ctrl-C or SIGTERM; a running crawl then gets --grace seconds to
    finish before it is stopped and recorded as interrupted. With --once it crawls the sources
    that are due and exits as a crawl command does, with the status of the crawl that went worst
    (0 when each went well): what cron or a systemd timer calls (see --print-cron, and
    --write-systemd, which writes the service and timer files for you).

    Example:

        meetscout schedule --once
    """
    db_path = Path(db) if db else default_db_path()
    plans, config_path = load_plans(config, db_path)
    if source:
        unknown = sorted(set(source) - {p.name for p in plans})
        if unknown:
            fail(
                f"unknown source {', '.join(unknown)}; choose from "
                + ", ".join(p.name for p in plans)
            )
        plans = [p for p in plans if p.name in source]
    if print_systemd:
        typer.echo(systemd_units(db_path, config_path, grace), nl=False)
        return
    if write_units:
        folder = units_dir or user_units_dir()
        try:
            written = write_systemd(folder, db_path, config_path, grace)
        except OSError as exc:
            fail(f"cannot write the systemd units into {folder}: {exc}")
        for path in written:
            typer.echo(f"Wrote {path}")
        typer.echo(f"Start them with: {INSTALL}")
        return
    if print_cron:
        typer.echo(cron_line(db_path, config_path), nl=False)
        return
    policy = Policy(
        retry_base=timedelta(seconds=retry_after),
        retry_cap=timedelta(seconds=max(retry_max, retry_after)),
        blocked_default=timedelta(seconds=blocked_wait),
    )
    # The crawl commands read meetscout.toml themselves: make them read this one.
    env = {"MEETSCOUT_CONFIG": str(config_path.absolute())} if config_path else None
    stopper = Stopper(grace=grace)
    install_stop_signals(stopper)
    for plan in plans:
        if not plan.active:
            say(err_console, f"{plan.name}: not crawled ({plan.off_because})")
    if not any(p.active for p in plans):
        fail(
            "nothing to crawl: add Meetup groups or searches, or chapters' calendars, to "
            "meetscout.toml (meetscout config)"
        )
    if once:
        results = run_once(plans, db_path, stopper=stopper, policy=policy, force=force, env=env)
        show_results(results)
        bad = [r for r in results if for_status(r.outcome.status) != OK]
        if bad:
            names = ", ".join(f"{r.source} {r.outcome.status}" for r in bad)
            fail(
                f"not everything worked: {names}",
                for_status(worst([r.outcome.status for r in bad])),
            )
        return
    _foreground(plans, db_path, policy, stopper, env)


def _foreground(
    plans: list[SourcePlan], db: Path, policy: Policy, stopper: Stopper, env: dict | None
) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    clean_logs()
    # Its "skipped: maximum number of running instances" is our overlap rule working, not news.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    scheduler = Scheduler(plans, db, policy=policy, stopper=stopper, env=env)

    def report(result: SourceResult) -> None:
        nxt = None if stopper.stopping else scheduler.next_runs().get(result.source)
        when = f"; next run {_local(nxt)}" if nxt else ""
        say(console, f"{result.source}: {_summary(result)}{when}")

    scheduler.on_result = report
    scheduler.start()
    for name, when in scheduler.next_runs().items():
        console.print(
            f"{name}: {scheduler.plans[name].schedule.describe()}, next run {_local(when)}"
        )
    console.print("Crawling on schedule; Ctrl-C stops (a second Ctrl-C stops running crawls).")
    scheduler.wait()
    console.print("Stopped.")


RESULT_COLUMNS = (
    Column("Source"),
    Column("Status"),
    Column("New", justify="right"),
    Column("Updated", justify="right", drop=3),
    Column("Unchanged", justify="right", drop=5),
    Column("Cancelled", justify="right", drop=2),
    Column("Invalid", justify="right", drop=4),
    Column("Note", min_width=24, drop=1),
)


def show_results(results: list[SourceResult]) -> None:
    """A row per source crawled; with none due, a sentence saying when the first one is."""
    rows = []
    for r in results:
        c = r.outcome.counts
        note = (r.outcome.error or "").splitlines()[0] if r.outcome.error else ""
        if r.state.retry_at and r.outcome.status in ("failed", "blocked"):
            note = f"retry after {_local(r.state.retry_at)}. {note}"
        counts = (str(c.get(k, 0)) for k in ("new", "updated", "unchanged", "cancelled", "invalid"))
        rows.append([r.source, r.outcome.status, *counts, note])
    show_table(
        console,
        RESULT_COLUMNS,
        rows,
        title="Crawls run",
        empty="Nothing was due: every source was crawled recently enough for its schedule "
        "(`meetscout status` says when each runs next; `meetscout crawl` crawls them all now).",
    )


def _summary(result: SourceResult) -> str:
    c = result.outcome.counts
    text = (
        f"{result.outcome.status} ({c.get('new', 0)} new, {c.get('updated', 0)} updated, "
        f"{c.get('unchanged', 0)} unchanged, {c.get('cancelled', 0)} cancelled)"
    )
    if result.outcome.error:
        text += f": {result.outcome.error.splitlines()[0]}"
    return text


def _local(when: datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S") if when else "-"
