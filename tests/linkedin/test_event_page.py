"""Event pages, signed in (three locales, old and new icon sets) and as guests see them."""

from datetime import UTC, datetime

import pytest

from meetscout.model import Venue
from meetscout.sources.linkedin import parse_event_page

from .conftest import page

LOCAL = "http://127.0.0.1:8123/events/7123456789012345678/"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_signed_in_english_in_person(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    event = parse_event_page(
        page("event_en_US_in_person.html"), url=LOCAL, now=now, viewer_tz="America/New_York"
    )
    assert event.id == "linkedin:7123456789012345678"
    assert event.url == "https://www.linkedin.com/events/7123456789012345678/"
    assert event.source == "linkedin"
    assert event.title == "Chapter Meeting: Agile at Scale in Regulated Industries"
    assert event.organizer == event.group_name == "PMI New Jersey Chapter"
    # "Thu, Jan 8" read on 30 December 2025 is January 2026, 6 PM in New York.
    assert (event.starts_at, event.ends_at) == (utc(2026, 1, 8, 23), utc(2026, 1, 9, 1, 30))
    assert event.timezone == "America/New_York"
    assert event.is_online is False
    assert event.venue == Venue(
        name="Hilton Newark Airport",
        address="Hilton Newark Airport, 1170 Spring St, Elizabeth, NJ 07201",
    )
    assert event.attendee_count == 42  # "Jane Doe and 41 others", not the screen-reader copy
    assert event.description.startswith("Join the PMI New Jersey Chapter")
    assert "job seekers attend free" in event.description


def test_signed_in_german_online_with_newer_icons(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    event = parse_event_page(
        page("event_de_DE_online.html"), url=LOCAL, now=now, viewer_tz="Europe/Berlin"
    )
    # The id comes from the header's URN, not from the address the page was read at.
    assert event.id == "linkedin:7130000000000000042"
    assert event.title == "IT-Governance am Abend: NIS2 in der Praxis"
    assert event.organizer == "ISACA Germany Chapter e.V."
    assert (event.starts_at, event.ends_at) == (utc(2026, 2, 12, 17), utc(2026, 2, 12, 19, 30))
    assert event.is_online is True
    assert event.venue is None
    assert event.attendee_count == 308
    assert event.description.startswith("Die NIS2-Richtlinie")


def test_signed_in_french_without_description_block(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    event = parse_event_page(
        page("event_fr_FR_in_person.html"), url=LOCAL, now=now, viewer_tz="Europe/Paris"
    )
    assert event.id == "linkedin:7135555555555555555"
    assert event.organizer == "PMI France"
    assert (event.starts_at, event.ends_at) == (utc(2026, 1, 6, 17, 30), utc(2026, 1, 6, 19))
    assert event.is_online is False
    assert event.venue.name == "Le Comptoir Général"
    assert event.attendee_count == 156
    assert event.description == "Rencontre mensuelle des chefs de projet à Paris"  # og:description


def test_the_viewers_zone_decides_the_instant(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    html = page("event_en_US_in_person.html")
    tokyo = parse_event_page(html, url=LOCAL, now=now, viewer_tz="Asia/Tokyo")
    assert tokyo.starts_at == utc(2026, 1, 8, 9)
    assert tokyo.timezone == "Asia/Tokyo"


def test_a_page_read_after_new_year_moves_a_yearless_december_date_on(frozen):
    now = frozen("2026-01-05T12:00:00+00:00")
    html = page("event_en_US_in_person.html").replace("Thu, Jan 8,", "Thu, Dec 31,")
    event = parse_event_page(html, url=LOCAL, now=now, viewer_tz="America/New_York")
    assert event.starts_at == utc(2026, 12, 31, 23)  # 31 Dec 2026, 6 PM in New York


def test_a_swapped_icon_set_still_finds_the_date_by_its_note(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    html = page("event_en_US_in_person.html").replace('type="calendar"', 'type="clock-new"')
    event = parse_event_page(html, url=LOCAL, now=now, viewer_tz="America/New_York")
    assert event.starts_at == utc(2026, 1, 8, 23)


def test_guest_page_with_jsonld(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    event = parse_event_page(
        page("event_guest_jsonld.html"), url=LOCAL, now=now, viewer_tz="America/New_York"
    )
    # og:url and JSON-LD name the event; the address read is a local copy with another id.
    assert event.id == "linkedin:7133333333333333333"
    assert event.url == "https://www.linkedin.com/events/7133333333333333333/"
    assert event.title == "Service Desk Leadership Roundtable"
    assert (event.starts_at, event.ends_at) == (utc(2026, 1, 15, 23), utc(2026, 1, 16, 1))
    assert event.organizer == "HDI New Jersey Chapter"
    assert event.is_online is False
    assert event.venue == Venue(
        name="Renaissance Woodbridge Hotel", address="515 US-1", city="Iselin", region="NJ",
        country="US",
    )  # fmt: skip
    assert "guests $20" in event.description


def test_guest_page_with_meta_tags_only(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    event = parse_event_page(page("event_guest_meta_only.html"), url=LOCAL, now=now)
    assert event.id == "linkedin:7144444444444444444"
    assert event.title == "Women in Cybersecurity NYC: Winter Mixer"
    assert event.description == "An evening of networking for women working in security. Cash bar."
    assert event.starts_at is None


def test_guest_page_with_broken_jsonld_falls_back_to_meta(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    html = page("event_guest_jsonld.html").replace('"@type":"Event",', '"@type":"Event",,,')
    event = parse_event_page(html, url=LOCAL, now=now)
    assert event.id == "linkedin:7133333333333333333"
    assert event.title == "Service Desk Leadership Roundtable"  # from the page's h1
    assert event.starts_at is None
    assert event.description.startswith("HDI New Jersey Chapter invites")


@pytest.mark.parametrize(
    "name",
    ["authwall.html", "checkpoint.html", "login.html", "empty_shell.html", "denied_999.html"],
)
def test_walls_are_not_events(frozen, name):
    now = frozen("2025-12-30T15:00:00+00:00")
    assert parse_event_page(page(name), url=LOCAL, now=now) is None


@pytest.mark.parametrize(
    "html", ["", "<html><body><h1>", "\x00\x01 not html", "<h1 data-event-id=''></h1>"]
)
def test_nonsense_is_none_not_a_crash(frozen, html):
    now = frozen("2025-12-30T15:00:00+00:00")
    assert parse_event_page(html, url="https://www.linkedin.com/feed/", now=now) is None


def test_truncated_page_keeps_what_it_has(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    html = page("event_en_US_in_person.html")
    cut = html[: html.index("location-marker")]
    event = parse_event_page(cut, url=LOCAL, now=now, viewer_tz="America/New_York")
    assert event.title == "Chapter Meeting: Agile at Scale in Regulated Industries"
    assert event.starts_at == utc(2026, 1, 8, 23)
    assert event.venue is None and event.attendee_count is None
