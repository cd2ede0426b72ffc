"""`meetscout schedule` and `meetscout status` as a person or cron runs them: in a process of their own."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from meetscout.crawl_lock import SourceLock
from meetscout.localsite import LocalSite
from meetscout.schedule_state import load_state
from meetscout.store import Store

from .conftest import ROOT, Gate, events_page
from .test_scheduler import poll


def cli(db, plans, *args, **popen):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TINY_PLANS": json.dumps(plans)}
    env.pop("MEETSCOUT_CONFIG", None)
    argv = [sys.executable, "-m", "tests.scheduler.schedule_cli", *args, "--db", str(db)]
    return subprocess.Popen(
        argv,
        env=env,
        cwd=db.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def finish(proc, timeout=60):
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out + err


def test_once_exit_status_says_whether_everything_worked(db, site):
    db.parent.mkdir(parents=True)
    good = {"name": "meetup", "schedule": "every 1 hour", "url": site.url("/a.json")}
    bad = {
        "name": "linkedin",
        "schedule": "every 1 hour",
        "url": site.url("/b.json"),
        "extra": ["--crash"],
    }

    code, text = finish(cli(db, [good, bad], "schedule", "--once"))
    assert code == 1
    assert "linkedin failed" in text and "meetup" in text

    code, text = finish(cli(db, [good], "schedule", "--once", "--force"))
    assert code == 0, text
    code, text = finish(cli(db, [good], "schedule", "--once"))
    assert code == 0 and "Nothing was due" in text

    code, text = finish(cli(db, [good, bad], "status", "--json"))
    assert code == 0, text
    rows = {r["source"]: r for r in map(json.loads, text.splitlines())}
    assert rows["meetup"]["last_status"] == "ok" and rows["meetup"]["counts"]["unchanged"] == 2
    assert rows["meetup"]["due"] is False and rows["meetup"]["next_run"]
    assert rows["linkedin"]["last_status"] == "failed" and rows["linkedin"]["failures"] == 1
    assert "broke before it could start" in rows["linkedin"]["error"]


def test_sigterm_lets_the_crawl_end_and_records_it_interrupted(db):
    db.parent.mkdir(parents=True)
    gate = Gate(events_page(1, 2))
    with LocalSite({"/slow.json": gate}) as site:
        plans = [{"name": "meetup", "schedule": "every 1 hour", "url": site.url("/slow.json")}]
        proc = cli(db, plans, "schedule", "--grace", "0.3")
        try:
            assert gate.reached.wait(60), "the scheduler never started the crawl"
            crawl_pid = SourceLock(db, "meetup").holder()
            assert crawl_pid is not None
            proc.send_signal(signal.SIGTERM)
            sent = time.monotonic()
            # Past the grace the scheduler passes SIGTERM on; Scrapy finishes the page in flight.
            poll(lambda: time.monotonic() > sent + 0.8)
            gate.opened.set()
            code, text = finish(proc)
        finally:
            gate.opened.set()
            if proc.poll() is None:
                proc.kill()
    assert code == 0, text
    assert "SIGTERM" in text and "Stopped." in text
    with Store(db) as store:
        (row,) = store.recent_runs(5)
        assert row["status"] == "interrupted" and row["new"] == 2
        assert load_state(store, "meetup").last_status == "interrupted"
    assert SourceLock(db, "meetup").holder() is None
