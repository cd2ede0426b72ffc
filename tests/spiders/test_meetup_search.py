"""The meetup_search spider in real headless Chromium over a local, script-driven search page."""

import pytest

from meetscout.browser import find_chromium
from meetscout.demo.localsite import LocalSite

from .conftest import crawl, events_of
from .search_site import TOTAL, routes

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(find_chromium() is None, reason="needs a Chromium"),
]
FAST = {"PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 20000}


def test_scrolls_until_no_new_results_and_reads_each_event_once(tmp_path):
    db = tmp_path / "m.db"
    with LocalSite(routes()) as site:
        run = crawl(
            "meetup_search", db, FAST,
            keywords="product management", location="New York, NY",
            base_url=site.base_url, scroll_wait=1.5,
        )  # fmt: skip
        api_calls = [h.path for h in site.hits if h.path.startswith("/find/api")]
        event_hits = [h.path for h in site.hits if "/events/" in h.path]
    assert run["status"] == "ok", run["error"]
    assert run["new"] == TOTAL
    events = events_of(db)
    assert len(events) == TOTAL
    # Batches overlap, but every event page was read once, under its clean public URL.
    assert len(event_hits) == len(set(event_hits)) == TOTAL
    assert api_calls[:2] == ["/find/api?page=2&keywords=product%20management",
                             "/find/api?page=3&keywords=product%20management"]  # fmt: skip
    some = events["meetup:317000003"]
    assert some["url"] == "https://www.meetup.com/nyc-career-networking/events/317000003/"
    assert some["venue_name"] == "WeWork" and some["attendee_count"] == 13


def test_stops_at_the_limit(tmp_path):
    db = tmp_path / "m.db"
    with LocalSite(routes()) as site:
        run = crawl(
            "meetup_search", db, FAST, keywords="product", limit=12,
            base_url=site.base_url, scroll_wait=1.5,
        )  # fmt: skip
    assert run["new"] == 12


def test_login_wall_on_search_is_blocked_not_empty(tmp_path):
    from meetscout.demo.localsite import Reply

    table = routes()
    table["/find/"] = Reply("", 302, headers={"Location": "/login/?returnUri=%2Ffind%2F"})
    table["/login/"] = Reply('<html><form><input type="password"></form></html>')
    with LocalSite(table) as site:
        run = crawl("meetup_search", tmp_path / "m.db", FAST, keywords="product",
                    base_url=site.base_url, scroll_wait=1.5)  # fmt: skip
    assert run["status"] == "blocked"
    assert "Meetup search: redirected to a login page" in run["error"]
    assert run["new"] == 0
