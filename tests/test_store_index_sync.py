"""The full-text index stays in step with the events table through every kind of upsert.

FTS5's own 'integrity-check' (with rank 1) compares the index against the events table's text,
so a row the index missed, or old words it kept, fails these tests.
"""

import sqlite3
from datetime import UTC, datetime

import pytest

from meetscout.store import FTS_HASH_BYTES, MAX_ROWID, SCHEMA_VERSION, EventQuery, Store
from tests.conftest import make_event, make_group

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def assert_index_matches_events(store: Store) -> None:
    store.db.execute("INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1)")


def found(store: Store, text: str) -> list[str]:
    return [e.id for e in store.search_events(EventQuery(text=text, limit=100))]


def test_one_batch_of_new_changed_returning_and_unchanged_events(store):
    store.upsert_events([make_event(n) for n in range(1, 6)])
    store.mark_cancelled(["meetup:300000003"])
    store.upsert_groups([make_group()])
    store.cancel_vanished("meetup-group:hdi-nj", ["meetup:300000001", "meetup:300000002"], now=NOW)
    counts = store.upsert_events(
        [
            make_event(1),  # unchanged
            make_event(2, title="Service desk metrics night"),  # changed
            make_event(3),  # cancelled by hand, back unchanged
            make_event(4),  # cancelled as vanished, back unchanged
            make_event(6, title="Kanban lunch"),  # new
        ]
    )
    assert (counts.new, counts.updated, counts.unchanged) == (1, 3, 1)
    assert_index_matches_events(store)
    assert found(store, "metrics") == ["meetup:300000002"]
    assert found(store, "kanban") == ["meetup:300000006"]
    assert found(store, '"meeting 2"') == []  # the old title's words left the index
    assert found(store, '"meeting 3"') == ["meetup:300000003"]
    assert store.get_event("meetup:300000004").status == "scheduled"


def test_batches_larger_than_the_bound_variable_limit(store):
    # Ids travel as one JSON array, so a batch is not limited by SQLite's variable count.
    store.db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
    events = [make_event(n) for n in range(300)]
    assert store.upsert_events(events).new == 300
    again = store.upsert_events(
        events[:150] + [make_event(n, title="Renamed") for n in range(150, 300)]
    )
    assert (again.unchanged, again.updated) == (150, 150)
    assert_index_matches_events(store)
    matches = "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'renamed'"
    assert store.db.execute(matches).fetchone()[0] == 150


def test_new_events_are_indexed_when_rowids_have_run_out(store):
    # At the largest rowid SQLite gives new rows free rowids at random, not above the largest.
    store.db.execute(
        "INSERT INTO events (rowid, id, source, url, title, status, topics, content_hash) "
        "VALUES (?, 'meetup:1', 'meetup', 'https://www.meetup.com/x/events/1/', 'Last row', "
        "'scheduled', '[]', 'x')",
        [MAX_ROWID],
    )
    store.rebuild_fts()
    assert store.upsert_events([make_event(n) for n in range(1, 4)]).new == 3
    assert_index_matches_events(store)
    assert len(found(store, "chapter")) == 3


def test_database_of_the_previous_version_is_searchable_after_migration(tmp_path):
    path = tmp_path / "old.db"
    with Store(path, migrate_to=SCHEMA_VERSION - 1) as old:
        old.upsert_events([make_event(n) for n in range(1, 4)])
    with Store(path) as new:
        assert new.schema_version == SCHEMA_VERSION
        (size,) = new.db.execute("SELECT v FROM events_fts_config WHERE k = 'hashsize'").fetchone()
        assert size == FTS_HASH_BYTES
        assert len(found(new, "chapter")) == 3
        new.upsert_events([make_event(2, title="Service desk metrics night"), make_event(4)])
        assert_index_matches_events(new)
        assert found(new, "metrics") == ["meetup:300000002"]
        assert found(new, '"meeting 2"') == []
        assert len(found(new, "chapter")) == 4


@pytest.mark.parametrize("seen_twice", [False, True])
def test_on_disk_store_index_matches_after_upserts(disk_store, seen_twice):
    events = [make_event(n) for n in range(50)]
    disk_store.upsert_events(events)
    if seen_twice:
        disk_store.upsert_events(events)
    assert_index_matches_events(disk_store)
    assert len(found(disk_store, "chapter")) == 50
