"""The networking log: "I'm going", attended or skipped, the people met, their follow-ups and
what came of it.

All of it is the person's own: no crawl writes here, and a meeting marked keeps a copy of what it
was (title, address, date, group, kind), so its log survives the meeting vanishing from its
source, or the log moving to a machine that never crawled it. Where the meeting is stored, what
is stored now wins (a moved date, a corrected kind). Rules about names, dates and due times are
meetscout/log.py's; this module only keeps the rows.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ..model import Event
from .connection import Connection
from .rows import iso, now_utc, to_json
from .same_meeting import meeting_of

SNAPSHOT = ("title", "url", "starts_at", "group_id", "group_name", "kind")

# A marked meeting as the log shows it: what is stored about it now, else the copy kept.
LOG_ENTRY = """
SELECT a.event_id, a.marked_at, a.outcome, a.outcome_at,
       COALESCE(e.title, a.title) AS title, COALESCE(e.url, a.url) AS url,
       COALESCE(e.starts_at, a.starts_at) AS starts_at, e.ends_at, e.timezone, e.is_online,
       e.status, COALESCE(e.group_id, a.group_id) AS group_id,
       COALESCE(e.group_name, a.group_name) AS group_name,
       COALESCE(e.crowd, a.crowd) AS crowd, COALESCE(e.kind, a.kind) AS kind,
       e.id IS NOT NULL AS stored
FROM attendance a LEFT JOIN events e ON e.id = a.event_id"""

CONTACT = """
SELECT c.id, c.uid, c.name, c.company, c.role, c.how, c.notes, c.event_id, c.created, c.updated,
       COALESCE(e.title, a.title) AS meeting, COALESCE(e.starts_at, a.starts_at) AS met_at,
       f.id AS followup_id, f.due_at, f.done_at
FROM contacts c
LEFT JOIN events e ON e.id = c.event_id
LEFT JOIN attendance a ON a.event_id = c.event_id
LEFT JOIN followups f ON f.contact_id = c.id"""

FOLLOWUP = """
SELECT f.id, f.uid, f.contact_id, f.due_at, f.done_at, f.created, f.updated,
       c.name, c.company, c.how, c.event_id,
       COALESCE(e.title, a.title) AS meeting, COALESCE(e.starts_at, a.starts_at) AS met_at
FROM followups f JOIN contacts c ON c.id = f.contact_id
LEFT JOIN events e ON e.id = c.event_id
LEFT JOIN attendance a ON a.event_id = c.event_id"""

OUTCOME = """
SELECT o.id, o.uid, o.kind, o.contact_id, o.happened_on, o.note, o.created,
       COALESCE(o.event_id, c.event_id) AS event_id, c.company
FROM outcomes o LEFT JOIN contacts c ON c.id = o.contact_id"""


def new_uid() -> str:
    return uuid.uuid4().hex


def name_key(name: str) -> str:
    """What makes two spellings of a name the same person's: case, accents' composed forms and
    spacing aside."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def same_person(
    contacts: Iterable[dict[str, Any]], name: str, company: str | None, event_id: str | None
) -> dict[str, Any] | None:
    """The contact among these who is this person: the same name met at the same meeting, or
    the same name at the same company (or with no company given either time). Recording a
    contact and importing one both go by this."""
    key, firm = name_key(name), name_key(company or "")
    for contact in contacts:
        if name_key(contact["name"] or "") != key:
            continue
        if contact["event_id"] == event_id or name_key(contact["company"] or "") == firm:
            return contact
    return None


def snapshot(meeting: Event | None, kind: str | None = None) -> dict[str, Any]:
    """The copy of a meeting a mark keeps; `kind` as the person sees it (the judge's)."""
    if meeting is None:
        return dict.fromkeys(SNAPSHOT)
    judged = meeting.assessment.kind.value if meeting.assessment else None
    return {
        "title": meeting.title,
        "url": meeting.url,
        "starts_at": iso(meeting.starts_at),
        "group_id": meeting.group_id,
        "group_name": meeting.group_name,
        "kind": kind or judged,
    }


