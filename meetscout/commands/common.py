"""Options and helpers that every command shares."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from ..exit_codes import BUSY, USAGE
from ..paths import default_db_path
from ..scheduling.locks import LockBusy, SourceLock
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


def open_store(db: Path | None, *, must_exist: bool = False) -> Store:
    """The database, or a message and an exit: never a traceback.

    `must_exist`: for commands that only read (or re-judge what is stored): a missing file is
    a mistyped --db, not a new database to make. An empty (0-byte) file is said, not silently
    taken for a new database."""
    path = Path(db) if db else default_db_path()
    if must_exist and not path.is_file():
        fail(
            f"the database {path} does not exist: check --db (or $MEETSCOUT_DB), "
            "or crawl first (`meetscout crawl`)"
        )
    if path.is_file() and path.stat().st_size == 0:
        if must_exist:
            fail(f"the database {path} is an empty file (0 bytes): nothing is stored there")
        err_console.print(
            f"meetscout: {path} was an empty file (0 bytes); making a new database in it",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    try:
        return Store(db)
    except Exception as exc:  # a corrupt or unreadable file: say which, not a traceback
        fail(f"cannot open the database {path}: {exc}; `meetscout doctor` checks it")


def fail(message: str, code: int = USAGE) -> NoReturn:
    """Print `message` as an error and exit with `code` (meetscout/exit_codes.py). The message is
    plain text: square brackets ("[linkedin]") are words, not styles, and a long path stays on
    one line to copy."""
    err_console.print(f"[red]meetscout:[/red] {escape(message)}", soft_wrap=True, highlight=False)
    raise typer.Exit(code)


@contextlib.contextmanager
def source_lock(db: Path | None, source: str) -> Iterator[None]:
    """Hold the source's lock while a crawl started by hand runs, so it never runs beside a
    scheduled crawl of the same source (which holds the lock already, and says so)."""
    if os.environ.get("MEETSCOUT_LOCK_HELD") == source:
        yield
        return
    lock = SourceLock(db or default_db_path(), source)
    if not lock.acquire():
        fail(
            f"{LockBusy(source, lock.holder())}; try again when it has finished "
            "(`meetscout status` shows it)",
            code=BUSY,
        )
    try:
        yield
    finally:
        lock.release()
