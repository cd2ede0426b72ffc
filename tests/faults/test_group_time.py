"""Issue 17.10: a group's crawl has a time limit (`[meetup] group_time_limit`).

A page that never finished held a group for 30 s download timeout × 3 retries, and a group with
many slow pages had no bound at all. Past its limit a group's further pages are dropped, the run
is partial with the reason, what was read and what was stored are kept, and nothing of that
group is taken as cancelled. No durations are asserted: the sites here are far slower than the
limit, and the test reads the run's status and the stored rows.
"""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from meetscout.config import ConfigError, load_config
from meetscout.demo.localsite import LocalSite, Reply
from tests.spiders.conftest import crawl, events_of
from tests.spiders.meetup_site import (
    HDI,
    PMI,
    ROBOTS,
    event_page,
    group_events_page,
    ical_2026,
    routes,
)

SLOW = "slow-chapter"
SLOW_NAME = "Slow Chapter"
PAGES = 12  # event pages, each answering after a second: 12 s of pages one after another


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """A database holding HDI's three upcoming meetings, crawled once."""
    db = tmp_path_factory.mktemp("group-time") / "first.db"
    with LocalSite(routes()) as site:
        assert crawl("meetup_group", db, urlnames=[HDI], base_url=site.base_url)["status"] == "ok"
    return db


def test_a_page_that_never_finishes_stops_its_group_not_the_crawl(crawled, tmp_path, monkeypatch):
    db = tmp_path / "m.db"
    shutil.copy(crawled, db)
    before = events_of(db)
    config = tmp_path / "meetscout.toml"
    config.write_text("[meetup]\ngroup_time_limit = 1\n")
    monkeypatch.setenv("MEETSCOUT_CONFIG", str(config))  # the crawl's process reads it
    release = threading.Event()

    def never(_path: str) -> Reply:
        release.wait(300)
        return Reply("", 404)

    try:
        with LocalSite({**routes(), f"/{HDI}/events/": never}) as site:
            run = crawl("meetup_group", db, urlnames=[HDI, PMI], base_url=site.base_url)
    finally:
        release.set()
    assert run["status"] == "partial", run
    assert f"Meetup group '{HDI}' took longer than 1 s" in run["error"]
    assert run["error"].count("took longer") == 1  # said once, not per dropped page
    assert PMI not in run["error"]
    after = events_of(db)
    # The other group was read whole; the slow one's stored meetings are kept as they were.
    assert {"meetup:501", "meetup:502", "meetup:503"} <= set(after)
    assert run["cancelled"] == 0
    for event_id, row in before.items():
        assert after[event_id]["status"] == "scheduled"
        assert after[event_id]["description"] == row["description"]


def _slow_group_routes() -> dict:
    events = [
        dict(id=f"3130000{n:02d}", title=f"Slow meeting {n}",
             start=f"2031-05-{n + 1:02d}T18:00:00-04:00", end=f"2031-05-{n + 1:02d}T20:00:00-04:00",
             description="A talk and networking.", venue=None)
        for n in range(PAGES)
    ]  # fmt: skip

    by_id = {e["id"]: e for e in events}

    def slow_page(path: str) -> Reply:
        time.sleep(1.0)
        return Reply(event_page(SLOW_NAME, SLOW, by_id[path.strip("/").split("/")[-1]]))

    table = {
        "/robots.txt": Reply(ROBOTS, content_type="text/plain"),
        f"/{SLOW}/events/ical/": Reply(
            ical_2026(SLOW_NAME, SLOW, events), content_type="text/calendar; charset=utf-8"
        ),
        # A whole events page that shows none in full: every meeting's own page is read.
        f"/{SLOW}/events/": Reply(group_events_page(SLOW_NAME, SLOW, [], more=True)),
    }
    for e in events:
        table[f"/{SLOW}/events/{e['id']}/"] = slow_page
    return table


def test_a_group_of_many_slow_pages_is_bounded_too(tmp_path):
    db = tmp_path / "m.db"
    with LocalSite(_slow_group_routes()) as site:
        run = crawl(
            "meetup_group", db, {"GROUP_TIME_LIMIT": 1}, urlnames=[SLOW], base_url=site.base_url
        )
    assert run["status"] == "partial", run
    assert f"Meetup group '{SLOW}' took longer than 1 s" in run["error"]
    # Each meeting the feed listed is stored from the feed; nothing is cancelled.
    stored = events_of(db)
    assert len(stored) == PAGES and run["cancelled"] == 0
    # Every page takes longer than the group's whole time: none was waited for to the end.
    assert not [e for e in stored.values() if e["description"] == "A talk and networking."]


@pytest.mark.parametrize("value", ["0", "-5", '"fast"'])
def test_a_wrong_limit_in_meetscout_toml_is_said(tmp_path, value):
    config = tmp_path / "meetscout.toml"
    config.write_text(f"[meetup]\ngroups = []\ngroup_time_limit = {value}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    message = str(caught.value)
    assert "line 3" in message and "group_time_limit" in message
    assert "number" in message


def test_the_limit_is_read_from_meetscout_toml(tmp_path):
    config = tmp_path / "meetscout.toml"
    config.write_text("[meetup]\ngroup_time_limit = 45\n")
    assert load_config(config).meetup.group_time_limit == 45
    config.write_text("[meetup]\ngroups = []\n")
    assert load_config(config).meetup.group_time_limit == 120
