"""The plan over a real store: choices kept, counted as going, and never lost."""

from __future__ import annotations

from datetime import timedelta

import pytest

from meetscout.plan import ChoiceError, choose, plan_from_store
from meetscout.store import Store
from tests.plan.conftest import event_id
from tests.plan.meetings import NOW


def picks(plan, week: int) -> list[tuple[str, str]]:
    return [(p.title, p.state) for p in plan.weeks[week].picks]


def test_the_plan_over_the_store(planned):
    plan = plan_from_store(planned, NOW)
    assert picks(plan, 0) == [
        ("Insurance analytics at Prudential", "suggested"),
        ("Job club", "suggested"),
    ]
    assert picks(plan, 1) == [("Chapter dinner", "suggested")]
    assert plan.weeks[0].picks[0].targets == ["Prudential", "insurance"]  # judged now
    assert [b.line for b in plan.budgets] == [
        "job-seeker meetings: 0 of 2 in November",
        "job-seeker meetings: 0 of 2 in December (1 more in this plan)",
    ]


def test_accepting_counts_as_going_and_survives_a_recrawl(planned, frozen):
    club = planned.get_event(event_id("club"))
    choose(planned, club, "accepted", NOW)
    assert planned.going_among([club.id]) == {club.id}
    plan = plan_from_store(planned, NOW)
    assert ("Job club", "accepted") in picks(plan, 0)
    assert plan.budgets[1].line == "job-seeker meetings: 1 of 2 in December"
    # A re-crawl that changes the meeting keeps the person's choice.
    planned.upsert_events([club.model_copy(update={"title": "Job club (new room)"})])
    assert ("Job club (new room)", "accepted") in picks(plan_from_store(planned, NOW), 0)


def test_swap_and_drop(planned):
    target = planned.get_event(event_id("target"))
    choose(planned, target, "swapped", NOW)
    assert picks(plan_from_store(planned, NOW), 0)[0] == ("Business breakfast", "suggested")
    dinner = planned.get_event(event_id("dinner"))
    choose(planned, dinner, "dropped", NOW)
    week = plan_from_store(planned, NOW).weeks[1]
    assert week.picks == []
    assert week.note is None  # the person chose an empty week
    # Accepting after all brings it back, as going.
    choose(planned, dinner, "accepted", NOW)
    assert picks(plan_from_store(planned, NOW), 1) == [("Chapter dinner", "accepted")]


def test_a_cancelled_or_ended_meeting_cannot_be_accepted(planned):
    for name, words in (("cancelled", "was cancelled"), ("over", "ended on Fri 27 Nov 20:00")):
        with pytest.raises(ChoiceError, match=words):
            choose(planned, planned.get_event(event_id(name)), "accepted", NOW)
    assert planned.plan_choices() == {}
    assert planned.going_among([event_id("cancelled"), event_id("over")]) == set()


def test_new_since_the_person_last_looked(planned):
    planned.mark_plan_looked(NOW - timedelta(hours=1))
    assert plan_from_store(planned, NOW).new == []
    fresh = planned.get_event(event_id("mixer")).model_copy(
        update={
            "id": "meetup:499999999",
            "title": "New chapter night",
            "url": "https://www.meetup.com/x/events/499999999/",
        }
    )
    planned.upsert_events([fresh], seen=NOW)
    plan = plan_from_store(planned, NOW)
    assert [n.title for n in plan.new] == ["New chapter night"]
    planned.mark_plan_looked(NOW + timedelta(seconds=1))  # looked at it a moment later
    assert plan_from_store(planned, NOW).new == []


def test_choices_survive_reopening_the_database(planned):
    choose(planned, planned.get_event(event_id("dinner")), "accepted", NOW)
    with Store(planned.path) as again:
        assert again.plan_choices() == {event_id("dinner"): "accepted"}
