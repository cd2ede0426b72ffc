"""The rendered sample is well-formed, in the real shapes, and dated from the moment it is made."""

from __future__ import annotations

import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from parsel import Selector

from meetscout.demo.localsite import LocalSite
from meetscout.demo.render import render_sample, site_routes
from meetscout.demo.sample import WEEKDAYS, load_sample

from .conftest import RENDERED_AT

NEXT_DATA = re.compile(r'<script id="__NEXT_DATA__" type="application/json">(.*?)</script>', re.S)


def next_data(html: str) -> dict:
    found = NEXT_DATA.search(html)
    assert found, "no __NEXT_DATA__"
    assert "</" not in found.group(1)
    return json.loads(found.group(1))


def refs(value):
    if isinstance(value, dict):
        if set(value) == {"__ref"}:
            yield value["__ref"]
        for v in value.values():
            yield from refs(v)
    elif isinstance(value, list):
        for v in value:
            yield from refs(v)


def page(rendered, path: str) -> str:
    return (rendered.meetup_root / path.strip("/") / "index.html").read_text()


def test_sample_has_the_groups_the_demo_promises():
    sample = load_sample()
    assert 10 <= len(sample.groups) <= 14
    events = [e for _, e in sample.all_events()]
    assert sum(e.cancelled for e in events) == 1
    assert any(e.online for e in events) and any(e.fee for e in events)
    assert all(0 < e.day <= 42 for e in events)
    assert len(sample.linkedin) >= 3
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("offset", range(7))
def test_a_meeting_whose_title_names_a_day_falls_on_it(offset):
    """Issue 18: the sample had a "Saturday Hike" on a Friday (dates count from the demo's day)."""
    sample = load_sample()
    today = date(2026, 12, 1) + timedelta(days=offset)
    named = [(e.title, e.starts(today, sample.zone)) for _, e in sample.all_events()
             if any(day in e.title for day in WEEKDAYS)]  # fmt: skip
    assert named
    for title, starts in named:
        assert starts.strftime("%A") in title, (title, starts)


def test_group_events_pages_hold_a_complete_apollo_cache(rendered):
    sample = rendered.sample
    for group in sample.groups:
        data = next_data(page(rendered, f"/{group.urlname}/events/"))
        assert data["page"] == "/[slug]/events"
        state = data["props"]["pageProps"]["__APOLLO_STATE__"]
        missing = [r for r in refs(state) if r not in state]
        assert not missing, f"{group.urlname}: dangling refs {missing}"
        root_keys = [k for k in state["ROOT_QUERY"] if k.startswith("groupByUrlname")]
        assert root_keys and group.urlname in root_keys[0]
        group_obj = state[f"Group:{group.id}"]
        conn = next(v for k, v in group_obj.items() if k.startswith("events("))
        listed = [edge["node"]["__ref"] for edge in conn["edges"]]
        assert sorted(listed) == sorted(f"Event:{e.id}" for e in group.events)
        assert conn["pageInfo"]["hasNextPage"] is False
        for key in listed:
            event = state[key]
            start = datetime.fromisoformat(event["dateTime"])
            assert RENDERED_AT < start < RENDERED_AT + timedelta(days=43)
            assert (
                event["eventUrl"] == f"https://www.meetup.com/{group.urlname}/events/{event['id']}/"
            )


def test_both_root_query_key_styles_are_present(rendered):
    styles = set()
    for group in rendered.sample.groups:
        state = next_data(page(rendered, f"/{group.urlname}/events/"))["props"]["pageProps"][
            "__APOLLO_STATE__"
        ]
        key = next(k for k in state["ROOT_QUERY"] if k.startswith("groupByUrlname"))
        styles.add(key[len("groupByUrlname")])
    assert styles == {"(", ":"}


def test_local_times_follow_daylight_saving(rendered):
    # Before 8 March 2026 New York is UTC-5, after it UTC-4; the sample's times are local.
    for group, event in rendered.sample.all_events():
        state = next_data(page(rendered, f"/{group.urlname}/events/"))["props"]["pageProps"][
            "__APOLLO_STATE__"
        ]
        start = datetime.fromisoformat(state[f"Event:{event.id}"]["dateTime"])
        assert start.strftime("%H:%M") == event.time
        expected = -4 if start.date() >= datetime(2026, 3, 8).date() else -5
        assert start.utcoffset() == timedelta(hours=expected)


