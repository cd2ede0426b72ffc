"""Issue 17.9: a crawl stopped by SIGTERM or SIGINT exits 128 + the signal (143, 130), so
scripts and cron see it; its run is recorded `interrupted`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest

from meetscout.demo.localsite import LocalSite, Reply
from meetscout.store import Store
from tests.spiders.conftest import ROOT
from tests.spiders.meetup_site import HDI, routes

from .test_killed_crawl import _running_run, _wait_for


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_crawl_exits_with_128_plus_the_signal(tmp_path, signum):
    db = tmp_path / "m.db"
    release, reached = threading.Event(), threading.Event()

    def hang(_path: str) -> Reply:
        reached.set()  # the crawl is running: Scrapy's signal handlers are in place
        release.wait(60)
        return Reply("", 404)

    env = {**os.environ, "MEETSCOUT_CONFIG": "/nonexistent/meetscout.toml"}
    with LocalSite({**routes(), f"/{HDI}/events/ical/": hang}) as site:
        crawl = subprocess.Popen(
            [sys.executable, "-m", "meetscout.cli", "crawl", "meetup", HDI,
             "--db", str(db), "--base-url", site.base_url],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            _wait_for(lambda: _running_run(db))
            assert reached.wait(60)
            crawl.send_signal(signum)
            release.set()
            out, err = crawl.communicate(timeout=60)
        finally:
            release.set()
            if crawl.poll() is None:
                crawl.kill()
    assert crawl.returncode == 128 + signum, out + err
    assert "Traceback" not in out + err
    assert "interrupted" in out
    with Store(db) as store:
        assert store.recent_runs(1)[0]["status"] == "interrupted"
