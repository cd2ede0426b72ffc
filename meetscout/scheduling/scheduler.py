"""Crawl each source on its own schedule (APScheduler), a process per crawl, every run recorded.

- Each source is an APScheduler job with its trigger (cron or interval) and `max_instances=1`;
  the source lock (`scheduling/locks.py`) also keeps out crawls started elsewhere (cron, by
  hand).
- A failed source gets a one-off retry job after an exponential, capped back-off; a blocked one
  after the wait the site asked for. Other sources carry on: each job runs in its own thread.
- On stop (SIGINT/SIGTERM) no new crawl starts; running ones get a grace period to finish, then
  SIGTERM (their run row says `interrupted`), then SIGKILL.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from apscheduler.executors.pool import ThreadPoolExecutor as APThreadPool
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger

from ..store import Store
from .processes import CrawlOutcome, Stopper, run_crawl, worst
from .source_plans import SourcePlan
from .state import Policy, SourceState, load_state, save_state

log = logging.getLogger("meetscout.scheduling.scheduler")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class SourceResult:
    source: str
    outcome: CrawlOutcome
    started: datetime
    finished: datetime
    state: SourceState


def run_source(
    plan: SourcePlan, db: Path, stopper: Stopper, policy: Policy, env: dict[str, str] | None = None
) -> SourceResult:
    """Run the source's crawls one after another, record the result, and return it."""
    started = utcnow()
    outcomes: list[CrawlOutcome] = []
    for command in plan.commands:
        if stopper.stopping:
            break
        outcome = run_crawl(command, db, stopper=stopper, env=env)
        outcomes.append(outcome)
        if outcome.status == "skipped":
            break  # another crawl of this source is running: it is the run
    finished = utcnow()
    if not outcomes:  # stopped before the first crawl began: nothing ran, nothing to record
        return SourceResult(
            plan.name,
            CrawlOutcome("skipped", error="stopped"),
            started,
            started,
            SourceState(plan.name),
        )
    total = _combine(outcomes)
    with Store(db) as store:
        state = load_state(store, plan.name)
        state.record(total, started, finished, policy)
        save_state(store, state)
    return SourceResult(plan.name, total, started, finished, state)


def _combine(outcomes: list[CrawlOutcome]) -> CrawlOutcome:
    total = CrawlOutcome(worst([o.status for o in outcomes]))
    for outcome in outcomes:
        for key, value in outcome.counts.items():
            total.counts[key] = total.counts.get(key, 0) + value
        total.run_ids += outcome.run_ids
        total.holder = total.holder or outcome.holder
    total.error = "\n".join(o.error for o in outcomes if o.error) or None
    total.exit_code = max((o.exit_code or 0 for o in outcomes), default=0)
    return total


def due_plans(plans: Iterable[SourcePlan], db: Path, now: datetime) -> list[SourcePlan]:
    with Store(db) as store:
        return [
            p
            for p in plans
            if p.active and load_state(store, p.name).next_due(p.schedule, now) <= now
        ]


def run_once(
    plans: list[SourcePlan],
    db: Path,
    *,
    stopper: Stopper | None = None,
    policy: Policy | None = None,
    force: bool = False,
    env: dict[str, str] | None = None,
) -> list[SourceResult]:
    """Run every due source (every active one with `force`) once, side by side; wait for all."""
    stopper = stopper or Stopper()
    policy = policy or Policy()
    chosen = [p for p in plans if p.active] if force else due_plans(plans, db, utcnow())
    if not chosen:
        return []
    with ThreadPoolExecutor(max_workers=len(chosen)) as pool:
        futures = [pool.submit(run_source, p, db, stopper, policy, env) for p in chosen]
        return [f.result() for f in futures]


