"""The weekly plan's memory: the picks the person accepted, swapped or dropped, when they last
looked at the plan, and the meetings a plan chooses among."""

from __future__ import annotations

from datetime import datetime

from ..model import Event
from .connection import Connection
from .rows import from_iso, iso, row_event

CHOICES = ("accepted", "swapped", "dropped")


class Plans(Connection):
    def choose(self, event_id: str, choice: str, crowd: str | None, at: datetime) -> None:
        """Record the person's choice about a pick. Accepting marks the meeting "I'm going";
        swapping or dropping one takes that mark away. One transaction: both, or neither."""
        if choice not in CHOICES:
            raise ValueError(f"choice must be one of {', '.join(CHOICES)}, not {choice!r}")
        with self.writing() as conn:
            conn.execute(
                "INSERT INTO plan_choices (event_id, choice, at) VALUES (?, ?, ?) "
                "ON CONFLICT(event_id) DO UPDATE SET choice = excluded.choice, at = excluded.at",
                [event_id, choice, iso(at)],
            )
            if choice == "accepted":
                self.mark_going(event_id, crowd, at)
            else:
                conn.execute("DELETE FROM attendance WHERE event_id = ?", [event_id])

    def plan_choices(self) -> dict[str, str]:
        """Every pick the person decided about: event id -> accepted, swapped or dropped."""
        return dict(self.conn.execute("SELECT event_id, choice FROM plan_choices"))

    def plan_looked_at(self) -> datetime | None:
        row = self.conn.execute("SELECT at FROM plan_looked WHERE id = 1").fetchone()
        return from_iso(row[0]) if row else None

    def mark_plan_looked(self, at: datetime) -> None:
        self.conn.execute(
            "INSERT INTO plan_looked (id, at) VALUES (1, ?) "
            "ON CONFLICT(id) DO UPDATE SET at = excluded.at",
            [iso(at)],
        )

    def plan_window(self, start: datetime, end: datetime, now: datetime) -> list[Event]:
        """The meetings a plan may hold between `start` and `end`: every one marked going, and
        those still ahead of `now`, not cancelled and not judged "not networking" as stored
        (the judge sees them again)."""
        rows = self.rows(
            "SELECT * FROM events WHERE starts_at >= ? AND starts_at < ? AND ("
            "(starts_at > ? AND status = 'scheduled' AND crowd IS NOT 'not_networking') "
            "OR id IN (SELECT event_id FROM attendance)) ORDER BY starts_at, id",
            [iso(start), iso(end), iso(now)],
        )
        return [row_event(r) for r in rows]
