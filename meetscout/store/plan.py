"""The weekly plan's memory: the picks the person accepted, swapped or dropped, when they last
looked at the plan, and the meetings a plan chooses among."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import orjson

from ..model import Event
from .connection import Connection
from .rows import from_iso, iso, row_event, to_json
from .same_meeting import SHOWN, meeting_of

CHOICES = ("accepted", "swapped", "dropped")

# The meetings a plan may hold between :start and :end: every one marked going, and those still
# ahead of :now, not cancelled and not judged "not networking" as stored (the judge sees them
# again). A meeting listed on several sites comes once, as the listing shown for it, marked going
# if any of its listings is.
_GOING = f"SELECT {meeting_of('a.event_id')} FROM attendance a"
_WINDOW = (
    f"e.starts_at >= :start AND e.starts_at < :end AND {SHOWN} AND ("
    "(e.starts_at > :now AND e.status = 'scheduled' AND e.crowd IS NOT 'not_networking') "
    f"OR e.id IN ({_GOING}))"
)
# What the planner reads of a meeting (not whole events: a plan may weigh tens of thousands),
# and the words the judge looks for targets in.
_LIGHT = ", ".join(
    f"e.{c}"
    for c in (
        "id title url starts_at ends_at status group_id group_name organizer description topics "
        "is_online venue_name venue_address venue_city venue_region venue_country venue_lat "
        "venue_lon fee_amount fee_currency fee_free first_seen crowd kind access targets "
        "assessment_basis"
    ).split()
)


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
            else:  # a meeting the person said they attended or skipped stays in their log
                self.unmark_going(event_id)

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
        """The meetings a plan may hold between `start` and `end` (`_WINDOW`), whole: the plain
        read a plan's lighter ones are checked against (tests/plan)."""
        rows = self.rows(
            f"SELECT * FROM events AS e WHERE {_WINDOW} ORDER BY starts_at, id",
            _window(start, end, now),
        )
        return [row_event(r) for r in rows]

    def plan_candidates(
        self,
        start: datetime,
        end: datetime,
        now: datetime,
        spans: Sequence[tuple[datetime, datetime]],
        *,
        length: timedelta,
        cheap: Sequence[str],
        online_only: bool = False,
    ) -> list[dict[str, Any]]:
        """The light rows (`_LIGHT`, times and lists read) of the window's meetings a plan may
        pick or must show, at least: those marked going or chosen about, and those (judged as
        stored, or not yet) neither members-only (`members_only` without one of the `cheap`
        ways in) nor held outside the `spans` (the person's free hours; one without an end
        lasts `length`), online if they must be. The planner tests each one exactly; the rest
        it reads only for a week short of picks (`plan_held_back`)."""
        params = _window(start, end, now)
        params["spans"] = to_json([[iso(a), iso(b), iso(b - length)] for a, b in spans])
        params["cheap"] = to_json(list(cheap))
        online = "AND e.is_online " if online_only else ""
        # The spans drive the index on starts_at (CROSS JOIN keeps them the outer loop; the
        # unary + keeps the window's bounds from taking the index over).
        rows = self.rows(
            f"SELECT {_LIGHT} FROM json_each(:spans) AS s CROSS JOIN events AS e "
            "ON e.starts_at >= json_extract(s.value, '$[0]') "
            "AND e.starts_at <= json_extract(s.value, '$[1]') "
            "AND (e.ends_at IS NULL AND e.starts_at <= json_extract(s.value, '$[2]') "
            "OR e.ends_at <= json_extract(s.value, '$[1]')) "
            "WHERE +e.starts_at >= :start AND +e.starts_at < :end AND +e.starts_at > :now "
            f"AND e.status = 'scheduled' AND e.crowd IS NOT 'not_networking' AND {SHOWN} "
            f"{online}AND (e.access IS NULL OR instr(e.access, '\"members_only\"') = 0 "
            "OR EXISTS (SELECT 1 FROM json_each(e.access) AS a "
            "WHERE a.value IN (SELECT value FROM json_each(:cheap)))) "
            f"UNION ALL SELECT {_LIGHT} FROM events AS e WHERE e.id IN ("
            f"{_GOING} UNION SELECT event_id FROM plan_choices) "
            f"AND {_WINDOW} ORDER BY starts_at, id",
            params,
        )
        found: dict[str, dict[str, Any]] = {}
        for row in rows:  # one marked going in the free hours comes twice
            found.setdefault(row["id"], row)
        return [_light(r) for r in found.values()]

    def plan_held_back(self, start: datetime, end: datetime, now: datetime) -> list[dict[str, Any]]:
        """The light rows of the window's meetings judged "employed" as stored, or not judged
        yet: a week short of picks names the nearest alternatives among them."""
        rows = self.rows(
            f"SELECT {_LIGHT} FROM events AS e WHERE {_WINDOW} "
            "AND (e.crowd = 'employed' OR e.crowd IS NULL) "
            "ORDER BY starts_at, id",
            _window(start, end, now),
        )
        return [_light(r) for r in rows]

    def plan_spots(
        self, start: datetime, end: datetime, now: datetime
    ) -> list[tuple[str | None, str | None, float, float]]:
        """City, region, latitude and longitude of the window's venues placed on the map:
        where the person's home area is (`reach.find_home`)."""
        return self.conn.execute(
            "SELECT venue_city, venue_region, venue_lat, venue_lon FROM events AS e "
            f"WHERE {_WINDOW} AND venue_lat IS NOT NULL AND venue_lon IS NOT NULL",
            _window(start, end, now),
        ).fetchall()

    def plan_window_any(self, start: datetime, end: datetime, now: datetime) -> bool:
        return bool(
            self.conn.execute(
                f"SELECT EXISTS (SELECT 1 FROM events AS e WHERE {_WINDOW})",
                _window(start, end, now),
            ).fetchone()[0]
        )


def _window(start: datetime, end: datetime, now: datetime) -> dict[str, Any]:
    return {"start": iso(start), "end": iso(end), "now": iso(now)}


def _light(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("starts_at", "ends_at", "first_seen"):
        row[key] = from_iso(row[key])
    for key in ("access", "targets", "topics"):
        row[key] = orjson.loads(row[key] or "[]")
    if row["is_online"] is not None:
        row["is_online"] = bool(row["is_online"])
    return row
