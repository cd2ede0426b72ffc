"""Issue 17.1: a crawl into a full disk fails loudly and keeps what was stored.

The disk is "full" through a file-size limit (RLIMIT_FSIZE) on the crawl's process, so the test
runs on any Linux machine without a small tmpfs; SIGXFSZ is ignored there, as a shell's `ulimit
-f` leaves it, so a write past the limit fails with EFBIG instead of killing the process.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from meetscout.demo.localsite import LocalSite
from meetscout.exit_codes import FAILED
from meetscout.store import Store
from tests.conftest import make_event
from tests.spiders.conftest import ROOT

from .big_group import URLNAME, big_routes
from .file_size_limit import limit_file_size

resource = pytest.importorskip("resource", reason="file-size limits need a POSIX system")


def test_a_crawl_into_a_full_disk_fails_and_keeps_what_was_stored(tmp_path):
    db = tmp_path / "m.db"
    with Store(db) as store:
        store.upsert_events([make_event(n) for n in range(1, 6)])
        before = store.rows("SELECT id, title, content_hash FROM events ORDER BY id")
    room = db.stat().st_size + 48 * 1024  # the run row fits; a batch of events does not
    with LocalSite(big_routes(1100)) as site:
        env = {**os.environ, "MEETSCOUT_CONFIG": "/nonexistent/meetscout.toml"}
        done = subprocess.run(
            [sys.executable, "-m", "meetscout.cli", "crawl", "meetup", URLNAME,
             "--db", str(db), "--base-url", site.base_url],
            cwd=ROOT, capture_output=True, text=True, timeout=120, env=env,
            preexec_fn=limit_file_size(room),
        )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == FAILED, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert "cannot rollback" not in output
    assert output.count("disk I/O error") + output.count("disk is full") <= 2, output[-3000:]
    # One failed write stops the crawl: it is not retried on every later item.
    assert output.count("could not store") == 1, output[-3000:]
    assert "failed" in done.stdout
    with Store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        run = store.recent_runs(1)[0]
        assert run["status"] == "failed"
        assert "could not store" in run["error"]
        # What was stored before is intact; the failed batch left nothing half-written.
        rows = store.rows("SELECT id, title, content_hash FROM events ORDER BY id")
        kept = [r for r in rows if r["id"] in {b["id"] for b in before}]
        assert kept == before
        count = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert count < 5 + 1100


def test_the_limit_is_what_fails_the_write(tmp_path):
    """The fault is real: under the same limit SQLite itself refuses a big write."""
    db = tmp_path / "m.db"
    Store(db).close()
    room = db.stat().st_size + 48 * 1024
    code = (
        "import sqlite3,sys\n"
        "c=sqlite3.connect(sys.argv[1])\n"
        "try:\n"
        "    c.execute('CREATE TABLE big(x)')\n"
        "    c.executemany('INSERT INTO big VALUES (?)', [('x'*1000,)]*500); c.commit()\n"
        "except sqlite3.Error as e: print('ERR', e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True,
        preexec_fn=limit_file_size(room),
    )  # fmt: skip
    assert done.stdout.startswith("ERR"), done.stdout + done.stderr
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
