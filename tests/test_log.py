"""The networking log from "I'm going" to a follow-up done and an outcome, over a frozen clock."""

from __future__ import annotations

from datetime import date, time

import pytest

from meetscout import log
from meetscout.log import LogError
from meetscout.model import Crowd, Kind
from meetscout.personal import job_seeker_budget
from tests.log_history import PROFILE, et, meeting

CHAPTER = meeting(1, et(2026, 12, 1, 18, 0))  # Tue 1 Dec, 18:00-20:30 in New York
CLUB = meeting(
    2,
    et(2026, 12, 3, 9, 30),
    Crowd.job_seekers,
    Kind.job_seeker_group,
    group="nj-job-club",
    group_name="NJ Job Club",
)


def marked_this_month(store) -> int:
    return job_seeker_budget(store, PROFILE).marked


@pytest.fixture
def history(store, time_machine):
    time_machine.move_to(et(2026, 11, 30, 12, 0), tick=False)
    store.save_profile(PROFILE)
    store.upsert_events([CHAPTER, CLUB])
    return store, time_machine


def test_the_whole_log_over_a_frozen_clock(history):
    store, clock = history
    store.mark_going(CHAPTER.id, "employed", meeting=CHAPTER)
    store.mark_going(CLUB.id, "job_seekers", meeting=CLUB)
    assert marked_this_month(store) == 0  # counted in December, when the club meets
    with pytest.raises(LogError, match="still ahead"):
        log.record_presence(store, CHAPTER.id, "attended")
    with pytest.raises(LogError, match="still ahead"):
        log.add_contact(store, CHAPTER.id, "Dana Whitfield")

    clock.move_to(et(2026, 12, 1, 21, 15))  # the evening of the meeting
    assert marked_this_month(store) == 1
    log.record_presence(store, CHAPTER.id, "attended")
    added = log.add_contact(
        store,
        CHAPTER.url,  # by its address as well as by id
        "  Dana   Whitfield ",
        company="Prudential Financial",
        role="Claims director",
        how="email",
        note="Hiring a claims analyst\nin January",
    )
    assert added.targets == ["Prudential"]
    assert added.now_attended is False  # already recorded
    # Due 48 hours after the meeting's end (20:30): Thursday 20:30.
    assert added.due_at == et(2026, 12, 3, 20, 30)
    second = log.add_contact(store, CHAPTER.id, "Luis Ortega", company="Acme Logistics")
    assert second.targets == []
    (dana, luis) = store.list_contacts()
    assert (dana["name"], dana["notes"], dana["meeting"]) == (
        "Dana Whitfield",
        "Hiring a claims analyst\nin January",
        CHAPTER.title,
    )

    clock.move_to(et(2026, 12, 2, 10, 0))  # Wednesday morning: not due yet
    assert log.open_followups(store) == []
    assert log.count_open_followups(store) == 0
    clock.move_to(et(2026, 12, 2, 21, 0))  # a day after: both due
    due = log.open_followups(store)
    assert [(f["contact_id"], f["state"]) for f in due] == [
        (dana["id"], "due"),
        (luis["id"], "due"),
    ]
    assert log.count_open_followups(store) == 2
    done = log.finish_followup(store, dana["followup_id"])
    assert done["state"] == "done" and done["done_at"] == et(2026, 12, 2, 21, 0)
    assert log.on_time(done["due_at"], done["done_at"])

    clock.move_to(et(2026, 12, 4, 9, 0))  # Friday: Luis's is overdue
    (late,) = log.open_followups(store)
    assert (late["contact_id"], late["state"]) == (luis["id"], "overdue")
    log.record_presence(store, CLUB.id, "skipped")
    assert marked_this_month(store) == 0  # a skipped meeting does not count against the limit
    finished = log.finish_followup(store, luis["followup_id"])
    assert not log.on_time(finished["due_at"], finished["done_at"])
    assert log.count_open_followups(store) == 0

    referral = log.add_outcome(store, "referral", contact_id=dana["id"], note="to the hiring lead")
    interview = log.add_outcome(
        store, "job_interview", contact_id=dana["id"], on=date(2026, 12, 15)
    )
    outcomes = store.list_outcomes()
    assert [(o["id"], o["kind"], o["event_id"]) for o in outcomes] == [
        (referral, "referral", CHAPTER.id),
        (interview, "job_interview", CHAPTER.id),
    ]
    entries = store.log_entries()
    assert [(e["event_id"], e["outcome"], e["kind"]) for e in entries] == [
        (CHAPTER.id, "attended", "professional_association"),
        (CLUB.id, "skipped", "job_seeker_group"),
    ]


