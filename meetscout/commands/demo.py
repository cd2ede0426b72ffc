"""`meetscout demo`: meetscout working end to end on a bundled sample, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import console, fail


def demo(
    output: Annotated[
        Path, typer.Option("--output", help="Folder for the demo's database, pages, screenshots.")
    ] = Path("demo-output"),
    headless: Annotated[
        bool | None,
        typer.Option(
            "--headless/--show",
            help="Hide the browser (the default without a display) or show it.",
            show_default=False,
        ),
    ] = None,
    keep_open: Annotated[
        bool,
        typer.Option(help="With a visible browser, leave it open until Ctrl-C."),
    ] = True,
) -> None:
    """Run meetscout on a bundled sample of a dozen North Jersey groups, with no network.

    Crawls a local copy of their Meetup and LinkedIn pages into a demo database (never your own),
    prints the meetings where the employed go and the job-seeker meetings, then opens Chromium with
    the extension and screenshots the flagged pages into the output folder.

    Example:

        meetscout demo --headless --output demo-output
    """
    from ..demo.run import Demo, DemoError

    try:
        summary = Demo(output, headless=headless, console=console).run(keep_open=keep_open)
    except DemoError as exc:
        fail(str(exc))
    if summary.missing:
        fail("the demo ran with parts missing: " + "; ".join(summary.missing), code=1)
