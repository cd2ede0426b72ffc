"""The small parts the Meetup spiders rely on: walls, back-off, merging feed and page."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from meetscout.spiders.meetup_base import meetup_base_url, merge_events
from meetscout.spiders.middlewares import retry_after_seconds

from meetscout.model import Fee, Status, Venue
from meetscout.sources.meetup_blocks import detect_blocked, group_not_found
from tests.conftest import make_event

LOGIN_FORM = '<html><form><input type="password" name="password"></form></html>'


def test_walls_are_named_and_data_is_not():
    assert "login page" in detect_blocked(200, "https://www.meetup.com/login/?returnUri=x", "")
    assert "login form" in detect_blocked(200, "https://www.meetup.com/x/events/", LOGIN_FORM)
    assert "HTTP 403" in detect_blocked(403, "https://www.meetup.com/x/events/", "")
    assert "captcha" in detect_blocked(200, "https://www.meetup.com/x/", "Please solve the CAPTCHA")
    page = '<script id="__NEXT_DATA__">{}</script><input type="password">'
    assert detect_blocked(200, "https://www.meetup.com/x/events/", page) is None
    assert detect_blocked(200, "https://www.meetup.com/x/events/ical/", "BEGIN:VCALENDAR") is None


def test_group_not_found_needs_the_404_and_the_message():
    assert group_not_found(404, '{"message":"Group not found"}')
    assert not group_not_found(404, "<html>Not found</html>")
    assert not group_not_found(200, '{"message":"Group not found"}')


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after_seconds(b"7") == 7.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= retry_after_seconds(later) <= 31
    assert retry_after_seconds(None) is None and retry_after_seconds(b"soon") is None


def test_page_fills_in_the_feed_but_never_with_a_cut_text():
    feed = make_event(1, description="Whole text from the feed.", venue=None, fee=None)
    page = make_event(1, description="Whole text from the f...", venue=Venue(name="Hilton"),
                      fee=Fee(free=True), status=Status.cancelled)  # fmt: skip
    merged = merge_events(feed, page)
    assert merged.description == "Whole text from the feed."
    assert merged.venue.name == "Hilton" and merged.fee.free
    assert merged.status == Status.cancelled


def test_base_url_from_argument_environment_or_default(monkeypatch):
    monkeypatch.setenv("MEETSCOUT_CONFIG", "/nonexistent/meetscout.toml")
    monkeypatch.delenv("MEETSCOUT_MEETUP_BASE_URL", raising=False)
    assert meetup_base_url() == "https://www.meetup.com"
    monkeypatch.setenv("MEETSCOUT_MEETUP_BASE_URL", "http://127.0.0.1:9/")
    assert meetup_base_url() == "http://127.0.0.1:9"
    assert meetup_base_url("http://localhost:8000") == "http://localhost:8000"
