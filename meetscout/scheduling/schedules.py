"""Schedules from `meetscout.toml`, cron lines or plain intervals, as APScheduler triggers.

Accepted: a five-field cron expression ("0 */6 * * *"), "every N seconds|minutes|hours|days|weeks",
"every hour|day|week", "hourly", "daily", "weekly", and "daily at 07:30" / "every day at 07:30".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from tzlocal import get_localzone

from ..config import ConfigError

_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
_WORDS = {"hourly": "hour", "daily": "day", "weekly": "week"}
_EVERY = re.compile(
    r"^every\s+(?:(?P<n>\d+(?:\.\d+)?)\s*)?(?P<unit>second|minute|hour|day|week)s?$"
)
_AT = re.compile(r"^(?:daily|every\s+day)\s+at\s+(?P<h>\d{1,2})(?::(?P<m>\d{2}))?$")


@dataclass(frozen=True)
class Schedule:
    """One source's schedule: either a fixed interval or a cron expression."""

    text: str
    interval: timedelta | None = None
    cron: str | None = None  # five fields, as crontab(5) writes them

    def trigger(self, start: datetime | None = None, timezone: tzinfo | None = None) -> BaseTrigger:
        """An APScheduler trigger; an interval counts from `start` (default: now)."""
        timezone = timezone or get_localzone()
        if self.interval is not None:
            return IntervalTrigger(
                seconds=self.interval.total_seconds(), start_date=start, timezone=timezone
            )
        return CronTrigger.from_crontab(self.cron, timezone=timezone)

    def next_after(self, last: datetime | None, now: datetime) -> datetime:
        """When a source that last started at `last` is due next (`now` when it never ran)."""
        if last is None:
            return now
        if self.interval is not None:
            return last + self.interval
        fire = self.trigger().get_next_fire_time(None, last + timedelta(seconds=1))
        return fire if fire is not None else now

    def describe(self) -> str:
        if self.cron:
            return f"cron {self.cron}"
        return f"every {_human(self.interval)}"


def parse_schedule(text: str, key: str | None = "schedule") -> Schedule:
    """Parse `text`; a schedule meetscout cannot read is a ConfigError naming `key` (if any)."""
    raw = " ".join(str(text).split())
    where = f"key '{key}': " if key else ""
    spec = raw.lower()
    if spec in _WORDS:
        return Schedule(raw, interval=timedelta(seconds=_UNITS[_WORDS[spec]]))
    every = _EVERY.match(spec)
    if every:
        n = float(every["n"] or 1)
        seconds = n * _UNITS[every["unit"]]
        if seconds < 1:
            raise ConfigError(f"{where}{raw!r} is shorter than a second")
        return Schedule(raw, interval=timedelta(seconds=seconds))
    at = _AT.match(spec)
    if at:
        hour, minute = int(at["h"]), int(at["m"] or 0)
        if hour > 23 or minute > 59:
            raise ConfigError(f"{where}{raw!r} is not a time of day")
        return Schedule(raw, cron=f"{minute} {hour} * * *")
    if len(spec.split()) == 5:
        try:
            CronTrigger.from_crontab(spec)
        except ValueError as exc:
            raise ConfigError(f"{where}{raw!r} is not a valid cron expression: {exc}") from None
        return Schedule(raw, cron=spec)
    raise ConfigError(
        f"{where}cannot read the schedule {raw!r}; write a cron expression such as "
        '"0 */6 * * *" or an interval such as "every 6 hours", "daily" or "daily at 07:30"'
    )


def _human(delta: timedelta | None) -> str:
    seconds = int(delta.total_seconds()) if delta else 0
    for unit in ("week", "day", "hour", "minute"):
        size = _UNITS[unit]
        if seconds >= size and seconds % size == 0:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"