def test_meeting_someone_records_the_meeting_as_attended(history):
    store, clock = history
    clock.move_to(et(2026, 12, 2, 8, 0))
    added = log.add_contact(store, CHAPTER.id, "Dana Whitfield")  # never marked going
    assert added.now_attended
    assert store.log_entry(CHAPTER.id)["outcome"] == "attended"
    with pytest.raises(LogError, match="so you were there"):
        log.record_presence(store, CHAPTER.id, "skipped")


def test_a_meeting_that_vanishes_keeps_its_log(history, tmp_path):
    store, clock = history
    clock.move_to(et(2026, 12, 2, 8, 0))
    log.add_contact(store, CHAPTER.id, "Dana Whitfield", company="ADP")
    # A re-crawl that no longer lists it marks it cancelled; its copy in the log stays.
    store.cancel_vanished("meetup-group:hdi-nj", [], now=et(2026, 11, 1, 0, 0))
    entry = store.log_entry(CHAPTER.id)
    assert (entry["title"], entry["outcome"]) == (CHAPTER.title, "attended")
    # Even with the events table emptied (a machine that never crawled it), the log reads it.
    store.conn.execute("DELETE FROM events")
    entry = store.log_entry(CHAPTER.id)
    assert (entry["title"], entry["kind"], entry["group_name"]) == (
        CHAPTER.title,
        "professional_association",
        "HDI New Jersey Chapter",
    )
    assert log.find_meeting(store, CHAPTER.id).title == CHAPTER.title
    (contact,) = store.list_contacts()
    assert contact["meeting"] == CHAPTER.title


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Dana", "full name, first and last"),
        ("  ", "Give the contact's name"),
        ("Dana 42", "full name, first and last"),
        ("x" * 201 + " y", "longer than 200"),
    ],
)
def test_a_contact_needs_a_full_name(history, name, message):
    store, clock = history
    clock.move_to(et(2026, 12, 2, 8, 0))
    with pytest.raises(LogError, match=message) as caught:
        log.add_contact(store, CHAPTER.id, name)
    assert "Dana" not in str(caught.value).replace('"Dana Whitfield"', "")
    assert store.list_contacts() == []


def test_duplicates_are_refused_by_number_not_by_name(history):
    store, clock = history
    clock.move_to(et(2026, 12, 4, 8, 0))
    first = log.add_contact(store, CHAPTER.id, "Dana Whitfield", company="Prudential")
    for ref, name, company in [
        (CHAPTER.id, "dana  WHITFIELD", None),  # the same meeting
        (CLUB.id, "Dana Whitfield", "prudential"),  # the same company
    ]:
        with pytest.raises(LogError, match=f"contact {first.id}") as caught:
            log.add_contact(store, ref, name, company=company)
        assert "Whitfield" not in str(caught.value)
    other = log.add_contact(store, CLUB.id, "Dana Whitfield", company="Merck")  # another person
    assert other.id != first.id


def test_unknown_meetings_and_bad_dates(history):
    store, clock = history
    clock.move_to(et(2026, 12, 2, 8, 0))
    with pytest.raises(LogError, match="knows no meeting 'meetup:999'"):
        log.add_contact(store, "meetup:999", "Dana Whitfield")
    with pytest.raises(LogError, match="not the address of a Meetup or LinkedIn meeting"):
        log.record_presence(store, "https://example.org/x", "attended")
    added = log.add_contact(store, CHAPTER.id, "Dana Whitfield")
    fid = store.list_contacts()[0]["followup_id"]
    with pytest.raises(LogError, match="in the past"):
        log.move_followup(store, fid, et(2026, 12, 1, 9, 0))
    with pytest.raises(LogError, match="more than a year ahead"):
        log.move_followup(store, fid, et(2028, 1, 1, 9, 0))
    with pytest.raises(LogError, match="in the past"):
        log.add_contact(store, CHAPTER.id, "Luis Ortega", due=et(2026, 11, 1, 9, 0))
    moved = log.move_followup(store, fid, et(2026, 12, 5, 10, 0))
    assert moved["due_at"] == et(2026, 12, 5, 10, 0)
    with pytest.raises(LogError, match="still ahead"):
        log.finish_followup(store, fid, et(2026, 12, 3, 10, 0))
    with pytest.raises(LogError, match="before the meeting"):
        log.finish_followup(store, fid, et(2026, 11, 28, 10, 0))
    with pytest.raises(LogError, match="no follow-up 999"):
        log.finish_followup(store, 999)
    with pytest.raises(LogError, match="before the meeting it came of"):
        log.add_outcome(store, "offer", contact_id=added.id, on=date(2026, 11, 2))
    with pytest.raises(LogError, match="more than a year ahead"):
        log.add_outcome(store, "offer", contact_id=added.id, on=date(2028, 2, 2))
    with pytest.raises(LogError, match="--contact ID"):
        log.add_outcome(store, "offer")
    with pytest.raises(LogError, match="no contact 77"):
        log.add_outcome(store, "offer", contact_id=77)
    with pytest.raises(ValueError):
        log.add_outcome(store, "a hug", contact_id=added.id)


