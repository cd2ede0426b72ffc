"""Spider tests: real Scrapy crawls, each in its own process, against LocalSite on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from meetscout.demo.localsite import LocalSite
from meetscout.store import Store

from .meetup_site import routes

ROOT = Path(__file__).resolve().parents[2]


def crawl(
    spider: str, db: Path, settings: dict | None = None, timeout: int = 120, **kwargs
) -> dict:
    """Run `spider` in a fresh Python process and return the crawl-run row it wrote."""
    args = [sys.executable, "-m", "tests.spiders.crawl_runner", spider, str(db), json.dumps(kwargs)]
    if settings:
        args.append(json.dumps(settings))
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("RUN "))
    return json.loads(line[4:])


@pytest.fixture
def meetup_site():
    with LocalSite(routes()) as site:
        yield site


def switch(site: LocalSite, **variant) -> None:
    """Serve another version of the site from now on."""
    site.routes.clear()
    site.routes.update(routes(**variant))


def events_of(db: Path) -> dict[str, dict]:
    with Store(db) as store:
        return {row["id"]: row for row in store.db.query("SELECT * FROM events")}
