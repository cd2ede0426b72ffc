"""`meetscout crawl calendar` end to end: real Scrapy crawls of chapter sites on 127.0.0.1 into a
real SQLite file, as of 1 October 2026 (`--from`), the day the fixtures were frozen."""

from __future__ import annotations

import json
import sqlite3
from itertools import pairwise

import pytest

from meetscout.demo.localsite import Reply
from meetscout.exit_codes import BLOCKED
from meetscout.sources.calendars.common import entry_id, tribe_key

from .calendar_site import calendar_site, fixture
from .test_crawl_meetup_cli import meetscout

AS_OF = ("--from", "2026-10-01")


@pytest.fixture
def site():
    with calendar_site() as s:
        yield s


def rows(db, sql, *params):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


def crawl(db, *urls):
    return meetscout("crawl", "calendar", *urls, "--db", str(db), *AS_OF)


def test_home_pages_are_searched_and_each_calendar_form_is_stored(site, tmp_path):
    db = tmp_path / "c.db"
    done = crawl(db, site.url("/chamber/"), site.url("/rotary/"), site.url("/hudson/"),
                 site.url("/summit/"), site.url("/bayarea/wp-json/tribe/events/v1/events"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Traceback" not in out + done.stderr
    # What was found on each home page, and how.
    assert (
        "found The Events Calendar's API at" in out and "(the x-tec-api-root answer header)" in out
    )
    assert (
        "access refused (HTTP 401); trying the next" in out
    )  # the API refused, the ICS feed was read
    assert "found an iCalendar feed at" in out and "a link to webcal://" in out
    assert "found a Wild Apricot event feed" in out
    assert "found schema.org events in the page itself" in out
    groups = {g["name"]: g for g in rows(db, "SELECT * FROM groups")}
    assert {"Riverside Area Chamber", "Springfield Rotary Master Calendar", "Hudson Valley HR Association",
            "Summit County Young Professionals"} <= set(groups)  # fmt: skip
    events = rows(db, "SELECT * FROM events")
    by_group = {}
    for e in events:
        by_group.setdefault(e["group_name"], []).append(e)
    assert len(by_group["Springfield Rotary Master Calendar"]) == 14
    assert len(by_group["Riverside Area Chamber"]) == 3
    assert len(by_group["Hudson Valley HR Association"]) == 2
    assert len(by_group["Summit County Young Professionals"]) == 1
    api = [e for e in events if e["url"].startswith(site.url("/bayarea/"))]
    assert len(api) == 3  # both pages of the API
    # The listed time a description contradicts is kept, and said in the run's warnings.
    assert "warning: Riverside Area Chamber:" in out
    run = rows(db, "SELECT * FROM runs")[-1]
    assert run["spider"] == "calendar_feed" and run["status"] == "ok"
    assert "listed at 05:30 UTC" in run["error"]
    groups_and_events = len(groups) + len(events)
    assert f"ok — {groups_and_events} new, 0 updated" in out
    # Each calendar is a group judged like a Meetup group, and its judgement helps judge its
    # meetings (the chamber's "Shop Local Month" says nothing of who goes but its host).
    assert groups["Riverside Area Chamber"]["crowd"] == "employed"
    [shop] = [e for e in by_group["Riverside Area Chamber"] if e["title"] == "Shop Local Month"]
    assert "Its group, Riverside Area Chamber, looks like" in shop["reasons"]
    # A polite pace: one host's requests (robots.txt, pages, feeds) come one at a time, spaced
    # by the download delay (Scrapy waits 0.5 to 1.5 times it; some slack for the loopback).
    arrivals = [h.at for h in site.hits]
    assert min(b - a for a, b in pairwise(arrivals)) >= 0.3, arrivals


def test_a_moved_meeting_is_updated_and_a_notice_cancels_what_it_replaces(tmp_path):
    db = tmp_path / "c.db"
    social = entry_id(tribe_key("www.riverside-chamber.example", 2498))
    with calendar_site() as site:
        assert crawl(db, site.url("/chamber/events/?ical=1")).returncode == 0
    before = rows(db, "SELECT * FROM events WHERE id = ?", social)[0]
    # The luncheon was stored before it was called off ("CANCELLED – …" on the same post).
    luncheon = entry_id(tribe_key("www.riverside-chamber.example", 2540))
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO events (id, source, url, title, status, starts_at) VALUES (?, 'calendar', 'https://x', 'Monthly Membership Luncheon', 'scheduled', '2026-11-19T12:00:00+00:00')",
            [luncheon],
        )
    with calendar_site(moved=True) as site:
        done = crawl(db, site.url("/chamber/events/?ical=1"))
    assert done.returncode == 0, done.stderr
    after = rows(db, "SELECT * FROM events WHERE id = ?", social)
    assert len(after) == 1 and after[0]["starts_at"] != before["starts_at"]
    assert after[0]["starts_at"].startswith("2026-10-15")
    assert len(rows(db, "SELECT * FROM events WHERE title LIKE '%Business Social%'")) == 1
    assert rows(db, "SELECT status FROM events WHERE id = ?", luncheon)[0]["status"] == "cancelled"
    assert "1 cancelled" in done.stdout


def test_blocked_and_broken_calendars_each_say_why(site, tmp_path):
    db = tmp_path / "c.db"
    done = crawl(db, site.url("/walled/calendar.ics"), site.url("/private/calendar.ics"),
                 site.url("/secret/calendar.ics"), site.url("/alumni/"), site.url("/cut/feed.ics"), site.url("/chapter/feed.ics"),
                 "ftp://files.example/cal.ics")  # fmt: skip
    assert done.returncode == BLOCKED
    err, out = done.stderr, done.stdout
    assert "Traceback" not in out + err
    assert "blocked" in out
    assert "/walled/calendar.ics: redirected to a login page (/sys/login)" in err
    assert "/private/calendar.ics: answered with a login form instead of data" in err
    assert "/secret/calendar.ics: access refused (HTTP 403)" in err
    assert "/alumni/: shows no calendar" in err
    assert "the feed was cut off" in err
    assert "ftp://files.example/cal.ics: not a web address" in err
    # What could be read was stored: the BOM'd text/plain feed, and the whole part of the cut one.
    titles = {r["title"] for r in rows(db, "SELECT title FROM events")}
    assert "October Chapter Meeting: Agile Contracts in Practice" in titles
    run = rows(db, "SELECT * FROM runs")[-1]
    assert run["status"] == "blocked"


def test_a_calendar_robots_txt_forbids_is_not_read(site, tmp_path):
    done = crawl(tmp_path / "c.db", site.url("/members/calendar.ics"))
    assert done.returncode == BLOCKED
    assert "/members/calendar.ics: robots.txt asks crawlers not to read it" in done.stderr
    assert not [h for h in site.hits if h.path.startswith("/members/")]


def test_robots_txt_holds_for_every_request_waiting_on_it(site, tmp_path):
    """Regression: Scrapy 2.19 let the third and later requests that wait for one host's
    robots.txt through unchecked (each got None from the shared Deferred), so this mixed crawl
    fetched the disallowed feed."""
    done = crawl(tmp_path / "c.db", site.url("/chamber/"), site.url("/rotary/"),
                 site.url("/members/calendar.ics"), site.url("/hudson/"))  # fmt: skip
    assert "Traceback" not in done.stdout + done.stderr
    assert "/members/calendar.ics: robots.txt asks crawlers not to read it" in done.stderr
    assert not [h for h in site.hits if h.path.startswith("/members/")]
    # The allowed calendars on the same host were read all the same.
    assert "found an iCalendar feed at" in done.stdout
    assert [h for h in site.hits if h.path.startswith("/rotary/calendar/")]


def test_calendar_find_prints_what_it_finds_and_stores_nothing(site, tmp_path):
    db = tmp_path / "never.db"
    done = meetscout(
        "calendar", "find", site.url("/chamber/"), *AS_OF, env_extra={"MEETSCOUT_DB": str(db)}
    )
    assert done.returncode == 0, done.stderr
    assert "found The Events Calendar's API" in done.stdout
    assert "Riverside Area Chamber: 3 meetings in the next 120 days, 1 called off" in done.stdout
    assert not db.exists()


def test_an_unchanged_feed_costs_one_small_answer_and_cancels_nothing(tmp_path):
    db = tmp_path / "c.db"
    feed = "/chamber/events/"
    with calendar_site(etag='"chamber-v1"') as site:
        first = crawl(db, site.url(feed + "?ical=1"))
        assert first.returncode == 0, first.stderr
        stored = rows(db, "SELECT id, status FROM events ORDER BY id")
        again = crawl(db, site.url(feed + "?ical=1"))
        hits = [h for h in site.hits if h.path.startswith(feed)]
    assert again.returncode == 0, again.stderr
    # The second crawl asked "changed since?" with what the server sent, and got a bare 304.
    assert "If-None-Match" not in hits[0].headers
    assert hits[1].headers.get("If-None-Match") == '"chamber-v1"' and hits[1].status == 304
    assert "unchanged since the last crawl" in again.stdout
    assert "0 new, 0 updated, 0 unchanged, 0 cancelled" in again.stdout
    assert rows(db, "SELECT id, status FROM events ORDER BY id") == stored
    # A changed feed (another ETag) is read in full again.
    with calendar_site(etag='"chamber-v2"') as site:
        third = crawl(db, site.url(feed + "?ical=1"))
        assert [h.status for h in site.hits if h.path.startswith(feed)] == [200]
    assert (
        "unchanged since" not in third.stdout and "4 unchanged" in third.stdout
    )  # 3 and the group


def test_a_meeting_a_whole_feed_no_longer_lists_is_cancelled(tmp_path):
    db = tmp_path / "c.db"
    mixer = entry_id(tribe_key("www.riverside-chamber.example", 2532))
    with calendar_site() as site:
        assert crawl(db, site.url("/chamber/events/?ical=1")).returncode == 0
    # A feed cut off in transit is not the whole listing: it cancels nothing.
    with calendar_site(without="2532-", cut=True) as site:
        cut = crawl(db, site.url("/chamber/events/?ical=1"))
    assert "the feed was cut off" in cut.stdout
    assert rows(db, "SELECT status FROM events WHERE id = ?", mixer)[0]["status"] == "scheduled"
    with calendar_site(without="2532-") as site:
        done = crawl(db, site.url("/chamber/events/?ical=1"))
    assert done.returncode == 0, done.stderr
    assert rows(db, "SELECT status FROM events WHERE id = ?", mixer)[0]["status"] == "cancelled"
    assert "1 cancelled" in done.stdout
    still = rows(db, "SELECT status FROM events WHERE title LIKE '%Business Social%'")
    assert [r["status"] for r in still] == ["scheduled"]


@pytest.mark.parametrize(
    "broken, said",
    [
        (Reply(fixture("login_page.html")), "answered with a login form instead of data"),
        (Reply(fixture("home_plain.html")), "is a web page, not a calendar feed"),
        (Reply("Not Found", 404, "text/plain"), "404"),
    ],
    ids=["login page", "not a calendar", "gone"],
)
def test_a_calendar_that_breaks_keeps_what_was_stored(tmp_path, broken, said):
    db = tmp_path / "c.db"
    feed = "/chamber/events/?ical=1"
    with calendar_site() as site:
        assert crawl(db, site.url(feed)).returncode == 0
    stored = rows(db, "SELECT id, status, starts_at, title FROM events ORDER BY id")
    assert stored
    with calendar_site(broken=broken) as site:
        done = crawl(db, site.url(feed))
    out = done.stdout + done.stderr
    assert "Traceback" not in out and said in out, out
    # Said as trouble, never as "no meetings", and none of the meetings is cancelled or lost.
    assert "ok —" not in out and "0 cancelled" in out, out
    assert rows(db, "SELECT id, status, starts_at, title FROM events ORDER BY id") == stored
    assert rows(db, "SELECT status FROM runs")[-1]["status"] in ("partial", "blocked")


def test_meetscout_crawl_includes_the_calendars_of_meetscout_toml(site, tmp_path):
    config = tmp_path / "meetscout.toml"
    config.write_text(f'[calendars]\nurls = ["{site.url("/chapter/feed.ics")}"]\ndays = 120\n')
    db = tmp_path / "c.db"
    env = {"MEETSCOUT_CONFIG": str(config)}
    # By hand with no address: the file's calendars (read as of the fixtures' day).
    done = meetscout("crawl", "calendar", "--db", str(db), *AS_OF, env_extra=env)
    assert done.returncode == 0, done.stderr
    titles = {r["title"] for r in rows(db, "SELECT title FROM events")}
    assert "October Chapter Meeting: Agile Contracts in Practice" in titles
    # `meetscout crawl` runs every source the file lists, calendars among them.
    done = meetscout("crawl", "--db", str(db), env_extra=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "calendars" in done.stdout and "meetup: not crawled" in done.stderr
    status = meetscout("status", "--json", "--db", str(db), env_extra=env)
    rows_ = {r["source"]: r for r in map(json.loads, status.stdout.splitlines())}
    assert rows_["calendars"]["last_status"] == "ok" and rows_["calendars"]["active"]
    assert rows_["calendars"]["schedule"] == "every 6 hours"
