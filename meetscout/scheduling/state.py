"""What the scheduler remembers per source between runs, kept in the store (`schedule_state`).

So the foreground scheduler, `meetscout schedule --once` from cron or systemd, and
`meetscout status` all agree on when a source last ran, how it went, and when it may run again
(back-off after a failure, the wait a blocked source was told).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from ..store import Store
from .processes import COUNT_FIELDS, CrawlOutcome
from .schedules import Schedule

# "wait 6 hours", "retry after 30 minutes", "try again in 2 days" in a blocked run's error text.
_WAIT_HINT = re.compile(
    r"(?:wait|retry\s+after|try\s+again\s+in|again\s+in)\s+(?:for\s+)?(?:about\s+|at\s+least\s+)?"
    r"(\d+(?:\.\d+)?)\s*(second|sec|minute|min|hour|hr|day|week)s?\b",
    re.IGNORECASE,
)
# "leaves it alone until 2026-12-02 09:30 CET": a local time, as the crawl printed it.
_UNTIL_HINT = re.compile(r"until\s+(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2})")
_UNIT_SECONDS = {
    "second": 1,
    "sec": 1,
    "minute": 60,
    "min": 60,
    "hour": 3600,
    "hr": 3600,
    "day": 86400,
    "week": 604800,
}


@dataclass(frozen=True)
class Policy:
    """How long to wait after a failure (doubling, capped) or a block (what the site said)."""

    retry_base: timedelta = timedelta(minutes=5)
    retry_cap: timedelta = timedelta(hours=6)
    blocked_default: timedelta = timedelta(hours=12)

    def backoff(self, failures: int) -> timedelta:
        if failures <= 0:
            return timedelta(0)
        exponent = min(failures - 1, 30)  # 2**30 base units is past any sensible cap
        return min(self.retry_base * (2**exponent), self.retry_cap)

    def blocked_wait(self, error: str | None, now: datetime | None = None) -> timedelta:
        """The longest wait the block's message asks for, else the default."""
        hints = [
            timedelta(seconds=float(n) * _UNIT_SECONDS[unit.lower()])
            for n, unit in _WAIT_HINT.findall(error or "")
        ]
        now = now or datetime.now().astimezone()
        for stamp in _UNTIL_HINT.findall(error or ""):
            until = datetime.fromisoformat(stamp.replace(" ", "T")).astimezone()
            hints.append(max(until - now, timedelta(0)))
        return max(hints) if hints else self.blocked_default


@dataclass
class SourceState:
    source: str
    last_started: datetime | None = None
    last_finished: datetime | None = None
    last_status: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    run_ids: list[int] = field(default_factory=list)
    failures: int = 0  # failures in a row, for the back-off
    retry_at: datetime | None = None  # set after a failure, a block or an interruption

    def next_due(self, schedule: Schedule, now: datetime) -> datetime:
        """A retry time overrides the schedule (sooner after a failure, later after a block)."""
        if self.retry_at is not None:
            return self.retry_at
        return schedule.next_after(self.last_started, now)

    def record(
        self, outcome: CrawlOutcome, started: datetime, finished: datetime, policy: Policy
    ) -> None:
        """Take in a finished source run. A skipped run (another crawl held the lock) changes
        nothing: that other crawl is the run."""
        if outcome.status == "skipped":
            return
        self.last_started, self.last_finished = started, finished
        self.last_status = outcome.status
        self.counts = {k: outcome.counts.get(k, 0) for k in COUNT_FIELDS}
        self.error = outcome.error
        self.run_ids = list(outcome.run_ids)
        if outcome.status == "failed":
            self.failures += 1
            self.retry_at = finished + policy.backoff(self.failures)
        elif outcome.status == "blocked":
            self.failures = 0
            self.retry_at = finished + policy.blocked_wait(outcome.error, finished)
        elif outcome.status == "interrupted":
            self.retry_at = finished  # cut short by a stop: due again as soon as we start
        else:
            self.failures = 0
            self.retry_at = None


def load_state(store: Store, source: str) -> SourceState:
    saved = store.schedule_state(source)
    return SourceState(**saved) if saved else SourceState(source)


def save_state(store: Store, state: SourceState) -> None:
    store.save_schedule_state(**asdict(state))
