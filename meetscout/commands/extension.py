"""`meetscout extension`: where the browser extension is, or a copy of it where you like."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..extension import ExtensionNotFound, copy_extension, extension_dir
from .common import err_console, fail


def extension(
    copy: Annotated[
        Path | None,
        typer.Option(
            "--copy",
            help="Copy the extension into this folder (made if missing) and print that instead.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the folder to choose in Chrome's "Load unpacked", or copy the extension first.

    In Chrome or Edge open chrome://extensions (edge://extensions), turn on Developer mode,
    click Load unpacked and choose the folder printed here. --copy puts the extension where you
    want it (running it again updates that copy; reload the extension afterwards).

    Example:

        meetscout extension --copy ~/meetscout-extension
    """
    try:
        folder = copy_extension(copy) if copy else extension_dir()
    except (ExtensionNotFound, ValueError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot copy the extension to {copy}: {exc.strerror or exc}")
    typer.echo(str(folder))
    err_console.print(
        'Choose this folder in chrome://extensions: Developer mode, then "Load unpacked".',
        highlight=False,
        markup=False,
    )
