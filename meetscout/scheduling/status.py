"""Per source: the last run, how it went, its counts, and when it runs next.

Shared by `meetscout status` and the API (`/v1/status`, `/v1/runs`), so both say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..store import Store, from_iso
from .locks import SourceLock
from .processes import COUNT_FIELDS
from .source_plans import SourcePlan
from .state import load_state


@dataclass
class SourceStatus:
    source: str
    schedule: str
    active: bool
    off_because: str | None = None
    last_started: datetime | None = None
    last_finished: datetime | None = None
    last_status: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    next_run: datetime | None = None  # None when the source is off
    due: bool = False
    running_pid: int | None = None
    failures: int = 0
    retry_at: datetime | None = None

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = value.isoformat()
        return data


def source_statuses(
    store: Store, plans: list[SourcePlan], db: Path, now: datetime | None = None
) -> list[SourceStatus]:
    now = now or datetime.now(UTC)
    found = []
    for plan in plans:
        state = load_state(store, plan.name)
        status = SourceStatus(
            plan.name,
            plan.schedule.describe(),
            plan.active,
            plan.off_because,
            failures=state.failures,
            retry_at=state.retry_at,
            running_pid=SourceLock(db, plan.name).holder(),
        )
        if state.last_started is not None and not _ran_by_hand_since(store, plan.spiders, state):
            status.last_started, status.last_finished = state.last_started, state.last_finished
            status.last_status, status.error = state.last_status, state.error
            status.counts = dict(state.counts)
        else:
            _from_runs(store, plan.spiders, status)  # crawled by hand since (or only by hand)
        if plan.active:
            if state.last_started is None and status.last_started is not None:
                status.next_run = plan.schedule.next_after(status.last_started, now)
            else:
                status.next_run = state.next_due(plan.schedule, now)
            status.due = status.next_run <= now
        found.append(status)
    return found


def _ran_by_hand_since(store: Store, source: str, state) -> bool:
    """The source's newest run is not one of the scheduler's last and started after it: a
    crawl by hand, which is the newer news."""
    row = store.last_run_of_source(source)
    if row is None or row["id"] in state.run_ids:
        return False
    return from_iso(row["started"]) > state.last_started


def _from_runs(store: Store, source: str, status: SourceStatus) -> None:
    row = store.last_run_of_source(source)
    if row is None:
        return
    status.last_started = from_iso(row["started"])
    status.last_finished = from_iso(row["finished"])
    status.last_status = row["status"] or "running"
    status.error = row["error"]
    status.counts = {k: row.get(k) or 0 for k in COUNT_FIELDS}
