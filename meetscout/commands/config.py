"""`meetscout config`: which meetscout.toml is used, or where to create one."""

from __future__ import annotations

from typing import Annotated

import typer

from ..config import EXAMPLE, ConfigError, config_candidates, find_config, load_config
from .common import fail


def config(
    example: Annotated[
        bool, typer.Option("--example", help="Print an example meetscout.toml to start from.")
    ] = False,
) -> None:
    """Show which meetscout.toml is used (and check it), or where to create one.

    meetscout looks in the working folder, then in your per-user config folder
    ($MEETSCOUT_CONFIG names a file directly).

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
    typer.echo(
        "  LinkedIn: "
        + (
            f"on, {_count(linkedin.keywords, 'search')}, {linkedin.schedule}"
            if linkedin.enabled
            else "off (turn it on in [linkedin] after `meetscout linkedin login`)"
        )
    )
    profile = loaded.profile
    if profile.home_area:
        typer.echo(f"  Profile: {profile.home_area}, within {profile.radius_km:g} km")


def _count(items: list, noun: str) -> str:
    plural = noun + ("es" if noun.endswith(("ch", "ss")) else "s")
    return f"{len(items)} {noun if len(items) == 1 else plural}"
