"""A feed and a page name one meeting with one id, so the store keeps one row for it."""

from meetscout.sources.meetup_fields import event_ref
from meetscout.sources.meetup_ical import parse_ical
from meetscout.sources.meetup_nextdata import parse_next_data
from meetscout.sources.text import decode_js_escapes, says_called_off, unescape_markdown
from tests.sources.conftest import fixture_text

FEED = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Meetup//Meetup Calendar 1.0//EN\r
NAME:NYC Professional Networking & Careers\r
BEGIN:VEVENT\r
UID:event_316000005@meetup.com\r
DTSTART;TZID=America/New_York:20270311T180000\r
SUMMARY:Women in Fintech Evening Networking\r
DESCRIPTION:NYC Professional Networking & Careers\r
URL;VALUE=URI:https://www.meetup.com/nyc-career-networking/events/316000005/?recId=1&eventOrigin=x\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_feed_entry_and_event_page_share_one_id_and_one_row(store):
    (from_feed,) = parse_ical(FEED)
    (from_page,) = parse_next_data(fixture_text("event_page_2026-11.html")).events
    assert from_feed.id == from_page.id == "meetup:316000005"
    assert from_feed.url == from_page.url
    assert from_feed.starts_at == from_page.starts_at
    first = store.upsert_events([from_feed])
    second = store.upsert_events([from_page])
    assert (first.new, second.new, second.updated) == (1, 0, 1)
    assert store.count("events") == 1
    assert store.get_event("meetup:316000005").fee.amount == 20.0


def test_ids_from_uid_url_and_raw_ids_agree():
    by_url = event_ref("https://www.meetup.com/x/events/316000005/?recId=9")
    by_chp = event_ref(None, "316000005!chp", "x")
    assert by_url == by_chp
    assert event_ref("http://127.0.0.1:8000/x/events/316000005/").url == by_url.url


def test_feed_paths_are_not_event_ids():
    # Regression: /<group>/events/ical/ was read as an event with id "ical".
    assert event_ref("https://www.meetup.com/hdi-new-jersey/events/ical/") is None
    assert event_ref("https://www.meetup.com/hdi-new-jersey/events/rss/") is None


def test_text_helpers():
    assert decode_js_escapes("A \\u0026 B \\ud83c\\uddec") == "A & B \U0001f1ec"
    assert unescape_markdown("cloud\\-native\\, etc\\.") == "cloud-native, etc."
    assert says_called_off("CANCELLED: breakfast") and says_called_off("[Postponed] Mixer")
    assert not says_called_off("How we cancelled our legacy ERP")
