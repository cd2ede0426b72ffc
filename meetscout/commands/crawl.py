"""`meetscout crawl …`: one sub-command per source, each in its own module."""

from __future__ import annotations

import typer

crawl_app = typer.Typer(
    help="Gather events from a source into the local database.",
    no_args_is_help=True,
)

from .crawl_linkedin import linkedin  # noqa: E402 (registered on the group defined above)

crawl_app.command("linkedin")(linkedin)
