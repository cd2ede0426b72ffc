"""`meetscout crawl …`: one sub-command per source, each in its own module."""

from __future__ import annotations

import typer

from .crawl_all import crawl_everything

crawl_app = typer.Typer(
    help=(
        "Gather events into the local database: from the source named, or with none named from "
        "every source meetscout.toml lists (`meetscout crawl`)."
    ),
    invoke_without_command=True,  # `meetscout crawl` alone crawls what meetscout.toml lists
)
crawl_app.callback()(crawl_everything)

from .crawl_linkedin import linkedin  # noqa: E402 (registered on the group defined above)

crawl_app.command("linkedin")(linkedin)
