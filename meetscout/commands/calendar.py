"""`meetscout calendar find URL`: which calendar a chapter's site publishes, without storing."""

from __future__ import annotations

from typing import Annotated

import typer

from ..exit_codes import BLOCKED, FAILED
from ..sources.calendars import WINDOW_DAYS
from ..terminal import say
from .common import console, err_console
from .crawl_calendar import DaysOption, FromOption

calendar_app = typer.Typer(help="Association chapter calendars: find them before you crawl them.")


@calendar_app.command("find")
def find(
    url: Annotated[str, typer.Argument(help="A chapter's home page, or a calendar's address.")],
    days: DaysOption = WINDOW_DAYS,
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
