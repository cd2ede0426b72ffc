"""One meeting listed on several sites: the links between its listings, kept at upsert time.

A chapter's meeting is often on its own site, on Meetup and on LinkedIn. Each listing stays a row
of its own (each site says something the others do not), and `same_meetings` links a listing to
the one shown for the meeting: the listing stored first. The rule that says two listings are one
meeting is meetscout/same_meeting.py; here it is applied to each new or changed listing against
the listings of other sites stored within an hour of it, so searches, counts and the person's
marks see the meeting once, and a flag can name its other listings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Event
from ..same_meeting import WITHIN, meeting_for
from .connection import Connection
from .rows import iso, now_utc, row_event, to_json
from .upsert import IDS


def meeting_of(column: str) -> str:
    """SQL for the meeting a listing belongs to: the listing it is linked to, else itself.

    `column` must name its table (`a.event_id`, not `event_id`): inside the subquery a bare
    `event_id` would be same_meetings' own column, and every listing would seem linked."""
    return (
        f"COALESCE((SELECT s.same_as FROM same_meetings s WHERE s.event_id = {column}), {column})"
    )


# A listing shown for its meeting: one not linked to another.
SHOWN = "NOT EXISTS (SELECT 1 FROM same_meetings s WHERE s.event_id = e.id)"
_SHIFT = int(WITHIN.total_seconds())
_NEAR = (
    f"c.starts_at BETWEEN strftime('%Y-%m-%dT%H:%M:%S+00:00', t.starts_at, '-{_SHIFT} seconds') "
    f"AND strftime('%Y-%m-%dT%H:%M:%S+00:00', t.starts_at, '+{_SHIFT} seconds')"
)


class SameMeetings(Connection):
    def link_same_meetings(self, ids: Sequence[str]) -> int:
        """Judge again, for these new or changed listings (and those linked to them), which
        meeting of another site each is a listing of; returns the links made."""
        if not ids:
            return 0
        sources = [r[0] for r in self.conn.execute("SELECT DISTINCT source FROM events")]
        if len(sources) < 2:
            return 0  # one site alone lists each meeting once
        with self.writing() as conn:
            linked_to = conn.execute(
                f"SELECT event_id FROM same_meetings WHERE same_as IN {IDS}", [to_json(list(ids))]
            )
            todo = list(dict.fromkeys([*ids, *(r[0] for r in linked_to)]))
            todo_json = to_json(todo)
            conn.execute(
                f"DELETE FROM same_meetings WHERE event_id IN {IDS} OR same_as IN {IDS}",
                [todo_json, todo_json],
            )
            near: dict[str, set[str]] = {}
            for source in sources:
                pairs = conn.execute(
                    f"SELECT t.id, c.id FROM events t JOIN events c ON c.source = ? AND {_NEAR} "
                    f"WHERE t.id IN {IDS} AND t.source != ? AND t.starts_at IS NOT NULL",
                    [source, todo_json, source],
                )
                for listing, candidate in pairs:
                    near.setdefault(listing, set()).add(candidate)
            if not near:
                return 0
            return self._link(conn, todo, near)

    def _link(self, conn, todo: list[str], near: dict[str, set[str]]) -> int:
        """Each listing, oldest first, joins the one older meeting of another site it fits."""
        known = set(todo).union(*near.values())
        ids = to_json(list(known))
        meeting = {i: i for i in known}
        meeting.update(
            conn.execute(
                f"SELECT event_id, same_as FROM same_meetings WHERE event_id IN {IDS}", [ids]
            )
        )
        shown = to_json(list(set(meeting.values())))
        members = list(
            conn.execute(
                f"SELECT event_id, same_as FROM same_meetings WHERE same_as IN {IDS}", [shown]
            )
        )
        rows = self.rows(
            f"SELECT * FROM events WHERE id IN {IDS} OR id IN {IDS} ORDER BY rowid",
            [ids, to_json([e for e, _ in members] + list(set(meeting.values())))],
        )
        events = {row["id"]: row_event(row) for row in rows}
        age = {event_id: n for n, event_id in enumerate(events)}
        listings: dict[str, list[Event]] = {
            m: [events[m]] for m in set(meeting.values()) if m in events
        }
        for event_id, same_as in members:
            if event_id in events and same_as in listings:
                listings[same_as].append(events[event_id])
        made = 0
        for listing_id in sorted((i for i in near if i in events), key=age.__getitem__):
            older = {meeting[c] for c in near[listing_id] if c in age and age[c] < age[listing_id]}
            older.discard(listing_id)
            found = meeting_for(events[listing_id], {m: listings.get(m, []) for m in older})
            if found is None:
                continue
            conn.execute(
                "INSERT INTO same_meetings (event_id, same_as, linked_at) VALUES (?, ?, ?)",
                [listing_id, found, iso(now_utc())],
            )
            meeting[listing_id] = found
            listings[found].append(events[listing_id])
            made += 1
        return made

    def also_listed(self, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """For each of these listings, the other listings of its meeting (source, url, title,
        group_name), the one shown for the meeting first. Listings of no other site: absent."""
        if not ids:
            return {}
        rows = self.rows(
            f"WITH asked(id, meeting) AS (SELECT value, {meeting_of('value')} FROM json_each(?)) "
            "SELECT asked.id AS asked, e.id, e.source, e.url, e.title, e.group_name "
            "FROM asked JOIN events e ON e.id != asked.id AND (e.id = asked.meeting OR e.id IN "
            "(SELECT s.event_id FROM same_meetings s WHERE s.same_as = asked.meeting)) "
            "ORDER BY asked.id, e.id != asked.meeting, e.rowid",
            [to_json(list(ids))],
        )
        found: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            found.setdefault(row.pop("asked"), []).append(row)
        return found

    def count_meetings(self) -> int:
        """Meetings stored: listings, each meeting listed on several sites counted once."""
        return self.conn.execute(f"SELECT count(*) FROM events e WHERE {SHOWN}").fetchone()[0]
