"""`meetscout crawl calendar URL…`: gather the meetings of association chapter calendars."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from ..sources.calendars import WINDOW_DAYS
from .common import DbOption, fail
from .crawl_run import crawl_in_process

UrlsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Addresses of calendar feeds (.ics, webcal://, The Events Calendar's API, a Wild "
        "Apricot event RSS) or of chapters' home pages, where meetscout finds the calendar.",
        show_default=False,
    ),
]
DaysOption = Annotated[
    int, typer.Option("--days", min=1, max=730, help="Read meetings this many days ahead.")
]
FromOption = Annotated[
    datetime | None,
    typer.Option(
        "--from",
        formats=["%Y-%m-%d"],
        help="The first day to read (default: today).",
        show_default=False,
    ),
]


def calendar(
    urls: UrlsArgument,
    db: DbOption = None,
    days: DaysOption = WINDOW_DAYS,
    first_day: FromOption = None,
) -> None:
    """Gather the meetings of association chapters, chambers and clubs from their own calendars.

    A home page is searched first for the calendar it publishes (an iCalendar feed, The Events
    Calendar's API, a Google Calendar embed, Wild Apricot's event feed, or schema.org events in
    the page), and the crawl says what it found. Repeating meetings are read for the days ahead.

    Example:

        meetscout crawl calendar https://www.riverside-chamber.example/
    """
    if not urls:
        fail("Name a calendar: meetscout crawl calendar https://chapter.example/events/?ical=1")
    from meetscout.spiders.calendar_feed import CalendarFeedSpider

    label = f"Calendars: {', '.join(urls)}"
    start = first_day.date().isoformat() if first_day else None
    crawl_in_process(CalendarFeedSpider, db, label, source="calendars", urls=urls, days=days,
                     start=start)  # fmt: skip
