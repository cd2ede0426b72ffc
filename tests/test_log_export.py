"""`meetscout export` then `meetscout import`: the same data on an empty database, merging without
duplicates, and every bad file refused with nothing changed."""

from __future__ import annotations

import json
import stat

import pytest

from meetscout import log
from meetscout.log import LogError
from meetscout.log_export import VERSION, export_data, import_export, write_export
from meetscout.model import Profile
from meetscout.store import Store
from tests.log_history import NOW, PROFILE, A, G, craft_history, et

PERSONAL = ("attendance", "contacts", "followups", "outcomes", "feedback", "profile")


@pytest.fixture
def crafted(tmp_path, time_machine):
    with Store(tmp_path / "first.db") as store:
        ids = craft_history(store, time_machine)
        store.add_feedback("event", "job_seekers", event_id=A.id, note="mostly job seekers")
        yield store, ids


def counts(store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in PERSONAL}


def test_export_then_import_on_an_empty_database_gives_the_same_data(crafted, tmp_path):
    store, _ = crafted
    path = tmp_path / "out" / "meetscout-export.json"
    written = write_export(store, path, now=NOW)
    assert written == {
        "corrections": 1,
        "attendance": 7,
        "contacts": 5,
        "followups": 5,
        "outcomes": 3,
    }
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds people's names
    data = json.loads(path.read_text())
    assert (data["format"], data["version"]) == ("meetscout-export", VERSION)
    with Store(tmp_path / "second.db") as fresh:  # no events: a machine that never crawled
        done = import_export(fresh, path)
        assert done["contacts added"] == 5 and done["profile added"] == 1
        assert export_data(fresh, NOW) == export_data(store, NOW)
        assert fresh.get_profile() == PROFILE
        assert counts(fresh) == counts(store)
        # The log reads the same without the meetings stored.
        assert [e["title"] for e in fresh.log_entries()] == [
            e["title"] for e in store.log_entries()
        ]


def test_importing_twice_adds_nothing(crafted, tmp_path):
    store, _ = crafted
    path = tmp_path / "e.json"
    write_export(store, path)
    before = counts(store)
    done = import_export(store, path)  # into the database it came from
    assert counts(store) == before
    assert not any(key.endswith(("added", "updated")) for key in done), done


def test_the_same_person_entered_on_two_machines_is_merged(crafted, tmp_path, time_machine):
    store, ids = crafted
    with Store(tmp_path / "laptop.db") as laptop:
        laptop.upsert_events([G])
        laptop.save_profile(Profile(home_area="Hoboken, NJ"))
        time_machine.move_to(et(2026, 12, 1, 22, 0))
        added = log.add_contact(laptop, G.id, "kim  LEE", company="Prudential")
        time_machine.move_to(et(2026, 12, 2, 9, 0))
        log.finish_followup(laptop, laptop.get_contact(added.id)["followup_id"])
        log.add_contact(laptop, G.id, "Ana Souza", company="Merck")
        path = tmp_path / "laptop.json"
        write_export(laptop, path)
    time_machine.move_to(NOW)
    done = import_export(store, path)
    assert (done["contacts added"], done["contacts unchanged"]) == (1, 1)
    kim = store.get_contact(ids["Kim"])
    assert kim["done_at"] is not None  # done on the laptop: done here
    assert [c["name"] for c in store.list_contacts()].count("Kim Lee") == 1
    assert done["profile kept"] == 1  # this side's profile stays unless asked
    assert store.get_profile() == PROFILE


def test_imported_corrections_hold_for_stored_meetings(crafted, tmp_path):
    store, _ = crafted
    path = tmp_path / "e.json"
    write_export(store, path)
    with Store(tmp_path / "other.db") as other:
        other.upsert_events([A])
        import_export(other, path)
        assert other.get_event(A.id).assessment.crowd == "job_seekers"
        assert other.get_event(A.id).assessment.basis == "feedback"


def test_the_profile_is_replaced_only_when_asked(crafted, tmp_path):
    store, _ = crafted
    path = tmp_path / "e.json"
    write_export(store, path)
    with Store(tmp_path / "other.db") as other:
        mine = Profile(home_area="Trenton, NJ")
        other.save_profile(mine)
        assert import_export(other, path)["profile kept"] == 1
        assert other.get_profile() == mine
        assert import_export(other, path, replace_profile=True)["profile replaced"] == 1
        assert other.get_profile() == PROFILE


def write_json(path, data) -> str:
    path.write_text(json.dumps(data))
    return str(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: {**d, "version": VERSION + 1},
            "written by a newer meetscout .* upgrade meetscout",
        ),
        (lambda d: {**d, "version": 0}, "export format 0, older than any this meetscout reads"),
        (lambda d: {**d, "version": "one"}, "`version` is missing or not a number"),
        (lambda d: {**d, "format": "something-else"}, "is not a meetscout export"),
        (lambda d: [d], "is not a meetscout export"),
        (
            lambda d: {
                **d,
                "contacts": [{k: v for k, v in c.items() if k != "name"} for c in d["contacts"]],
            },
            r"damaged: contacts\[0\].name: Field required",
        ),
        (
            lambda d: {**d, "followups": [{**d["followups"][0], "contact": "0" * 32}]},
            r"followups\[0\].contact names no contact in the file",
        ),
        (
            lambda d: {**d, "attendance": [{**d["attendance"][0], "outcome": "danced"}]},
            r"attendance\[0\].outcome: Input should be 'attended' or 'skipped'",
        ),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(crafted, tmp_path, change, message):
    store, _ = crafted
    good = export_data(store)
    path = write_json(tmp_path / "bad.json", change(good))
    with Store(tmp_path / "target.db") as target:
        with pytest.raises(LogError, match=message) as caught:
            import_export(target, path)
        assert counts(target) == dict.fromkeys(PERSONAL, 0)
    for contact in good["contacts"]:  # a message names where, never what
        assert contact["name"] not in str(caught.value)


def test_a_corrupt_or_missing_file(tmp_path, store):
    path = tmp_path / "cut.json"
    path.write_bytes(b'{"format": "meetscout-export", "version": 1, "contacts": [{"na')
    with pytest.raises(LogError, match="not valid JSON .*line 1"):
        import_export(store, path)
    path.write_bytes(b"\xff\xfe binary")
    with pytest.raises(LogError, match="not valid JSON"):
        import_export(store, path)
    with pytest.raises(LogError, match="There is no file"):
        import_export(store, tmp_path / "nowhere.json")
    with pytest.raises(LogError, match="is a folder"):
        import_export(store, tmp_path)


def test_an_import_that_fails_half_way_changes_nothing(crafted, tmp_path, monkeypatch):
    store, _ = crafted
    path = tmp_path / "e.json"
    write_export(store, path)
    with Store(tmp_path / "target.db") as target:

        def broken(*args, **kwargs):
            raise OSError("disk full")

        monkeypatch.setattr(type(target), "_merge_outcomes", broken)
        with pytest.raises(OSError, match="disk full"):
            import_export(target, path)
        # Contacts and follow-ups were written before the failure: all rolled back.
        assert counts(target) == dict.fromkeys(PERSONAL, 0)
