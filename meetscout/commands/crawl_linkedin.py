"""`meetscout crawl linkedin`: LinkedIn events through the person's own session, slowly."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..browser import BrowserNotFound, ensure_chromium
from ..config import ConfigError, load_config
from ..linkedin.session import load_state, session_path
from .common import DbOption, fail
from .crawl_run import crawl_in_process


def linkedin(
    keyword: Annotated[
        list[str] | None,
        typer.Option("--keyword", "-k", help="Search for this (repeat it); default: the config's."),
    ] = None,
    event: Annotated[
        list[str] | None,
        typer.Option("--event", help="Also read this event page (URL or id; repeat it)."),
    ] = None,
    enable: Annotated[
        bool, typer.Option("--enable", help="Crawl even though meetscout.toml leaves it off.")
    ] = False,
    budget: Annotated[
        int | None, typer.Option(min=1, max=200, help="Pages a day at most (default: config).")
    ] = None,
    min_delay: Annotated[
        float | None,
        typer.Option(min=2, help="Seconds between pages at least (default: config, 8)."),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="Read a local copy of LinkedIn's pages at this address (tests, demo)."),
    ] = None,
    session: Annotated[
        Path | None,
        typer.Option(help="Saved session file (default: the one `meetscout linkedin login` made)."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="meetscout.toml to use (default: the one found).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Crawl even though LinkedIn refused a recent crawl.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Gather the LinkedIn events you can see, in your own session, at a person's pace.

    Off until you turn it on ([linkedin] enabled = true in meetscout.toml, or --enable) and
    sign in with `meetscout linkedin login`. Reads one page at a time, seconds apart, at most
    the daily page budget, and stops at the first sign that LinkedIn said no.

    Example:

        meetscout crawl linkedin --keyword "project management" --enable
    """
    try:
        settings = load_config(config).linkedin
    except ConfigError as exc:
        fail(str(exc))
    if not (settings.enabled or enable):
        fail(
            "LinkedIn crawling is off. LinkedIn does not welcome crawlers, so meetscout reads it "
            "only when you ask: set `enabled = true` under [linkedin] in meetscout.toml, or pass "
            "--enable."
        )
    session = session or session_path()
    if not session.is_file():
        fail(f"No saved LinkedIn session ({session}). Run `meetscout linkedin login` first.")
    if load_state(session) is None:
        fail(f"{session} is not a saved browser session. Run `meetscout linkedin login` again.")
    keywords = keyword or settings.keywords
    events = event or settings.events
    if not keywords and not events:
        fail(
            "Nothing to look for: add `keywords` or `events` under [linkedin] in meetscout.toml, "
            "or pass --keyword / --event."
        )
    try:
        ensure_chromium()
    except BrowserNotFound as exc:
        fail(str(exc))
    from meetscout.spiders.linkedin_events import LinkedInEventsSpider  # Scrapy only now

    crawl_in_process(
        LinkedInEventsSpider,
        db,
        "LinkedIn",
        source="linkedin",
        session=session,
        keywords=keywords,
        places=settings.places if not keyword else [],
        events=events,
        base_url=base_url or settings.base_url,
        daily_budget=budget or settings.daily_page_budget,
        min_delay=min_delay or settings.min_delay_seconds,
        force=force,
    )
