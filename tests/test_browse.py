"""The database opens as a searchable database in the SQLite tools people use (issue 18 item
11): Datasette and sqlite-utils find its full-text index, an old database gets it on migrating,
and `meetscout browse` serves it in Datasette with canned queries.

Before the fix both tools saw no index: a Datasette search returned every row and
`sqlite-utils search` said the table was not configured for full-text search.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import sqlite_utils
from datasette.utils import detect_fts

from meetscout.model import Assessment, Crowd, Kind
from meetscout.store import Store
from tests.conftest import make_event
from tests.test_store_migrations import V3

SOON = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
SEEKERS_AT = SOON + timedelta(days=40)


def employed(title: str) -> Assessment:
    return Assessment(crowd=Crowd.employed, kind=Kind.professional_association, confidence=0.9,
                      reasons=[f"Hosted by a chapter: {title}"])  # fmt: skip


def filled(path: Path) -> Path:
    with Store(path) as store:
        store.upsert_events([
            make_event(1, title="Insurance Analytics Meetup at Prudential", starts_at=SOON,
                       assessment=employed("Prudential")),
            make_event(2, title="Cloud cost workshop", starts_at=SOON + timedelta(days=1),
                       assessment=employed("cloud")),
            make_event(3, title="Chapter meeting next month", starts_at=SOON + timedelta(days=30),
                       assessment=employed("later")),
        ])  # fmt: skip
        seekers = Assessment(crowd=Crowd.job_seekers, kind=Kind.job_seeker_group, confidence=0.9)
        store.upsert_events([make_event(4, title="Job club", starts_at=SEEKERS_AT,
                                        assessment=seekers)])  # fmt: skip
        store.mark_going("meetup:300000002", "employed")
        store.mark_going("meetup:300000004", "job_seekers")
    return path


def test_sqlite_utils_finds_the_index_and_searches_it(tmp_path):
    db = sqlite_utils.Database(filled(tmp_path / "m.db"))
    assert db["events"].detect_fts() == "events_fts"
    found = list(db["events"].search("Prudential"))
    assert [row["title"] for row in found] == ["Insurance Analytics Meetup at Prudential"]


def test_datasette_finds_the_index(tmp_path):
    conn = sqlite3.connect(filled(tmp_path / "m.db"))
    try:
        assert detect_fts(conn, "events") == "events_fts"
    finally:
        conn.close()


def test_an_older_database_gets_the_index_the_tools_find(tmp_path):
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    conn.executescript(V3.read_text())
    conn.close()
    assert sqlite_utils.Database(path)["events"].detect_fts() is None  # as it was
    Store(path).close()  # migrates
    db = sqlite_utils.Database(path)
    assert db["events"].detect_fts() == "events_fts"
    assert len(list(db["events"].search("prudential"))) == 3  # rebuilt from the events


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_meetscout_browse_serves_search_and_canned_queries(tmp_path):
    path = filled(tmp_path / "meetings.db")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "meetscout.cli", "browse", "--db", str(path),
         "--port", str(port), "--no-open"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/meetings"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + ".json", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "Datasette did not start"
                time.sleep(0.3)

        def rows(path: str, **params) -> list[dict]:
            r = httpx.get(f"{base}/{path}.json", params={**params, "_shape": "array"}, timeout=10)
            assert r.status_code == 200, r.text
            return r.json()

        assert [r["title"] for r in rows("events", _search="Prudential")] == [
            "Insurance Analytics Meetup at Prudential"
        ]
        week = [r["title"] for r in rows("employed_this_week")]
        assert week == ["Insurance Analytics Meetup at Prudential", "Cloud cost workshop"]
        going = [r["title"] for r in rows("my_going_list")]
        assert going == ["Cloud cost workshop", "Job club"]
        # By the meeting's month on this computer's clock, not the month it was marked in.
        month = SEEKERS_AT.astimezone().strftime("%Y-%m")
        assert rows("job_seeker_budget") == [{"month": month, "marked": 1, "monthly_limit": 2}]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


def test_browse_says_when_there_is_no_database(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "meetscout.cli", "browse", "--db", str(tmp_path / "nope.db"),
         "--no-open"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "there is no database at" in done.stderr
    assert not (tmp_path / "nope.db").exists()
