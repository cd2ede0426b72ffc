"""The person's calendar as iCalendar, read back with the `icalendar` library."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from meetscout import calendar_export
from meetscout.calendar_export import CalendarEntry, calendar_ics
from meetscout.plan import choose
from tests.plan.conftest import event_id
from tests.plan.meetings import NOW, at


def parse(ics: bytes) -> tuple[icalendar.Calendar, dict[str, icalendar.Event]]:
    cal = icalendar.Calendar.from_ical(ics)
    return cal, {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def going(planned):
    for name in ("target", "club"):
        choose(planned, planned.get_event(event_id(name)), "accepted", NOW)
    # Marked going while it was on; its organiser called it off later.
    planned.mark_going(event_id("cancelled"), "employed", NOW)
    return planned


def test_the_meetings_going_with_what_every_calendar_app_needs(going):
    cal, events = parse(calendar_ics(going, NOW))
    assert cal["version"] == "2.0"
    assert "meetscout" in str(cal["prodid"])
    assert [str(z["tzid"]) for z in cal.walk("VTIMEZONE")] == ["America/New_York"]
    assert set(events) == {
        f"{event_id(n).replace(':', '-')}@meetscout" for n in ("target", "club", "cancelled")
    }
    target = events[f"{event_id('target').replace(':', '-')}@meetscout"]
    start = target.decoded("dtstart")
    assert str(start.tzinfo) == "America/New_York"
    assert start == at(3, 18)
    assert target.decoded("dtend") == at(3, 20)
    assert target["dtstamp"].dt.tzinfo is not None
    assert target["sequence"] == 0
    assert str(target["summary"]) == "Insurance analytics at Prudential"
    assert str(target["location"]) == "Hall, Newark, NJ"
    assert str(target["url"]) == going.get_event(event_id("target")).url
    description = str(target["description"])
    assert "Where the employed go" in description
    assert "Targets: Prudential, insurance" in description
    assert "- a reason" in description
    assert going.get_event(event_id("target")).url in description
    club = events[f"{event_id('club').replace(':', '-')}@meetscout"]
    assert "How to get in: Free" in str(club["description"])
    assert str(club["status"]) == "CONFIRMED"


def test_a_cancelled_meeting_stays_in_the_calendar_as_cancelled(going):
    _, events = parse(calendar_ics(going, NOW))
    cancelled = events[f"{event_id('cancelled').replace(':', '-')}@meetscout"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert str(cancelled["summary"]) == "Cancelled: Called-off summit"
    assert str(cancelled["description"]).startswith("Cancelled by its organiser.\n")


def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence(going, frozen):
    first = calendar_ics(going, NOW)
    assert calendar_ics(going, NOW) == first  # nothing changed: the same file
    target = going.get_event(event_id("target"))
    later = NOW + timedelta(hours=2)
    frozen.move_to(later)
    going.upsert_events([target.model_copy(update={"starts_at": at(4, 18), "ends_at": None})])
    _, events = parse(calendar_ics(going, later))
    moved = events[f"{target.id.replace(':', '-')}@meetscout"]
    assert moved["sequence"] == 1
    assert moved.decoded("dtstart") == at(4, 18)
    assert moved["dtstamp"].dt == later.replace(microsecond=0)
    club = events[f"{event_id('club').replace(':', '-')}@meetscout"]
    assert club["sequence"] == 0  # the others did not move


def test_other_modules_add_their_entries(going, monkeypatch):
    def follow_ups(store, now):
        return [
            CalendarEntry(
                uid="followup-1@meetscout",
                title="Follow up with a contact",
                starts_at=datetime(2026, 12, 5, 14, tzinfo=UTC),
                remind_before=timedelta(minutes=30),
            )
        ]

    monkeypatch.setattr(calendar_export, "SOURCES", [*calendar_export.SOURCES, follow_ups])
    _, events = parse(calendar_ics(going, NOW))
    follow = events["followup-1@meetscout"]
    [alarm] = follow.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(minutes=30)
    assert len(events) == 4


def test_an_empty_calendar_is_still_a_calendar(planned):
    cal, events = parse(calendar_ics(planned, NOW))
    assert events == {}
    assert cal["version"] == "2.0"
