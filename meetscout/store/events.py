"""Events: the bulk upsert, reading by id, group or URL, searching, and cancellations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime

from ..model import Event, Group
from .rows import event_row, iso, now_utc, row_event, row_group, to_json
from .same_meeting import SameMeetings
from .search import EventQuery, search_error, search_sql
from .upsert import IDS, UpsertCounts, chunks, upsert_rows

# A cancelled event forgets its content hash, so that if it comes back unchanged it is stored
# again as scheduled rather than skipped as unchanged.
CANCEL = "status = 'cancelled', content_hash = NULL"


class Events(SameMeetings):
    def upsert_events(
        self, events: Iterable[Event], *, seen: datetime | None = None
    ) -> UpsertCounts:
        """Insert new events, update changed ones, and only touch `last_seen` on unchanged ones;
        a new or changed listing of a meeting stored from another site is linked to it."""
        counts = UpsertCounts()
        stamp = iso(seen or now_utc())
        for chunk in chunks(events):
            rows = [event_row(e) for e in chunk]
            touched: list[str] = []
            counts.add(upsert_rows(self.conn, "events", rows, stamp, fts=True, touched=touched))
            self.link_same_meetings(touched)
        return counts

    def get_event(self, event_id: str) -> Event | None:
        rows = self.rows("SELECT * FROM events WHERE id = ?", [event_id])
        return row_event(rows[0]) if rows else None

    def get_events(self, ids: Sequence[str]) -> dict[str, Event]:
        """The stored events among these ids, by id, in one query."""
        if not ids:
            return {}
        rows = self.rows(f"SELECT * FROM events WHERE id IN {IDS}", [to_json(list(ids))])
        return {row["id"]: row_event(row) for row in rows}

    def events_of_group(self, group_id: str) -> list[Event]:
        rows = self.rows("SELECT * FROM events WHERE group_id = ? ORDER BY rowid", [group_id])
        return [row_event(r) for r in rows]

    def find_by_url(self, url: str) -> Event | Group | None:
        """The event or group stored under this canonical URL."""
        for table, convert in (("events", row_event), ("groups", row_group)):
            rows = self.rows(f"SELECT * FROM {table} WHERE url = ? LIMIT 1", [url])
            if rows:
                return convert(rows[0])
        return None

    def count(self, table: str = "events") -> int:
        """Rows stored (listings, for events; `count_meetings` counts each meeting once)."""
        if table not in ("events", "groups"):
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def search_events(self, query: EventQuery) -> list[Event]:
        sql, params = search_sql(query)
        try:
            rows = self.rows(sql, params)
        except sqlite3.OperationalError as exc:
            error = search_error(query, str(exc))
            if error is not None:
                raise error from None
            raise
        return [row_event(r) for r in rows]

    def mark_cancelled(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        sql = f"UPDATE events SET {CANCEL} WHERE status != 'cancelled' AND id IN {IDS}"
        return self.conn.execute(sql, [to_json(ids)]).rowcount

    def cancel_vanished(
        self,
        group_id: str,
        listed_ids: Iterable[str],
        *,
        now: datetime | None = None,
        until: datetime | None = None,
        source: str | None = None,
    ) -> int:
        """Mark cancelled the group's upcoming events that its complete listing no longer shows.

        Only events still ahead (after `now`) and still scheduled are touched; past ones simply
        drop off a listing, and so do those after `until`, the end of the days a listing covers
        (a calendar is read 120 days ahead). Only the events of the listing's source are
        touched: `source`, by default the group's own (a Meetup group's listing says nothing
        of a chapter calendar's meetings, nor the other way round).
        """
        listed = list(dict.fromkeys(listed_ids))
        where, params = _upcoming_of_group(group_id, source, now, until)
        sql = f"UPDATE events SET {CANCEL} WHERE {where}"
        if listed:
            sql += f" AND id NOT IN {IDS}"
            params.append(to_json(listed))
        return self.conn.execute(sql, params).rowcount

    def upcoming_ids(
        self,
        group_id: str,
        *,
        first_seen_before: str | None = None,
        now: datetime | None = None,
        until: datetime | None = None,
        source: str | None = None,
    ) -> set[str]:
        """Ids of the group's upcoming scheduled events (first stored before an ISO time), up to
        `until` when given, of `source` (by default the group's own, as in cancel_vanished)."""
        where, params = _upcoming_of_group(group_id, source, now, until)
        sql = f"SELECT id FROM events WHERE {where}"
        if first_seen_before:
            sql += " AND first_seen < ?"
            params.append(first_seen_before)
        return {row[0] for row in self.conn.execute(sql, params)}

    def rebuild_fts(self) -> None:
        self.conn.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")


def _upcoming_of_group(
    group_id: str, source: str | None, now: datetime | None, until: datetime | None
) -> tuple[str, list]:
    """The group's scheduled events of `source` (by default the group's own) still ahead of
    `now`, up to `until` when given: one rule for what a listing may cancel and what it is
    checked against."""
    where = (
        "group_id = ? AND source = COALESCE(?, (SELECT g.source FROM groups g WHERE g.id = ?)) "
        "AND status = 'scheduled' AND starts_at > ?"
    )
    params: list = [group_id, source, group_id, iso(now or now_utc())]
    if until is not None:
        where += " AND starts_at <= ?"
        params.append(iso(until))
    return where, params
