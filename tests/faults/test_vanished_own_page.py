"""Issue 17.2: a meeting a listing no longer shows, when the listing is no evidence (it shows none
of the group's stored meetings), is decided by its own page: gone (404, 410) or saying
cancelled, it is cancelled; still on, it is kept (and updated); an error keeps it and says so.
At most 20 own pages a group and crawl are read."""

from __future__ import annotations

import shutil

import pytest

from meetscout.demo.localsite import LocalSite, Reply
from tests.spiders.conftest import crawl, events_of
from tests.spiders.meetup_site import (
    HDI,
    event_page,
    group_events_page,
    hdi_events,
    ical_2026,
    routes,
)

from .big_group import URLNAME as BIG
from .big_group import big_routes

NAME = "HDI New Jersey Chapter"
CAL = "text/calendar; charset=utf-8"
EMPTY_LISTING = {
    f"/{HDI}/events/ical/": Reply(ical_2026(NAME, HDI, []), content_type=CAL),
    f"/{HDI}/events/": Reply(group_events_page(NAME, HDI, [])),
}
FIRST, SECOND, THIRD = (e["id"] for e in hdi_events())


def own_page(event_id: str, **change) -> Reply:
    event = {**next(e for e in hdi_events() if e["id"] == event_id), **change}
    return Reply(event_page(NAME, HDI, event))


def own_pages(**replies: Reply) -> dict[str, Reply]:
    """Each HDI meeting's own page, still on unless `replies` (by id) says otherwise."""
    pages = {f"/{HDI}/events/{i}/": own_page(i) for i in (FIRST, SECOND, THIRD)}
    pages.update({f"/{HDI}/events/{i}/": reply for i, reply in replies.items()})
    return pages


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """A database holding HDI's three upcoming meetings, crawled once."""
    db = tmp_path_factory.mktemp("own-page") / "first.db"
    with LocalSite(routes()) as site:
        assert crawl("meetup_group", db, urlnames=[HDI], base_url=site.base_url)["status"] == "ok"
    return db


def _recrawl(crawled, tmp_path, pages: dict[str, Reply]) -> tuple[dict, dict]:
    db = tmp_path / "m.db"
    shutil.copy(crawled, db)
    with LocalSite({**routes(), **EMPTY_LISTING, **pages}) as site:
        run = crawl("meetup_group", db, urlnames=[HDI], base_url=site.base_url)
    return run, events_of(db)


def test_gone_or_cancelled_pages_cancel_and_an_error_keeps(crawled, tmp_path):
    pages = own_pages(
        **{
            FIRST: Reply("<html><body>Not found</body></html>", 410),
            SECOND: own_page(SECOND, status="CANCELLED"),
            THIRD: Reply("<html><body>Server error</body></html>", 500),
        }
    )
    run, events = _recrawl(crawled, tmp_path, pages)
    assert events[f"meetup:{FIRST}"]["status"] == "cancelled"
    assert events[f"meetup:{SECOND}"]["status"] == "cancelled"
    assert events[f"meetup:{THIRD}"]["status"] == "scheduled"
    assert run["cancelled"] == 2
    assert run["status"] == "partial"
    assert f"/events/{THIRD}/" in run["error"] and "kept the meeting as it was" in run["error"]


def test_a_page_gone_404_is_a_cancellation_and_the_run_is_ok(crawled, tmp_path):
    gone = Reply("<html><body>Not found</body></html>", 404)
    run, events = _recrawl(
        crawled, tmp_path, own_pages(**{i: gone for i in (FIRST, SECOND, THIRD)})
    )
    assert {e["status"] for e in events.values()} == {"cancelled"}
    assert run["cancelled"] == 3 and run["status"] == "ok", run


def test_meetings_still_on_by_their_pages_are_kept_and_updated(crawled, tmp_path):
    moved = own_page(FIRST, title="January Chapter Meeting: Service Desk Metrics (moved)")
    run, events = _recrawl(crawled, tmp_path, own_pages(**{FIRST: moved}))
    assert {e["status"] for e in events.values()} == {"scheduled"}
    assert events[f"meetup:{FIRST}"]["title"].endswith("(moved)")
    assert run["cancelled"] == 0 and run["status"] == "partial"
    assert "kept them as they were (3 still on by their own pages)" in run["error"]


def test_at_most_20_own_pages_a_group(tmp_path):
    db = tmp_path / "m.db"
    with LocalSite(big_routes(25)) as site:
        assert crawl("meetup_group", db, urlnames=[BIG], base_url=site.base_url)["status"] == "ok"
    empty = big_routes(0)  # the listing now shows none; no meeting's own page is there (404)
    with LocalSite(empty) as site:
        run = crawl("meetup_group", db, urlnames=[BIG], base_url=site.base_url)
        asked = [h.path for h in site.hits if h.path.startswith(f"/{BIG}/events/3120")]
    assert len(asked) == 20
    assert run["cancelled"] == 20
    assert run["status"] == "partial"
    assert "kept the other 5" in run["error"]
    statuses = [e["status"] for e in events_of(db).values()]
    assert statuses.count("cancelled") == 20 and statuses.count("scheduled") == 5
