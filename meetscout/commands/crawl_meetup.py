"""`meetscout crawl meetup` and `meetscout crawl meetup-search`: gather Meetup events.

Scrapy is imported only when a crawl starts, so the rest of the CLI stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from .common import DbOption, console, err_console, fail, open_store, source_lock

BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="Crawl a copy of the site at this address (default: $MEETSCOUT_MEETUP_BASE_URL, "
        "else meetscout.toml, else https://www.meetup.com). Stored URLs stay meetup.com's.",
        envvar="MEETSCOUT_MEETUP_BASE_URL",
        show_default=False,
    ),
]


def meetup(
    urlnames: Annotated[
        list[str] | None,
        typer.Argument(
            help="Group urlnames (meetup.com/<urlname>/). None: the groups in meetscout.toml.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """Gather the upcoming events of Meetup groups from their calendar feeds and pages.

    Example:

        meetscout crawl meetup hdi-new-jersey pmi-nj-chapter
    """
    names = list(urlnames or [])
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
                + escape('[meetup] groups = ["hdi-new-jersey"].')
            )
    from spiders.meetup_group import MeetupGroupSpider

    _crawl(MeetupGroupSpider, db, f"Meetup groups: {', '.join(names)}", urlnames=names,
           base_url=base_url)  # fmt: skip


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
    from spiders.meetup_search import MeetupSearchSpider

    where = f" near {location}" if location else ""
    _crawl(MeetupSearchSpider, db, f"Meetup search {keywords!r}{where}", keywords=keywords,
           location=location, limit=limit, base_url=base_url)  # fmt: skip


def _crawl(spider_cls, db: Path | None, label: str, **kwargs: Any) -> None:
    """Run one crawl with a progress line on a terminal, then print what it did."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from spiders.run import project_settings

    open_store(db).close()  # a database we cannot open is a message, before any crawling
    process = CrawlerProcess(project_settings(db))
    crawler = process.create_crawler(spider_cls)
    seen = {"pages": 0, "items": 0}
    status = console.status(f"{label}: starting…") if console.is_terminal else None

    def on_response(**_):
        seen["pages"] += 1
        if status:
            status.update(f"{label}: {seen['pages']} pages read, {seen['items']} items")

    def on_item(**_):
        seen["items"] += 1

    crawler.signals.connect(on_response, signal=signals.response_received)
    crawler.signals.connect(on_item, signal=signals.item_scraped)
    with source_lock(db, "meetup"):
        try:
            if status:
                status.start()
            process.crawl(crawler, **kwargs)
            process.start()
        finally:
            if status:
                status.stop()
    run_id = getattr(crawler.spider, "run_id", None)
    store = open_store(db)
    try:
        run = next((r for r in store.recent_runs(50) if r["id"] == run_id), None)
    finally:
        store.close()
    if run is None:
        fail(f"{label}: the crawl did not start (see the messages above)", code=1)
    _summary(label, run)
    if run["status"] in ("blocked", "failed"):
        raise typer.Exit(1)


def _summary(label: str, run: dict[str, Any]) -> None:
    colour = {"ok": "green", "partial": "yellow"}.get(run["status"], "red")
    counts = ", ".join(
        f"{run.get(name) or 0} {name}"
        for name in ("new", "updated", "unchanged", "cancelled", "invalid")
    )
    console.print(
        f"{escape(label)}: [{colour}]{run['status']}[/{colour}] — {counts}",
        highlight=False,
        soft_wrap=True,
    )
    # The reasons: which source is blocked and why, which group was not found, …
    target = err_console if run["status"] in ("blocked", "failed") else console
    for line in (run.get("error") or "").splitlines():
        target.print(f"  {line}", highlight=False, markup=False, soft_wrap=True)