def test_cancelled_event_says_so_everywhere(rendered):
    group, event = next((g, e) for g, e in rendered.sample.all_events() if e.cancelled)
    state = next_data(page(rendered, f"/{group.urlname}/events/"))["props"]["pageProps"][
        "__APOLLO_STATE__"
    ]
    assert state[f"Event:{event.id}"]["status"] == "CANCELLED"
    data = next_data(page(rendered, f"/{group.urlname}/events/{event.id}/"))
    event_obj = (
        data["props"]["pageProps"].get("event")
        or data["props"]["pageProps"]["__APOLLO_STATE__"][f"Event:{event.id}"]
    )
    assert event_obj["status"].lower() == "cancelled"
    cal = icalendar.Calendar.from_ical(
        (rendered.meetup_root / group.urlname / "events/ical/index.ics").read_bytes()
    )
    statuses = {str(ev["UID"]): str(ev["STATUS"]) for ev in cal.walk("VEVENT")}
    assert statuses[f"event_{event.id}@meetup.com"] == "CANCELLED"


def test_event_pages_in_both_eras(rendered):
    shapes = set()
    for group, event in rendered.sample.all_events():
        html = page(rendered, f"/{group.urlname}/events/{event.id}/")
        props = next_data(html)["props"]["pageProps"]
        state = props["__APOLLO_STATE__"]
        assert not [r for r in refs(state) if r not in state]
        if "event" in props:
            shapes.add("denormalised")
            assert f"Event:{event.id}!chp" in state
            assert props["event"]["title"] == event.title
        else:
            shapes.add("normalised")
            assert state[f"Event:{event.id}"]["title"] == event.title
            ld = [
                json.loads(x)
                for x in Selector(html).css('script[type="application/ld+json"]::text').getall()
            ]
            assert any(item["@type"] == "Event" for item in ld)
        assert Selector(html).css("h1::text").get() == event.title
    assert shapes == {"denormalised", "normalised"}


def test_ical_feeds_parse_with_a_real_library(rendered):
    prodids = set()
    for group in rendered.sample.groups:
        raw = (rendered.meetup_root / group.urlname / "events/ical/index.ics").read_bytes()
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
        assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
        cal = icalendar.Calendar.from_ical(raw)
        prodids.add(str(cal["PRODID"]))
        vevents = cal.walk("VEVENT")
        assert {str(v["UID"]) for v in vevents} == {
            f"event_{e.id}@meetup.com" for e in group.events
        }
        for v in vevents:
            start = v.decoded("DTSTART")
            assert start.tzinfo is not None and str(start.tzinfo) == "America/New_York"
            assert RENDERED_AT < start < RENDERED_AT + timedelta(days=43)
    assert prodids == {"-//Meetup//RemoteApi//EN", "-//Meetup//Meetup Calendar 1.0//EN"}


def test_rss_feeds_are_valid_xml(rendered):
    for group in rendered.sample.groups:
        root = ET.fromstring(
            (rendered.meetup_root / group.urlname / "events/rss/index.xml").read_bytes()
        )
        links = [item.findtext("link") for item in root.iter("item")]
        assert len(links) == len(group.events)


def test_linkedin_pages_have_the_logged_in_shape(rendered):
    assert len(rendered.linkedin_paths) == len(rendered.sample.linkedin)
    for event in rendered.sample.linkedin:
        html = (rendered.linkedin_root / event.path.strip("/") / "index.html").read_text()
        sel = Selector(html)
        assert sel.css('meta[name="i18nLocale"]::attr(content)').get() == "en_US"
        assert sel.css("h1[data-event-id]::attr(data-event-id)").get() == event.id
        assert event.path.rstrip("/").endswith(event.id)
        assert "Event by" in "".join(sel.css(".events-top-card__organizer ::text").getall())
        line = sel.css('#events-top-card li-icon[type="calendar"] + span::text').get()
        assert line and line.endswith("(your local time)")
        start = event.starts(RENDERED_AT.date(), rendered.sample.zone)
        assert line.startswith(start.strftime("%a, %b ") + str(start.day) + ",")


def test_linkedin_date_line_names_the_year_only_across_new_year(tmp_path):
    out = render_sample(tmp_path, now=datetime(2026, 12, 20, 15, tzinfo=UTC))
    lines = {}
    for event in out.sample.linkedin:
        html = (out.linkedin_root / event.path.strip("/") / "index.html").read_text()
        lines[event.day] = Selector(html).css('li-icon[type="calendar"] + span::text').get()
    assert "2027" in lines[max(lines)] and "2026" not in lines[min(lines)]


