from datetime import UTC, datetime

import pytest

from meetscout.sources.meetup_rss import parse_rss
from tests.sources.conftest import fixture_text


def test_event_date_comes_from_the_description_not_pubdate():
    errors = []
    events = {
        e.id: e
        for e in parse_rss(
            fixture_text("rss_group.xml"), timezone="America/New_York", errors=errors
        )
    }
    panel = events["meetup:283500001"]
    # Published 1 Feb 2022; "Thursday, March 17 at 7:00 PM" is 17 March 2022 (EDT from 13 March).
    assert panel.starts_at == datetime(2022, 3, 17, 23, 0, tzinfo=UTC)
    assert panel.group_name == "HDI New Jersey Chapter"
    assert panel.attendee_count == 34
    assert panel.venue.name.startswith("Hilton Woodbridge")
    assert panel.description == (
        "Panel of service management leaders on careers in ITSM. Dinner included; guests welcome."
    )
    # Published in December 2021, a Thursday January 6 is in 2022.
    social = events["meetup:283500002"]
    assert social.starts_at == datetime(2022, 1, 6, 23, 0, tzinfo=UTC)
    assert social.url == "https://www.meetup.com/hdi-new-jersey/events/283500002/"
    assert social.attendee_count == 12
    assert errors == ["RSS item ?: no Meetup event URL in link or guid"]


def test_without_a_zone_there_is_no_start_time_rather_than_a_wrong_one():
    events = parse_rss(fixture_text("rss_group.xml"))
    assert [e.starts_at for e in events] == [None, None]


def test_not_rss_is_an_error():
    with pytest.raises(ValueError, match="not an RSS feed"):
        parse_rss("<html><body>Login</body></html>")
