"""Issue 17.5: a crawl started by hand and killed with SIGKILL does not stay "running" forever.

Its run row has no status (nothing could record one); the next time anything reads the runs,
a run whose process is gone is recorded as failed, with why.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

from meetscout.demo.localsite import LocalSite, Reply
from meetscout.store import Store
from tests.spiders.conftest import ROOT
from tests.spiders.meetup_site import HDI, routes


def _wait_for(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("timed out")


def _running_run(db):
    if not db.exists():
        return None
    with Store(db) as store:
        runs = store.recent_runs(1)
    return runs[0] if runs and runs[0]["status"] is None else None


def test_a_killed_hand_started_crawl_is_recorded_failed(tmp_path):
    db = tmp_path / "m.db"
    release = threading.Event()

    def hang(_path: str) -> Reply:
        release.wait(60)  # a page that does not come while the crawl is killed
        return Reply("", 404)

    env = {**os.environ, "MEETSCOUT_CONFIG": "/nonexistent/meetscout.toml"}
    with LocalSite({**routes(), f"/{HDI}/events/ical/": hang}) as site:
        crawl = subprocess.Popen(
            [sys.executable, "-m", "meetscout.cli", "crawl", "meetup", HDI,
             "--db", str(db), "--base-url", site.base_url],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            running = _wait_for(lambda: _running_run(db))
            os.kill(crawl.pid, signal.SIGKILL)
            crawl.wait(30)
        finally:
            release.set()
            if crawl.poll() is None:
                crawl.kill()
    assert json.loads(running["args"])["pid"] == crawl.pid
    with Store(db) as store:
        run = store.recent_runs(1)[0]
    assert run["id"] == running["id"]
    assert run["status"] == "failed"
    assert f"pid {crawl.pid}" in run["error"] and run["finished"]
    config = tmp_path / "meetscout.toml"
    config.write_text(f'[meetup]\ngroups = ["{HDI}"]\n')
    status = subprocess.run(
        [sys.executable, "-m", "meetscout.cli", "status", "--json", "--db", str(db)],
        cwd=ROOT, env={**env, "MEETSCOUT_CONFIG": str(config)}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    meetup = next(s for s in map(json.loads, status.stdout.splitlines()) if s["source"] == "meetup")
    assert meetup["last_status"] == "failed" and meetup["running_pid"] is None


def test_a_live_crawl_is_left_running(disk_store):
    run_id = disk_store.start_run("meetup_group", {"pid": os.getpid()})
    assert disk_store.recent_runs(1)[0]["status"] is None
    assert disk_store.get_run(run_id)["status"] is None
