"""The person's own records of the meetings they are going to (table `attendance`).

Kept beside the store so the API, the CLI and the planner count "job-seeker meetings this month"
the same way. (Corrections to flags live in meetscout.classify.feedback.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from .store import Store, now_utc


def month_bounds(at: datetime | None = None) -> tuple[datetime, datetime]:
    """First instant of this calendar month and of the next (local time of this machine)."""
    local = (at or now_utc()).astimezone()
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )
    return start.astimezone(UTC), end.astimezone(UTC)


def mark_going(store: Store, event_id: str, crowd: str | None, at: datetime | None = None) -> None:
    """Record "I'm going"; marking twice keeps one row (and the crowd as judged now)."""
    stamp = (at or now_utc()).astimezone(UTC).isoformat(timespec="seconds")
    store.db.execute(
        "INSERT INTO attendance (event_id, crowd, marked_at) VALUES (?, ?, ?) "
        "ON CONFLICT(event_id) DO UPDATE SET crowd = excluded.crowd",
        [event_id, crowd, stamp],
    )


def unmark_going(store: Store, event_id: str) -> bool:
    return store.db.execute("DELETE FROM attendance WHERE event_id = ?", [event_id]).rowcount > 0


def going_among(store: Store, event_ids: Iterable[str]) -> set[str]:
    ids = list(event_ids)
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    rows = store.db.execute(f"SELECT event_id FROM attendance WHERE event_id IN ({marks})", ids)
    return {r[0] for r in rows}


def job_seeker_marked(store: Store, at: datetime | None = None) -> int:
    """Job-seeker meetings marked that fall in this month: by the event's date when known,
    else by when it was marked."""
    start, end = month_bounds(at)
    row = store.db.execute(
        "SELECT count(*) FROM attendance a LEFT JOIN events e ON e.id = a.event_id "
        "WHERE a.crowd = 'job_seekers' AND COALESCE(e.starts_at, a.marked_at) >= ? "
        "AND COALESCE(e.starts_at, a.marked_at) < ?",
        [start.isoformat(timespec="seconds"), end.isoformat(timespec="seconds")],
    ).fetchone()
    return row[0]