def test_dates_as_a_person_types_them(history):
    store, clock = history
    clock.move_to(et(2026, 12, 2, 8, 0))
    at_nine = time(9, 0)
    assert log.parse_when("2026-12-04", "--due", day_time=at_nine) == et(2026, 12, 4, 9, 0)
    assert log.parse_when("2026-12-04 10:15", "--due", day_time=at_nine) == et(2026, 12, 4, 10, 15)
    assert log.parse_when("tomorrow", "--due", day_time=at_nine) == et(2026, 12, 3, 9, 0)
    assert log.parse_when("2026-12-04T10:00+00:00", "--due", day_time=at_nine) == et(
        2026, 12, 4, 5, 0
    )
    with pytest.raises(LogError, match="--due wants a date"):
        log.parse_when("next thursday", "--due", day_time=at_nine)


def test_unmarking_keeps_a_recorded_meeting(history):
    store, clock = history
    store.mark_going(CLUB.id, "job_seekers", meeting=CLUB)
    assert store.unmark_going(CLUB.id)
    clock.move_to(et(2026, 12, 2, 8, 0))
    log.record_presence(store, CHAPTER.id, "attended")
    assert not store.unmark_going(CHAPTER.id)
    assert store.presence_among([CHAPTER.id, CLUB.id]) == {CHAPTER.id: "attended"}


def test_dropping_a_plan_pick_keeps_a_recorded_meeting(history):
    store, clock = history
    clock.move_to(et(2026, 12, 2, 8, 0))
    log.record_presence(store, CHAPTER.id, "attended")
    store.choose(CHAPTER.id, "dropped", "employed", et(2026, 12, 2, 8, 0))
    assert store.presence_among([CHAPTER.id]) == {CHAPTER.id: "attended"}


def test_a_schema_3_database_brings_its_marks_and_contact_into_the_log(tmp_path):
    import sqlite3
    from pathlib import Path

    from meetscout.log_export import export_data
    from meetscout.store import Store

    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    conn.executescript((Path(__file__).parent / "fixtures" / "store" / "v3.sql").read_text())
    conn.close()
    with Store(path) as store:
        entry = store.log_entry("meetup:310000001")
        assert entry["outcome"] is None and entry["title"]
        # The copy a mark keeps was filled from the stored meeting by the migration.
        copy = store.conn.execute(
            "SELECT title, url FROM attendance WHERE event_id = 'meetup:310000001'"
        ).fetchone()
        assert copy == (entry["title"], entry["url"])
        (contact,) = store.list_contacts()
        assert len(contact["uid"]) == 32 and contact["updated"] == contact["created"]
        assert contact["followup_id"] is None  # no follow-up is invented for an old contact
        data = export_data(store)
        assert [c["name"] for c in data["contacts"]] == ["Dana Whitfield"]
        assert len(data["attendance"]) == 2 and len(data["corrections"]) == 2


def test_a_recrawl_changes_the_meeting_not_the_log(history):
    store, clock = history
    clock.move_to(et(2026, 12, 2, 8, 0))
    log.add_contact(store, CHAPTER.id, "Dana Whitfield", company="ADP")
    moved = CHAPTER.model_copy(update={"title": "HDI chapter meeting (new room)"})
    store.upsert_events([moved])  # what a re-crawl of a changed listing does
    entry = store.log_entry(CHAPTER.id)
    assert (entry["title"], entry["outcome"]) == ("HDI chapter meeting (new room)", "attended")
    (contact,) = store.list_contacts()
    assert (contact["company"], contact["meeting"]) == ("ADP", "HDI chapter meeting (new room)")
