"""`meetscout browser`: which Chromium meetscout will drive."""

from __future__ import annotations

from typing import Annotated

import typer

from ..browser import BrowserNotFound, ensure_chromium
from .common import console, fail


def browser(
    install: Annotated[
        bool, typer.Option(help="Install Debian's chromium when none is found and we run as root.")
    ] = False,
) -> None:
    """Show the Chromium that meetscout uses for search pages, LinkedIn and the extension.

    Example:

        meetscout browser
    """
    try:
        console.print(str(ensure_chromium(install=install)))
    except BrowserNotFound as exc:
        fail(str(exc))
