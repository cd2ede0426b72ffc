"""One SQLite file, and a connection to it for each thread that uses it.

A connection of its own per thread is what lets the API's worker threads read while another
one (or a crawl in another process) holds the write lock: in WAL mode a reader never waits for a
writer. An in-memory database exists only inside its one connection, so its threads share it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Self

import sqlite_utils

from ..paths import create_private, default_db_path
from .read_only import OPENED, open_read_only, why_read_only
from .schema import SCHEMA_VERSION, migrate
from .transaction import transaction

# Every connection waits this long for a write lock held elsewhere before it gives up.
BUSY_TIMEOUT_MS = 5000


class Connection:
    """The database file, its migrations, and the current thread's connection (`db`, `conn`)."""

    def __init__(self, path: str | Path | None = None, *, migrate_to: int = SCHEMA_VERSION):
        path = default_db_path() if path is None else path
        self.memory = str(path) == ":memory:"
        if not self.memory and not Path(path).exists():
            create_private(Path(path))  # SQLite gives its -wal and -shm files the same mode
        self.path = path
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] | None = []
        self._lock = threading.Lock()
        # Why the file cannot be written, when it cannot (store/read_only.py): opened read-only.
        self.read_only: str | None = None
        try:
            if not self.memory:
                self.read_only = why_read_only(Path(path))
            if self.read_only is not None:
                OPENED[str(path)] = self.read_only
            if self.read_only is None:
                if not self.memory:
                    self.conn.execute("PRAGMA journal_mode=WAL")  # kept in the file: once is enough
                migrate(self.conn, migrate_to)
            elif self.schema_version < migrate_to:
                raise sqlite3.OperationalError(
                    f"attempt to write a readonly database: it needs upgrading to schema "
                    f"{migrate_to} (it is at {self.schema_version})"
                )
        except BaseException:
            self.close()
            raise

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        try:
            return self._local.conn
        except AttributeError:
            return self._open()

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection as sqlite-utils sees it, for tests and tools."""
        return sqlite_utils.Database(self.conn)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def _open(self) -> sqlite3.Connection:
        with self._lock:
            if self._opened is None:
                raise sqlite3.ProgrammingError("the store is closed")
            if self.memory and self._opened:
                conn = self._opened[0]
            elif self.read_only is not None:
                conn = open_read_only(Path(self.path))
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                self._opened.append(conn)
            else:
                conn = sqlite3.connect(
                    str(self.path), check_same_thread=False, isolation_level=None
                )
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA cache_size=-65536")  # 64 MiB: index pages hot on big crawls
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA foreign_keys=ON")
                self._opened.append(conn)
        self._local.conn = conn
        return conn

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: the lock is taken at the start, so it cannot fail half-way
        for want of it; everything in it is kept, or nothing."""
        with transaction(self.conn) as conn:
            yield conn

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, None
        for conn in opened or []:
            conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
