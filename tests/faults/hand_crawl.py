"""A crawl started by hand (`meetscout crawl meetup`) whose first page hangs until released:
for stopping a crawl while it runs (SIGKILL, SIGTERM, Ctrl-C)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from meetscout.demo.localsite import LocalSite, Reply
from meetscout.store import Store
from tests.spiders.conftest import ROOT
from tests.spiders.meetup_site import HDI, routes


@dataclass
class HandCrawl:
    process: subprocess.Popen
    run: dict  # its run row, recorded and not yet ended
    release: threading.Event  # lets the hanging page answer


def _wait_for(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("timed out")


def _running_run(db: Path) -> dict | None:
    if not db.exists():
        return None
    with Store(db) as store:
        runs = store.recent_runs(1)
    return runs[0] if runs and runs[0]["status"] is None else None


@contextlib.contextmanager
def hanging_crawl(db: Path, output=subprocess.DEVNULL) -> Iterator[HandCrawl]:
    """Yields once the crawl's run is recorded and Scrapy is reading the hanging feed (so its
    signal handlers are in place)."""
    release, reached = threading.Event(), threading.Event()

    def hang(_path: str) -> Reply:
        reached.set()
        release.wait(60)
        return Reply("", 404)

    env = {**os.environ, "MEETSCOUT_CONFIG": "/nonexistent/meetscout.toml"}
    with LocalSite({**routes(), f"/{HDI}/events/ical/": hang}) as site:
        process = subprocess.Popen(
            [sys.executable, "-m", "meetscout.cli", "crawl", "meetup", HDI,
             "--db", str(db), "--base-url", site.base_url],
            cwd=ROOT, env=env, stdout=output, stderr=output, text=True,
        )  # fmt: skip
        try:
            run = _wait_for(lambda: _running_run(db))
            assert reached.wait(60)
            yield HandCrawl(process, run, release)
        finally:
            release.set()
            if process.poll() is None:
                process.wait(60)
