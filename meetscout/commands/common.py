"""Options and helpers that every command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from ..store import Store

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="SQLite database to use (default: $MEETSCOUT_DB, else the per-user data folder).",
        envvar="MEETSCOUT_DB",
        show_default=False,
    ),
]


def open_store(db: Path | None) -> Store:
    try:
        return Store(db)
    except Exception as exc:  # a corrupt or unreadable file: say which, not a traceback
        fail(f"cannot open the database {db or 'in the data folder'}: {exc}")


def fail(message: str, code: int = 2) -> NoReturn:
    err_console.print(f"[red]meetscout:[/red] {message}", highlight=False, markup=True)
    raise typer.Exit(code)
