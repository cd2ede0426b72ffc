"""Store.cancel_vanished: upcoming events a group stopped listing are cancelled, nothing else."""

from datetime import UTC, datetime

import pytest

from meetscout.model import Status
from tests.conftest import make_event, make_group

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # make_event(n) starts on 2 Dec + n days


@pytest.fixture
def store(store):
    store.upsert_groups([make_group()])  # a listing's source is its group's
    return store


def test_only_unlisted_upcoming_events_of_that_group_are_cancelled(store):
    past = make_event(1, starts_at=datetime(2026, 11, 1, 23, 0, tzinfo=UTC))
    other_group = make_event(5, group_id="meetup-group:other")
    linkedin = make_event(6, id="linkedin:1234567890123456789", source="linkedin")
    store.upsert_events([past, make_event(2), make_event(3), make_event(4), other_group, linkedin])
    cancelled = store.cancel_vanished("meetup-group:hdi-nj", ["meetup:300000002"], now=NOW)
    assert cancelled == 2
    status = {e: store.get_event(e).status for e in
              ["meetup:300000001", "meetup:300000002", "meetup:300000003", "meetup:300000004",
               "meetup:300000005", "linkedin:1234567890123456789"]}  # fmt: skip
    assert status == {
        "meetup:300000001": Status.scheduled,  # past: it just left the list
        "meetup:300000002": Status.scheduled,  # still listed
        "meetup:300000003": Status.cancelled,
        "meetup:300000004": Status.cancelled,
        "meetup:300000005": Status.scheduled,  # another group
        "linkedin:1234567890123456789": Status.scheduled,  # another source
    }
    # Asking again changes nothing.
    assert store.cancel_vanished("meetup-group:hdi-nj", ["meetup:300000002"], now=NOW) == 0


def test_empty_listing_cancels_every_upcoming_event_of_the_group(store):
    store.upsert_events([make_event(2), make_event(3)])
    assert store.cancel_vanished("meetup-group:hdi-nj", [], now=NOW) == 2


def test_an_event_that_comes_back_is_scheduled_again(store):
    store.upsert_events([make_event(2)])
    store.cancel_vanished("meetup-group:hdi-nj", [], now=NOW)
    counts = store.upsert_events([make_event(2)])
    assert counts.updated == 1
    assert store.get_event("meetup:300000002").status == Status.scheduled


def test_a_calendar_listing_touches_its_own_source_and_its_own_days_only(store):
    chapter = "calendar:www.hdi-nj.example"
    store.upsert_groups(
        [make_group(id=chapter, source="calendar", url="https://www.hdi-nj.example/")]
    )
    own = [make_event(n, id=f"ical:{n}", source="calendar", group_id=chapter) for n in (2, 3, 40)]
    # A Meetup event the chapter's feed linked to keeps Meetup's source: not the feed's to cancel.
    linked = make_event(4, group_id=chapter)
    store.upsert_events([*own, linked])
    until = datetime(2026, 12, 31, tzinfo=UTC)  # the days the feed was read for
    assert store.cancel_vanished(chapter, ["ical:2"], now=NOW, until=until) == 1
    status = {e: store.get_event(e).status for e in ("ical:2", "ical:3", "ical:40", linked.id)}
    assert status == {
        "ical:2": Status.scheduled,
        "ical:3": Status.cancelled,
        "ical:40": Status.scheduled,  # after the days read: the feed did not speak of it
        linked.id: Status.scheduled,
    }
