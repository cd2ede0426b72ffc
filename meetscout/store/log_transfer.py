"""Everything the person entered, out as plain records and back in, merged with what is there.

`export_records` reads the profile, corrections, marks, contacts, follow-ups and outcomes;
`merge_records` writes another machine's records in one transaction (all or nothing), never
making a second copy of what is already here:

- a contact, follow-up or outcome with the same `uid` is the same record: the copy changed
  last wins; a contact of the same name met at the same meeting (or at the same company) is the
  same person, entered twice; a contact's one follow-up is theirs whichever side made it, and a
  follow-up done on either side is done;
- a mark is one per meeting: an attended-or-skipped said on either side is kept (the later if
  both said), and what the mark remembers of the meeting fills what this side lacks;
- a correction is a record of the person's words: the same one twice is kept once;
- the profile comes in only where this side has none yet (or when asked to replace it).

The records are validated before they get here (meetscout/log_export.py).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Profile
from .connection import Connection
from .log import LOG_ENTRY, SNAPSHOT, same_person

CONTACT_FIELDS = ("name", "company", "role", "how", "notes", "event_id", "created", "updated")
FEEDBACK_FIELDS = ("scope", "event_id", "group_id", "crowd", "kind", "note", "created")


class LogTransfer(Connection):
    def export_records(self) -> dict[str, Any]:
        profile = self.conn.execute("SELECT data FROM profile WHERE id = 1").fetchone()
        contact_uid = "(SELECT uid FROM contacts c WHERE c.id = {}.contact_id) AS contact"
        return {
            "profile": Profile.model_validate_json(profile[0]).model_dump() if profile else None,
            "corrections": self.rows(
                f"SELECT {', '.join(FEEDBACK_FIELDS)} FROM feedback ORDER BY id"
            ),
            "attendance": self.rows(
                "SELECT a.event_id, a.crowd, a.marked_at, l.outcome, l.outcome_at, "
                + ", ".join(f"l.{c}" for c in SNAPSHOT)
                + f" FROM attendance a JOIN ({LOG_ENTRY}) l ON l.event_id = a.event_id "
                "ORDER BY a.id"
            ),
            "contacts": self.rows(
                f"SELECT uid, {', '.join(CONTACT_FIELDS)} FROM contacts ORDER BY id"
            ),
            "followups": self.rows(
                f"SELECT uid, {contact_uid.format('f')}, due_at, done_at, created, updated "
                "FROM followups f ORDER BY id"
            ),
            "outcomes": self.rows(
                f"SELECT uid, kind, {contact_uid.format('o')}, event_id, happened_on, note, "
                "created FROM outcomes o ORDER BY id"
            ),
        }

    def merge_records(self, records: dict[str, Any], *, replace_profile: bool = False) -> Counter:
        """Merge exported records into this database in one transaction; returns what happened
        as counts ("contacts added", "attendance updated", "profile kept", …)."""
        done: Counter = Counter()
        with self.writing():
            self._merge_profile(records.get("profile"), replace_profile, done)
            self._merge_corrections(records["corrections"], done)
            self._merge_attendance(records["attendance"], done)
            contacts = self._merge_contacts(records["contacts"], done)
            self._merge_followups(records["followups"], contacts, done)
            self._merge_outcomes(records["outcomes"], contacts, done)
        return done

    def _merge_profile(self, data: dict | None, replace: bool, done: Counter) -> None:
        if data is None:
            return
        row = self.conn.execute("SELECT data FROM profile WHERE id = 1").fetchone()
        theirs = Profile.model_validate(data)
        mine = Profile.model_validate_json(row[0]) if row else None
        if mine == theirs:
            done["profile unchanged"] += 1
        elif replace or mine is None or mine == Profile():
            self.conn.execute(
                "INSERT INTO profile (id, data) VALUES (1, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data",
                [theirs.model_dump_json()],
            )
            done["profile replaced" if mine is not None else "profile added"] += 1
        else:
            done["profile kept"] += 1

    def _merge_corrections(self, rows: list[dict], done: Counter) -> None:
        match = " AND ".join(f"{f} IS ?" for f in FEEDBACK_FIELDS)
        for row in rows:
            values = [row[f] for f in FEEDBACK_FIELDS]
            if self.conn.execute(f"SELECT 1 FROM feedback WHERE {match}", values).fetchone():
                done["corrections unchanged"] += 1
                continue
            self.conn.execute(
                f"INSERT INTO feedback ({', '.join(FEEDBACK_FIELDS)}) "
                f"VALUES ({', '.join('?' * len(FEEDBACK_FIELDS))})",
                values,
            )
            done["corrections added"] += 1

    def _merge_attendance(self, rows: list[dict], done: Counter) -> None:
        columns = ("event_id", "crowd", "marked_at", "outcome", "outcome_at", *SNAPSHOT)
        for row in rows:
            mine = self.rows("SELECT * FROM attendance WHERE event_id = ?", [row["event_id"]])
            if not mine:
                self.conn.execute(
                    f"INSERT INTO attendance ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    [row[c] for c in columns],
                )
                done["attendance added"] += 1
                continue
            changes = {c: row[c] for c in ("crowd", *SNAPSHOT) if mine[0][c] is None and row[c]}
            if row["outcome"] and (
                mine[0]["outcome"] is None
                or (
                    row["outcome"] != mine[0]["outcome"]
                    and row["outcome_at"] > mine[0]["outcome_at"]
                )
            ):
                changes.update(outcome=row["outcome"], outcome_at=row["outcome_at"])
            if changes:
                sets = ", ".join(f"{c} = ?" for c in changes)
                self.conn.execute(
                    f"UPDATE attendance SET {sets} WHERE event_id = ?",
                    [*changes.values(), row["event_id"]],
                )
            done["attendance updated" if changes else "attendance unchanged"] += 1

    def _merge_contacts(self, rows: list[dict], done: Counter) -> dict[str, int]:
        """Returns this database's contact id for each uid in the file."""
        local = self.rows("SELECT id, uid, name, company, event_id, updated FROM contacts")
        by_uid = {c["uid"]: c for c in local}
        ids: dict[str, int] = {}
        for row in rows:
            mine = by_uid.get(row["uid"]) or same_person(
                local, row["name"], row["company"], row["event_id"]
            )
            if mine is None:
                cur = self.conn.execute(
                    f"INSERT INTO contacts (uid, {', '.join(CONTACT_FIELDS)}) "
                    f"VALUES (?, {', '.join('?' * len(CONTACT_FIELDS))})",
                    [row["uid"], *(row[f] for f in CONTACT_FIELDS)],
                )
                ids[row["uid"]] = cur.lastrowid
                local.append({**row, "id": cur.lastrowid})
                done["contacts added"] += 1
                continue
            ids[row["uid"]] = mine["id"]
            if mine["uid"] == row["uid"] and row["updated"] > mine["updated"]:
                fields = [f for f in CONTACT_FIELDS if f != "created"]
                self.conn.execute(
                    f"UPDATE contacts SET {', '.join(f'{f} = ?' for f in fields)} WHERE id = ?",
                    [*(row[f] for f in fields), mine["id"]],
                )
                done["contacts updated"] += 1
            else:
                done["contacts unchanged"] += 1
        return ids

    def _merge_followups(self, rows: list[dict], contacts: dict[str, int], done: Counter) -> None:
        for row in rows:
            contact_id = contacts[row["contact"]]
            mine = self.rows(
                "SELECT * FROM followups WHERE uid = ? OR contact_id = ? ORDER BY uid = ? DESC",
                [row["uid"], contact_id, row["uid"]],
            )
            if not mine:
                self.conn.execute(
                    "INSERT INTO followups (uid, contact_id, due_at, done_at, created, updated) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [row["uid"], contact_id, row["due_at"], row["done_at"], row["created"],
                     row["updated"]],
                )  # fmt: skip
                done["follow-ups added"] += 1
                continue
            mine = mine[0]
            newer = row["updated"] > mine["updated"]
            due_at = row["due_at"] if newer else mine["due_at"]
            done_at = (
                (row["done_at"] if newer else mine["done_at"]) or mine["done_at"] or row["done_at"]
            )
            if (due_at, done_at) == (mine["due_at"], mine["done_at"]):
                done["follow-ups unchanged"] += 1
                continue
            self.conn.execute(
                "UPDATE followups SET due_at = ?, done_at = ?, updated = ? WHERE id = ?",
                [due_at, done_at, max(row["updated"], mine["updated"]), mine["id"]],
            )
            done["follow-ups updated"] += 1

    def _merge_outcomes(self, rows: list[dict], contacts: dict[str, int], done: Counter) -> None:
        for row in rows:
            contact_id = contacts[row["contact"]] if row["contact"] else None
            same = self.conn.execute(
                "SELECT 1 FROM outcomes WHERE uid = ? OR (kind = ? AND contact_id IS ? "
                "AND event_id IS ? AND happened_on = ?)",
                [row["uid"], row["kind"], contact_id, row["event_id"], row["happened_on"]],
            ).fetchone()
            if same:
                done["outcomes unchanged"] += 1
                continue
            self.conn.execute(
                "INSERT INTO outcomes (uid, kind, contact_id, event_id, happened_on, note, "
                "created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [row["uid"], row["kind"], contact_id, row["event_id"], row["happened_on"],
                 row["note"], row["created"]],
            )  # fmt: skip
            done["outcomes added"] += 1
