"""Issue 17.2: a listing that suddenly holds nothing, or nothing readable, cancels nothing.

A vanished meeting is marked cancelled only on believable evidence: a fully read listing that
still shows the group's other upcoming meetings (or the meeting's own page). Otherwise the stored
meetings are kept and the run is partial, saying why.
"""

from __future__ import annotations

import shutil

import pytest

from meetscout.demo.localsite import LocalSite, Reply
from tests.spiders.conftest import crawl, events_of
from tests.spiders.meetup_site import (
    HDI,
    LOGIN,
    event_page,
    group_events_page,
    hdi_events,
    ical_2026,
    routes,
)

NAME = "HDI New Jersey Chapter"
CAL = "text/calendar; charset=utf-8"
BROKEN_ENTRY = "BEGIN:VEVENT\r\nUID:event_3110004{n}@meetup.com\r\nSUMMARY:?\r\nEND:VEVENT\r\n"


def _unreadable_feed() -> str:
    feed = ical_2026(NAME, HDI, [])
    entries = "".join(BROKEN_ENTRY.format(n=n) for n in range(5))
    return feed.replace("X-ORIGINAL-URL", entries + "X-ORIGINAL-URL")


EMPTY_PAGE = Reply(group_events_page(NAME, HDI, []))
# Each meeting's own page shows it still on: what a listing that lost them cannot overrule
# (test_vanished_own_page.py has the pages that say otherwise).
STILL_ON = {f"/{HDI}/events/{e['id']}/": Reply(event_page(NAME, HDI, e)) for e in hdi_events()}
CASES = {
    "feed and page valid but empty": {
        f"/{HDI}/events/ical/": Reply(ical_2026(NAME, HDI, []), content_type=CAL),
        f"/{HDI}/events/": EMPTY_PAGE,
    },
    "no feed entry readable": {
        f"/{HDI}/events/ical/": Reply(_unreadable_feed(), content_type=CAL),
        f"/{HDI}/events/": EMPTY_PAGE,
    },
    "feed 404 beside an empty page": {
        f"/{HDI}/events/ical/": Reply("Not found", 404, "text/plain"),
        f"/{HDI}/events/": EMPTY_PAGE,
    },
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """A database holding HDI's three upcoming meetings, crawled once."""
    db = tmp_path_factory.mktemp("vanished") / "first.db"
    with LocalSite(routes()) as site:
        assert crawl("meetup_group", db, urlnames=[HDI], base_url=site.base_url)["status"] == "ok"
    return db


@pytest.mark.parametrize("case", list(CASES))
def test_a_listing_with_nothing_believable_cancels_nothing(crawled, tmp_path, case):
    db = tmp_path / "m.db"
    shutil.copy(crawled, db)
    with LocalSite({**routes(), **STILL_ON, **CASES[case]}) as site:
        run = crawl("meetup_group", db, urlnames=[HDI], base_url=site.base_url)
    assert run["cancelled"] == 0
    assert {e["status"] for e in events_of(db).values()} == {"scheduled"}
    assert run["status"] == "partial"
    assert "kept" in run["error"] and HDI in run["error"]


def test_a_login_page_answering_200_is_blocked(crawled, tmp_path):
    db = tmp_path / "m.db"
    shutil.copy(crawled, db)
    wall = Reply(LOGIN)
    with LocalSite({**routes(), f"/{HDI}/events/ical/": wall, f"/{HDI}/events/": wall}) as site:
        run = crawl("meetup_group", db, urlnames=[HDI], base_url=site.base_url)
    assert run["status"] == "blocked" and run["cancelled"] == 0
    assert {e["status"] for e in events_of(db).values()} == {"scheduled"}


def test_a_full_listing_that_still_shows_the_others_cancels_the_vanished_one(crawled, tmp_path):
    db = tmp_path / "m.db"
    shutil.copy(crawled, db)
    with LocalSite(routes(vanished=True)) as site:
        run = crawl("meetup_group", db, urlnames=[HDI], base_url=site.base_url)
    assert run["status"] == "ok" and run["cancelled"] == 1
    assert events_of(db)["meetup:311000402"]["status"] == "cancelled"
