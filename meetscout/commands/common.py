"""Options and helpers that every command shares."""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic_core import PydanticCustomError
from rich.console import Console

from ..config import Config, ConfigError, load_config
from ..did_you_mean import one_of, suggestion
from ..exit_codes import BUSY, FAILED, USAGE
from ..model import Profile
from ..paths import default_db_path
from ..profile import load_and_sync
from ..scheduling.locks import LockBusy, SourceLock
from ..store import Store
from ..store.read_only import read_only_message, refused_write
from ..terminal import safe

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


def word_option(enum: type[StrEnum], noun: str, help: str) -> Any:
    """An option that takes one of an enum's words. A mistyped one is told the choices and the
    nearest of them ("'employeed' is not a crowd: choose employed, job_seekers or
    not_networking; did you mean 'employed'?"); the value arrives as the enum member."""
    words = [member.value for member in enum]

    def parse(value: Any) -> StrEnum:
        if isinstance(value, enum):
            return value
        if value in words:
            return enum(value)
        # Typer validates options with pydantic, which would prefix a ValueError's words.
        raise PydanticCustomError(
            "meetscout_choice",
            "{message}",
            {"message": f"{value!r} is not a {noun}: choose {one_of(words)}"
             f"{suggestion(str(value), words)}"},
        )  # fmt: skip

    return typer.Option(help=help, parser=parse, metavar=f"[{'|'.join(words)}]")


def open_store(db: Path | None, *, must_exist: bool = False) -> Store:
    """The database, or a message and an exit: never a traceback; with meetscout.toml's
    `[profile]` copied in if it changed (meetscout/profile.py; a file with mistakes is said
    once and the stored profile used).

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
        store = Store(db)
    except Exception as exc:  # a corrupt or unreadable file: say which, not a traceback
        fail(
            refused_write(exc)
            or f"cannot open the database {path}: {exc}; `meetscout doctor` checks it"
        )
    if store.read_only:
        return store  # read as it is: the file's [profile] cannot be copied in
    try:
        load_and_sync(store)
    except ConfigError as exc:
        warn(f"the profile in meetscout.toml was not read: {exc}")
    return store


def writable_store(db: Path | None) -> Store:
    """`open_store` for a command that must save what it does: a read-only file is its one
    message before anything is done."""
    store = open_store(db)
    if store.read_only:
        path = store.path
        store.close()
        fail(read_only_message(path, store.read_only), code=FAILED)
    return store


def warn(message: str) -> None:
    """Print `message` as a warning (plain text, as `fail` does) and carry on."""
    err_console.print(
        f"[yellow]meetscout:[/yellow] {safe(message)}", soft_wrap=True, highlight=False
    )


@contextlib.contextmanager
def log_store(db: Path | None) -> Iterator[Store]:
    """The store for a networking-log command; what the log refuses becomes its message."""
    from ..log import LogError

    store = open_store(db)
    try:
        yield store
    except LogError as exc:
        fail(str(exc))
    finally:
        store.close()


def fail(message: str, code: int = USAGE) -> NoReturn:
    """Print `message` as an error and exit with `code` (meetscout/exit_codes.py). The message is
    plain text, crawled words included: square brackets ("[linkedin]") are words, not styles,
    control characters are dropped, and a long path stays on one line to copy."""
    err_console.print(f"[red]meetscout:[/red] {safe(message)}", soft_wrap=True, highlight=False)
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


def port_problem(host: str, port: int) -> str | None:
    """None when we can listen there, else why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


def profile_in_use(db: Path | None, config: Config | None = None) -> tuple[Profile, Path | None]:
    """The person's profile (meetscout/profile.py) and the database it was read from: the
    stored one when a database exists (meetscout.toml's [profile] copied in if it changed),
    else the file's section over the defaults, with None. Never creates a database to read it.
    `config` is meetscout.toml when the caller has read it already."""
    path = Path(db) if db else default_db_path()
    if path.exists():
        store = open_store(path)
        try:
            return store.get_profile(), path
        finally:
            store.close()
    if config is None:
        try:
            config = load_config()
        except ConfigError as exc:
            fail(str(exc))
    return config.profile, None
