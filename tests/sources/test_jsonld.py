from datetime import UTC, datetime

from meetscout.model import Status
from meetscout.sources.jsonld import parse_jsonld_events
from meetscout.sources.meetup_nextdata import parse_next_data
from tests.sources.conftest import fixture_text


def test_meetup_event_jsonld_gets_the_same_id_as_the_page_data():
    html = fixture_text("event_page_2026-11.html")
    (ld,) = parse_jsonld_events(html)
    (page,) = parse_next_data(html).events
    assert ld.id == page.id == "meetup:316000005"
    assert ld.source == "meetup"
    assert ld.venue.address == "115 W 18th St" and ld.is_online is False
    assert ld.fee.amount == 20.0 and ld.fee.currency == "USD"
    assert ld.organizer == "NYC Professional Networking & Careers"


def test_chapter_site_graph_education_event_virtual_and_postponed():
    errors = []
    events = {
        e.url: e for e in parse_jsonld_events(fixture_text("jsonld_events.html"), errors=errors)
    }
    dinner = events["https://isaca-nj.org/events/january-cpe-dinner/"]
    assert dinner.source == "jsonld" and dinner.id.startswith("jsonld:")
    assert dinner.starts_at == datetime(2027, 1, 21, 22, 30, tzinfo=UTC)
    assert dinner.venue.city == "Edison" and dinner.venue.country == "US"
    assert dinner.venue.lat == 40.5212
    assert dinner.fee.amount == 45.0  # the cheapest offer
    assert "members in transition free" in dinner.description and "<b>" not in dinner.description
    lunch = events["https://isaca-nj.org/events/virtual-lunch-ai/"]
    assert lunch.is_online is True and lunch.fee.free is True
    assert events["https://isaca-nj.org/events/spring-conference/"].status == Status.cancelled
    # The untitled event is reported; the Organization and the broken block are not events.
    assert len(events) == 3
    assert errors == ["JSON-LD event : title: Value error, an event needs a title"]


def test_ids_are_stable_across_parses():
    first = parse_jsonld_events(fixture_text("jsonld_events.html"))
    second = parse_jsonld_events(fixture_text("jsonld_events.html"))
    assert [e.id for e in first] == [e.id for e in second]


def test_page_without_jsonld_has_no_events():
    assert parse_jsonld_events("<html><body>nothing</body></html>") == []
