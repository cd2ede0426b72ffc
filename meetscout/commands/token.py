"""`meetscout token`: the secret that pairs the browser extension with `meetscout serve`."""

from __future__ import annotations

from typing import Annotated

import typer

from ..api_token import load_or_create_token, rotate_token, token_path
from .common import err_console, fail


def token(
    new: Annotated[
        bool,
        typer.Option("--new", help="Make a new token; the extension must be paired again."),
    ] = False,
) -> None:
    """Print the token the browser extension needs (made on first use, kept private).

    Paste it in the extension's options. The token is stored in the config folder, readable by
    you alone.

    Example:

        meetscout token
    """
    try:
        value = rotate_token() if new else load_or_create_token()
    except OSError as exc:
        fail(f"cannot read or write the token at {token_path()}: {exc}")
    typer.echo(value)
    err_console.print(
        f"Paste it in the meetscout extension's options. (Kept in {token_path()}.)",
        highlight=False,
    )
