"""Date lines in the viewer's zone and language; yearless dates around New Year; frozen clock."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from meetscout.sources.linkedin.dates import parse_date_line


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def read(line, zone, locale, now=None):
    now = now or datetime.now(UTC)
    return parse_date_line(line, now=now, zone=ZoneInfo(zone), locale=locale)


@pytest.mark.parametrize(
    ("line", "zone", "locale", "start", "end"),
    [
        # English (US), New York: a same-day range in the viewer's zone.
        ("Thu, Jan 8, 6:00 PM - 8:30 PM (your local time)", "America/New_York", "en_US",
         utc(2026, 1, 8, 23, 0), utc(2026, 1, 9, 1, 30)),
        # English (UK) day-month order, London.
        ("Thu, 8 Jan, 18:00 - 20:30 (your local time)", "Europe/London", "en_GB",
         utc(2026, 1, 8, 18, 0), utc(2026, 1, 8, 20, 30)),
        # German, Berlin.
        ("Do., 12. Feb., 18:00 - 20:30 (Ihre Ortszeit)", "Europe/Berlin", "de_DE",
         utc(2026, 2, 12, 17, 0), utc(2026, 2, 12, 19, 30)),
        # French, Paris.
        ("mar. 6 janv., 18:30 - 20:00 (heure locale)", "Europe/Paris", "fr_FR",
         utc(2026, 1, 6, 17, 30), utc(2026, 1, 6, 19, 0)),
        # Spanish, Madrid.
        ("jue, 15 ene, 19:00 - 21:00 (tu hora local)", "Europe/Madrid", "es_ES",
         utc(2026, 1, 15, 18, 0), utc(2026, 1, 15, 20, 0)),
        # Tokyo viewer: the same line means another instant.
        ("Thu, Jan 8, 6:00 PM - 8:30 PM (your local time)", "Asia/Tokyo", "en_US",
         utc(2026, 1, 8, 9, 0), utc(2026, 1, 8, 11, 30)),
        # Several days with times.
        ("Mon, Jan 12, 9:00 AM - Wed, Jan 14, 5:00 PM (your local time)", "America/Chicago", "en_US",
         utc(2026, 1, 12, 15, 0), utc(2026, 1, 14, 23, 0)),
        # Past midnight.
        ("Fri, Jan 9, 10:00 PM - 1:00 AM (your local time)", "America/New_York", "en_US",
         utc(2026, 1, 10, 3, 0), utc(2026, 1, 10, 6, 0)),
        # A year printed: taken as printed, even in the past.
        ("Tue, Jan 7, 2025, 6:00 PM - 8:00 PM (your local time)", "America/New_York", "en_US",
         utc(2025, 1, 7, 23, 0), utc(2025, 1, 8, 1, 0)),
    ],
)  # fmt: skip
def test_event_page_date_lines(frozen, line, zone, locale, start, end):
    frozen("2025-12-30T15:00:00+00:00")
    when = read(line, zone, locale)
    assert (when.starts_at, when.ends_at, when.has_time) == (start, end, True)


@pytest.mark.parametrize(
    ("read_at", "line", "start"),
    [
        # Read on 30 December: January is next year's; today is today's.
        ("2025-12-30T15:00:00+00:00", "Fri, Jan 2, 6:00 PM - 8:00 PM (your local time)", utc(2026, 1, 2, 23)),
        ("2025-12-30T15:00:00+00:00", "Tue, Dec 30, 9:00 AM - 10:00 AM (your local time)", utc(2025, 12, 30, 14)),
        ("2025-12-30T15:00:00+00:00", "Wed, Dec 31, 8:00 PM - 11:00 PM (your local time)", utc(2026, 1, 1, 1)),
        # Read on 2 January: a yearless 31 December is the next one, eleven months on.
        ("2026-01-02T15:00:00+00:00", "Thu, Dec 31, 6:00 PM - 8:00 PM (your local time)", utc(2026, 12, 31, 23)),
        ("2026-01-02T15:00:00+00:00", "Fri, Jan 2, 6:00 PM - 8:00 PM (your local time)", utc(2026, 1, 2, 23)),
        # Early morning UTC on 1 January is still 31 December in New York.
        ("2026-01-01T03:00:00+00:00", "Wed, Dec 31, 8:00 PM - 11:00 PM (your local time)", utc(2026, 1, 1, 1)),
    ],
)  # fmt: skip
def test_yearless_dates_around_new_year(frozen, read_at, line, start):
    frozen(read_at)
    assert read(line, "America/New_York", "en_US").starts_at == start


def test_an_event_still_running_keeps_its_year(frozen):
    frozen("2025-12-31T15:00:00+00:00")
    when = read(
        "Mon, Dec 29, 9:00 AM - Fri, Jan 2, 5:00 PM (your local time)", "America/New_York", "en_US"
    )
    assert when.starts_at == utc(2025, 12, 29, 14)
    assert when.ends_at == utc(2026, 1, 2, 22)


@pytest.mark.parametrize(
    ("line", "zone", "locale", "start", "end", "has_time"),
    [
        ("Today, 5:00 PM BST", "Europe/London", "en_GB", utc(2021, 8, 10, 16), None, True),
        ("Tomorrow, 9:00 AM", "Europe/London", "en_GB", utc(2021, 8, 11, 8), None, True),
        # IST is India's for a viewer elsewhere, Ireland's for a viewer in Dublin.
        ("Thu, Aug 12, 7:30 PM IST", "Europe/London", "en_GB", utc(2021, 8, 12, 14), None, True),
        ("Thu, Aug 12, 7:30 PM IST", "Europe/Dublin", "en_IE", utc(2021, 8, 12, 18, 30), None, True),
        ("Thu, Aug 12, 7:30 PM EDT", "Asia/Kolkata", "en_IN", utc(2021, 8, 12, 23, 30), None, True),
        # A date-only range lasts until the end of its last day.
        ("Wed, Aug 11 - Thu, Aug 12", "Europe/London", "en_GB", utc(2021, 8, 10, 23), utc(2021, 8, 12, 23), False),
        ("Heute, 17:00 MESZ", "Europe/Berlin", "de_DE", utc(2021, 8, 10, 15), None, True),
        ("Mi., 11. Aug. - Do., 12. Aug.", "Europe/Berlin", "de_DE", utc(2021, 8, 10, 22), utc(2021, 8, 12, 22), False),
        ("Aujourd’hui, 12:00", "Europe/Paris", "fr_FR", utc(2021, 8, 10, 10), None, True),
    ],
)  # fmt: skip
def test_search_card_date_lines(frozen, line, zone, locale, start, end, has_time):
    frozen("2021-08-10T12:00:00+00:00")
    when = read(line, zone, locale)
    assert (when.starts_at, when.ends_at, when.has_time) == (start, end, has_time)


def test_a_range_across_new_year(frozen):
    frozen("2025-12-30T15:00:00+00:00")
    when = read("Wed, Dec 31 - Thu, Jan 1", "America/New_York", "en_US")
    assert (when.starts_at, when.ends_at) == (utc(2025, 12, 31, 5), utc(2026, 1, 2, 5))


@pytest.mark.parametrize(
    "line", ["", None, "Online", "PMI New Jersey Chapter", "Event by PMI", "(your local time)"]
)
def test_lines_without_a_date(frozen, line):
    frozen("2025-12-30T15:00:00+00:00")
    assert read(line, "America/New_York", "en_US") is None
