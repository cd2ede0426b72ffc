"""Meetings for the plan's tests: a frozen clock, a person in New Jersey, and a builder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from meetscout.model import Access, Assessment, Crowd, Event, Fee, Kind, Profile, Venue
from meetscout.plan import Meeting

ZONE = ZoneInfo("America/New_York")
# Monday 30 November 2026, 3 pm in New Jersey: weeks run Monday to Sunday from today.
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=ZONE).astimezone(UTC)
PROFILE = Profile(
    home_area="Newark, NJ",
    radius_km=40,
    target_companies=["Prudential"],
    target_industries=["insurance"],
    job_seeker_monthly_limit=2,
    employed_per_week=1,
    employed_weekly_max=2,
    free_times=["Mon-Fri 17:30-22:00", "Sat 08:00-14:00"],
    timezone="America/New_York",
)
KINDS = {Crowd.employed: Kind.professional_association, Crowd.job_seekers: Kind.job_seeker_group}
_counter = iter(range(1, 10_000))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in New Jersey, `day` days after Monday 30 November."""
    base = datetime(2026, 11, 30, hour, minute, tzinfo=ZONE)
    return (base + timedelta(days=day)).astimezone(UTC)


def meeting(
    title: str,
    start: datetime,
    *,
    crowd: Crowd = Crowd.employed,
    group: str = "",
    access: tuple[Access, ...] = (),
    targets: tuple[str, ...] = (),
    fee: float | None = 25.0,
    city: str = "Newark",
    region: str = "NJ",
    online: bool = False,
    hours: float = 2,
    status: str = "scheduled",
    first_seen: datetime | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> Meeting:
    n = next(_counter)
    event = Event(
        id=f"meetup:{400000000 + n}",
        source="meetup",
        url=f"https://www.meetup.com/{group or 'g'}/events/{400000000 + n}/",
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        timezone="America/New_York",
        group_id=f"meetup-group:{group or f'g{n}'}",
        group_name=group or f"Group {n}",
        venue=None if online else Venue(name="Hall", city=city, region=region, lat=lat, lon=lon),
        is_online=online,
        fee=Fee(amount=fee, currency="USD") if fee is not None else Fee(free=True),
        status=status,
        first_seen=first_seen or NOW - timedelta(days=20),
    )
    assessment = Assessment(
        crowd=crowd,
        kind=KINDS.get(crowd, Kind.not_networking),
        confidence=0.9,
        access=list(access),
        reasons=["a reason"],
        targets=list(targets),
    )
    return Meeting(event, assessment)
