"""`meetscout demo`: meetscout working end to end on a bundled sample, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import console, fail

DEFAULT_PORT = 8790  # meetscout serve's 8787, plus three


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
    serve: Annotated[
        bool,
        typer.Option(
            "--serve",
            help="Only serve the sample's sites (Meetup, LinkedIn, chapters' own sites) on "
            "127.0.0.1 until Ctrl-C, to try the other commands on them offline.",
        ),
    ] = False,
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="With --serve: the port to serve on.")
    ] = DEFAULT_PORT,
) -> None:
    """Run meetscout on a bundled sample of a dozen North Jersey groups, with no network.

    Crawls a local copy of their Meetup and LinkedIn pages into a demo database (never your own),
    prints the meetings where the employed go and the job-seeker meetings, then opens Chromium with
    the extension and screenshots the flagged pages into the output folder.

    With --serve it only serves the sample's sites, so that `meetscout calendar find` and the
    crawl commands can be tried on them without the network.

    Example:

        meetscout demo --headless --output demo-output
    """
    if serve:
        from ..demo.serve import serve_sample

        try:
            serve_sample(output, port, console)
        except OSError as exc:
            fail(f"cannot serve the sample on 127.0.0.1:{port} ({exc.strerror}); try --port")
        return
    from ..demo.run import Demo, DemoError

    try:
        summary = Demo(output, headless=headless, console=console).run(keep_open=keep_open)
    except DemoError as exc:
        fail(str(exc))
    if summary.missing:
        fail("the demo ran with parts missing: " + "; ".join(summary.missing), code=1)
