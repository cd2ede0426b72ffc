"""A database made by an older meetscout opens, migrates once, and keeps the person's data.

tests/fixtures/store/v3.sql is a schema-3 database as meetscout made it before the store became a
package (its own code wrote every row: the profile, corrections, attendance, schedule state, the
LinkedIn page budget and block; the contact by SQL, as nothing wrote contacts then).
"""

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from meetscout.linkedin.page_budget import PageBudget
from meetscout.model import Crowd, Profile
from meetscout.personal import job_seeker_budget
from meetscout.scheduling.state import load_state
from meetscout.store import SCHEMA_VERSION, EventQuery, Store
from meetscout.store.schema import migrate

V3 = Path(__file__).parent / "fixtures" / "store" / "v3.sql"


@pytest.fixture
def v3_path(tmp_path) -> Path:
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    conn.executescript(V3.read_text())
    conn.close()
    return path


def test_a_schema_3_database_keeps_the_persons_data(v3_path):
    with Store(v3_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_profile() == Profile(
            home_area="Newark, NJ",
            radius_km=30,
            target_companies=["Prudential"],
            target_industries=["insurance"],
            job_seeker_monthly_limit=1,
            capture_opt_in=True,
        )
        feedback = store.list_feedback()
        assert [(f["scope"], f["crowd"], f["kind"]) for f in feedback] == [
            ("group", "employed", "professional_association"),
            ("event", "not_networking", None),
        ]
        assert feedback[1]["note"] == "a purely social evening"
        assert store.going_among(["meetup:310000001", "meetup:310000002", "x"]) == {
            "meetup:310000001",
            "meetup:310000002",
        }
        # Marked on 21 November, for a meeting on 2 December: it counts in December.
        profile = store.get_profile().model_copy(update={"timezone": "America/New_York"})
        assert job_seeker_budget(store, profile, datetime(2026, 11, 25, tzinfo=UTC)).marked == 0
        assert job_seeker_budget(store, profile, datetime(2026, 12, 15, tzinfo=UTC)).marked == 1
        (contact,) = store.list_contacts()
        assert (contact["name"], contact["company"], contact["event_id"]) == (
            "Dana Whitfield",
            "Prudential",
            "meetup:310000001",
        )
        assert "follow up in January" in contact["notes"]
        # The events, their judgements and the index came along.
        assert store.get_event("meetup:310000003").assessment.crowd == Crowd.not_networking
        assert len(store.search_events(EventQuery(text="prudential"))) == 3
        assert store.get_run(1)["status"] == "ok"


def test_a_schema_3_database_keeps_the_crawl_state(v3_path):
    with Store(v3_path) as store:
        meetup = load_state(store, "meetup")
        assert (meetup.last_status, meetup.failures, meetup.run_ids) == ("failed", 1, [1])
        assert meetup.retry_at == datetime(2026, 11, 30, 12, 10, tzinfo=UTC)
        assert meetup.counts["new"] == 0 and "exit code 1" in meetup.error
        assert load_state(store, "linkedin").last_finished == datetime(
            2026, 11, 30, 6, 10, tzinfo=UTC
        )
        assert load_state(store, "scrapyd").last_started is None
        assert PageBudget(store, "linkedin", 40, today=date(2026, 11, 30)).used() == 2
        assert PageBudget(store, "linkedin", 40, today=date(2026, 12, 1)).used() == 1
        assert store.blocked_until("linkedin") == datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert "settings" not in tables  # every key scheme has a table of its own now


def test_migrating_twice_changes_nothing(v3_path):
    with Store(v3_path) as store:
        before = store.conn.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()
        assert migrate(store.conn) == SCHEMA_VERSION
        after = store.conn.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()
    assert before == after
    with Store(v3_path) as again:
        assert again.get_profile().target_companies == ["Prudential"]


def test_a_settings_key_meetscout_did_not_write_is_kept(tmp_path):
    path = tmp_path / "old.db"
    Store(path, migrate_to=3).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO settings VALUES ('profile', '{}'), ('someone.else', 'theirs')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("SELECT * FROM settings").fetchall() == [
            ("someone.else", "theirs")
        ]
        assert store.get_profile() == Profile()


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    from meetscout.store import schema

    path = tmp_path / "old.db"
    Store(path, migrate_to=3).close()

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:3], broken])
    with pytest.raises(RuntimeError, match="disk on fire"):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='half_done'").fetchone() == (
        0,
    )
    conn.close()
