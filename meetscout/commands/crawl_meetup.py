"""`meetscout crawl meetup` and `meetscout crawl meetup-search`: gather Meetup events.

Scrapy is imported only when a crawl starts, so the rest of the CLI stays light.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..identify import check_base_url, is_meetup_urlname, meetup_urlname
from .common import DbOption, fail
from .crawl_run import crawl_in_process


def _http_url(value: str | None) -> str | None:
    try:
        return check_base_url(value) if value else value
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="Crawl a copy of the site at this address (default: $MEETSCOUT_MEETUP_BASE_URL, "
        "else meetscout.toml, else https://www.meetup.com). Stored URLs stay meetup.com's.",
        envvar="MEETSCOUT_MEETUP_BASE_URL",
        show_default=False,
        callback=_http_url,
    ),
]


def meetup(
    urlnames: Annotated[
        list[str] | None,
        typer.Argument(
            help="Groups, each by its urlname (the part of its address after meetup.com/: "
            "meetup.com/`<urlname>`/) or its whole address. None: the groups in meetscout.toml.",
            show_default=False,
            metavar="URLNAME...",
        ),
    ] = None,
    db: DbOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """Gather the upcoming events of Meetup groups from their calendar feeds and pages.

    A group that does not exist (meetup.com answers "Group not found") ends the crawl with exit
    status 4, after the other groups are crawled.

    Example:

        meetscout crawl meetup hdi-new-jersey pmi-nj-chapter
    """
    names = []
    for given in urlnames or []:
        try:
            names.append(meetup_urlname(given))
        except ValueError as exc:
            fail(str(exc))
    if not names:
        from ..config import ConfigError, load_config

        try:
            config = load_config()
        except ConfigError as exc:
            fail(str(exc))
        names = config.meetup.groups
        if not names:
            where = f" ({config.path})" if config.path else ""
            fail(
                "No Meetup groups to crawl: name some (meetscout crawl meetup hdi-new-jersey) "
                f"or list them in meetscout.toml{where} under "
                '[meetup] groups = ["hdi-new-jersey"].'
            )
    wrong = [n for n in names if not is_meetup_urlname(n)]
    if wrong:
        fail(
            f"not a Meetup group name: {', '.join(map(repr, wrong))} (a group's name is the "
            "part after meetup.com/: letters, digits and hyphens)"
        )
    from meetscout.spiders.meetup_group import MeetupGroupSpider

    crawl_in_process(MeetupGroupSpider, db, f"Meetup groups: {', '.join(names)}",
                     urlnames=names, base_url=base_url)  # fmt: skip


def meetup_search(
    keywords: Annotated[str, typer.Option("--keywords", "-k", help="What to search for.")],
    location: Annotated[
        str | None, typer.Option("--location", "-l", help='Where, e.g. "Newark, NJ".')
    ] = None,
    limit: Annotated[
        int, typer.Option(min=1, max=2000, help="Read at most this many events.")
    ] = 100,
    db: DbOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """Search Meetup for events in a real browser and gather each event found.

    Example:

        meetscout crawl meetup-search --keywords "project management" --location "Newark, NJ"
    """
    if not keywords.strip():
        fail("--keywords needs some words to search for")
    from ..browser import BrowserNotFound, ensure_chromium

    try:
        ensure_chromium()
    except BrowserNotFound as exc:
        fail(str(exc))
    from meetscout.spiders.meetup_search import MeetupSearchSpider

    where = f" near {location}" if location else ""
    label = f"Meetup search {keywords!r}{where}"
    crawl_in_process(MeetupSearchSpider, db, label, keywords=keywords, location=location,
                     limit=limit, base_url=base_url)  # fmt: skip
