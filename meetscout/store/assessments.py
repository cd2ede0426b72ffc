"""The stored judgements of events and groups: written many at once, read back in batches
(for re-judging a whole store)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Assessment, Event, Group
from .connection import Connection
from .rows import ASSESSMENT_COLUMNS, assessment_row, row_event, row_group

TABLES = ("events", "groups")


class Assessments(Connection):
    def set_assessment(self, table: str, item_id: str, assessment: Assessment) -> None:
        self.set_assessments(table, [(item_id, assessment)])

    def set_assessments(self, table: str, pairs: Iterable[tuple[str, Assessment]]) -> int:
        """Store many assessments in one transaction; returns how many rows were changed."""
        if table not in TABLES:
            raise ValueError(table)
        rows = [[*assessment_row(a).values(), item_id] for item_id, a in pairs]
        if not rows:
            return 0
        sets = ",".join(f"{c}=?" for c in ASSESSMENT_COLUMNS)
        with self.writing() as conn:
            cur = conn.executemany(f"UPDATE {table} SET {sets} WHERE id=?", rows)
        return cur.rowcount

    def iter_rows(self, table: str, size: int = 2000) -> Iterator[list[Event] | list[Group]]:
        """Every event or group, in batches, by rowid."""
        if table not in TABLES:
            raise ValueError(table)
        convert = row_event if table == "events" else row_group
        last = 0
        while True:
            sql = f"SELECT rowid AS _rowid, * FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?"
            rows = self.rows(sql, [last, size])
            if not rows:
                return
            last = rows[-1]["_rowid"]
            yield [convert({k: v for k, v in r.items() if k != "_rowid"}) for r in rows]
