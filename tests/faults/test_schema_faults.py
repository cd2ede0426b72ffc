"""Issue 17.6: the schema is made atomically, idempotently, and safely by several processes.

Three first opens at once once failed ("database is locked", "duplicate column"), and a crash
after the first CREATE once left "table events already exists" on every later command.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from meetscout.store import SCHEMA_VERSION, Store
from meetscout.store.schema import MIGRATIONS, migrate
from tests.spiders.conftest import ROOT

OPEN = "import sys; from meetscout.store import Store; Store(sys.argv[1]).close()"


def test_first_opens_at_once_all_succeed(tmp_path):
    for n in range(4):
        db = tmp_path / f"m{n}.db"
        opens = [
            subprocess.Popen([sys.executable, "-c", OPEN, str(db)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
            for _ in range(4)
        ]  # fmt: skip
        errors = [p.communicate(timeout=60)[1] for p in opens]
        assert [p.returncode for p in opens] == [0] * 4, errors
        with Store(db) as store:
            assert store.schema_version == SCHEMA_VERSION


def test_a_migration_that_breaks_half_way_leaves_the_file_as_it_was(tmp_path):
    db = tmp_path / "m.db"
    conn = sqlite3.connect(db, isolation_level=None)

    def first_then_crash(c):
        MIGRATIONS[0](c)
        raise RuntimeError("power cut")

    saved = MIGRATIONS[0]
    MIGRATIONS[0] = first_then_crash
    try:
        migrate(conn)
    except RuntimeError:
        pass
    finally:
        MIGRATIONS[0] = saved
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_a_half_made_schema_from_an_older_meetscout_is_completed(tmp_path):
    """Tables from a first migration that an older meetscout left without its version mark."""
    db = tmp_path / "m.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    MIGRATIONS[0](conn)
    MIGRATIONS[1](conn)
    conn.execute("COMMIT")  # the version mark never written
    conn.execute("INSERT INTO feedback (scope, event_id, crowd) VALUES ('event', 'e1', 'employed')")
    conn.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [f["event_id"] for f in store.list_feedback()] == ["e1"]
