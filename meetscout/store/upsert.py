"""Bulk upsert by content hash, for events and groups alike.

Writes go in batches with a content hash, so a re-crawl of unchanged pages only moves
`last_seen`; the events' full-text index is kept in step by set-based statements rather than
per-row triggers, which is what keeps 100,000 upserts within a few seconds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from operator import itemgetter
from typing import Any

from .rows import ASSESSMENT_COLUMNS, to_json
from .schema import FTS_COLUMNS
from .transaction import transaction

# Rows per transaction. Each commit flushes the full-text index's pending terms as one new
# segment, and FTS5 later merges segments; fewer, larger batches mean less merging.
BATCH = 50000
# Ids travel as one JSON array, so a batch is not bound by SQLite's limit on bound variables.
IDS = "(SELECT value FROM json_each(?))"
MAX_ROWID = 2**63 - 1


@dataclass
class UpsertCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    cancelled: int = 0

    def add(self, other: UpsertCounts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def chunks(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def upsert_rows(
    conn: sqlite3.Connection,
    table: str,
    rows: list[dict[str, Any]],
    stamp: str,
    *,
    fts: bool,
    touched: list[str] | None = None,
) -> UpsertCounts:
    """One batch in one transaction: insert new rows, update changed ones, and only touch
    `last_seen` on unchanged ones (and their judgement, which may come from a newer classifier).
    The ids of the new and changed rows are added to `touched`, when given."""
    # The last row wins when a batch names one id twice (overlapping search pages).
    by_id = {row["id"]: row for row in rows}
    with transaction(conn):
        known = dict(
            conn.execute(
                f"SELECT id, content_hash FROM {table} WHERE id IN {IDS}", [to_json(list(by_id))]
            )
        )
        new = [r for i, r in by_id.items() if i not in known]
        changed = [r for i, r in by_id.items() if i in known and known[i] != r["content_hash"]]
        same = [r for i, r in by_id.items() if i in known and known[i] == r["content_hash"]]
        # New rows get rowids above the largest one (SQLite's rule until rowids run out), so
        # the full-text index reads them back as one range instead of looking up each id.
        top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
        # Parameters are generated row by row: a list of 50,000 lists would wake Python's
        # garbage collector again and again, each time walking every event in memory.
        for (cols, _nulls), shaped in _by_shape(new).items():
            values = _getter(cols)
            names = (*cols, "first_seen", "last_seen")  # a column left out is NULL
            sql = f"INSERT INTO {table} ({','.join(names)}) VALUES ({','.join('?' * len(names))})"
            conn.executemany(sql, ((*values(r), stamp, stamp) for r in shaped))
        if fts and new:
            if top < MAX_ROWID:
                _fts_insert(conn, "rowid > ?", top)
            else:  # rowids ran out, so SQLite picked free ones at random
                _fts_insert(conn, f"id IN {IDS}", to_json([r["id"] for r in new]))
        if changed:
            changed_ids = to_json([r["id"] for r in changed])
            if fts:
                _fts_delete(conn, changed_ids)
            for (cols, nulls), shaped in _by_shape(changed).items():
                cols = tuple(c for c in cols if c != "id")
                values = _getter(cols)
                sets = [f"{c}=?" for c in cols] + [f"{c}=NULL" for c in nulls]
                conn.executemany(
                    f"UPDATE {table} SET {','.join(sets)}, last_seen=? WHERE id=?",
                    ((*values(r), stamp, r["id"]) for r in shaped),
                )
            if fts:
                _fts_insert(conn, f"id IN {IDS}", changed_ids)
        if same:
            conn.execute(
                f"UPDATE {table} SET last_seen=? WHERE id IN {IDS}",
                [stamp, to_json([r["id"] for r in same])],
            )
            # An assessment may arrive for unchanged content (a new classifier version).
            assessed = [r for r in same if "crowd" in r]
            if assessed:
                sets = ",".join(f"{c}=?" for c in ASSESSMENT_COLUMNS)
                conn.executemany(
                    f"UPDATE {table} SET {sets} WHERE id=?",
                    [[r[c] for c in ASSESSMENT_COLUMNS] + [r["id"]] for r in assessed],
                )
    if touched is not None:
        touched.extend(r["id"] for r in (*new, *changed))
    return UpsertCounts(new=len(new), updated=len(changed), unchanged=len(same))


def _fts_delete(conn: sqlite3.Connection, ids_json: str) -> None:
    """Take these events' text out of the index (external content needs the old text)."""
    cols = ",".join(FTS_COLUMNS)
    conn.execute(
        f"INSERT INTO events_fts(events_fts, rowid, {cols}) "
        f"SELECT 'delete', rowid, {cols} FROM events WHERE id IN {IDS}",
        [ids_json],
    )


def _fts_insert(conn: sqlite3.Connection, where: str, param: Any) -> None:
    cols = ",".join(FTS_COLUMNS)
    conn.execute(
        f"INSERT INTO events_fts(rowid, {cols}) SELECT rowid, {cols} FROM events WHERE {where}",
        [param],
    )


# (columns with a value, columns that are NULL)
Shape = tuple[tuple[str, ...], tuple[str, ...]]


def _by_shape(rows: list[dict[str, Any]]) -> dict[Shape, list[dict[str, Any]]]:
    """Rows grouped by which columns they fill and which they leave NULL.

    Rows without an assessment carry no assessment columns, so they must not blank a stored one.
    NULLs go into the SQL text rather than as parameters: Python's sqlite3 looks for an adapter
    before it binds None, which cost more than half of a plain insert of these rows.
    """
    shapes: dict[Shape, list[dict[str, Any]]] = {}
    for row in rows:
        nulls = tuple(k for k, v in row.items() if v is None)
        shapes.setdefault((tuple(row), nulls), []).append(row)
    return {
        (tuple(c for c in cols if c not in nulls), nulls): same
        for (cols, nulls), same in shapes.items()
    }


def _getter(cols: list[str] | tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A row's values for these columns, as a tuple even for one column."""
    get = itemgetter(*cols)
    return get if len(cols) > 1 else lambda row: (get(row),)
