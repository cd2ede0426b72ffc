"""schema.org events on pages (JSON-LD, microdata), Wild Apricot's RSS, and finding feeds."""

from datetime import UTC, datetime

from meetscout.sources.calendars import (
    discover,
    parse_schema_events,
    parse_wild_apricot_rss,
    read_calendar,
)

from .conftest import NOW, by_title, fixture_text


def test_squarespace_event_with_offsets_written_without_a_colon():
    read = parse_schema_events(
        fixture_text("squarespace_event.html"),
        url="https://www.summit-ypn.example/events/young-professionals-happy-hour-oct",
    )
    [event] = read.events
    assert event.starts_at == datetime(2026, 10, 22, 21, 30, tzinfo=UTC)  # "-0400"
    assert event.venue.name == "The Office Tavern"
    assert read.group.name == "Summit County Young Professionals"
    assert event.group_id == read.group.id == "calendar:summit-ypn.example"
    assert event.source == "calendar"  # the chapter calendar's meeting, like its ICS entries


def test_eventbrite_organiser_page_is_the_organisers_group():
    url = "https://www.eventbrite.com/o/women-in-tech-north-jersey-30245752528"
    read = parse_schema_events(fixture_text("eventbrite_organizer.html"), url=url)
    assert read.group.id == "calendar:eventbrite.com/o/women-in-tech-north-jersey-30245752528"
    assert read.group.name == "Women in Tech North Jersey"
    night, clinic = read.events
    assert night.fee.free and night.venue.city == "Montclair"
    assert clinic.is_online is True


def test_microdata_events_with_relative_addresses_and_a_cancelled_one():
    url = "https://www.njshrm.example/events/"
    read = parse_schema_events(fixture_text("association_microdata.html"), url=url)
    [meeting] = read.events
    assert meeting.url == "https://www.njshrm.example/events/EventDetails.aspx?id=1812345"
    assert meeting.starts_at == datetime(2026, 11, 18, 22, 30, tzinfo=UTC)
    assert (meeting.venue.name, meeting.venue.city) == ("Hanover Marriott", "Whippany")
    assert len(read.cancelled) == 1  # "CANCELLED: December Breakfast Roundtable"


def test_wild_apricot_rss_pubdate_is_the_start_and_the_title_loses_its_date():
    read = parse_wild_apricot_rss(
        fixture_text("wildapricot_events.rss"),
        url="https://www.hudson-hr-association.example/events/RSS",
    )
    titles = by_title(read.events)
    breakfast = titles["October Chapter Breakfast: Pay Transparency Laws"][0]
    assert breakfast.starts_at == datetime(2026, 10, 21, 11, 30, tzinfo=UTC)
    assert breakfast.url == "https://www.hudson-hr-association.example/event-6512345"
    assert breakfast.venue.name == "Poughkeepsie Grand Hotel"
    assert read.group.name == "Hudson Valley HR Association"
    assert not read.warnings  # the feed gives no zone: its times are not second-guessed


def test_pages_and_rss_are_read_for_the_same_days_as_an_ics_feed():
    """As an iCalendar feed is: from a day ago to `days` ahead, whatever else the page lists."""
    organiser = fixture_text("eventbrite_organizer.html")
    url = "https://www.eventbrite.com/o/women-in-tech-north-jersey-30245752528"
    assert len(parse_schema_events(organiser, url=url).events) == 2  # 27 Oct and 5 Nov
    [night] = parse_schema_events(organiser, url=url, days=30).events
    assert night.starts_at.date().isoformat() == "2026-10-27"
    later = datetime(2026, 11, 1, tzinfo=UTC)  # the October meeting is over by then
    assert [e.title for e in parse_schema_events(organiser, url=url, now=later).events] == [
        "Resume Clinic for Tech Professionals (Online)"
    ]
    rss = fixture_text("wildapricot_events.rss")
    site = "https://www.hudson-hr-association.example/events/RSS"
    assert len(parse_wild_apricot_rss(rss, url=site).events) == 2  # 21 Oct and 9 Dec
    [breakfast] = parse_wild_apricot_rss(rss, url=site, days=30).events
    assert breakfast.starts_at == datetime(2026, 10, 21, 11, 30, tzinfo=UTC)
    # read_calendar passes the days on, whichever form the text is.
    assert len(read_calendar(rss, url=site, now=NOW, days=30).events) == 1


def test_read_calendar_tells_the_forms_apart():
    assert (
        read_calendar(fixture_text("gcal_rotary.ics"), url="https://x.example/a.ics", now=NOW).kind
        == "ics"
    )
    assert (
        read_calendar(
            fixture_text("tribe_api_page2.json"),
            url="https://x.example/wp-json/tribe/events/v1/events",
        ).kind
        == "tribe"
    )
    assert (
        read_calendar(
            fixture_text("wildapricot_events.rss"), url="https://x.example/events/RSS"
        ).kind
        == "wild_apricot"
    )
    page = read_calendar(fixture_text("home_plain.html"), url="https://x.example/about/")
    assert page.kind == "schema.org" and not page.events


def found(name, url, headers=None):
    return [(f.kind, f.url, f.how) for f in discover(fixture_text(name), url=url, headers=headers)]


def test_discovery_on_an_events_calendar_site_prefers_its_api():
    url = "https://www.riverside-chamber.example/"
    assert found("home_tribe.html", url) == [
        (
            "tribe",
            "https://www.riverside-chamber.example/wp-json/tribe/events/v1/events",
            'The Events Calendar on a WordPress site (<link rel="https://api.w.org/">)',
        ),
        (
            "ics",
            "https://www.riverside-chamber.example/events/?ical=1",
            '<link rel="alternate" type="text/calendar"> in the page',
        ),
    ]
    header = found(
        "home_plain.html",
        url,
        {"X-TEC-API-ROOT": "https://www.riverside-chamber.example/wp-json/tribe/events/v1/"},
    )
    assert header == [
        (
            "tribe",
            "https://www.riverside-chamber.example/wp-json/tribe/events/v1/events",
            "the x-tec-api-root answer header",
        )
    ]


def test_discovery_of_a_google_embed_and_a_webcal_link():
    assert found("home_gcal.html", "https://www.springfield-rotary.example/") == [
        (
            "ics",
            "https://calendar.google.com/calendar/ical/c_8f2a1e0b9d%40group.calendar.google.com/public/basic.ics",
            "a Google Calendar embedded in the page",
        ),
        (
            "ics",
            "https://www.springfield-rotary.example/calendar/club.ics",
            "a link to webcal://www.springfield-rotary.example/calendar/club.ics",
        ),
    ]


def test_discovery_of_wild_apricot_and_of_events_in_the_page_itself():
    wa = found("home_wildapricot.html", "https://www.hudson-hr-association.example/")
    assert [(k, u) for k, u, _ in wa] == [
        (
            "wild_apricot",
            "https://www.hudson-hr-association.example/page-1856786/EventModule/7161113/RSS",
        ),
        ("wild_apricot", "https://www.hudson-hr-association.example/events/RSS"),
    ]
    page = "https://www.summit-ypn.example/events/x"
    assert found("squarespace_event.html", page) == [
        ("page", page, "schema.org events in the page itself")
    ]
    assert found("home_plain.html", "https://summit-alumni.example/about/") == []
    assert found("login_page.html", "https://x.example/Sys/Login") == []
