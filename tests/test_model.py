from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from meetscout.identify import canonical_url, ical_event_id
from meetscout.model import Event
from tests.conftest import make_event


def test_times_are_stored_as_utc():
    local = datetime(2026, 3, 8, 18, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert make_event(starts_at=local).starts_at.isoformat() == "2026-03-08T22:00:00+00:00"


def test_naive_times_and_unknown_zones_are_refused():
    with pytest.raises(ValidationError, match="time zone"):
        make_event(starts_at=datetime(2026, 3, 8, 18, 0))
    with pytest.raises(ValidationError, match="IANA"):
        make_event(timezone="Mars/Olympus")


def test_blank_title_is_refused():
    with pytest.raises(ValidationError):
        Event(id="meetup:1", source="meetup", url="https://www.meetup.com/", title="  ")


def test_canonical_url_strips_tracking():
    url = "https://WWW.meetup.com/hdi-nj/events/300000001?recId=abc&eventOrigin=find_page$all&utm_source=x#top"
    assert canonical_url(url) == "https://www.meetup.com/hdi-nj/events/300000001/"
    assert canonical_url("https://x.org/cal?page=2") == "https://x.org/cal/?page=2"
    with pytest.raises(ValueError):
        canonical_url("not a url")


def test_ical_id_is_stable():
    assert ical_event_id("abc@x.org") == ical_event_id(" abc@x.org ")
    assert ical_event_id("abc@x.org").startswith("ical:")
