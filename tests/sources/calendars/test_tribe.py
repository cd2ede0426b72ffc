"""The Events Calendar's REST API: UTC times and the IANA zone trusted, paging on its own host."""

from datetime import UTC, datetime

import pytest

from meetscout.sources.calendars import NotACalendar, parse_ics, parse_tribe_events
from meetscout.sources.calendars.common import entry_id, tribe_key

from .conftest import NOW, by_title, fixture_text

API = "https://www.bayarea-security-chapter.example/wp-json/tribe/events/v1/events"


def test_items_trust_utc_start_and_the_iana_zone_over_the_abbreviation():
    page2 = parse_tribe_events(fixture_text("tribe_api_page2.json"), url=API + "?page=2")
    summit = page2.events[0]
    # "timezone_abbr": "PST" for an April date, when Pacific time is PDT: ignored.
    assert summit.starts_at == datetime(2027, 4, 8, 15, 30, tzinfo=UTC)
    assert summit.timezone == "America/Los_Angeles"
    assert page2.next_url is None


def test_a_page_with_venue_fee_organiser_and_the_next_page_on_the_same_host():
    read = parse_tribe_events(
        fixture_text("tribe_api_page1.json"), url=API, site_name="Bay Area Security Professionals"
    )
    assert read.next_url.startswith(API + "/?") and read.next_url.endswith("page=2")
    meeting = by_title(read.events)["November Chapter Meeting: Zero Trust in Practice"][0]
    assert meeting.starts_at == datetime(2026, 11, 13, 1, 30, tzinfo=UTC)
    assert meeting.id == entry_id(tribe_key("www.bayarea-security-chapter.example", 3101))
    assert (meeting.venue.name, meeting.venue.city, meeting.venue.region) == (
        "Marriott Santa Clara",
        "Santa Clara",
        "CA",
    )
    assert (meeting.fee.amount, meeting.fee.currency) == (25.0, "USD")
    assert meeting.organizer == "Bay Area Security Professionals Chapter"
    assert "<" not in meeting.description
    online = by_title(read.events)["Career Transition Roundtable (virtual)"][0]
    assert online.is_online is True and online.fee.free
    assert read.group.id == "calendar:bayarea-security-chapter.example"
    assert read.group.name == "Bay Area Security Professionals"


def test_the_next_page_on_another_host_is_not_followed():
    text = fixture_text("tribe_api_page1.json").replace(
        '"next_rest_url": "https:\\/\\/www.bayarea-security-chapter.example',
        '"next_rest_url": "https:\\/\\/tracker.example',
    )
    read = parse_tribe_events(text, url=API)
    assert read.next_url is None
    assert read.problems == [
        "www.bayarea-security-chapter.example: the next page is on another host (tracker.example); not followed."
    ]


def test_the_api_and_the_ics_feed_of_one_site_give_one_id_per_meeting():
    # The same post seen in the site's ICS feed (UID "3101-…@www.…") and in its API ("id": 3101).
    ics = fixture_text("tribe_chamber.ics").replace(
        "2498-1791480600-1791487800@www.riverside-chamber.example",
        "3101-1-2@www.bayarea-security-chapter.example",
    )
    from_ics = parse_ics(
        ics, url="https://www.bayarea-security-chapter.example/events/?ical=1", now=NOW
    )
    from_api = parse_tribe_events(fixture_text("tribe_api_page1.json"), url=API)
    assert entry_id(tribe_key("www.bayarea-security-chapter.example", 3101)) in {
        e.id for e in from_ics.events
    } & {e.id for e in from_api.events}


def test_json_that_is_not_the_api():
    with pytest.raises(NotACalendar, match="events"):
        parse_tribe_events('{"code": "rest_forbidden", "data": {"status": 401}}', url=API)
