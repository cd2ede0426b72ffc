"""The days and hours a person keeps free for meetings, written as they would say them.

    "Tue,Thu 18:00-21:30"   Tuesday and Thursday evenings
    "Mon-Fri 17:30-22:00"   any weekday evening
    "Sat 08:00-13:00"       Saturday mornings
    "Sun"                   all of Sunday

Days are English names or their first three letters, a range with "-", a list with ","; also
"weekdays", "weekends", "daily". Hours are 24-hour HH:MM (or H), and "24:00" ends a day. A
meeting fits when it starts and ends within one of the person's free times, in their zone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_GROUPS = {"weekdays": range(0, 5), "weekends": range(5, 7), "daily": range(0, 7)}
_SHAPE = re.compile(r"^\s*(?P<days>[A-Za-z,\- ]+?)\s*(?:(?P<hours>\d[\d:]*\s*-\s*\d[\d:]*))?\s*$")
HINT = (
    'write days then hours, like "Tue,Thu 18:00-21:30", "Mon-Fri 17:30-22:00", "Sat" or '
    '"weekends 09:00-13:00"'
)


@dataclass(frozen=True)
class FreeTime:
    days: frozenset[int]  # Monday is 0
    start: time
    end: time | None  # None: to the end of the day

    def holds(self, start: datetime, end: datetime) -> bool:
        """Whether a meeting from `start` to `end` (both in the person's zone) fits."""
        if start.weekday() not in self.days or start.time() < self.start:
            return False
        if end.date() != start.date():  # runs past midnight
            return self.end is None and (end - start).days == 0 and end.time() == time(0)
        return self.end is None or end.time() <= self.end


def parse_free_time(text: str) -> FreeTime:
    """One free time; a ValueError says what is wrong and how to write it."""
    found = _SHAPE.match(text or "")
    if not found:
        raise ValueError(f"cannot read the free time {text!r}: {HINT}")
    days = _days(found["days"], text)
    if not found["hours"]:
        return FreeTime(days, time(0), None)
    first, last = (part.strip() for part in found["hours"].split("-"))
    start, end = _clock(first, text), _clock(last, text)
    if start is None:
        raise ValueError(f"the free time {text!r} cannot start at 24:00")
    if end is not None and end <= start:
        raise ValueError(f"the free time {text!r} ends before it starts; {HINT}")
    return FreeTime(days, start, end)


def fits_free_times(times: list[FreeTime], start: datetime, end: datetime) -> bool:
    """No free times given means any time will do."""
    return not times or any(t.holds(start, end) for t in times)


def free_spans(
    times: list[FreeTime], zone: tzinfo, first: date, last: date
) -> list[tuple[datetime, datetime]]:
    """The spans (in UTC, merged, ends included) that hold every meeting on the days `first`
    to `last` that fits the free times, from its start to its end: what a store can filter on
    before the exact test, `fits_free_times`. A span may hold more (around a change of the
    clocks both readings of an hour are taken), never less. No free times: any time will do,
    so from the first day on, without an end."""
    if not times:
        return [(_instant(first, time(0), zone, min), datetime.max.replace(tzinfo=UTC))]
    spans = []
    for day in (first + timedelta(days=i) for i in range((last - first).days + 1)):
        for t in times:
            if day.weekday() in t.days:
                end = (day, t.end) if t.end is not None else (day + timedelta(days=1), time(0))
                spans.append((_instant(day, t.start, zone, min), _instant(*end, zone, max)))
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _instant(day: date, clock: time, zone: tzinfo, pick: Callable[..., datetime]) -> datetime:
    """The wall-clock time `clock` on `day` as an instant: the earlier or later (`pick`) of its
    two readings when the clocks change (a skipped or repeated hour)."""
    return pick(
        datetime.combine(day, clock.replace(fold=fold), zone).astimezone(UTC) for fold in (0, 1)
    )


def _days(text: str, whole: str) -> frozenset[int]:
    days: set[int] = set()
    for piece in text.lower().replace(" ", "").split(","):
        if piece in _GROUPS:
            days.update(_GROUPS[piece])
            continue
        ends = [_day(p, whole) for p in piece.split("-")]
        if len(ends) == 1:
            days.add(ends[0])
        elif len(ends) == 2:
            first, last = ends
            days.update(d % 7 for d in range(first, last + (7 if last < first else 0) + 1))
        else:
            raise ValueError(f"cannot read the days in {whole!r}: {HINT}")
    return frozenset(days)


def _day(word: str, whole: str) -> int:
    for i, name in enumerate(DAY_NAMES):
        if len(word) >= 3 and name.startswith(word):
            return i
    raise ValueError(f"{word!r} in {whole!r} is not a day of the week; {HINT}")


def _clock(text: str, whole: str) -> time | None:
    """ "18:30" -> 18:30, "9" -> 09:00, "24:00" -> None (the end of the day)."""
    hours, _, minutes = text.partition(":")
    try:
        h, m = int(hours), int(minutes or 0)
    except ValueError:
        raise ValueError(f"cannot read the hour {text!r} in {whole!r}; {HINT}") from None
    if (h, m) == (24, 0):
        return None
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValueError(f"{text!r} in {whole!r} is not a time of day; {HINT}")
    return time(h, m)
