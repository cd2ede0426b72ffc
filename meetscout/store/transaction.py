"""One write transaction on a connection: the one place that begins, commits and rolls back."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE` … `COMMIT`, or a rollback on any error: everything in it is kept, or
    nothing. The write lock is taken at the start, so it cannot fail half-way for want of it.

    SQLite rolls a transaction back by itself after some errors (a full disk, an I/O error), so
    a rollback is issued only while one is still open: a second error would hide the first.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
