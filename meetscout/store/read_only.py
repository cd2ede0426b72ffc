"""A database file meetscout may read but not write: read-only, immutable, in a folder it
cannot write, or on a read-only file system.

SQLite cannot even read a WAL database there in its usual way (it needs to write the -shm file
beside it), so such a file is opened read-only (`mode=ro`, and `immutable=1` where even that
needs the -shm file), and every write then fails with SQLite's "attempt to write a readonly
database". `why_read_only` says why in words, for the one message a command prints, the API's
503 and `meetscout doctor`.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

# The files opened read-only in this process, and why: for the message of a write they refuse.
OPENED: dict[str, str] = {}


def why_read_only(path: Path) -> str | None:
    """Why meetscout cannot write `path` (an existing file), or None when it can."""
    try:
        os.close(os.open(path, os.O_WRONLY))
    except OSError as exc:
        if exc.errno == errno.EROFS:
            return "it is on a read-only file system"
        if exc.errno == errno.EPERM:
            return "the file is marked immutable (`sudo chattr -i` lifts that)"
        if exc.errno == errno.EACCES:
            mode = stat.S_IMODE(path.stat().st_mode)
            return f"this user may not write the file (its mode is {mode:04o})"
        return None
    folder = path.resolve().parent
    if not os.access(folder, os.W_OK):
        return (
            f"this user may not write its folder {folder}, where SQLite keeps the file's "
            "-wal and -shm files"
        )
    return None


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to `path`. A file without a -wal file beside it is whole, and is
    read as it is (`immutable=1`: SQLite makes no -wal or -shm file and takes no lock); with
    one, its last writes are there, so SQLite reads both (`mode=ro`), where it can."""
    uri = path.resolve().as_uri()
    wal = Path(f"{path}-wal")
    tries = ["mode=ro", "mode=ro&immutable=1"] if wal.exists() else ["mode=ro&immutable=1"]
    for query in tries:
        conn = sqlite3.connect(f"{uri}?{query}", uri=True, check_same_thread=False,
                               isolation_level=None)  # fmt: skip
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error:
            conn.close()
            if query == tries[-1]:
                raise
    raise AssertionError("unreachable")


def read_only_message(path: str | Path, reason: str) -> str:
    return (
        f"the database {path} is read-only: {reason}. meetscout can read it but save nothing "
        "there (crawls, marks, corrections); make it writable, or copy it somewhere writable "
        "and point --db (or $MEETSCOUT_DB) at the copy"
    )


def refused_write(exc: BaseException) -> str | None:
    """The message for a write `exc` refused because a file opened here is read-only."""
    if "readonly" not in str(exc) or not OPENED:
        return None
    path, reason = next(iter(OPENED.items()))
    return read_only_message(path, reason)
