"""`meetscout doctor`: is the database whole? SQLite's integrity check, and what to do if not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import typer

from ..exit_codes import FAILED
from ..paths import default_db_path
from ..store.read_only import open_read_only, why_read_only
from .common import DbOption, console, fail

# How many of SQLite's problem lines to show: the first few say enough.
SHOWN = 5


def doctor(db: DbOption = None) -> None:
    """Check the database with SQLite's integrity check and say what to do if it is damaged.

    Reads only: it never changes or creates the file.

    Example:

        meetscout doctor
    """
    path = Path(db) if db else default_db_path()
    if not path.is_file():
        fail(f"the database {path} does not exist: check --db (or $MEETSCOUT_DB)")
    if path.stat().st_size == 0:
        fail(f"the database {path} is an empty file (0 bytes): nothing is stored there")
    read_only = why_read_only(path)
    problems = _check(path, read_only is not None)
    if not problems and read_only:
        console.print(
            f"{path}: read-only: {read_only}. SQLite's integrity check found no problem, and "
            "reading works (meetscout events, status, serve's read routes), but nothing can be "
            f"saved there: crawls, marks and corrections fail.\n"
            f"What to do: make it writable for this user ({_remedy(path, read_only)}), or copy "
            f"it somewhere writable:\n  cp {path} ~/meetscout.db\n"
            "and use the copy (--db, or $MEETSCOUT_DB).",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(FAILED)
    if not problems:
        console.print(f"{path}: ok (SQLite's integrity check found no problem)", markup=False)
        return
    console.print(f"{path}: damaged", markup=False, highlight=False, soft_wrap=True)
    for line in problems[:SHOWN]:
        console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
    if len(problems) > SHOWN:
        console.print(f"  ({len(problems) - SHOWN} more)", markup=False)
    console.print(
        "What to do: stop `meetscout serve` and any crawl, copy the file aside, then recover "
        f"what can be read into a new file:\n  sqlite3 {path} .recover | sqlite3 recovered.db\n"
        "and use recovered.db (--db, or put it in place of the old file).",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(FAILED)


def _remedy(path: Path, why: str) -> str:
    if "immutable" in why:
        return f"sudo chattr -i {path}"
    if "folder" in why:
        return f"chmod u+w {path.resolve().parent}"
    if "file system" in why:
        return "mount its file system read-write"
    return f"chmod u+w {path}, or run meetscout as the file's owner"


def _check(path: Path, read_only: bool = False) -> list[str]:
    """SQLite's integrity check, read-only; a file it cannot even open is one problem."""
    try:
        if read_only:  # where SQLite cannot make its -shm file, it reads the file as it is
            conn = open_read_only(path)
        else:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    found = [row[0] for row in rows]
    return [] if found == ["ok"] else found
