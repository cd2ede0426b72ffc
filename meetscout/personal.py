"""The person's zone, and how many job-seeker meetings they are going to in a month.

Kept in one place so the flags, the popup, the CLI and the plan count them the same way: by the
meeting's own date, in the person's zone, for the month the meeting is in ("job-seeker meetings:
1 of 2 in December"). (The marks themselves are kept by the store: `Store.mark_going`;
corrections to flags go through meetscout.judge.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

from .model import Crowd, Profile
from .store import Store, now_utc


def person_zone(profile: Profile) -> tzinfo:
    """The zone the person counts days, weeks and months in: their profile's, else this
    computer's."""
    if profile.timezone:
        return ZoneInfo(profile.timezone)
    return datetime.now().astimezone().tzinfo or UTC


def month_of(at: datetime, zone: tzinfo) -> date:
    """The first day of the month `at` falls in, in `zone`."""
    return at.astimezone(zone).date().replace(day=1)


def month_bounds(month: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The first instant of `month` and of the next, in `zone`, as UTC."""
    start = month.replace(day=1)
    following = start.replace(year=start.year + 1, month=1) if start.month == 12 else None
    following = following or start.replace(month=start.month + 1)
    return (
        datetime.combine(start, time(0), zone).astimezone(UTC),
        datetime.combine(following, time(0), zone).astimezone(UTC),
    )


@dataclass(frozen=True)
class JobSeekerBudget:
    """Job-seeker meetings marked going in one month, against the person's monthly limit."""

    month: date  # its first day
    marked: int
    limit: int

    @property
    def month_name(self) -> str:
        return self.month.strftime("%B")

    def line(self, planned: int = 0) -> str:
        text = f"job-seeker meetings: {self.marked} of {self.limit} in {self.month_name}"
        if planned:
            text += f" ({planned} more in this plan)"
        return text


def job_seeker_budget(
    store: Store, profile: Profile, at: datetime | None = None
) -> JobSeekerBudget:
    """The budget of the month `at` (a meeting's start; default now) falls in, in the person's
    zone: the job-seeker meetings marked going whose own date is in that month (a meeting not
    stored counts by when it was marked)."""
    zone = person_zone(profile)
    month = month_of(at or now_utc(), zone)
    marked = store.count_going(Crowd.job_seekers.value, *month_bounds(month, zone))
    return JobSeekerBudget(month, marked, profile.job_seeker_monthly_limit)
