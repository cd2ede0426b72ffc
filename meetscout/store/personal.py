"""The person's own settings: their profile and their corrections of flags.

None of it comes from a crawl, so no crawl or migration may lose it. (Their marks, contacts,
follow-ups and outcomes are the networking log's: log.py.)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from ..model import MAX_TARGET_CHARS, MAX_TARGETS, Crowd, Kind, Profile
from .connection import Connection
from .rows import iso, now_utc, to_json
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

    def save_profile(self, profile: Profile, *, file_digest: str | None = None) -> None:
        """Store the profile. An edit keeps the record of which meetscout.toml section was
        copied in last; copying a section in (meetscout.profile) passes its `file_digest`."""
        self.conn.execute(
            "INSERT INTO profile (id, data, file_digest) VALUES (1, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data = excluded.data, "
            "file_digest = coalesce(excluded.file_digest, file_digest)",
            [profile.model_dump_json(), file_digest],
        )

    def profile_file_digest(self) -> str | None:
        """The digest of the meetscout.toml `[profile]` section copied in last, if any."""
        row = self.conn.execute("SELECT file_digest FROM profile WHERE id = 1").fetchone()
        return row[0] if row else None

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
