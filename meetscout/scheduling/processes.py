"""Run one crawl command in its own process under its source's lock; read back what it recorded.

Scrapy's reactor cannot restart, so every crawl is a fresh `python -m meetscout.cli crawl …`
process.
The process is tagged with a job id (env MEETSCOUT_JOB, which StorePipeline copies into the run
row's args) so its run rows are found exactly, even while other sources crawl at the same time.
A process that dies before finishing its run row (kill -9, out of memory) gets the row finished
here, as `failed` or, when we stopped it, `interrupted`; one that failed before writing any row gets
a row written here, so every attempt is on record.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..exit_codes import BUSY
from ..paths import create_private
from ..store import Store

COUNT_FIELDS = ("new", "updated", "unchanged", "cancelled", "invalid")
# Worse statuses win when one source run is made of several crawls.
TERM_TIMEOUT = 40.0
SEVERITY = ("ok", "skipped", "partial", "not_found", "blocked", "interrupted", "failed")


def worst(statuses: list[str]) -> str:
    return max(statuses, key=SEVERITY.index) if statuses else "ok"


@dataclass(frozen=True)
class CrawlCommand:
    """One crawl of a source: `argv` is the `meetscout` command line after the program name."""

    source: str
    argv: tuple[str, ...]
    module: str = "meetscout.cli"  # the Python module run with `-m`

    def program(self) -> list[str]:
        return [sys.executable, "-m", self.module, *self.argv]


@dataclass
class CrawlOutcome:
    status: str  # one of SEVERITY
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_FIELDS, 0))
    error: str | None = None
    run_ids: list[int] = field(default_factory=list)
    exit_code: int | None = None
    holder: int | None = None  # PID of the crawl that held the lock, when skipped


class Stopper:
    """Shared by a scheduler and its crawls: when to stop, and how long crawls may finish."""

    def __init__(self, grace: float = 60.0, term_timeout: float = TERM_TIMEOUT):
        self.grace = grace
        # After SIGTERM Scrapy finishes pages in flight (DOWNLOAD_TIMEOUT is 30 s); then SIGKILL.
        self.term_timeout = term_timeout
        self.event = threading.Event()
        self.requested_at: float | None = None

    def request(self, now: bool = False) -> None:
        """Stop; a second request (a second Ctrl-C) or `now` ends running crawls at once."""
        if self.requested_at is not None or now:
            self.grace = 0.0
        if self.requested_at is None:
            self.requested_at = time.monotonic()
        self.event.set()

    @property
    def stopping(self) -> bool:
        return self.event.is_set()

    def term_deadline(self) -> float | None:
        return None if self.requested_at is None else self.requested_at + self.grace


def run_crawl(
    command: CrawlCommand,
    db: Path,
    *,
    stopper: Stopper | None = None,
    log_path: Path | None = None,
    env: dict[str, str] | None = None,
    poll: float = 0.1,
) -> CrawlOutcome:
    """Run `command` under the source lock; block until it ends; report what it did."""
    stopper = stopper or Stopper()
    db = Path(db).resolve()
    job = uuid.uuid4().hex
    argv = [sys.executable, "-m", "meetscout.scheduling.locks", command.source, "--db", str(db)]
    argv += ["--", *command.program()]
    child_env = {**os.environ, **(env or {}), "MEETSCOUT_DB": str(db), "MEETSCOUT_JOB": job}
    child_env["PYTHONUNBUFFERED"] = "1"
    log_path = log_path or db.parent / "logs" / f"{db.stem}.{command.source}.log"
    create_private(log_path)
    started = datetime.now(UTC)
    with open(log_path, "ab") as log:
        log.write(f"\n== {started.isoformat()} {' '.join(command.argv)}\n".encode())
        log.flush()
        start_offset = log.tell()
        # A session of its own: a Ctrl-C in the terminal reaches the scheduler, which decides.
        proc = subprocess.Popen(
            argv, stdout=log, stderr=subprocess.STDOUT, env=child_env, start_new_session=True
        )
        signalled = _wait(proc, stopper, poll)
    code = proc.returncode
    return _outcome(command, db, job, code, signalled, _tail(log_path, start_offset))


def _wait(proc: subprocess.Popen, stopper: Stopper, poll: float) -> bool:
    """Wait for the crawl; past the grace period SIGTERM, then SIGKILL. True if we signalled."""
    termed_at: float | None = None
    while True:
        try:
            proc.wait(timeout=poll)
            return termed_at is not None
        except subprocess.TimeoutExpired:
            pass
        deadline = stopper.term_deadline()
        if deadline is None:
            continue
        now = time.monotonic()
        if termed_at is None and now >= deadline:
            # Scrapy closes the spider on SIGTERM ("shutdown"): its run row says interrupted.
            _signal(proc, signal.SIGTERM)
            termed_at = now
        elif termed_at is not None and now >= termed_at + stopper.term_timeout:
            _signal(proc, signal.SIGKILL)


def _signal(proc: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)  # the crawl and anything it started (a browser)


def _outcome(
    command: CrawlCommand, db: Path, job: str, code: int, signalled: bool, tail: str
) -> CrawlOutcome:
    how = f"exit code {code}" if code >= 0 else f"signal {signal.Signals(-code).name}"
    with Store(db) as store:
        rows = store.runs_of_job(job)
        if not rows and code == BUSY:
            return CrawlOutcome("skipped", error=tail or "already running", exit_code=code)
        if not rows and code == 0:
            return CrawlOutcome("ok", exit_code=code)  # nothing to crawl, nothing recorded
        if not rows:
            run_id = store.start_run(command.source, {"job": job, "command": list(command.argv)})
            store.finish_run(
                run_id, "interrupted" if signalled else "failed", error=_why(how, tail)
            )
            rows = [store.get_run(run_id)]
        for row in rows:
            if row["status"] is None:  # the process died before its pipeline could finish
                status = "interrupted" if signalled else "failed"
                store.finish_run(row["id"], status, error=_why(how, tail))
                row.update(status=status, error=_why(how, tail))
    outcome = CrawlOutcome(worst([r["status"] for r in rows]), exit_code=code)
    outcome.run_ids = [r["id"] for r in rows]
    for key in COUNT_FIELDS:
        outcome.counts[key] = sum(r.get(key) or 0 for r in rows)
    errors = [r["error"] for r in rows if r.get("error")]
    if code != 0 and outcome.status == "ok":
        outcome.status = "interrupted" if signalled else "failed"
        errors.append(_why(how, tail))
    outcome.error = "\n".join(errors) or None
    return outcome


def _why(how: str, tail: str) -> str:
    return f"crawl process ended with {how}" + (f": {tail}" if tail else "")


def _tail(path: Path, offset: int, limit: int = 600) -> str:
    """The last lines the crawl printed, for the run's error text."""
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            text = f.read().decode(errors="replace").strip()
    except OSError:
        return ""
    lines = text.splitlines()[-8:]  # the end of a traceback or of the crawl's summary
    return "\n".join(lines)[-limit:].strip()
