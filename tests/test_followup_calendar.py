"""Follow-ups due as calendar entries with a reminder, read back with icalendar."""

from __future__ import annotations

from datetime import timedelta

import icalendar

from meetscout import log
from meetscout.followup_calendar import followup_entries, followup_vevents
from tests.log_history import NOW, G, craft_history, et


def test_open_follow_ups_become_entries_with_an_alarm_and_no_names(store, time_machine):
    ids = craft_history(store, time_machine)
    time_machine.move_to(et(2026, 12, 1, 21, 10))
    log.add_contact(store, G.id, "Ana Souza", company="Merck")  # same meeting, same due time
    time_machine.move_to(NOW)
    entries = followup_entries(store)
    # Priya's, overdue since 14 November, is more than two weeks past: left out. Kim's and
    # Ana's share one entry.
    assert [(e.title, e.ends_at) for e in entries] == [
        (
            "Follow up with 2 people met at HDI New Jersey Chapter meeting 17",
            et(2026, 12, 3, 20, 30),
        )
    ]
    assert entries[0].starts_at == entries[0].ends_at - timedelta(minutes=30)
    assert followup_entries(store) == entries  # stable uids

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//meetscout//test//EN")
    calendar.add("version", "2.0")
    for event in followup_vevents(entries, NOW):
        calendar.add_component(event)
    text = calendar.to_ical()
    parsed = icalendar.Calendar.from_ical(text)
    events = list(parsed.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [e.title for e in entries]
    assert events[0].decoded("dtend") == et(2026, 12, 3, 20, 30)
    (alarm,) = events[0].walk("VALARM")
    assert (str(alarm["action"]), alarm.decoded("trigger")) == ("DISPLAY", -timedelta(hours=1))
    for name in ("Kim", "Souza", "Priya", "Merck", "Prudential"):
        assert name.encode() not in text

    time_machine.move_to(et(2026, 11, 20, 9, 0))
    assert len(followup_entries(store)) == 2  # six days overdue: still shown
    time_machine.move_to(NOW)
    log.finish_followup(store, store.get_contact(ids["Kim"])["followup_id"])
    (left,) = followup_entries(store)
    assert left.title == "Follow up with 1 person met at HDI New Jersey Chapter meeting 17"
