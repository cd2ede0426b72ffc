"""Searching events: full-text words, filters, a sort, one page of results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .rows import iso
from .same_meeting import SHOWN

# A text search ranks or sorts at most this many of the newest matches, so a common word at a
# million rows stays fast; filters apply inside that window.
SEARCH_WINDOW = 5000
SORTS = ("soonest", "latest", "newest", "relevance")


class QueryError(ValueError):
    """A search the person typed that SQLite cannot run; the message says how to fix it."""


@dataclass
class EventQuery:
    text: str | None = None
    crowd: str | None = None
    kind: str | None = None
    access: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    online: bool | None = None
    group_id: str | None = None
    status: str | None = None
    limit: int = 20
    offset: int = 0
    sort: str = "soonest"
    # A meeting listed on several sites comes once, as the listing stored first; a group's own
    # meetings (group_id) all come, since that group listed them.
    each_meeting_once: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def search_error(query: EventQuery, message: str) -> QueryError | None:
    """The person's words at fault, when SQLite could not run a search (a locked or broken
    file is not their fault: None)."""
    if query.text and not any(w in message for w in ("locked", "disk", "no such table")):
        return QueryError(
            f"Cannot search for {query.text!r}: {message}. Use plain words, put a phrase in "
            'double quotes ("project management"), and join words with AND, OR or NOT '
            "only between two words."
        )
    return None


def search_sql(q: EventQuery) -> tuple[str, list[Any]]:
    if q.sort not in SORTS:
        raise QueryError(f"Unknown sort {q.sort!r}; choose one of: {', '.join(SORTS)}")
    where: list[str] = []
    params: list[Any] = []
    source = "events e"
    if q.text and q.text.strip():
        # Bound the work: take the newest matches first (the index streams them in rowid order).
        # bm25 costs per row, so rank only when asked to.
        rank = "rank" if q.sort == "relevance" else "0"
        source = (
            f"(SELECT rowid AS fts_rowid, {rank} AS fts_rank FROM events_fts "
            f"WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT {SEARCH_WINDOW}) f "
            "JOIN events e ON e.rowid = f.fts_rowid"
        )
        params.append(q.text.strip())
    for column, value in (("crowd", q.crowd), ("kind", q.kind), ("status", q.status)):
        if value:
            where.append(f"e.{column} = ?")
            params.append(value)
    if q.group_id:
        where.append("e.group_id = ?")
        params.append(q.group_id)
    elif q.each_meeting_once:
        where.append(SHOWN)
    if q.access:
        where.append("EXISTS (SELECT 1 FROM json_each(e.access) WHERE value = ?)")
        params.append(q.access)
    if q.date_from:
        where.append("e.starts_at >= ?")
        params.append(iso(q.date_from))
    if q.date_to:
        where.append("e.starts_at < ?")
        params.append(iso(q.date_to))
    if q.online is not None:
        where.append("e.is_online = ?")
        params.append(int(q.online))
    order = {
        "soonest": "e.starts_at IS NULL, e.starts_at ASC, e.id",
        "latest": "e.starts_at DESC, e.id",
        "newest": "e.first_seen DESC, e.id",
        "relevance": "f.fts_rank, e.starts_at" if q.text else "e.starts_at",
    }[q.sort]
    # Sort narrow (rowid and sort keys), then fetch whole rows for the one page we return.
    inner = f"SELECT e.rowid AS hit, row_number() OVER (ORDER BY {order}) AS pos FROM {source}"
    if where:
        inner += " WHERE " + " AND ".join(where)
    inner += f" ORDER BY {order} LIMIT ? OFFSET ?"
    params += [max(0, min(q.limit, 1000)), max(0, q.offset)]
    sql = f"SELECT e.* FROM ({inner}) page JOIN events e ON e.rowid = page.hit ORDER BY page.pos"
    return sql, params
