"""The store links one meeting's listings on several sites as they are stored, and then counts,
searches and marks the meeting once."""

from datetime import UTC, datetime, timedelta

from meetscout.model import Venue
from meetscout.store import EventQuery
from tests.conftest import make_event

HILTON = Venue(name="Parsippany Hilton", address="1 Hilton Ct", city="Parsippany", region="NJ")
AT = datetime(2026, 12, 8, 23, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def chapter_site(**kw):
    fields = dict(
        id="ical:hdi-dec",
        source="calendar",
        url="https://www.hdi-nj.example/events/december-chapter-meeting/",
        title="HDI North Jersey December Chapter Meeting – Shift-Left Support with KCS",
        starts_at=AT,
        group_id="calendar:hdi-nj.example",
        group_name="HDI North Jersey",
        venue=HILTON,
    )
    return make_event(1, **{**fields, **kw})


def meetup(**kw):
    fields = dict(
        title="Chapter Meeting: Shift-Left Support with KCS",
        starts_at=AT + timedelta(minutes=30),
        venue=HILTON,
    )
    return make_event(2, **{**fields, **kw})


def linkedin(**kw):
    fields = dict(
        id="linkedin:7400000000000000001",
        source="linkedin",
        url="https://www.linkedin.com/events/7400000000000000001/",
        title="Shift-Left Support with KCS (HDI North Jersey)",
        group_id=None,
        venue=HILTON,
        starts_at=AT,
    )
    return make_event(3, **{**fields, **kw})


def shown(store, **kw):
    return [e.id for e in store.search_events(EventQuery(date_from=NOW, **kw))]


def test_a_meeting_on_three_sites_is_one_meeting_with_three_listings(store):
    store.upsert_events([chapter_site()])
    store.upsert_events([meetup(), make_event(5, title="Holiday Networking Reception")])
    store.upsert_events([linkedin()])
    assert store.count("events") == 4 and store.count_meetings() == 2
    # Shown once, as the listing stored first; the group's own page still lists its own.
    assert sorted(shown(store)) == ["ical:hdi-dec", "meetup:300000005"]
    assert sorted(shown(store, group_id="meetup-group:hdi-nj")) == [
        "meetup:300000002",
        "meetup:300000005",
    ]
    also = store.also_listed(["meetup:300000002", "ical:hdi-dec", "meetup:300000005"])
    assert [x["id"] for x in also["meetup:300000002"]] == [
        "ical:hdi-dec",
        "linkedin:7400000000000000001",
    ]
    assert also["meetup:300000002"][0]["url"] == chapter_site().url
    assert [x["source"] for x in also["ical:hdi-dec"]] == ["meetup", "linkedin"]
    assert "meetup:300000005" not in also


def test_marks_and_the_job_seeker_count_see_the_meeting_once(store):
    store.upsert_events([chapter_site(), meetup()])
    store.mark_going("meetup:300000002", "job_seekers")
    assert store.going_among(["ical:hdi-dec", "meetup:300000002"]) == {
        "ical:hdi-dec",
        "meetup:300000002",
    }
    store.mark_going("ical:hdi-dec", "job_seekers")
    assert store.count_going("job_seekers", NOW, NOW + timedelta(days=30)) == 1


def test_a_mark_on_a_meeting_listed_once_is_its_own_beside_linked_ones(store):
    """A link between two other listings says nothing of a meeting listed on one site only."""
    store.upsert_events([chapter_site(), meetup(), make_event(5, title="Holiday Reception")])
    store.mark_going("meetup:300000005", "employed")
    assert store.presence_among(["meetup:300000005", "ical:hdi-dec"]) == {"meetup:300000005": None}
    assert store.going_among(["meetup:300000002"]) == set()


def test_a_moved_listing_leaves_the_meeting_and_doubt_keeps_listings_apart(store):
    store.upsert_events([chapter_site(), meetup()])
    assert store.count_meetings() == 1
    # Meetup moves its listing to the next evening: no longer the chapter's meeting.
    store.upsert_events([meetup(starts_at=AT + timedelta(days=1))])
    assert store.count_meetings() == 2 and store.also_listed(["ical:hdi-dec"]) == {}
    # Back again, and linked again.
    store.upsert_events([meetup()])
    assert store.count_meetings() == 1
    # When the listing shown for the meeting moves away, the others are judged again too.
    store.upsert_events([chapter_site(starts_at=AT - timedelta(days=7))])
    assert store.count_meetings() == 2
    # The same title online, beside the in-person meeting: apart.
    store.upsert_events([linkedin(venue=None, is_online=True, starts_at=AT - timedelta(days=7))])
    assert store.count_meetings() == 3


def test_one_site_alone_links_nothing(store):
    counts = store.upsert_events([make_event(n, title="Monthly Meeting") for n in range(1, 4)])
    assert counts.new == 3 and store.count_meetings() == 3
    assert store.conn.execute("SELECT count(*) FROM same_meetings").fetchone()[0] == 0


def test_the_plan_sees_the_meeting_once_marked_on_any_of_its_listings(store):
    store.upsert_events([chapter_site(), meetup(), make_event(5, title="Holiday Networking")])
    window = (NOW, NOW + timedelta(days=28), NOW)
    assert [e.id for e in store.plan_window(*window)] == ["meetup:300000005", "ical:hdi-dec"]
    # Marked going on Meetup, begun already: the meeting is still in the plan, once.
    store.mark_going("meetup:300000002", "employed")
    assert [
        e.id for e in store.plan_window(NOW, NOW + timedelta(days=28), AT + timedelta(hours=1))
    ] == ["ical:hdi-dec"]
