"""Event search result cards: 2021 and current shapes, English, German and French."""

from datetime import UTC, datetime

from meetscout.sources.linkedin import parse_search_results

from .conftest import page


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def by_id(events):
    return {e.id.split(":")[1][-3:]: e for e in events}


def test_2021_cards_in_english(frozen):
    now = frozen("2021-08-10T12:00:00+00:00")  # a Tuesday
    events = parse_search_results(
        page("search_2021_en_GB.html"), now=now, viewer_tz="Europe/London"
    )
    assert [e.id for e in events] == [
        "linkedin:6829000000000000001", "linkedin:6829000000000000002", "linkedin:6829000000000000003",
    ]  # fmt: skip
    today, india, summit = events
    assert today.title == "Product People London: Summer Social"
    assert today.url == "https://www.linkedin.com/events/6829000000000000001/"
    assert today.starts_at == utc(2021, 8, 10, 16)  # "Today, 5:00 PM BST"
    assert today.attendee_count == 13
    assert today.organizer == "Mind the Product"
    assert today.venue.name == "London" and today.is_online is False
    # "Thu, Aug 12, 7:30 PM IST" for a London viewer: India's IST.
    assert india.starts_at == utc(2021, 8, 12, 14)
    assert india.url == "https://www.linkedin.com/events/6829000000000000002/"  # slug and trk gone
    assert india.attendee_count == 89
    # "Wed, Aug 11 - Thu, Aug 12": whole days in the viewer's zone.
    assert (summit.starts_at, summit.ends_at) == (utc(2021, 8, 10, 23), utc(2021, 8, 12, 23))
    assert summit.is_online is True and summit.venue is None
    assert summit.attendee_count == 1204


def test_current_cards_in_english_around_new_year(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    events = parse_search_results(
        page("search_current_en_US.html"), now=now, viewer_tz="America/New_York"
    )
    # The company card is skipped; the repeated card counts once.
    assert [e.id for e in events] == [
        "linkedin:7140000000000000001", "linkedin:7140000000000000002", "linkedin:7140000000000000003",
    ]  # fmt: skip
    demo, workshop, mixer = events
    assert demo.title == "NY Tech Meetup: January Demo Night"  # not the screen-reader copy
    assert demo.starts_at == utc(2026, 1, 3, 15)  # "Sat, Jan 3, 10:00 AM EST" read in December
    assert demo.organizer == "NY Tech Alliance"
    assert demo.venue.name == "New York" and demo.is_online is False
    assert demo.attendee_count == 13
    assert workshop.starts_at == utc(2025, 12, 30, 23, 30)  # "Today, 6:30 PM EST"
    assert workshop.is_online is True
    assert workshop.organizer == "Career Transition Network of New Jersey"
    assert workshop.attendee_count == 87
    assert (mixer.starts_at, mixer.ends_at) == (utc(2025, 12, 31, 5), utc(2026, 1, 2, 5))
    assert mixer.attendee_count == 2  # "Jane Doe and John Roe are attending"
    assert mixer.organizer is None


def test_current_cards_in_german(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    events = by_id(
        parse_search_results(page("search_current_de_DE.html"), now=now, viewer_tz="Europe/Berlin")
    )
    stammtisch, training, cloud = events["001"], events["002"], events["003"]
    assert stammtisch.starts_at == utc(2026, 1, 8, 18, 30)  # "Do., 8. Jan., 19:30 MEZ"
    assert stammtisch.attendee_count == 308  # "… und 307 weitere Personen nehmen teil"
    assert stammtisch.organizer == "ISACA Germany Chapter e.V."
    assert stammtisch.venue.name == "Frankfurt am Main"
    assert training.starts_at == utc(2025, 12, 30, 16)  # "Heute, 17:00 MEZ"
    assert training.attendee_count == 1 and training.is_online is True
    assert (cloud.starts_at, cloud.ends_at) == (utc(2026, 1, 13, 23), utc(2026, 1, 15, 23))
    assert cloud.is_online is True and cloud.attendee_count == 1234


def test_current_cards_in_french(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    events = by_id(
        parse_search_results(page("search_current_fr_FR.html"), now=now, viewer_tz="Europe/Paris")
    )
    pmi, atelier = events["001"], events["002"]
    assert pmi.title == "Rencontre PMI France : l'agilité à grande échelle"
    assert pmi.starts_at == utc(2026, 1, 6, 17, 30)
    assert pmi.organizer == "PMI France" and pmi.attendee_count == 46
    assert atelier.starts_at == utc(2025, 12, 30, 11)  # "Aujourd’hui, 12:00"
    assert atelier.is_online is True and atelier.attendee_count == 156


def test_unknown_card_markup_still_yields_events(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    html = (
        page("search_current_en_US.html")
        .replace("data-chameleon-result-urn", "data-x-urn")
        .replace("search-entity-result-universal-template", "something-new")
    )
    events = parse_search_results(html, now=now, viewer_tz="America/New_York")
    assert [e.id[-3:] for e in events] == ["001", "002", "003"]
    assert events[0].starts_at == utc(2026, 1, 3, 15)


def test_pages_without_cards(frozen):
    now = frozen("2025-12-30T15:00:00+00:00")
    for name in ("authwall.html", "login.html", "empty_shell.html", "event_en_US_in_person.html"):
        html = page(name)
        found = parse_search_results(html, now=now, viewer_tz="UTC")
        assert all(e.id != "linkedin:7123456789012345678" for e in found)
    assert parse_search_results("", now=now) == []
