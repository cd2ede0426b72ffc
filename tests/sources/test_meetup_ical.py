from datetime import UTC, datetime

import pytest

from meetscout.model import Status
from meetscout.sources.meetup_ical import needs_page, parse_ical
from tests.sources.conftest import FIXTURES, fixture_text


def by_id(events):
    return {e.id: e for e in events}


def test_fixtures_keep_crlf_and_folded_lines():
    text = fixture_text("ical_remoteapi_2022-12.ics")
    assert "\r\n " in text  # folded continuation lines
    assert "\n" not in text.replace("\r\n", "")


def test_remoteapi_2022_feed_reads_every_entry_with_its_own_group():
    events = by_id(parse_ical(fixture_text("ical_remoteapi_2022-12.ics")))
    assert len(events) == 12
    talk = events["meetup:290090877"]
    assert talk.url == "https://www.meetup.com/amsterdam-ai-developers-group/events/290090877/"
    # A network calendar: each entry names its own group in its first description line.
    assert talk.group_id == "meetup-group:amsterdam-ai-developers-group"
    assert talk.group_name == "Amsterdam AI Developers Group"
    assert talk.starts_at == datetime(2022, 12, 6, 17, 0, tzinfo=UTC)
    assert talk.timezone == "Europe/Amsterdam"
    # "Online event" is no place, but says the meeting is online; its GEO is the group's city.
    assert talk.is_online is True and talk.venue is None
    # The feed's date line and trailing URL are not part of the description.
    assert not talk.description.startswith("Amsterdam AI")
    assert "https://www.meetup.com/amsterdam-ai-developers-group" not in talk.description


def test_remoteapi_location_is_split_into_name_address_and_city():
    drinks = by_id(parse_ical(fixture_text("ical_remoteapi_2022-12.ics")))["meetup:288006255"]
    assert drinks.venue.name == "Hoofdgebouw"
    assert drinks.venue.address == "De Boelelaan 1105, Amsterdam, NH, Netherlands 1081 HV"
    assert (drinks.venue.city, drinks.venue.region) == ("Amsterdam", "NH")
    assert (drinks.venue.lat, drinks.venue.lon) == (52.36, 4.88)
    assert drinks.is_online is False


def test_truncated_description_and_missing_place_ask_for_the_event_page():
    events = by_id(parse_ical(fixture_text("ical_remoteapi_dst_2022-03.ics")))
    chapter = events["meetup:283900101"]
    assert chapter.description.endswith("fro...")
    assert needs_page(chapter)
    online = events["meetup:283900102"]
    assert online.description == "Weekly study group online." and not needs_page(online)
    borrel = events["meetup:283900103"]  # LOCATION:NA is no venue
    assert borrel.venue is None and borrel.is_online is None and needs_page(borrel)


def test_daylight_saving_change_between_two_entries_europe():
    events = by_id(parse_ical(fixture_text("ical_remoteapi_dst_2022-03.ics")))
    # Amsterdam moved to summer time on 27 March 2022: 18:30 local is 17:30 UTC before, 16:30 after.
    assert events["meetup:283900101"].starts_at == datetime(2022, 3, 24, 17, 30, tzinfo=UTC)
    assert events["meetup:283900103"].starts_at == datetime(2022, 4, 7, 16, 30, tzinfo=UTC)


def test_calendar_2026_feed_with_header_lines_after_the_events():
    events = parse_ical(fixture_text("ical_calendar_2026-08.ics"))
    assert [e.id for e in events] == ["meetup:315642404", "meetup:315642418"]
    first = events[0]
    assert first.url == "https://www.meetup.com/startup-valley/events/315642404/"
    assert first.group_id == "meetup-group:startup-valley"
    assert first.group_name == "Startups & Tech Events in NY"
    # The description is only the group's name: no description, and no place in this era.
    assert first.description is None and first.venue is None and first.is_online is None
    assert first.starts_at == datetime(2026, 8, 19, 22, 0, tzinfo=UTC)
    assert needs_page(first)


def test_daylight_saving_change_new_york_2026():
    events = by_id(parse_ical(fixture_text("ical_calendar_dst_2026.ics")))
    # 6 PM in New York is 22:00 UTC before 1 November 2026 and 23:00 UTC after it.
    assert events["meetup:311000101"].starts_at == datetime(2026, 10, 29, 22, 0, tzinfo=UTC)
    assert events["meetup:311000102"].starts_at == datetime(2026, 11, 5, 23, 0, tzinfo=UTC)
    assert {e.timezone for e in events.values()} == {"America/New_York"}
    # X-ORIGINAL-URL after the events still names the group.
    assert events["meetup:311000102"].group_name == "HDI New Jersey Chapter"


def test_full_markdown_description_is_unescaped():
    meeting = by_id(parse_ical(fixture_text("ical_calendar_dst_2026.ics")))["meetup:311000101"]
    assert "- 6:00 PM networking and dinner" in meeting.description
    assert "guests $25. First visit free for job seekers." in meeting.description
    assert "\\" not in meeting.description


def test_cancelled_by_status_or_by_title():
    events = by_id(parse_ical(fixture_text("ical_calendar_dst_2026.ics")))
    assert events["meetup:311000103"].status == Status.cancelled  # STATUS:CANCELLED
    assert events["meetup:311000104"].status == Status.cancelled  # "POSTPONED - …"
    assert events["meetup:311000101"].status == Status.scheduled


def test_lf_only_feed_reads_the_same():
    crlf = parse_ical(fixture_text("ical_calendar_dst_2026.ics"))
    lf = parse_ical(fixture_text("ical_calendar_dst_2026.ics").replace("\r\n", "\n"))
    assert crlf == lf


def test_entry_without_any_id_is_reported_and_the_rest_kept():
    text = (
        fixture_text("ical_calendar_dst_2026.ics")
        .replace("UID:event_311000102@meetup.com", "UID:something-else@example.org")
        .replace("URL;VALUE=URI:https://www.meetup.com/hdi-new-jersey/events/311000102/\r\n", "")
    )
    errors = []
    events = parse_ical(text, errors=errors)
    assert len(events) == 3
    assert errors == ["feed entry something-else@example.org: no Meetup event id in its UID or URL"]


def test_urlname_fills_in_for_an_entry_with_only_a_uid():
    text = fixture_text("ical_calendar_dst_2026.ics").replace(
        "URL;VALUE=URI:https://www.meetup.com/hdi-new-jersey/events/311000102/\r\n", ""
    )
    event = by_id(parse_ical(text, urlname="hdi-new-jersey"))["meetup:311000102"]
    assert event.url == "https://www.meetup.com/hdi-new-jersey/events/311000102/"


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><title>Login to Meetup</title></html>",
        '{"message":"Group not found"}',
        "",
    ],
)
def test_not_a_calendar_is_an_error_not_an_empty_feed(text):
    with pytest.raises(ValueError, match="not an iCalendar feed"):
        parse_ical(text)


def test_calendar_name_given_twice_names_the_group_once():
    # A real 2026 feed repeats X-WR-CALNAME after its events, without a final line break;
    # the group was named "[vUnknown(b'…'), vUnknown(b'…')]".
    path = FIXTURES.parent / "calendars" / "meetup_group.ics"
    events = parse_ical(path.read_text(encoding="utf-8"))
    assert [e.id for e in events] == ["meetup:312400101", "meetup:312400102"]
    # The first entry's description is only the group's name, so the feed names its group.
    assert events[1].description.startswith("Talk and networking")
    assert events[0].description is None
    assert events[0].group_id == "meetup-group:gs-service-desk"