def test_rendering_twice_gives_the_same_site(tmp_path):
    a = render_sample(tmp_path / "a", now=RENDERED_AT)
    b = render_sample(tmp_path / "b", now=RENDERED_AT)
    for path in a.meetup_paths:
        for name in ("index.html", "index.ics", "index.xml"):
            fa = a.meetup_root / path.strip("/") / name
            if fa.exists():
                assert fa.read_bytes() == (b.meetup_root / path.strip("/") / name).read_bytes()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.headers["Content-Type"], r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def test_served_with_the_real_content_types(rendered):
    group = rendered.sample.groups[0]
    with LocalSite(site_routes(rendered.meetup_root)) as site:
        status, kind, body = fetch(site.url("/robots.txt"))
        assert status == 200 and kind.startswith("text/plain") and b"User-agent" in body
        status, kind, body = fetch(site.url(f"/{group.urlname}/events/ical/"))
        assert (
            status == 200
            and kind.startswith("text/calendar")
            and body.startswith(b"BEGIN:VCALENDAR")
        )
        status, kind, _ = fetch(site.url(f"/{group.urlname}/events/"))
        assert status == 200 and kind.startswith("text/html")
        status, _, _ = fetch(site.url("/no-such-group/events/"))
        assert status == 404


def test_render_command_line(tmp_path):
    from meetscout.demo.render import main

    assert main([str(tmp_path / "site")]) == 0
    assert (tmp_path / "site/meetup/robots.txt").exists()
    assert main([]) == 2


def test_rendered_pages_parse_with_the_meetup_parsers(rendered):
    ical = pytest.importorskip("meetscout.sources.meetup_ical")
    nextdata = pytest.importorskip("meetscout.sources.meetup_nextdata")
    for group in rendered.sample.groups:
        expected = {f"meetup:{e.id}": e for e in group.events}
        from_feed = ical.parse_ical(
            (rendered.meetup_root / group.urlname / "events/ical/index.ics").read_text(),
            urlname=group.urlname,
        )
        assert {e.id for e in from_feed} == set(expected)
        result = nextdata.parse_next_data(
            page(rendered, f"/{group.urlname}/events/"),
            url=f"https://www.meetup.com/{group.urlname}/events/",
        )
        assert result.group is not None and result.group.name == group.name
        assert {e.id for e in result.events} == set(expected)
        for parsed in result.events:
            sample_event = expected[parsed.id]
            assert parsed.title == sample_event.title
            assert (parsed.status == "cancelled") == sample_event.cancelled
            assert parsed.starts_at == sample_event.starts(
                RENDERED_AT.date(), rendered.sample.zone
            ).astimezone(UTC)
        for sample_event in group.events:
            one = nextdata.parse_next_data(
                page(rendered, f"/{group.urlname}/events/{sample_event.id}/"),
                url=f"https://www.meetup.com/{group.urlname}/events/{sample_event.id}/",
            )
            assert [e.id for e in one.events] == [f"meetup:{sample_event.id}"]


def test_rendered_linkedin_pages_parse_with_the_linkedin_parser(rendered):
    linkedin = pytest.importorskip("meetscout.sources.linkedin")
    for event in rendered.sample.linkedin:
        html = (rendered.linkedin_root / event.path.strip("/") / "index.html").read_text()
        parsed = linkedin.parse_event_page(
            html,
            url=f"https://www.linkedin.com{event.path}",
            now=RENDERED_AT,
            viewer_tz=rendered.sample.timezone,
        )
        assert parsed is not None and parsed.id == f"linkedin:{event.id}"
        assert parsed.title == event.title
        assert parsed.starts_at == event.starts(
            RENDERED_AT.date(), rendered.sample.zone
        ).astimezone(UTC)


def test_search_page_carries_every_upcoming_meeting_for_its_script(rendered):
    html = (rendered.meetup_root / "find" / "index.html").read_text()
    data = json.loads(re.search(r"const RESULTS = (\[.*?\]);\n", html, re.S).group(1))
    live = [e for _, e in rendered.sample.all_events() if not e.cancelled]
    assert len(data) == len(live)
    assert all(item["url"].startswith("https://www.meetup.com/") for item in data)
    assert "</" not in re.search(r"const RESULTS = (\[.*?\]);", html, re.S).group(1)
