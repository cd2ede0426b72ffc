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

from meetscout.store import Store
from tests.spiders.conftest import ROOT
from tests.spiders.meetup_site import HDI

from .hand_crawl import hanging_crawl


def test_a_killed_hand_started_crawl_is_recorded_failed(tmp_path):
    db = tmp_path / "m.db"
    with hanging_crawl(db) as hand:
        crawl, running = hand.process, hand.run
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait(30)
    assert json.loads(running["args"])["pid"] == crawl.pid
    with Store(db) as store:
        run = store.recent_runs(1)[0]
    assert run["id"] == running["id"]
    assert run["status"] == "failed"
    assert f"pid {crawl.pid}" in run["error"] and run["finished"]
    env = {**os.environ, "MEETSCOUT_CONFIG": "/nonexistent/meetscout.toml"}
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
