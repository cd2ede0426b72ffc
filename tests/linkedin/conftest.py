"""LinkedIn fixtures: frozen pages and a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def frozen():
    """Freeze the clock at a moment given as an ISO string; yields datetime.now(UTC) under it."""
    travellers = []

    def freeze(moment: str) -> datetime:
        traveller = time_machine.travel(datetime.fromisoformat(moment), tick=False)
        traveller.start()
        travellers.append(traveller)
        return datetime.now(UTC)

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()


ROOT = Path(__file__).resolve().parents[2]
SESSION_COOKIE = "li_at=fake-test-session"


def write_session(path: Path) -> Path:
    """A storage_state as `meetscout linkedin login` saves it, with a made-up cookie for the
    local copy of the site (127.0.0.1)."""
    import json

    state = {
        "cookies": [
            {"name": "li_at", "value": "fake-test-session", "domain": "127.0.0.1", "path": "/",
             "expires": -1, "httpOnly": True, "secure": False, "sameSite": "Lax"},
            {"name": "lang", "value": "v=2&lang=en-us", "domain": "127.0.0.1", "path": "/",
             "expires": -1, "httpOnly": False, "secure": False, "sameSite": "Lax"},
        ],
        "origins": [],
    }  # fmt: skip
    path.write_text(json.dumps(state))
    path.chmod(0o600)
    return path


def run_crawl(**args) -> dict:
    """One crawl in a fresh process (Scrapy's reactor cannot restart); its run row."""
    import json
    import subprocess
    import sys

    args = {k: str(v) if isinstance(v, Path) else v for k, v in args.items()}
    done = subprocess.run(
        [sys.executable, "-m", "tests.linkedin.crawl_runner", json.dumps(args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def event_page(name: str, event_id: str) -> str:
    """A frozen event page served as the page of another event id."""
    import re

    html = page(name)
    return re.sub(
        r"(data-event-id=\"(?:urn:li:fsd_professionalEvent:)?)\d{19}", rf"\g<1>{event_id}", html
    )
