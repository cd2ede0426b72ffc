from datetime import UTC, datetime

import pytest

from meetscout.model import Status
from meetscout.sources.meetup_nextdata import parse_next_data
from tests.sources.conftest import fixture_text


def by_id(page):
    return {e.id: e for e in page.events}


def test_event_page_2022_denormalised_event_and_chp_key_make_one_event():
    page = parse_next_data(fixture_text("nextdata_event_2022-03.json"))
    assert [e.id for e in page.events] == ["meetup:284092401"]
    event = page.events[0]
    assert event.url == "https://www.meetup.com/platform-engineers-nyc/events/284092401/"
    assert event.title == "Getting started with Kubernetes"
    # "2022-03-24T14:00-04:00" has no seconds; US/Eastern is stored as its IANA name.
    assert event.starts_at == datetime(2022, 3, 24, 18, 0, tzinfo=UTC)
    assert event.timezone == "America/New_York"
    assert event.is_online is True and event.venue is None  # the "Online event" placeholder
    assert event.fee.free is True  # feeSettings null
    assert event.attendee_count == 9  # `going` as a plain number
    # Markdown escapes gone.
    assert "- Demystify jargon, such as microservices, cloud-native, orchestration etc." in (
        event.description
    )
    assert page.group.id == "meetup-group:platform-engineers-nyc"
    assert page.group.member_count == 225
    assert "DevOps" in page.group.topics


def test_group_events_page_2023_resolves_refs():
    page = parse_next_data(fixture_text("nextdata_group_events_2023-08.json"))
    events = by_id(page)
    assert len(events) == 5
    jigx = events["meetup:295297774"]
    assert jigx.title == "[EN] ReactGirls & Jigx meetup"  # literal \u0026 decoded
    assert jigx.venue.name == "Pipedrive" and jigx.venue.country == "CZ"
    assert jigx.attendee_count == 78  # going{totalCount}
    assert jigx.is_online is False
    assert jigx.timezone == "Europe/Prague"  # from the group
    assert jigx.starts_at == datetime(2023, 9, 7, 16, 0, tzinfo=UTC)
    assert events["meetup:295798732"].venue is None  # venue null
    assert page.listed_upcoming == list(events)
    assert page.has_next_page is False
    group = page.group
    assert (group.name, group.urlname, group.city, group.member_count) == (
        "ReactGirls",
        "reactgirls",
        "Prague",
        629,
    )


def test_group_about_page_2024_group_facts_and_html_description():
    page = parse_next_data(fixture_text("nextdata_group_about_2024-10.json"))
    group = page.group
    assert group.id == "meetup-group:pydata-prague"
    assert group.member_count == 1781
    assert group.timezone == "Europe/Prague"
    assert group.description.startswith("PyData Prague aims to unite data analysts")
    assert "<p>" not in group.description and "\\u003c" not in group.description
    assert "Machine Learning" in group.topics
    events = by_id(page)
    assert events["meetup:302432072"].status == Status.scheduled  # PAST is still a real meeting
    assert events["meetup:303797771"].is_online is True


def test_group_events_2026_key_style_fees_and_placeholders():
    page = parse_next_data(fixture_text("nextdata_group_events_2026-11.json"))
    events = by_id(page)
    assert page.group.name == "NYC Professional Networking & Careers"
    assert page.group.description.startswith("Monthly mixers for working professionals")
    assert page.has_next_page is True
    mixer = events["meetup:316000001"]
    assert (mixer.fee.amount, mixer.fee.currency, mixer.fee.free) == (15.0, "USD", False)
    assert mixer.venue.city == "New York" and mixer.venue.lat == 40.742
    assert mixer.description.startswith("Meet working professionals from banking")
    # A recurring event's alphanumeric id gives way to the numeric id in its URL.
    clinic = events["meetup:316000002"]
    assert clinic.is_online is True and clinic.fee.free is True and clinic.attendee_count == 41
    breakfast = events["meetup:316000003"]
    assert breakfast.status == Status.cancelled
    assert breakfast.venue is None  # "(Old Town)" / "Location: Sent by PM" are junk
    panel = events["meetup:316000004"]
    assert panel.url == "https://www.meetup.com/nyc-career-networking/events/316000004/"
    assert panel.is_online is True  # HYBRID
    assert panel.fee.free is True  # amount 0
    # March 2027 is after the US change to summer time: UTC-4.
    assert panel.starts_at == datetime(2027, 3, 16, 22, 0, tzinfo=UTC)
    assert page.listed_upcoming == [
        "meetup:316000001",
        "meetup:316000002",
        "meetup:316000003",
        "meetup:316000004",
    ]


def test_event_page_html_with_apollo_only():
    page = parse_next_data(fixture_text("event_page_2026-11.html"))
    (event,) = page.events
    assert event.id == "meetup:316000005"
    assert event.fee.amount == 20.0
    assert event.description.startswith("An evening for women working in fintech: short talks")
    assert page.listed_upcoming is None


def test_bytes_and_json_text_give_the_same_page():
    html = fixture_text("event_page_2026-11.html")
    assert parse_next_data(html.encode()).events == parse_next_data(html).events


def test_unreadable_event_is_counted_and_others_kept():
    text = fixture_text("nextdata_group_events_2026-11.json").replace(
        '"title": "Free Tuesday Career Clinic (online)"', '"title": "  "'
    )
    errors = []
    page = parse_next_data(text, errors=errors)
    assert len(page.events) == 3
    assert errors == ["event pwdqjtygcnbfb: title: Value error, an event needs a title"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<html><title>Login to Meetup</title></html>", "no __NEXT_DATA__"),
        (
            '<script id="__NEXT_DATA__" type="application/json">{"props": </script>',
            "not valid JSON",
        ),
        ('{"props": {"pageProps": {"isMobile": false}}}', "neither an Apollo cache"),
    ],
)
def test_pages_without_data_raise_with_a_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_next_data(text)
