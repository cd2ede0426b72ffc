"""The schema the migrations build, the columns rows.py fills, and the connection per thread."""

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from meetscout.model import Assessment, Group
from meetscout.store import ASSESSMENT_COLUMNS, Store, UpsertCounts, event_row, group_row
from tests.conftest import make_event, make_group

V3 = Path(__file__).parent / "fixtures" / "store" / "v3.sql"
SEEN = ("first_seen", "last_seen")
JUDGED = Assessment(crowd="employed", kind="alumni", confidence=0.5)


def columns(conn: sqlite3.Connection, table: str) -> list[tuple]:
    # name, type, not null, default, primary key
    return [tuple(r[1:]) for r in conn.execute(f"PRAGMA table_info({table})")]


def test_rows_fill_exactly_the_tables_columns(store):
    event = event_row(make_event(1, assessment=JUDGED))
    group = group_row(Group(id="g", source="meetup", url="u", name="n", assessment=JUDGED))
    for table, row in (("events", event), ("groups", group)):
        names = [c[0] for c in columns(store.conn, table)]
        assert sorted(names) == sorted([*row, *SEEN])
        assert set(ASSESSMENT_COLUMNS) <= set(names)


def test_a_new_database_has_the_schema_an_old_one_migrates_to(tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.executescript(V3.read_text())
    conn.close()
    with Store(old) as migrated, Store(tmp_path / "new.db") as new:
        tables = "SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1"
        assert new.conn.execute(tables).fetchall() == migrated.conn.execute(tables).fetchall()
        for (name,) in new.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            assert columns(new.conn, name) == columns(migrated.conn, name), name


def test_get_run(store):
    first = store.start_run("meetup_group", {"job": "a"})
    second = store.start_run("linkedin_events")
    store.finish_run(first, "partial", UpsertCounts(new=3, cancelled=1), error="two pages failed")
    run = store.get_run(first)
    assert (run["spider"], run["status"], run["new"], run["cancelled"]) == (
        "meetup_group",
        "partial",
        3,
        1,
    )
    assert store.get_run(second)["status"] is None  # still running
    assert store.get_run(second + 1) is None
    assert [r["id"] for r in store.runs_of_job("a")] == [first]


def test_both_ways_of_cancelling_forget_the_hash_alike(store):
    store.upsert_events([make_event(n) for n in (1, 2, 3)])
    store.mark_cancelled(["meetup:300000001"])
    store.upsert_groups([make_group()])
    store.cancel_vanished(
        "meetup-group:hdi-nj", ["meetup:300000001"], now=datetime(2026, 12, 1, tzinfo=UTC)
    )
    hashes = store.conn.execute("SELECT id, content_hash FROM events ORDER BY id").fetchall()
    assert hashes == [(f"meetup:30000000{n}", None) for n in (1, 2, 3)]


def test_each_thread_reads_with_its_own_connection_while_another_writes(tmp_path):
    with Store(tmp_path / "m.db") as store:
        store.upsert_events([make_event(1)])
        read: list = []
        with store.writing() as conn:  # this thread holds the write lock
            conn.execute("UPDATE events SET title = 'Not yet committed'")
            reader = threading.Thread(
                target=lambda: read.append(store.get_event("meetup:300000001"))
            )
            reader.start()
            reader.join()
        assert read[0].title == "HDI New Jersey chapter meeting 1"  # it did not wait for us
        assert store.get_event("meetup:300000001").title == "Not yet committed"


def test_an_in_memory_store_is_one_database_for_every_thread(store):
    store.upsert_events([make_event(1)])
    found: list = []
    reader = threading.Thread(target=lambda: found.append(store.count("events")))
    reader.start()
    reader.join()
    assert found == [1]
