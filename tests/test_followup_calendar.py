"""Follow-ups due reach the person's calendar export with a reminder, read back with icalendar."""

from __future__ import annotations

from datetime import timedelta

import icalendar

from meetscout import log
from meetscout.calendar_export import calendar_ics
from meetscout.followup_calendar import followup_entries
from meetscout.store import now_utc
from tests.log_history import NOW, G, craft_history, et

HDI = "HDI New Jersey Chapter meeting 17"


def follow_ups_in_calendar(store) -> tuple[bytes, list[icalendar.Event]]:
    ics = calendar_ics(store, now_utc())
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    return ics, [e for e in events if str(e["uid"]).startswith("followup-")]


def test_follow_ups_due_are_in_the_calendar_export_with_a_reminder_and_no_names(
    store, time_machine
):
    ids = craft_history(store, time_machine)
    time_machine.move_to(et(2026, 12, 1, 21, 10))
    log.add_contact(store, G.id, "Ana Souza", company="Merck")  # same meeting, same due time
    time_machine.move_to(NOW)
    ics, (entry,) = follow_ups_in_calendar(store)
    # Priya's, overdue since 14 November, is more than two weeks past: left out. Kim's and
    # Ana's share one entry, half an hour ending at their deadline.
    assert str(entry["summary"]) == f"Follow up with 2 people met at {HDI}"
    assert entry.decoded("dtend") == et(2026, 12, 3, 20, 30)
    assert entry.decoded("dtstart") == et(2026, 12, 3, 20, 0)
    assert str(entry["status"]) == "CONFIRMED"
    (alarm,) = entry.walk("VALARM")
    assert (str(alarm["action"]), alarm.decoded("trigger")) == ("DISPLAY", -timedelta(hours=1))
    for name in ("Kim", "Souza", "Priya", "Merck", "Prudential"):
        assert name.encode() not in ics
    assert followup_entries(store, NOW) == followup_entries(store, NOW)  # stable uids

    time_machine.move_to(et(2026, 11, 20, 9, 0))
    shown = [e for e in followup_entries(store, now_utc()) if not e.cancelled]
    assert len(shown) == 2  # Priya's, six days overdue: still shown

    time_machine.move_to(NOW)
    log.finish_followup(store, store.get_contact(ids["Kim"])["followup_id"])
    _, (left,) = follow_ups_in_calendar(store)
    assert str(left["summary"]) == f"Follow up with 1 person met at {HDI}"
    assert (
        str(left["uid"]) == str(entry["uid"]) and left["sequence"] == 1
    )  # the same entry, moved on


def test_a_follow_up_done_stays_in_the_calendar_as_cancelled(store, time_machine):
    craft_history(store, time_machine)
    time_machine.move_to(NOW)
    for followup in store.followups(done=False):
        log.finish_followup(store, followup["id"])
    _, (done,) = follow_ups_in_calendar(store)
    assert str(done["summary"]) == f"Followed up with 1 person met at {HDI}"
    assert str(done["status"]) == "CANCELLED" and not done.walk("VALARM")
