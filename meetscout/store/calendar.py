"""The person's calendar subscription: its secret, and the version of each entry it served.

The secret is looked up by its SHA-256 digest, so a revoked one is still known (and refused with
a reason) after the secret itself is forgotten. A calendar app shows an entry's new time only
when its SEQUENCE grows, so each entry's fingerprint (time, place, status) is kept and the
sequence bumped whenever it changes.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from collections.abc import Mapping
from datetime import datetime

from ..model import Event
from .connection import Connection
from .rows import from_iso, iso, row_event, to_json
from .upsert import IDS


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class CalendarFeed(Connection):
    def calendar_secret(self) -> str | None:
        """The current secret, if one was made and not revoked."""
        row = self.conn.execute(
            "SELECT secret FROM calendar_secrets WHERE revoked IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    def new_calendar_secret(self, at: datetime) -> str:
        """A fresh secret; any current one is revoked with it."""
        secret = secrets.token_urlsafe(24)
        with self.writing() as conn:
            self._revoke(conn, at)
            conn.execute(
                "INSERT INTO calendar_secrets (digest, secret, created) VALUES (?, ?, ?)",
                [_digest(secret), secret, iso(at)],
            )
        return secret

    def revoke_calendar_secret(self, at: datetime) -> bool:
        """Revoke the current secret; False when there was none."""
        with self.writing() as conn:
            return self._revoke(conn, at) > 0

    def calendar_secret_state(self, secret: str) -> str | None:
        """ "current", "revoked", or None for a secret meetscout never made."""
        row = self.conn.execute(
            "SELECT revoked FROM calendar_secrets WHERE digest = ?", [_digest(secret)]
        ).fetchone()
        if row is None:
            return None
        return "revoked" if row[0] else "current"

    def calendar_versions(
        self, fingerprints: Mapping[str, str], at: datetime
    ) -> dict[str, tuple[int, datetime]]:
        """Each entry's (sequence, last changed), recording what is new or changed as of `at`:
        a new entry starts at 0, a changed one goes up by one."""
        with self.writing() as conn:
            for uid, fingerprint in fingerprints.items():
                conn.execute(
                    "INSERT INTO calendar_versions (uid, fingerprint, sequence, changed) "
                    "VALUES (?, ?, 0, ?) ON CONFLICT(uid) DO UPDATE SET "
                    "sequence = sequence + 1, fingerprint = excluded.fingerprint, "
                    "changed = excluded.changed WHERE fingerprint != excluded.fingerprint",
                    [uid, fingerprint, iso(at)],
                )
            rows = conn.execute(
                f"SELECT uid, sequence, changed FROM calendar_versions WHERE uid IN {IDS}",
                [to_json(list(fingerprints))],
            ).fetchall()
        return {uid: (sequence, from_iso(changed)) for uid, sequence, changed in rows}

    def going_events(self, since: datetime) -> list[Event]:
        """The dated meetings marked going, from `since` on, soonest first."""
        rows = self.rows(
            "SELECT e.* FROM attendance a JOIN events e ON e.id = a.event_id "
            "WHERE e.starts_at >= ? ORDER BY e.starts_at, e.id",
            [iso(since)],
        )
        return [row_event(r) for r in rows]

    def _revoke(self, conn: sqlite3.Connection, at: datetime) -> int:
        return conn.execute(
            "UPDATE calendar_secrets SET revoked = ?, secret = NULL WHERE revoked IS NULL",
            [iso(at)],
        ).rowcount
