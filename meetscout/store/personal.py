"""The person's own data: their profile, corrections of flags, "I'm going" marks and contacts.

None of it comes from a crawl, so no crawl or migration may lose it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from ..model import MAX_TARGET_CHARS, MAX_TARGETS, Crowd, Kind, Profile
from .connection import Connection
from .rows import iso, now_utc, to_json
from .same_meeting import meeting_of
from .upsert import IDS


class Personal(Connection):
    # -- profile --

    def get_profile(self) -> Profile:
        row = self.conn.execute("SELECT data FROM profile WHERE id = 1").fetchone()
        if not row:
            return Profile()
        try:
            return Profile.model_validate_json(row[0])
        except ValidationError:
            # Stored before the lists had bounds: read what fits them, as the person would see.
            data = json.loads(row[0])
            for key in ("target_companies", "target_industries"):
                names = [n for n in data.get(key) or [] if len(str(n)) <= MAX_TARGET_CHARS]
                data[key] = names[:MAX_TARGETS]
            return Profile.model_validate(data)

    def save_profile(self, profile: Profile) -> None:
        self.conn.execute(
            "INSERT INTO profile (id, data) VALUES (1, ?) "
            "ON CONFLICT(id) DO UPDATE SET data = excluded.data",
            [profile.model_dump_json()],
        )

    # -- corrections of flags --

    def add_feedback(
        self,
        scope: str,
        crowd: str,
        *,
        event_id: str | None = None,
        group_id: str | None = None,
        kind: str | None = None,
        note: str | None = None,
    ) -> int:
        """Record the person's correction for one event (scope "event") or every event of a group
        (scope "group"). The newest correction of a scope wins; nothing is overwritten."""
        if scope not in ("event", "group"):
            raise ValueError(f"scope must be 'event' or 'group', not {scope!r}")
        if scope == "event" and not event_id:
            raise ValueError("an event correction needs the event's id")
        if scope == "group" and not group_id:
            raise ValueError("a group correction needs the group's id")
        Crowd(crowd)
        if kind is not None:
            Kind(kind)
        cur = self.conn.execute(
            "INSERT INTO feedback (scope, event_id, group_id, crowd, kind, note, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [scope, event_id, group_id, crowd, kind, note, iso(now_utc())],
        )
        return cur.lastrowid

    def list_feedback(
        self, *, event_ids: Iterable[str] | None = None, group_ids: Iterable[str] | None = None
    ) -> list[dict[str, Any]]:
        """Corrections, newest first: all of them, or (with ids) those of these events and of
        these groups."""
        sql = "SELECT * FROM feedback"
        if event_ids is not None or group_ids is not None:
            sql += (
                f" WHERE (scope = 'event' AND event_id IN {IDS})"
                f" OR (scope = 'group' AND group_id IN {IDS})"
            )
            params = [to_json(list(event_ids or [])), to_json(list(group_ids or []))]
        else:
            params = []
        return self.rows(sql + " ORDER BY id DESC", params)

    # -- "I'm going" --

    def mark_going(self, event_id: str, crowd: str | None, at: datetime | None = None) -> None:
        """Record "I'm going"; marking twice keeps one row (and the crowd as judged now)."""
        self.conn.execute(
            "INSERT INTO attendance (event_id, crowd, marked_at) VALUES (?, ?, ?) "
            "ON CONFLICT(event_id) DO UPDATE SET crowd = excluded.crowd",
            [event_id, crowd, iso(at or now_utc())],
        )

    def unmark_going(self, event_id: str) -> bool:
        cur = self.conn.execute("DELETE FROM attendance WHERE event_id = ?", [event_id])
        return cur.rowcount > 0

    def going_among(self, event_ids: Iterable[str]) -> set[str]:
        """Those of these listings whose meeting the person marked "I'm going", on this
        listing or on another site's listing of the same meeting."""
        ids = list(event_ids)
        if not ids:
            return set()
        rows = self.conn.execute(
            f"WITH asked(id, meeting) AS (SELECT value, {meeting_of('value')} FROM json_each(?)), "
            f"marked(meeting) AS (SELECT {meeting_of('event_id')} FROM attendance) "
            "SELECT id FROM asked WHERE meeting IN (SELECT meeting FROM marked)",
            [to_json(ids)],
        )
        return {r[0] for r in rows}

    def count_going(self, crowd: str, start: datetime, end: datetime) -> int:
        """Meetings of this crowd marked "I'm going" that fall in [start, end): by the event's
        date when it is stored, else by when it was marked. A meeting marked on two sites'
        listings counts once."""
        return self.conn.execute(
            f"SELECT count(DISTINCT {meeting_of('a.event_id')}) FROM attendance a "
            "LEFT JOIN events e ON e.id = a.event_id "
            "WHERE a.crowd = ? AND COALESCE(e.starts_at, a.marked_at) >= ? "
            "AND COALESCE(e.starts_at, a.marked_at) < ?",
            [crowd, iso(start), iso(end)],
        ).fetchone()[0]

    # -- people met (the networking log will build on these) --

    def add_contact(
        self,
        name: str,
        *,
        company: str | None = None,
        role: str | None = None,
        event_id: str | None = None,
        notes: str | None = None,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO contacts (name, company, role, event_id, notes, created) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [name, company, role, event_id, notes, iso(now_utc())],
        )
        return cur.lastrowid

    def list_contacts(self) -> list[dict[str, Any]]:
        return self.rows("SELECT * FROM contacts ORDER BY id")
