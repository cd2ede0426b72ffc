"""Groups: the bulk upsert and reading by id."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from ..model import Group
from .connection import Connection
from .rows import group_row, iso, now_utc, row_group, to_json
from .upsert import IDS, UpsertCounts, chunks, upsert_rows


class Groups(Connection):
    def upsert_groups(
        self, groups: Iterable[Group], *, seen: datetime | None = None
    ) -> UpsertCounts:
        counts = UpsertCounts()
        stamp = iso(seen or now_utc())
        for chunk in chunks(groups):
            rows = [group_row(g) for g in chunk]
            counts.add(upsert_rows(self.conn, "groups", rows, stamp, fts=False))
        return counts

    def get_group(self, group_id: str) -> Group | None:
        rows = self.rows("SELECT * FROM groups WHERE id = ?", [group_id])
        return row_group(rows[0]) if rows else None

    def get_groups(self, ids: Sequence[str]) -> dict[str, Group]:
        """The stored groups among these ids, by id, in one query."""
        if not ids:
            return {}
        rows = self.rows(f"SELECT * FROM groups WHERE id IN {IDS}", [to_json(list(ids))])
        return {row["id"]: row_group(row) for row in rows}
