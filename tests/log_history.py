"""Helpers for the networking log's tests: a local zone, and meetings with judgements."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from meetscout.model import Assessment, Crowd, Event, Kind, Profile
from tests.conftest import make_event

ZONE = "America/New_York"


@contextmanager
def local_zone(zone: str = ZONE):
    """This process's local time zone, for the log's "today" and "Thursday" (then put back)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def judged(crowd: Crowd, kind: Kind) -> Assessment:
    return Assessment(crowd=crowd, kind=kind, confidence=0.9, reasons=["a test judgement"])


def meeting(
    n: int,
    starts: datetime,
    crowd: Crowd = Crowd.employed,
    kind: Kind = Kind.professional_association,
    *,
    hours: float = 2.5,
    group: str = "hdi-nj",
    group_name: str = "HDI New Jersey Chapter",
    title: str | None = None,
) -> Event:
    return make_event(
        n,
        title=title or f"{group_name} meeting {n}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        group_id=f"meetup-group:{group}",
        group_name=group_name,
        url=f"https://www.meetup.com/{group}/events/{300000000 + n}/",
        assessment=judged(crowd, kind),
    )


def et(*args: int) -> datetime:
    """A time in New York. Moving time-machine's clock to one makes New York this process's
    local zone too (to a UTC time, UTC): the log's "today" and "Thursday" are local."""
    return datetime(*args, tzinfo=ZoneInfo(ZONE))


PROFILE = Profile(target_companies=["Prudential", "ADP"], job_seeker_monthly_limit=2)