class Scheduler:
    """The foreground scheduler: `start()`, then `wait()` until `stop()` or a signal."""

    def __init__(
        self,
        plans: list[SourcePlan],
        db: Path,
        *,
        policy: Policy | None = None,
        stopper: Stopper | None = None,
        env: dict[str, str] | None = None,
        on_result: Callable[[SourceResult], None] | None = None,
    ):
        self.plans = {p.name: p for p in plans if p.active}
        self.db = Path(db)
        self.policy = policy or Policy()
        self.stopper = stopper or Stopper()
        self.env = env
        self.on_result = on_result
        self.results: list[SourceResult] = []
        self._busy: dict[str, threading.Lock] = {name: threading.Lock() for name in self.plans}
        self._aps = BackgroundScheduler(
            executors={"default": APThreadPool(max_workers=max(2, len(self.plans) * 2))},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC,
        )

    def start(self) -> None:
        now = utcnow()
        with Store(self.db) as store:
            states = {name: load_state(store, name) for name in self.plans}
        for name, plan in self.plans.items():
            due = max(now, states[name].next_due(plan.schedule, now))
            # Interval schedules count from the first due time, so a restart keeps the rhythm.
            self._aps.add_job(
                self._job,
                plan.schedule.trigger(start=due, timezone=UTC),
                args=[name],
                id=name,
                name=f"crawl {name}",
                next_run_time=due,
            )
            log.info("%s: %s, next run %s", name, plan.schedule.describe(), due.isoformat())
        self._aps.start()

    def next_runs(self) -> dict[str, datetime | None]:
        """When each source crawls next: a pending retry wins, since regular turns before it are
        skipped."""
        times: dict[str, datetime | None] = {}
        for name in self.plans:
            job = self._aps.get_job(f"{name}:retry") or self._aps.get_job(name)
            times[name] = job.next_run_time if job is not None else None
        return times

    def _job(self, name: str) -> None:
        plan = self.plans[name]
        if self.stopper.stopping:
            return
        busy = self._busy[name]
        if not busy.acquire(blocking=False):
            log.info("%s: still running; this turn is skipped", name)
            return
        try:
            with Store(self.db) as store:
                retry_at = load_state(store, name).retry_at
            if retry_at is not None and retry_at > utcnow() and self._has_retry(name):
                log.info("%s: waiting until %s (back-off)", name, retry_at.isoformat())
                return
            result = run_source(plan, self.db, self.stopper, self.policy, self.env)
        except Exception:  # one source's trouble must not stop the others
            log.exception("%s: the scheduler could not run this source", name)
            return
        finally:
            busy.release()
        self.results.append(result)
        self._after(result)
        if self.on_result:
            self.on_result(result)

    def _has_retry(self, name: str) -> bool:
        return self._aps.get_job(f"{name}:retry") is not None

    def _after(self, result: SourceResult) -> None:
        retry_id = f"{result.source}:retry"
        retry_at = result.state.retry_at
        if self.stopper.stopping or result.outcome.status == "skipped":
            return
        if retry_at is not None and result.outcome.status in ("failed", "blocked"):
            self._aps.add_job(
                self._job,
                DateTrigger(run_date=retry_at, timezone=UTC),
                args=[result.source],
                id=retry_id,
                name=f"retry {result.source}",
                replace_existing=True,
            )
        elif self._aps.get_job(retry_id) is not None:
            self._aps.remove_job(retry_id)

    def stop(self, now: bool = False) -> None:
        """Start no new crawl; running ones finish within the grace period (or at once with now)."""
        self.stopper.request(now=now)

    def wait(self, poll: float = 0.1) -> None:
        """Block until stopped, then until running crawls have ended."""
        # Poll rather than wait on the event: a signal handler sets it, and must never find
        # the main thread inside the event's own lock.
        while not self.stopper.stopping:
            time.sleep(poll)
        if self._aps.running:
            # Not shutdown(wait=True): it holds the job store lock while it waits, and a finishing
            # job may still ask the scheduler for its next run time.
            self._aps.shutdown(wait=False)
        while any(lock.locked() for lock in self._busy.values()):
            time.sleep(poll)


def install_stop_signals(stopper: Stopper) -> None:
    """SIGINT and SIGTERM stop gracefully; a second one ends running crawls at once."""

    def handler(signum, frame):
        again = stopper.stopping
        stopper.request(now=again)
        how = (
            "ending running crawls now"
            if again
            else (f"no new crawls; running ones get {stopper.grace:g}s to finish")
        )
        log.warning("%s: %s", signal.Signals(signum).name, how)

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
