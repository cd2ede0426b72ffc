from datetime import UTC, datetime

import pytest

from meetscout.model import Access, Assessment, Crowd, Kind, Profile
from meetscout.store import SCHEMA_VERSION, EventQuery, QueryError, Store
from tests.conftest import make_event

T1 = datetime(2026, 11, 1, tzinfo=UTC)
T2 = datetime(2026, 11, 2, tzinfo=UTC)


def employed(*access: Access) -> Assessment:
    return Assessment(
        crowd=Crowd.employed,
        kind=Kind.professional_association,
        confidence=0.9,
        access=list(access),
        reasons=["Hosted by a professional association chapter: HDI New Jersey"],
    )


def test_upsert_is_idempotent_and_keeps_first_seen(store):
    events = [make_event(n) for n in range(3)]
    first = store.upsert_events(events, seen=T1)
    assert (first.new, first.updated, first.unchanged) == (3, 0, 0)
    again = store.upsert_events([make_event(n) for n in range(3)], seen=T2)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert store.count("events") == 3
    stored = store.get_event("meetup:300000001")
    assert stored.first_seen == T1
    assert stored.last_seen == T2


def test_changed_event_is_updated_and_searchable_by_new_words(store):
    store.upsert_events([make_event(1)], seen=T1)
    changed = make_event(1, title="HDI New Jersey: service desk metrics night")
    counts = store.upsert_events([changed], seen=T2)
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 0)
    assert store.get_event("meetup:300000001").title.endswith("metrics night")
    assert [e.id for e in store.search_events(EventQuery(text="metrics"))] == ["meetup:300000001"]
    # The old words left the index with the old text.
    assert store.search_events(EventQuery(text="chapter AND meeting AND 1")) == []


def test_duplicate_ids_in_one_batch_make_one_row(store):
    counts = store.upsert_events([make_event(1), make_event(1, title="Renamed")])
    assert counts.new == 1
    assert store.get_event("meetup:300000001").title == "Renamed"


def test_round_trip_keeps_every_field(store):
    event = make_event(7, assessment=employed(Access.guest_pass), topics=["itsm", "help desk"])
    store.upsert_events([event])
    back = store.get_event(event.id)
    assert back.model_dump(exclude={"first_seen", "last_seen"}) == event.model_dump(
        exclude={"first_seen", "last_seen"}
    )


def test_fts_search_with_filters(store):
    store.upsert_events(
        [
            make_event(1, assessment=employed(Access.guest_pass)),
            make_event(2, title="Resume clinic for job seekers", is_online=True),
            make_event(
                3,
                title="Help desk leaders breakfast",
                assessment=employed(Access.free),
                is_online=True,
            ),
        ]
    )
    assert {e.id for e in store.search_events(EventQuery(text="help desk"))} >= {"meetup:300000003"}
    found = store.search_events(EventQuery(text="meeting OR breakfast", crowd="employed"))
    assert [e.id for e in found] == ["meetup:300000001", "meetup:300000003"]
    assert [e.id for e in store.search_events(EventQuery(access="free"))] == ["meetup:300000003"]
    assert [e.id for e in store.search_events(EventQuery(online=True, crowd="employed"))] == [
        "meetup:300000003"
    ]
    window = EventQuery(
        date_from=datetime(2026, 12, 3, tzinfo=UTC), date_to=datetime(2026, 12, 4, tzinfo=UTC)
    )
    assert [e.id for e in store.search_events(window)] == ["meetup:300000002"]
    latest = store.search_events(EventQuery(sort="latest", limit=1))
    assert latest[0].id == "meetup:300000003"
    # Stemming: "meetings" finds "meeting".
    assert store.search_events(EventQuery(text="meetings"))


@pytest.mark.parametrize("bad", ['"unbalanced', "AND AND", "help AND", "(desk"])
def test_bad_fts_query_is_a_clear_error(store, bad):
    store.upsert_events([make_event(1)])
    with pytest.raises(QueryError, match="Cannot search for"):
        store.search_events(EventQuery(text=bad))


def test_unknown_sort_is_a_clear_error(store):
    with pytest.raises(QueryError, match="Unknown sort"):
        store.search_events(EventQuery(sort="random"))


def test_on_disk_store_uses_wal_and_survives_reopen(tmp_path):
    path = tmp_path / "m.db"
    with Store(path) as s:
        s.upsert_events([make_event(1)])
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(path) as s:
        assert s.count("events") == 1
        assert s.search_events(EventQuery(text="chapter"))


def test_migration_from_previous_schema_keeps_data(tmp_path):
    path = tmp_path / "old.db"
    old = Store(path, migrate_to=SCHEMA_VERSION - 1)
    assert old.schema_version == SCHEMA_VERSION - 1
    old.db["events"].insert(
        {
            "id": "meetup:1",
            "source": "meetup",
            "url": "https://www.meetup.com/x/events/1/",
            "title": "Old row",
            "status": "scheduled",
            "topics": "[]",
            "content_hash": "x",
        }
    )
    old.rebuild_fts()
    old.close()
    with Store(path) as new:
        assert new.schema_version == SCHEMA_VERSION
        assert new.get_event("meetup:1").title == "Old row"
        assert new.search_events(EventQuery(text="old"))[0].id == "meetup:1"
        new.save_profile(Profile(target_companies=["Prudential"]))
        assert new.get_profile().target_companies == ["Prudential"]


def test_newer_database_is_refused_with_a_message(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(RuntimeError, match="newer meetscout"):
        Store(path)


def test_runs_are_recorded(store):
    from meetscout.store import UpsertCounts

    run = store.start_run("meetup_group", {"groups": ["hdi-nj"]})
    store.finish_run(
        run, "blocked", UpsertCounts(new=2), error="login wall at /hdi-nj/events/ical/"
    )
    (row,) = store.recent_runs()
    assert row["status"] == "blocked" and row["new"] == 2 and "login wall" in row["error"]
    with pytest.raises(ValueError):
        store.finish_run(run, "great")


def test_cancelling_keeps_the_row(store):
    store.upsert_events([make_event(1), make_event(2)])
    assert store.mark_cancelled(["meetup:300000001"]) == 1
    assert store.get_event("meetup:300000001").status == "cancelled"
    assert store.count("events") == 2


def test_find_by_url(store):
    event = make_event(4)
    store.upsert_events([event])
    assert store.find_by_url(event.url).id == event.id
    assert store.find_by_url("https://www.meetup.com/nope/") is None


def test_cancelled_event_that_comes_back_is_scheduled_again(store):
    store.upsert_events([make_event(1)])
    store.mark_cancelled(["meetup:300000001"])
    counts = store.upsert_events([make_event(1)])
    assert counts.updated == 1
    assert store.get_event("meetup:300000001").status == "scheduled"
