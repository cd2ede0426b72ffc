"""Flags for pages read by the real parsers: stored by a crawl, or sent by the extension."""

from __future__ import annotations

from datetime import UTC, datetime

from meetscout.classify import classify_event, classify_group
from meetscout.sources.jsonld import parse_jsonld_events
from meetscout.sources.linkedin import parse_event_page
from meetscout.sources.meetup_nextdata import parse_next_data
from tests.api.conftest import FIXTURES, LINKEDIN_PARSED
from tests.api.test_flags import flags


def test_events_a_crawl_stored_are_known_with_their_judgement(api, client):
    page = parse_next_data((FIXTURES / "meetup" / "nextdata_group_events_2026-11.json").read_text())
    with api.store() as store:
        stored = {e.id: store.get_event(e.id) for e in page.events}
    got = flags(client, *({"url": e.url + "?recId=x&recSource=event-search"} for e in page.events))
    assert len(got) == len(page.events) == 4
    for flag, event in zip(got, page.events, strict=True):
        assert flag["known"] is True
        assert flag["id"] == event.id
        assert flag["crowd"] == stored[event.id].assessment.crowd.value
        assert flag["reasons"] == stored[event.id].assessment.reasons
    # The fixture holds both crowds, so the labels differ.
    assert len({f["label"] for f in got}) > 1


def test_a_linkedin_event_a_crawl_stored_is_known_by_any_of_its_urls(client):
    got = flags(
        client,
        {"url": f"https://www.linkedin.com/events/agile-at-scale{LINKEDIN_PARSED}/theater/"},
        {"url": f"https://www.linkedin.com/events/{LINKEDIN_PARSED}/?trk=public_profile"},
    )
    assert [f["id"] for f in got] == [f"linkedin:{LINKEDIN_PARSED}"] * 2
    assert all(f["known"] for f in got)
    assert got[0]["title"] == "Chapter Meeting: Agile at Scale in Regulated Industries"


def test_an_unknown_meetup_page_is_read_from_its_next_data(client):
    html = (FIXTURES / "meetup" / "event_page_2026-11.html").read_text()
    url = "https://www.meetup.com/nyc-career-networking/events/316000005/"
    [flag] = flags(client, {"url": url, "next_data": html})  # no title: the parser finds it
    [event] = parse_next_data(html, url=url).events
    assert flag["known"] is False
    assert flag["id"] == "meetup:316000005"
    assert flag["title"] == "Women in Fintech Evening Networking"
    assert flag["starts_at"] is not None
    assert flag["crowd"] == classify_event(event).crowd.value


def test_an_unknown_chapter_page_is_read_from_its_json_ld(client):
    html = (FIXTURES / "meetup" / "jsonld_events.html").read_text()
    url = "https://isaca-nj.org/events/january-cpe-dinner/"
    [flag] = flags(client, {"url": url, "jsonld": html})
    event = next(e for e in parse_jsonld_events(html, url=url) if e.url == url)
    assert flag["known"] is False
    assert flag["title"] == event.title
    assert flag["crowd"] == classify_event(event).crowd.value


def test_an_unknown_linkedin_page_is_read_from_its_html(client):
    html = (FIXTURES / "linkedin" / "event_fr_FR_in_person.html").read_text()
    url = "https://www.linkedin.com/events/afterwork7135555555555555555/"
    [flag] = flags(client, {"url": url, "html": html})
    event = parse_event_page(
        html, url="https://www.linkedin.com/events/7135555555555555555/", now=datetime.now(UTC)
    )
    assert flag["known"] is False
    assert flag["id"] == "linkedin:7135555555555555555"
    assert flag["title"] == event.title == "Afterwork des chefs de projet – Paris"
    assert flag["crowd"] == classify_event(event).crowd.value


def test_an_unknown_group_page_is_judged_as_a_group(client):
    text = (FIXTURES / "meetup" / "nextdata_group_events_2023-08.json").read_text()
    [flag] = flags(client, {"url": "https://www.meetup.com/reactgirls/", "next_data": text})
    group = parse_next_data(text).group
    assert flag["subject"] == "group"
    assert flag["known"] is False
    assert flag["id"] == "meetup-group:reactgirls"
    assert flag["title"] == group.name
    assert flag["crowd"] == classify_group(group).crowd.value


def test_a_malformed_page_falls_back_to_what_the_card_showed(client):
    [flag] = flags(
        client,
        {
            "url": "https://www.meetup.com/some-group/events/318111111/",
            "next_data": '{"props": {"pageProps": {"__APOLLO_STATE__": [1, 2',
            "jsonld": "<script type='application/ld+json'>{not json</script>",
            "title": "Product Managers Breakfast",
        },
    )
    assert flag["known"] is False
    assert flag["title"] == "Product Managers Breakfast"
    assert flag["crowd"] is not None
