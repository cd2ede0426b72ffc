"""Times as a person reads and types them: in their own zone, with the zone named.

One rule everywhere (the CLI, the popup, the demo): a meeting's time is shown in the person's
zone, labelled ("Fri 4 Dec 19:00 EST"), and a date the person types ("--from 2026-12-05") is that
day in their zone. Their zone is the profile's `timezone` when it has one, else this computer's
($TZ, else the system's). Stored times stay UTC.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import tzlocal

from .model import Profile


def zone_name(profile: Profile | None = None) -> str:
    """The IANA name of the person's zone ("America/New_York")."""
    named = getattr(profile, "timezone", None)
    if named:
        return named
    try:
        return tzlocal.get_localzone_name() or "UTC"
    except Exception:  # an unreadable system zone: UTC rather than no answer
        return "UTC"


def person_zone(profile: Profile | None = None) -> tzinfo:
    return ZoneInfo(zone_name(profile))


def when_text(at: datetime | None, zone: tzinfo | None = None) -> str:
    """ "Fri 4 Dec 19:00 EST" in `zone` (default: this computer's); "?" when unknown."""
    if at is None:
        return "?"
    local = at.astimezone(zone or person_zone())
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M} {local:%Z}"


class DayError(ValueError):
    """A date the person typed that is not one."""


def typed_time(text: str, zone: tzinfo, *, end_of_day: bool = False) -> datetime:
    """A date or time the person typed, in their zone: "2026-12-05" is that day's first instant
    (with `end_of_day`, the next day's: "--to 2026-12-06" includes the 6th); a time with no
    offset is in `zone`; one with an offset stands as written."""
    text = text.strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is not None:
        if end_of_day:
            day += timedelta(days=1)
        return datetime.combine(day, time(0), zone)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise DayError(
            f"not a date like 2026-12-01 or a time like 2026-12-01T18:00: {text!r}"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