class NetworkLog(Connection):
    # -- "I'm going", then attended or skipped --

    def mark_going(
        self,
        event_id: str,
        crowd: str | None,
        at: datetime | None = None,
        *,
        meeting: Event | None = None,
        kind: str | None = None,
    ) -> None:
        """Record "I'm going"; marking twice keeps one row (and the crowd as judged now)."""
        self._mark(event_id, crowd, at, snapshot(meeting, kind), outcome=None)

    def record_presence(
        self,
        event_id: str,
        outcome: str,
        crowd: str | None,
        at: datetime | None = None,
        *,
        meeting: Event | None = None,
        kind: str | None = None,
    ) -> None:
        """Record that the person attended or skipped a meeting (marking it going if it was
        not: who went, meant to)."""
        self._mark(event_id, crowd, at, snapshot(meeting, kind), outcome=outcome)

    def _mark(
        self,
        event_id: str,
        crowd: str | None,
        at: datetime | None,
        copy: dict[str, Any],
        *,
        outcome: str | None,
    ) -> None:
        stamp = iso(at or now_utc())
        keep = ", ".join(f"{c} = COALESCE(excluded.{c}, {c})" for c in SNAPSHOT)
        outcome_sql = (
            "outcome = excluded.outcome, outcome_at = excluded.outcome_at"
            if outcome
            else "outcome = outcome"
        )
        self.conn.execute(
            f"INSERT INTO attendance (event_id, crowd, marked_at, outcome, outcome_at, "
            f"{', '.join(SNAPSHOT)}) VALUES (?, ?, ?, ?, ?, {', '.join('?' * len(SNAPSHOT))}) "
            f"ON CONFLICT(event_id) DO UPDATE SET crowd = COALESCE(excluded.crowd, crowd), "
            f"{outcome_sql}, {keep}",
            [event_id, crowd, stamp, outcome, stamp if outcome else None, *copy.values()],
        )

    def unmark_going(self, event_id: str) -> bool:
        """Not going after all. A meeting whose attendance is recorded stays in the log."""
        cur = self.conn.execute(
            "DELETE FROM attendance WHERE event_id = ? AND outcome IS NULL", [event_id]
        )
        return cur.rowcount > 0

    def going_among(self, event_ids: Iterable[str]) -> set[str]:
        return set(self.presence_among(event_ids))

    def presence_among(self, event_ids: Iterable[str]) -> dict[str, str | None]:
        """The marked meetings among these ids, with "attended", "skipped" or None (not yet
        said): marked on this listing or on another site's listing of the same meeting."""
        ids = list(event_ids)
        if not ids:
            return {}
        rows = self.conn.execute(
            f"WITH asked(id, meeting) AS (SELECT value, {meeting_of('value')} FROM json_each(?)), "
            f"marked(meeting, outcome) AS (SELECT {meeting_of('a.event_id')}, a.outcome "
            "FROM attendance a) "
            "SELECT asked.id, marked.outcome FROM asked JOIN marked USING (meeting)",
            [to_json(ids)],
        )
        return dict(rows.fetchall())

    def count_going(self, crowd: str, start: datetime, end: datetime) -> int:
        """Meetings of this crowd marked "I'm going" that fall in [start, end), skipped ones
        aside: by the event's date when it is known, else by when it was marked. A meeting
        marked on two sites' listings counts once."""
        when = "COALESCE(e.starts_at, a.starts_at, a.marked_at)"
        return self.conn.execute(
            f"SELECT count(DISTINCT {meeting_of('a.event_id')}) FROM attendance a "
            "LEFT JOIN events e ON e.id = a.event_id "
            f"WHERE a.crowd = ? AND a.outcome IS NOT 'skipped' AND {when} >= ? AND {when} < ?",
            [crowd, iso(start), iso(end)],
        ).fetchone()[0]

    def log_entry(self, event_id: str) -> dict[str, Any] | None:
        rows = self.rows(f"{LOG_ENTRY} WHERE a.event_id = ?", [event_id])
        return rows[0] if rows else None

    def log_entries(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Marked meetings whose date falls in [start, end), oldest first (undated ones last)."""
        sql = f"SELECT * FROM ({LOG_ENTRY}) WHERE 1"
        params: list[Any] = []
        if start is not None:
            sql += " AND starts_at >= ?"
            params.append(iso(start))
        if end is not None:
            sql += " AND starts_at < ?"
            params.append(iso(end))
        return self.rows(sql + " ORDER BY starts_at IS NULL, starts_at, event_id", params)

    # -- people met --

    def add_contact(
        self,
        name: str,
        *,
        company: str | None = None,
        role: str | None = None,
        how: str | None = None,
        notes: str | None = None,
        event_id: str | None = None,
        due_at: datetime | None = None,
        at: datetime | None = None,
    ) -> int:
        """A person met, and (with `due_at`) their follow-up, in one transaction."""
        stamp = iso(at or now_utc())
        with self.writing() as conn:
            cur = conn.execute(
                "INSERT INTO contacts (uid, name, company, role, how, notes, event_id, created, "
                "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [new_uid(), name, company, role, how, notes, event_id, stamp, stamp],
            )
            contact_id = cur.lastrowid
            if due_at is not None:
                conn.execute(
                    "INSERT INTO followups (uid, contact_id, due_at, created, updated) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [new_uid(), contact_id, iso(due_at), stamp, stamp],
                )
        return contact_id

    def list_contacts(self) -> list[dict[str, Any]]:
        """Every contact with the meeting where they were met and their follow-up, in the order
        they were recorded."""
        return self.rows(f"{CONTACT} ORDER BY c.id")

    def contacts_at(self, event_id: str) -> list[dict[str, Any]]:
        return self.rows(f"{CONTACT} WHERE c.event_id = ? ORDER BY c.id", [event_id])

    def get_contact(self, contact_id: int) -> dict[str, Any] | None:
        rows = self.rows(f"{CONTACT} WHERE c.id = ?", [contact_id])
        return rows[0] if rows else None

    def forget_contact(self, contact_id: int) -> bool:
        """Delete a contact, with their follow-up and outcomes."""
        with self.writing() as conn:
            cur = conn.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
        return cur.rowcount > 0

    # -- follow-ups --

    def followups(
        self, *, due_before: datetime | None = None, done: bool | None = None
    ) -> list[dict[str, Any]]:
        """Follow-ups, soonest due first: those due before a time, done or not."""
        sql = f"{FOLLOWUP} WHERE 1"
        params: list[Any] = []
        if due_before is not None:
            sql += " AND f.due_at < ?"
            params.append(iso(due_before))
        if done is not None:
            sql += " AND f.done_at IS NOT NULL" if done else " AND f.done_at IS NULL"
        return self.rows(sql + " ORDER BY f.due_at, f.id", params)

    def get_followup(self, followup_id: int) -> dict[str, Any] | None:
        rows = self.rows(f"{FOLLOWUP} WHERE f.id = ?", [followup_id])
        return rows[0] if rows else None

    def count_followups_open(self, due_before: datetime) -> int:
        return self.conn.execute(
            "SELECT count(*) FROM followups WHERE done_at IS NULL AND due_at < ?",
            [iso(due_before)],
        ).fetchone()[0]

    def move_followup(self, followup_id: int, due_at: datetime, at: datetime | None = None) -> bool:
        cur = self.conn.execute(
            "UPDATE followups SET due_at = ?, updated = ? WHERE id = ?",
            [iso(due_at), iso(at or now_utc()), followup_id],
        )
        return cur.rowcount > 0

    def finish_followup(
        self, followup_id: int, done_at: datetime | None, at: datetime | None = None
    ) -> bool:
        """Mark a follow-up done on `done_at` (None: not done after all)."""
        cur = self.conn.execute(
            "UPDATE followups SET done_at = ?, updated = ? WHERE id = ?",
            [iso(done_at), iso(at or now_utc()), followup_id],
        )
        return cur.rowcount > 0

    # -- outcomes --

    def add_outcome(
        self,
        kind: str,
        happened_on: date,
        *,
        contact_id: int | None = None,
        event_id: str | None = None,
        note: str | None = None,
        at: datetime | None = None,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO outcomes (uid, kind, contact_id, event_id, happened_on, note, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [new_uid(), kind, contact_id, event_id, happened_on.isoformat(), note,
             iso(at or now_utc())],
        )  # fmt: skip
        return cur.lastrowid

    def list_outcomes(self) -> list[dict[str, Any]]:
        """Every outcome, with the meeting it came of (a contact's: where they were met)."""
        return self.rows(f"{OUTCOME} ORDER BY o.happened_on, o.id")
