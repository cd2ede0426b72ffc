"""Where networking has worked: the networking log summed per kind of meeting and per group,
and the employed-vs-job-seeker balance month by month against the coach's rhythm.

Pure: `build_report` takes the log's rows (meetscout.log.read_log) and returns figures; the CLI
prints them, `log_charts` draws them, `--json` writes them. A contact, a follow-up and an outcome
count towards the meeting they came of, so "which kinds of meetings brought contacts at my target
companies" reads straight off a row.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .labels import kind_label
from .log import LogRows, contact_targets, local_day_of, on_time
from .model import Crowd, Kind, Outcome, Presence, Profile
from .store import from_iso

# The coach's rhythm: a meeting where the employed go about once a week.
EMPLOYED_PER_WEEK = 1
NO_KIND = "unknown"
NO_GROUP = "(no group)"


@dataclass
class Tally:
    """What one kind of meeting (or one group, or everything) brought."""

    key: str
    label: str
    attended: int = 0
    skipped: int = 0
    contacts: int = 0
    at_targets: int = 0
    followups_due: int = 0  # done, or past their deadline: the ones that could be on time
    followups_on_time: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))

    @property
    def outcomes_total(self) -> int:
        return sum(self.outcomes.values())


@dataclass
class MonthBalance:
    month: str  # "2026-12"
    employed: int  # meetings where the employed go, attended
    job_seekers: int  # job-seeker meetings attended
    employed_goal: int  # about one a week, over the days the log covers in this month
    job_seeker_limit: int
    partial: bool = False  # the month is not over (this month, or the report's last day is in it)

    @property
    def verdict(self) -> str:
        if self.job_seekers > self.job_seeker_limit:
            return "too many job-seeker meetings"
        if self.employed < self.employed_goal:
            return "fewer than one a week where the employed go"
        return "on rhythm so far" if self.partial else "on rhythm"


@dataclass
class Report:
    start: date | None
    end: date | None  # exclusive
    total: Tally
    by_kind: list[Tally]
    by_group: list[Tally]
    months: list[MonthBalance]

    def to_json(self) -> dict[str, Any]:
        def tally(t: Tally) -> dict[str, Any]:
            return {**asdict(t), "outcomes": {k.value: n for k, n in t.outcomes.items()}}

        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "total": tally(self.total),
            "by_kind": [tally(t) for t in self.by_kind],
            "by_group": [tally(t) for t in self.by_group],
            "months": [{**asdict(m), "verdict": m.verdict} for m in self.months],
        }


def build_report(
    rows: LogRows, now: datetime, *, start: date | None = None, end: date | None = None
) -> Report:
    """The figures for meetings dated in [start, end) (local days), and what came of them."""
    profile = rows.profile
    meetings = {e["event_id"]: e for e in rows.entries if _within(e, start, end)}
    total = Tally("all", "All meetings")
    kinds: dict[str, Tally] = {}
    groups: dict[str, Tally] = {}

    def tallies(event_id: str | None) -> list[Tally]:
        entry = meetings.get(event_id or "")
        if entry is None:
            return []
        kind = entry["kind"] or NO_KIND
        group = entry["group_id"] or entry["group_name"] or NO_GROUP
        if kind not in kinds:
            kinds[kind] = Tally(kind, kind_label(kind, "Kind unknown"))
        if group not in groups:
            groups[group] = Tally(group, entry["group_name"] or NO_GROUP)
        return [total, kinds[kind], groups[group]]

    for event_id, entry in meetings.items():
        for t in tallies(event_id):
            if entry["outcome"] == Presence.attended.value:
                t.attended += 1
            elif entry["outcome"] == Presence.skipped.value:
                t.skipped += 1
    for contact in rows.contacts:
        at_target = bool(contact_targets(contact["company"], profile))
        due_at, done_at = from_iso(contact["due_at"]), from_iso(contact["done_at"])
        for t in tallies(contact["event_id"]):
            t.contacts += 1
            t.at_targets += at_target
            if due_at is not None and (done_at is not None or due_at < now):
                t.followups_due += 1
                t.followups_on_time += on_time(due_at, done_at)
    for outcome in rows.outcomes:
        for t in tallies(outcome["event_id"]):
            t.outcomes[Outcome(outcome["kind"])] += 1
    order = {k.value: i for i, k in enumerate(Kind)}
    return Report(
        start=start,
        end=end,
        total=total,
        by_kind=sorted(kinds.values(), key=lambda t: order.get(t.key, len(order))),
        by_group=sorted(
            groups.values(), key=lambda t: (-t.at_targets, -t.contacts, -t.attended, t.label)
        ),
        months=balance(list(meetings.values()), profile, now, start, end),
    )


def balance(
    entries: list[dict[str, Any]],
    profile: Profile,
    now: datetime,
    start: date | None = None,
    end: date | None = None,
) -> list[MonthBalance]:
    """Meetings attended month by month, where the employed go and of job seekers, against
    about one a week and the profile's monthly limit: from the month of the first one (or of
    `start`) to this month (or the one before `end`). A month the log covers in part (it began
    mid-month, or the month is not over) expects one a week over the days covered."""
    attended: dict[tuple[int, int], dict[str, int]] = {}
    days: list[date] = []
    for entry in entries:
        when = from_iso(entry["starts_at"])
        if when is None or entry["outcome"] != Presence.attended.value:
            continue
        day = local_day_of(when)
        days.append(day)
        counts = attended.setdefault((day.year, day.month), {})
        counts[entry["crowd"]] = counts.get(entry["crowd"], 0) + 1
    if not days and start is None:
        return []
    first_day = start or min(days)
    today = local_day_of(now)
    last_day = min(today, end - timedelta(days=1)) if end else today
    last_day = max(last_day, max(days, default=first_day))
    months = []
    year, month = first_day.year, first_day.month
    while (year, month) <= (last_day.year, last_day.month):
        counts = attended.get((year, month), {})
        length = calendar.monthrange(year, month)[1]
        covered_from = max(date(year, month, 1), first_day)
        covered_to = min(date(year, month, length), last_day)
        covered = (covered_to - covered_from).days + 1
        months.append(
            MonthBalance(
                month=f"{year:04d}-{month:02d}",
                employed=counts.get(Crowd.employed.value, 0),
                job_seekers=counts.get(Crowd.job_seekers.value, 0),
                employed_goal=math.floor(EMPLOYED_PER_WEEK * covered / 7 + 0.5),
                job_seeker_limit=profile.job_seeker_monthly_limit,
                partial=covered_to < date(year, month, length),
            )
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _within(entry: dict[str, Any], start: date | None, end: date | None) -> bool:
    when = from_iso(entry["starts_at"])
    if when is None:
        return start is None and end is None
    day = local_day_of(when)
    return (start is None or day >= start) and (end is None or day < end)
