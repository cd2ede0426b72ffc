"""ICS feeds of every maker, with the habits of real chapter feeds (see the fixtures' README)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from meetscout.model import Status
from meetscout.sources.calendars import MAX_EVENTS, NotACalendar, parse_ics
from meetscout.sources.calendars.common import entry_id, tribe_key

from .conftest import NOW, by_title, fixture_text

GCAL = "https://calendar.google.com/calendar/ical/c_8f2a1e0b9d%40group.calendar.google.com/public/basic.ics"
TRIBE = "https://www.riverside-chamber.example/events/?ical=1"


def rotary():
    return parse_ics(fixture_text("gcal_rotary.ics"), url=GCAL, now=NOW)


def club_meetings(read):
    return sorted(e.starts_at for e in read.events if e.title.startswith("Club Meeting"))


def test_google_feed_is_one_group_named_by_the_calendar():
    read = rotary()
    assert read.group.name == "Springfield Rotary Master Calendar"
    assert (
        read.group.id
        == "calendar:calendar.google.com/calendar/ical/c_8f2a1e0b9d%40group.calendar.google.com/public/basic.ics"
    )
    assert read.group.timezone == "America/New_York"
    assert all(e.group_id == read.group.id for e in read.events)
    assert not read.problems


def test_a_utc_series_repeats_at_the_same_utc_instant_across_the_clock_change():
    # DTSTART:20260806T163000Z RRULE:FREQ=WEEKLY in a calendar named for New York: 16:30 UTC is
    # 12:30 EDT in October and 11:30 EST in November (RFC 5545); the feed's own override for
    # 26 November (RECURRENCE-ID:20261126T163000Z) confirms it.
    starts = club_meetings(rotary())
    assert datetime(2026, 11, 5, 16, 30, tzinfo=UTC) in starts
    assert datetime(2026, 12, 3, 16, 30, tzinfo=UTC) in starts
    thursdays = [s for s in starts if s.weekday() == 3 and s.hour < 20]
    assert {(s.hour, s.minute) for s in thursdays} == {(16, 30)}  # never 17:30 in winter


def test_recurrence_library_local_wall_time_option_would_move_the_series():
    # Why the parser builds its query itself: recurring_ical_events.of() applies X-WR-TIMEZONE.
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(fixture_text("gcal_rotary.ics"))
    day = datetime(2026, 12, 3, tzinfo=UTC)
    moved = [
        o["DTSTART"].dt.astimezone(UTC)
        for o in recurring_ical_events.of(calendar).between(day, day + timedelta(days=1))
    ]
    assert moved == [datetime(2026, 12, 3, 17, 30, tzinfo=UTC)]


def test_exdate_rdate_and_overrides_that_move_or_retitle_one_occurrence():
    read = rotary()
    starts = club_meetings(read)
    assert datetime(2026, 12, 24, 16, 30, tzinfo=UTC) not in starts  # EXDATE
    assert datetime(2026, 12, 16, 23, 0, tzinfo=UTC) in starts  # RDATE
    titles = by_title(read.events)
    mayor = titles["Club Meeting: the Mayor on downtown redevelopment"][0]
    assert mayor.starts_at == datetime(2026, 10, 22, 16, 30, tzinfo=UTC)
    moved = titles["Evening Club Meeting & Member Social"][0]
    assert moved.starts_at == datetime(2026, 10, 29, 22, 30, tzinfo=UTC)
    assert moved.venue.name == "Springfield Brewing Co."
    # A moved occurrence keeps the id of the occurrence it replaces.
    uid = "5C081BCA-A3EB-4177-B5A7-7A732B16A3DB"
    assert moved.id == entry_id(f"uid:{uid}/20261029T163000Z")
    assert mayor.id == entry_id(f"uid:{uid}/20261022T163000Z")


def test_no_club_meeting_notices_cancel_what_they_replace_and_are_not_stored():
    read = rotary()
    assert not [e for e in read.events if "NO CLUB MEETING" in e.title.upper()]
    uid = "5C081BCA-A3EB-4177-B5A7-7A732B16A3DB"
    replaced = {
        "20261015T163000Z",  # an override retitled NO CLUB MEETING
        "20261126T163000Z",  # the same, after the clock change
        "20261231T163000Z",  # an all-day "NO CLUB MEETING - New Year's Eve"
        "20270107T163000Z",  # a whole weekly series of NO CLUB MEETING
        "20270114T163000Z",
        "20270121T163000Z",
    }
    assert {entry_id(f"uid:{uid}/{r}") for r in replaced} <= read.cancelled
    starts = club_meetings(read)
    for day in (date(2026, 10, 15), date(2026, 11, 26), date(2026, 12, 31), date(2027, 1, 14)):
        assert day not in {s.date() for s in starts}
    assert datetime(2027, 1, 28, 16, 30, tzinfo=UTC) in starts  # the series resumes


def test_history_outside_the_window_is_left_out():
    read = rotary()
    assert all(e.starts_at >= NOW - timedelta(days=1) for e in read.events)
    assert all(e.starts_at <= NOW + timedelta(days=120) for e in read.events)
    assert "District Assembly" not in by_title(read.events)  # 2012
    assert len(read.events) == 14


def test_all_day_entries_events_without_an_end_and_html_descriptions():
    titles = by_title(rotary().events)
    conference = titles["District Conference"][0]  # VALUE=DATE, two days
    assert conference.starts_at == datetime(2026, 11, 6, 5, 0, tzinfo=UTC)  # midnight in New York
    assert conference.ends_at == datetime(2026, 11, 8, 5, 0, tzinfo=UTC)
    gala = titles["Foundation Gala"][0]
    assert gala.ends_at is None
    assert "<" not in gala.description and "Foundation Gala" in gala.description
    assert gala.venue.name == "The Manor" and gala.venue.address.startswith("111 Prospect Ave")


def test_tribe_feed_on_a_site_left_on_utc_keeps_the_feeds_time_and_warns():
    read = parse_ics(fixture_text("tribe_chamber.ics"), url=TRIBE, now=NOW)
    social = by_title(read.events)["Riverside Area Chamber Monthly Business Social"][0]
    assert social.starts_at == datetime(2026, 10, 8, 5, 30, tzinfo=UTC)
    assert social.timezone == "UTC"
    assert len(read.warnings) == 2
    assert "listed at 05:30 UTC but its description says 5:30 PM" in read.warnings[0]


def test_tribe_ids_key_on_the_post_id_never_on_the_uids_times():
    text = fixture_text("tribe_chamber.ics")
    first = by_title(parse_ics(text, url=TRIBE, now=NOW).events)
    social = first["Riverside Area Chamber Monthly Business Social"][0]
    assert social.id == entry_id(tribe_key("www.riverside-chamber.example", 2498))
    # The meeting moves a week: new times, new epochs in its UID; the same row.
    moved_text = text.replace("20261008T", "20261015T").replace(
        "2498-1791480600-1791487800", "2498-1792085400-1792092600"
    )
    moved = by_title(parse_ics(moved_text, url=TRIBE, now=NOW).events)
    again = moved["Riverside Area Chamber Monthly Business Social"][0]
    assert again.id == social.id
    assert again.starts_at == datetime(2026, 10, 15, 5, 30, tzinfo=UTC)


def test_cancelled_title_cancels_the_post_and_month_long_entries_are_kept():
    read = parse_ics(fixture_text("tribe_chamber.ics"), url=TRIBE, now=NOW)
    assert entry_id(tribe_key("www.riverside-chamber.example", 2540)) in read.cancelled
    assert "CANCELLED – Monthly Membership Luncheon" not in by_title(read.events)
    month = by_title(read.events)["Shop Local Month"][0]
    assert month.ends_at - month.starts_at == timedelta(days=30)
    assert read.group.id == "calendar:riverside-chamber.example"  # from X-ORIGINAL-URL


def test_a_vtimezone_covering_only_a_few_years_yields_to_the_iana_name():
    # The feed's VTIMEZONE stops in 2025; October 2026 in New York is still summer time.
    read = parse_ics(
        fixture_text("tribe_chapter.ics"),
        url="https://www.gs-project-chapter.example/events/?ical=1",
        now=NOW,
    )
    meeting = by_title(read.events)["October Chapter Meeting: Agile Contracts in Practice"][0]
    assert meeting.starts_at == datetime(2026, 10, 20, 22, 0, tzinfo=UTC)
    reception = by_title(read.events)["Holiday Networking Reception"][0]
    assert reception.ends_at is None  # no DTEND
    assert reception.description.startswith("Join fellow project professionals")


def test_a_bom_and_text_served_as_plain_text_read_alike():
    text = fixture_text("tribe_chapter.ics")
    assert text.startswith("\ufeff")
    assert len(parse_ics(text, url="https://x.example/feed.ics", now=NOW).events) == 2


def test_outlook_windows_zone_names_monthly_series_with_exdate_and_a_moved_occurrence():
    read = parse_ics(
        fixture_text("outlook_published.ics"),
        url="https://outlook.office365.com/owa/calendar/abc/def/calendar.ics",
        now=NOW,
    )
    lunches = [e for e in read.events if e.title.startswith("Chapter Lunch")]
    assert [e.starts_at for e in lunches] == [
        datetime(2026, 10, 13, 16, 0, tzinfo=UTC),  # noon EDT
        datetime(2026, 11, 17, 17, 0, tzinfo=UTC),  # moved from 10 Nov, noon EST
        datetime(2027, 1, 12, 17, 0, tzinfo=UTC),  # 8 Dec was an EXDATE
    ]
    assert all(e.timezone == "America/New_York" for e in lunches)
    conference = by_title(read.events)["Fall Conference (virtual)"][0]
    assert conference.is_online is True
    assert read.group.name == "North Jersey IT Auditors Chapter Events"


def test_meetup_feed_keeps_meetup_ids_and_names_its_group_once():
    read = parse_ics(
        fixture_text("meetup_group.ics"),
        url="https://www.meetup.com/gs-service-desk/events/ical/",
        now=NOW,
    )
    assert [e.id for e in read.events] == ["meetup:312400101", "meetup:312400102"]
    assert read.events[0].source == "meetup"
    assert read.group.id == "meetup-group:gs-service-desk"
    assert read.group.name == "Garden State Service Desk Professionals"


def test_a_truncated_feed_gives_what_is_whole_and_says_so():
    text = fixture_text("gcal_rotary.ics")
    cut = text[: text.index("SUMMARY:Foundation Gala") - 40]
    read = parse_ics(cut, url=GCAL, now=NOW)
    assert "Foundation Gala" not in by_title(read.events)
    assert len(read.events) == 13
    assert read.problems == [
        "Springfield Rotary Master Calendar: the feed was cut off; read the 11 whole entries "
        "before the cut."
    ]


def test_not_a_calendar_says_what_it_is():
    with pytest.raises(NotACalendar, match="an HTML page"):
        parse_ics(fixture_text("login_page.html"), url="https://x.example/feed.ics", now=NOW)
    with pytest.raises(NotACalendar, match="JSON"):
        parse_ics('{"code": "rest_forbidden"}', url="https://x.example/feed.ics", now=NOW)


def big_feed(count: int) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//City Events//EN",
        "X-WR-CALNAME:Everything in town",
    ]
    for n in range(count):
        day = (NOW + timedelta(days=1 + n % 100)).strftime("%Y%m%d")
        lines += ["BEGIN:VEVENT", f"UID:city-{n}@city.example", f"DTSTART:{day}T{n % 24:02d}{n % 60:02d}00Z",
                  f"SUMMARY:Event {n}", "END:VEVENT"]  # fmt: skip
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def test_a_feed_of_ten_thousand_meetings_keeps_the_soonest_and_says_so():
    read = parse_ics(big_feed(10_000), url="https://city.example/all.ics", now=NOW)
    assert len(read.events) == MAX_EVENTS
    assert read.problems == [
        "Everything in town lists 10,000 meetings in the days read, more than a chapter's "
        "calendar holds; kept the 5,000 soonest."
    ]
    assert read.events[0].starts_at <= read.events[-1].starts_at


def test_status_cancelled_entries_are_reported_not_stored():
    text = fixture_text("tribe_chapter.ics").replace(
        "SUMMARY:Holiday Networking Reception",
        "STATUS:CANCELLED\r\nSUMMARY:Holiday Networking Reception",
    )
    read = parse_ics(text, url="https://www.gs-project-chapter.example/events/?ical=1", now=NOW)
    assert [e.title for e in read.events] == [
        "October Chapter Meeting: Agile Contracts in Practice"
    ]
    assert read.cancelled == {entry_id(tribe_key("www.gs-project-chapter.example", 10001402))}
    assert all(e.status == Status.scheduled for e in read.events)
