"""Free days and hours as a person writes them, and the profile numbers that cannot be."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from meetscout.free_time import fits_free_times, free_spans, parse_free_time
from meetscout.model import Profile


def test_days_and_hours():
    evenings = parse_free_time("Tue,Thu 18:00-21:30")
    assert evenings.days == {1, 3}
    assert parse_free_time("Mon-Fri 17:30-22:00").days == {0, 1, 2, 3, 4}
    assert parse_free_time("Fri-Mon").days == {4, 5, 6, 0}
    assert parse_free_time("weekends 9-13").days == {5, 6}
    assert parse_free_time("Wednesday").days == {2}
    tuesday = datetime(2026, 12, 1, 18, 30)
    assert evenings.holds(tuesday, tuesday.replace(hour=20))
    assert not evenings.holds(tuesday, tuesday.replace(hour=22))  # ends too late
    assert not evenings.holds(tuesday.replace(day=2), tuesday.replace(day=2, hour=20))
    late = parse_free_time("Sat 20:00-24:00")
    saturday = datetime(2026, 12, 5, 21)
    assert late.holds(saturday, datetime(2026, 12, 6, 0, 0))
    assert not late.holds(saturday, datetime(2026, 12, 6, 1, 0))
    assert fits_free_times([], tuesday, tuesday)  # none given: any time


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Tues 6pm", "cannot read"),
        ("Funday 18:00-20:00", "not a day of the week"),
        ("Tue 21:00-18:00", "ends before it starts"),
        ("Tue 25:00-26:00", "not a time of day"),
        ("", "cannot read"),
    ],
)
def test_a_free_time_that_cannot_be_read_says_how_to_write_it(text, words):
    with pytest.raises(ValueError, match=words):
        parse_free_time(text)
    with pytest.raises(ValidationError, match='like "Tue,Thu 18:00-21:30"'):
        Profile(free_times=[text])


def test_impossible_weekly_numbers_are_refused():
    with pytest.raises(ValidationError, match="weekly maximum"):
        Profile(employed_per_week=3, employed_weekly_max=2)
    with pytest.raises(ValidationError):
        Profile(employed_per_week=-1)
    with pytest.raises(ValidationError, match="unknown IANA time zone"):
        Profile(timezone="Mars/Olympus")
    assert Profile().employed_per_week == 1


@pytest.mark.parametrize("first", [date(2026, 10, 28), date(2026, 3, 5)])  # the clocks change
@pytest.mark.parametrize(
    "times", [["Sun 00:30-03:00", "Sat 01:00-02:30"], ["Mon-Fri 17:30-22:00"], ["Sun"], []]
)
def test_the_spans_a_store_filters_on_hold_every_meeting_that_fits(first, times):
    zone = ZoneInfo("America/New_York")
    free = [parse_free_time(t) for t in times]
    last = first + timedelta(days=9)
    spans = free_spans(free, zone, first, last)
    start = datetime.combine(first, datetime.min.time(), zone).astimezone(UTC)
    fitting = 0
    while start.astimezone(zone).date() <= last:
        for length in (timedelta(minutes=30), timedelta(hours=2)):
            local = start.astimezone(zone)
            if fits_free_times(free, local, (start + length).astimezone(zone)):
                fitting += 1
                assert any(a <= start and start + length <= b for a, b in spans), local
        start += timedelta(minutes=15)
    assert fitting
    # Only the days asked about.
    assert spans[0][0] >= datetime.combine(first, datetime.min.time(), zone) - timedelta(hours=2)
