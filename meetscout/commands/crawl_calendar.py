"""`meetscout crawl calendar URL…`: gather the meetings of association chapter calendars."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from ..sources.calendars import WINDOW_DAYS
from .common import DbOption, fail
from .crawl_run import crawl_in_process

UrlsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Addresses of calendar feeds (.ics, webcal://, The Events Calendar's API, a Wild "
        "Apricot event RSS) or of chapters' home pages, where meetscout finds the calendar. "
        "None: the [calendars] urls in meetscout.toml.",
        show_default=False,
    ),
]
DaysOption = Annotated[
    int | None,
    typer.Option(
        "--days",
        min=1,
        max=730,
        help=f"Read meetings this many days ahead (default: [calendars] days, else {WINDOW_DAYS}).",
        show_default=False,
    ),
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
    urls: UrlsArgument = None,
    db: DbOption = None,
    days: DaysOption = None,
    first_day: FromOption = None,
) -> None:
    """Gather the meetings of association chapters, chambers and clubs from their own calendars.

    A home page is searched first for the calendar it publishes (an iCalendar feed, The Events
    Calendar's API, a Google Calendar embed, Wild Apricot's event feed, or schema.org events in
    the page), and the crawl says what it found. Repeating meetings are read for the days ahead.

    Example:

        meetscout crawl calendar https://www.riverside-chamber.example/
    """
    urls = list(urls or [])
    if not urls or days is None:
        from ..config import ConfigError, load_config

        try:
            config = load_config()
        except ConfigError as exc:
            fail(str(exc))
        urls = urls or config.calendars.urls
        days = days or config.calendars.days
        if not urls:
            where = f" ({config.path})" if config.path else ""
            fail(
                "No calendars to crawl: name one (meetscout crawl calendar "
                "https://chapter.example/events/?ical=1) or list them in meetscout.toml"
                f'{where} under [calendars] urls = ["https://chapter.example/"].'
            )
    from meetscout.spiders.calendar_feed import CalendarFeedSpider

    label = f"Calendars: {', '.join(urls)}"
    start = first_day.date().isoformat() if first_day else None
    crawl_in_process(CalendarFeedSpider, db, label, source="calendars", urls=urls, days=days,
                     start=start)  # fmt: skip
