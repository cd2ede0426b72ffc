"""Issue 17.9: a crawl stopped by SIGTERM or SIGINT exits 128 + the signal (143, 130), so
scripts and cron see it; its run is recorded `interrupted`."""

from __future__ import annotations

import signal
import subprocess

import pytest

from meetscout.store import Store

from .hand_crawl import hanging_crawl


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_crawl_exits_with_128_plus_the_signal(tmp_path, signum):
    db = tmp_path / "m.db"
    with hanging_crawl(db, output=subprocess.PIPE) as hand:
        crawl = hand.process
        crawl.send_signal(signum)
        hand.release.set()
        out, err = crawl.communicate(timeout=60)
    assert crawl.returncode == 128 + signum, out + err
    assert "Traceback" not in out + err
    assert "interrupted" in out
    with Store(db) as store:
        assert store.recent_runs(1)[0]["status"] == "interrupted"
