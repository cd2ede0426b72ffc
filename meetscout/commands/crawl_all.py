"""`meetscout crawl` with no source named: crawl every source meetscout.toml lists, now."""

from __future__ import annotations

import typer

from .common import DbOption


def crawl_everything(ctx: typer.Context, db: DbOption = None) -> None:
    """Gather events from a source into the local database.

    With no source named, crawls every source that meetscout.toml lists (its Meetup groups and
    searches, its chapters' calendars, and LinkedIn when turned on), due or not: the same as
    `meetscout schedule --once --force`.

    Example:

        meetscout crawl
    """
    if ctx.invoked_subcommand is not None:
        return
    from .schedule import schedule

    schedule(once=True, force=True, db=db)
