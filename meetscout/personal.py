"""How many job-seeker meetings the person is going to this month, against their limit.

Kept in one place so the API, the CLI and the planner count them the same way. (The marks
themselves are kept by the store: `Store.mark_going`; corrections to flags go through
meetscout.judge.)
"""

from __future__ import annotations

from datetime import UTC, datetime

from .model import Crowd
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


def job_seeker_marked(store: Store, at: datetime | None = None) -> int:
    """Job-seeker meetings marked that fall in this month: by the event's date when known,
    else by when it was marked."""
    return store.count_going(Crowd.job_seekers.value, *month_bounds(at))
