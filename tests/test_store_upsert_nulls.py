"""Empty fields: NULLs are written as SQL rather than bound, so check they land where they should."""

from meetscout.model import Fee, Venue
from tests.conftest import make_event


def test_a_field_that_disappears_is_cleared_on_update(store):
    store.upsert_events([make_event(1, organizer="Pat", ends_at=None)])
    gone = make_event(1, organizer=None, fee=None, venue=Venue(name="Library"), attendee_count=None)
    assert store.upsert_events([gone]).updated == 1
    back = store.get_event("meetup:300000001")
    assert back.organizer is None and back.fee is None and back.attendee_count is None
    assert back.venue == Venue(name="Library")


def test_rows_with_different_empty_fields_in_one_batch(store):
    events = [
        make_event(1),
        make_event(2, fee=None, venue=None, is_online=True),
        make_event(3, fee=Fee(free=True), description=None, timezone=None),
    ]
    assert store.upsert_events(events).new == 3
    for event in events:
        back = store.get_event(event.id)
        assert back.model_dump(exclude={"first_seen", "last_seen"}) == event.model_dump(
            exclude={"first_seen", "last_seen"}
        )
    assert store.upsert_events(events).unchanged == 3
