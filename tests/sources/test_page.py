"""meetscout.sources.page: a page the extension sends, read by the real parsers or its card."""

from __future__ import annotations

from pathlib import Path

from meetscout.sources.page import event_from_page, group_from_page, page_id

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_next_data_of_an_event_page_gives_that_event():
    html = (FIXTURES / "meetup" / "event_page_2026-11.html").read_text()
    event = event_from_page(
        "https://www.meetup.com/nyc-career-networking/events/316000005/?recId=1", next_data=html
    )
    assert event.id == "meetup:316000005"
    assert event.title == "Women in Fintech Evening Networking"
    assert event.starts_at is not None


def test_a_list_page_gives_only_the_event_the_url_names():
    text = (FIXTURES / "meetup" / "nextdata_group_events_2026-11.json").read_text()
    url = "https://www.meetup.com/nyc-career-networking/events/316000002/"
    assert event_from_page(url, next_data=text).id == "meetup:316000002"
    other = "https://www.meetup.com/nyc-career-networking/events/399999999/"
    assert event_from_page(other, next_data=text) is None


def test_the_card_is_the_fallback():
    event = event_from_page(
        "https://www.meetup.com/hdi-nj/events/305000001/",
        title="  HDI NJ   chapter meeting | Meetup ",
        text="Dinner and a speaker.",
        group_name="HDI New Jersey",
    )
    assert event.id == "meetup:305000001"
    assert event.title == "HDI NJ chapter meeting"
    assert event.group_id == "meetup-group:hdi-nj"
    assert event.description == "Dinner and a speaker."
    only_text = event_from_page("https://www.meetup.com/x/events/1/", text="\n\n First line \nmore")
    assert only_text.title == "First line"


def test_pages_that_are_not_one_meeting():
    assert event_from_page("https://www.meetup.com/hdi-nj/", title="HDI NJ") is None
    assert event_from_page("https://www.meetup.com/find/?keywords=x", title="Find") is None
    assert event_from_page("https://www.meetup.com/hdi-nj/events/305000001/") is None


def test_other_sites_get_a_page_id():
    event = event_from_page("https://isaca-nj.org/events/dinner?utm_source=x", title="CPE dinner")
    assert event.source == "page"
    assert event.url == "https://isaca-nj.org/events/dinner/"
    assert event.id == page_id("https://isaca-nj.org/events/dinner/")


def test_linkedin_html_sent_as_text_is_parsed():
    html = (FIXTURES / "linkedin" / "event_en_US_in_person.html").read_text()
    event = event_from_page("https://www.linkedin.com/events/7123456789012345678/", text=html)
    assert event.title == "Chapter Meeting: Agile at Scale in Regulated Industries"
    assert event.description is None or "<" not in event.description


def test_group_pages():
    text = (FIXTURES / "meetup" / "nextdata_group_events_2023-08.json").read_text()
    group = group_from_page("https://www.meetup.com/reactgirls/events/", next_data=text)
    assert group.id == "meetup-group:reactgirls"
    fallback = group_from_page("https://www.meetup.com/hdi-nj/", title="HDI New Jersey | Meetup")
    assert fallback.name == "HDI New Jersey"
    assert group_from_page("https://www.meetup.com/hdi-nj/events/1/", title="x") is None
