"""`meetscout calendar`: find a chapter's calendar (`find URL`, without storing); and the
person's own calendar: `export` the meetings they are going to as an ICS file, the subscription
`url` that `meetscout serve` keeps up to date, and `revoke` to close that address."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..calendar_export import calendar_entries, calendar_ics
from ..exit_codes import BLOCKED, FAILED
from ..sources.calendars import WINDOW_DAYS
from ..store import now_utc
from ..terminal import say
from .common import DbOption, console, err_console, fail, open_store
from .crawl_calendar import DaysOption, FromOption

calendar_app = typer.Typer(
    help="Calendars: find a chapter's before you crawl it; put your meetings in your own."
)


@calendar_app.command("find")
def find(
    url: Annotated[str, typer.Argument(help="A chapter's home page, or a calendar's address.")],
    days: DaysOption = None,
    first_day: FromOption = None,
) -> None:
    """Find the calendar a chapter's site publishes and what it holds; store nothing.

    Reads the page as `meetscout crawl calendar` would (robots.txt obeyed), says which calendar
    it found and how, and how many meetings it lists in the days ahead.

    Example:

        meetscout calendar find https://www.riverside-chamber.example/
    """
    from meetscout.spiders.calendar_feed import CalendarFeedSpider
    from meetscout.spiders.run import crawl

    days = days or WINDOW_DAYS
    start = first_day.date().isoformat() if first_day else None
    found = crawl(CalendarFeedSpider, None, {"ITEM_PIPELINES": {}}, urls=[url], days=days,
                  start=start, find_only=True)  # fmt: skip
    spider = found.spider
    report = spider.report
    for note in report.notes:
        say(console, note)
    for _asked, feed, read in spider.reads:
        name = read.group.name if read.group else feed.url
        say(
            console,
            f"{feed.url}: {name}: {len(read.events)} meetings in the next {days} days"
            + (f", {len(read.cancelled)} called off" if read.cancelled else ""),
        )
    for line in report.blocked + report.problems + [f"warning: {w}" for w in report.warnings]:
        say(err_console, f"  {line}")
    if not spider.reads:
        raise typer.Exit(BLOCKED if report.blocked else FAILED)


# Where `meetscout serve` listens unless told otherwise (its --port default).
SERVE_PORT = 8787


@calendar_app.command("export")
def export(
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Write the calendar here (default: print it).", dir_okay=False),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the meetings you are going to (or accepted from your plan), and your follow-ups
    due with a reminder, as an ICS file.

    Google Calendar, Outlook and Apple Calendar import it; each entry keeps its id, so
    importing again updates rather than duplicates. A cancelled meeting shows as cancelled.
    A follow-up's entry says how many people you met at a meeting, never their names.

    Example:

        meetscout calendar export --file my-meetings.ics
    """
    with open_store(db) as store:
        now = now_utc()
        count = len(calendar_entries(store, now))
        ics = calendar_ics(store, now)
    if file is None:
        typer.echo(ics.decode(), nl=False)
        return
    try:
        file.write_bytes(ics)
    except OSError as exc:
        fail(f"cannot write {file}: {exc.strerror or exc}")
    if count:
        entries = "1 entry" if count == 1 else f"{count} entries"
        console.print(f"Wrote {entries} to {file}.", highlight=False)
    else:
        console.print(
            f"Wrote an empty calendar to {file}: mark meetings going, or accept picks from "
            "`meetscout plan`, to fill it.",
            highlight=False,
        )


def subscription_url(secret: str, port: int) -> str:
    return f"http://127.0.0.1:{port}/calendar/{secret}.ics"


@calendar_app.command("url")
def url(
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="The port `meetscout serve` listens on.")
    ] = SERVE_PORT,
    new: Annotated[
        bool, typer.Option("--new", help="Make a new address; the old one stops working.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Print the address your calendar app subscribes to (made on first use).

    The address carries its own secret, which opens this calendar and nothing else; while
    `meetscout serve` runs, the app sees a moved or cancelled meeting at its next refresh.

    Example:

        meetscout calendar url
    """
    with open_store(db) as store:
        secret = None if new else store.calendar_secret()
        secret = secret or store.new_calendar_secret(now_utc())
    typer.echo(subscription_url(secret, port))
    err_console.print(
        "Subscribe to it in a calendar app on this computer (Apple Calendar: File > New "
        "Calendar Subscription; Outlook: Add calendar > From Internet). It works while "
        "`meetscout serve` runs. Anyone with the address can read your meetings: "
        "`meetscout calendar revoke` closes it.",
        highlight=False,
    )


@calendar_app.command("revoke")
def revoke(db: DbOption = None) -> None:
    """Close the calendar address: apps subscribed to it get nothing more.

    `meetscout calendar url` then makes a new one.

    Example:

        meetscout calendar revoke
    """
    with open_store(db) as store:
        closed = store.revoke_calendar_secret(now_utc())
    if closed:
        console.print(
            "The calendar address is closed. `meetscout calendar url` makes a new one.",
            highlight=False,
        )
    else:
        console.print("There was no calendar address to close.", highlight=False)
