"""The meetup_group spider over a local copy of Meetup: feeds, pages, changes and walls."""

from meetscout.demo.localsite import Reply
from meetscout.store import Store

from .conftest import crawl, events_of, switch
from .meetup_site import HDI, PMI

HDI_IDS = {"meetup:311000401", "meetup:311000402", "meetup:311000403"}
PMI_IDS = {"meetup:501", "meetup:502", "meetup:503"}


def test_feed_page_and_event_pages_make_one_row_per_event(meetup_site, tmp_path):
    db = tmp_path / "m.db"
    run = crawl("meetup_group", db, urlnames=[HDI, PMI], base_url=meetup_site.base_url)
    assert (run["status"], run["new"], run["invalid"]) == ("ok", 8, 0)  # 6 events, 2 groups
    events = events_of(db)
    assert set(events) == HDI_IDS | PMI_IDS
    # Stored under the public address, though crawled from 127.0.0.1.
    assert events["meetup:311000403"]["url"] == f"https://www.meetup.com/{HDI}/events/311000403/"
    # 403 was only in the feed (no text, no place): its own page filled it in.
    assert events["meetup:311000403"]["venue_name"] == "The Brass Rail"
    # 502's feed text was cut short; the 2022 event page gave the whole text and the place.
    assert events["meetup:502"]["description"].endswith("others EUR 10.")
    assert events["meetup:502"]["venue_city"] == "Amsterdam"
    # 503 was whole in the feed: its page was never asked for.
    paths = [hit.path for hit in meetup_site.hits]
    assert f"/{PMI}/events/503/" not in paths and f"/{HDI}/events/311000401/" not in paths
    assert paths[0] == "/robots.txt"
    with Store(db) as store:
        group = store.get_group(f"meetup-group:{HDI}")
        assert group.member_count == 812 and group.topics == ["IT Service Management"]


def test_second_crawl_of_unchanged_pages_writes_nothing_new(meetup_site, tmp_path):
    db = tmp_path / "m.db"
    crawl("meetup_group", db, urlnames=[HDI, PMI], base_url=meetup_site.base_url)
    before = events_of(db)
    again = crawl("meetup_group", db, urlnames=[HDI, PMI], base_url=meetup_site.base_url)
    assert (again["new"], again["updated"], again["unchanged"], again["cancelled"]) == (0, 0, 8, 0)
    after = events_of(db)
    assert {k: {**v, "last_seen": None} for k, v in before.items()} == {
        k: {**v, "last_seen": None} for k, v in after.items()
    }


def test_changed_page_updates_and_vanished_upcoming_event_is_cancelled(meetup_site, tmp_path):
    db = tmp_path / "m.db"
    crawl("meetup_group", db, urlnames=[HDI], base_url=meetup_site.base_url)
    switch(meetup_site, changed=True, vanished=True)
    run = crawl("meetup_group", db, urlnames=[HDI], base_url=meetup_site.base_url)
    assert (run["new"], run["updated"], run["cancelled"]) == (0, 1, 1)
    events = events_of(db)
    assert events["meetup:311000401"]["title"].endswith("(new room)")
    assert events["meetup:311000402"]["status"] == "cancelled"  # kept, not deleted
    assert events["meetup:311000403"]["status"] == "scheduled"


def test_unknown_group_is_reported_by_name_and_others_still_crawled(meetup_site, tmp_path):
    db = tmp_path / "m.db"
    run = crawl("meetup_group", db, urlnames=["no-such-group", HDI], base_url=meetup_site.base_url)
    assert run["status"] == "not_found"
    assert "Meetup group 'no-such-group' does not exist" in run["error"]
    assert set(events_of(db)) == HDI_IDS


def test_login_wall_is_a_blocked_run_and_nothing_stored_is_lost(meetup_site, tmp_path):
    db = tmp_path / "m.db"
    crawl("meetup_group", db, urlnames=[HDI], base_url=meetup_site.base_url)
    wall = Reply("", 302, headers={"Location": "/login/?returnUri=x"})
    meetup_site.routes[f"/{HDI}/events/ical/"] = wall
    meetup_site.routes[f"/{HDI}/events/"] = wall
    run = crawl("meetup_group", db, urlnames=[HDI], base_url=meetup_site.base_url)
    assert run["status"] == "blocked"
    assert "redirected to a login page" in run["error"] and HDI in run["error"]
    assert (run["new"], run["updated"], run["cancelled"]) == (0, 0, 0)
    events = events_of(db)
    assert set(events) == HDI_IDS
    assert {e["status"] for e in events.values()} == {"scheduled"}


def test_bad_entry_is_counted_invalid_and_retries_back_off(meetup_site, tmp_path):
    db = tmp_path / "m.db"
    feed = meetup_site.routes[f"/{HDI}/events/ical/"].body
    meetup_site.routes[f"/{HDI}/events/ical/"] = Reply(
        feed.replace("SUMMARY:Spring Networking Mixer", "SUMMARY: "), 200, "text/calendar"
    )
    # The events page is busy once, then answers.
    answers = iter([Reply("busy", 503, headers={"Retry-After": "1"})])
    page = meetup_site.routes[f"/{HDI}/events/"]
    meetup_site.routes[f"/{HDI}/events/"] = lambda path: next(answers, page)
    # robots.txt forbids one event page: it is not fetched; the feed's facts are kept.
    meetup_site.routes["/robots.txt"] = Reply(
        f"User-agent: *\nDisallow: /{PMI}/events/502/\n", content_type="text/plain"
    )
    run = crawl("meetup_group", db, urlnames=[HDI, PMI], base_url=meetup_site.base_url)
    assert run["invalid"] == 1
    events = events_of(db)
    assert "meetup:311000403" not in events and {"meetup:311000401", "meetup:502"} <= set(events)
    assert events["meetup:502"]["description"].endswith("transi...")
    hits = [h for h in meetup_site.hits if h.path == f"/{HDI}/events/"]
    assert [h.status for h in hits] == [503, 200]
    assert hits[1].at - hits[0].at >= 0.9  # waited as Retry-After asked
    assert f"/{PMI}/events/502/" not in [h.path for h in meetup_site.hits]
