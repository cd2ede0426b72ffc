"""`meetscout config`: which meetscout.toml is used, or where to create one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..config import (
    EXAMPLE,
    Config,
    ConfigError,
    LinkedInConfig,
    config_candidates,
    find_config,
    load_config,
)
from ..profile import differences
from ..terminal import clean
from .common import DbOption, fail, profile_in_use


def config(
    example: Annotated[
        bool, typer.Option("--example", help="Print an example meetscout.toml to start from.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Show which meetscout.toml is used (and check it), or where to create one.

    meetscout looks in the working folder, then in your per-user config folder
    ($MEETSCOUT_CONFIG names a file directly). The profile in use is the one in your database:
    the file's [profile] is copied there whenever that section changes, and changes made since
    in the extension's options or with `meetscout profile set` are used until it changes again.

    Example:

        meetscout config --example > meetscout.toml
    """
    if example:
        typer.echo(EXAMPLE, nl=False)
        return
    path = find_config()
    if path is None:
        places = "\n".join(f"  {p}" for p in config_candidates())
        typer.echo(
            f"No meetscout.toml found. meetscout looks for one here, in this order:\n{places}\n"
            "Start one with: meetscout config --example > meetscout.toml"
        )
        return
    try:
        loaded = load_config(path)
    except ConfigError as exc:
        fail(str(exc))
    meetup, linkedin, calendars = loaded.meetup, loaded.linkedin, loaded.calendars
    # Plain echo: a path must never be wrapped or shortened to fit the terminal.
    typer.echo(f"Using {path}")
    typer.echo(
        f"  Meetup: {_count(meetup.groups, 'group')}, {_count(meetup.searches, 'search')}, "
        f"crawled {meetup.schedule}"
    )
    typer.echo(
        f"  Calendars: {_count(calendars.urls, 'address')}, crawled {calendars.schedule}"
        if calendars.urls
        else "  Calendars: none (add chapters' calendars under [calendars] urls)"
    )
    typer.echo("  LinkedIn: " + _linkedin(linkedin))
    _show_profile(loaded, db)


def _show_profile(loaded: Config, db: Path | None) -> None:
    """The profile in use (meetscout/profile.py), and the keys changed since the file's."""
    profile, path = profile_in_use(db, loaded)
    where = f"kept in {path}" if path else "no database yet"
    typer.echo(f"  Profile ({where}; `meetscout profile` shows all of it):")
    area = profile.home_area or "no home area"
    if profile.radius_km is not None and profile.home_area:
        area += f", within {profile.radius_km:g} km"
    targets = profile.target_companies + profile.target_industries
    typer.echo(
        f"    {clean(area)}; targets: {clean(', '.join(targets)) or 'none'}; "
        f"job-seeker meetings: {profile.job_seeker_monthly_limit} a month"
    )
    changed = differences(loaded, profile)
    if changed:
        typer.echo(
            f"    changed since meetscout.toml's [profile] (in the extension's options or with "
            f"`meetscout profile set`; the newer change is used): {', '.join(changed)}"
        )


def _linkedin(linkedin: LinkedInConfig) -> str:
    """What the [linkedin] table crawls: its searches (and where) and its event pages."""
    if not linkedin.enabled:
        return "off (turn it on in [linkedin] after `meetscout linkedin login`)"
    searches = _count(linkedin.keywords, "search")
    if linkedin.keywords and linkedin.places:
        searches += f" in {', '.join(linkedin.places)}"
    pages = _count(linkedin.events, "event page")
    if not linkedin.keywords and not linkedin.events:
        return f"on, but nothing to crawl: list keywords or events in [linkedin] ({searches})"
    return f"on, {searches}, {pages}, crawled {linkedin.schedule}"


def _count(items: list, noun: str) -> str:
    plural = noun + ("es" if noun.endswith(("ch", "ss")) else "s")
    return f"{len(items)} {noun if len(items) == 1 else plural}"
