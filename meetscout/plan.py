"""The weekly plan: the coach's rhythm turned into the next four weeks of meetings.

`make_plan(meetings, profile, marks, now)` is a pure function: the meetings as judged for the
person, their profile, what they marked and chose, and a clock, in; weeks of picks, each with one
line of why, out. The CLI, the API and the popup only present it; `plan_from_store` gathers its
inputs: over a big store it reads light rows (`Listing`) rather than whole events, lets SQLite
hold back what it can, and judges only what the picks hang on (benchmarks/plan.py).

How a week is filled, in the person's zone, weeks counted from today:
- what the person marked going (or accepted) stays, and counts;
- then meetings where the employed go, up to the weekly number (never past the weekly maximum):
  those that mention a target company or industry first, then a group other than last week's
  (or this week's), then the cheapest way in (free, free for job seekers, guest pass, volunteer,
  cash bar only, virtual, then the lowest price), then the soonest;
- then, up to the weekly maximum, further ones that mention a target (none in a week where the
  person dropped a pick: they asked for less there);
- then at most one job-seeker meeting, while the month it falls in has room in the monthly limit
  (counting those already marked);
- only meetings in reach (online, or in person within the area), on the free days and hours,
  open to guests, clashing with nothing already in the week, neither cancelled nor begun, and
  not dropped or swapped out by the person.
A week left short says so and names the nearest alternatives, each with what kept it out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from .classify.classifier import KIND_WORDS
from .free_time import FreeTime, fits_free_times, free_spans, parse_free_time
from .judge import judge_stored, stored_targets
from .labels import ACCESS_LABELS, LABELS
from .model import Access, Assessment, Crowd, Event, Fee, Kind, Profile, Status, Venue
from .personal import JobSeekerBudget, job_seeker_budget, month_of, person_zone
from .reach import Home, find_home, reach_of, spot
from .store import Store
from .store.rows import row_fee, row_venue

WEEKS = 4
# A meeting without an end is taken to last this long when checking for clashes.
DEFAULT_LENGTH = timedelta(hours=2)
# The cheapest ways in, cheapest first (the coach's order); a price comes after all of them.
CHEAP = (
    Access.free,
    Access.free_for_job_seekers,
    Access.guest_pass,
    Access.volunteer,
    Access.drinks_only,
    Access.virtual,
)
ALTERNATIVES = 3
_ACCESS = {access.value: access for access in Access}

State = Literal["suggested", "accepted", "going", "cancelled", "alternative", "other"]


@dataclass(frozen=True)
class Meeting:
    """A stored meeting and the person's view of it (their corrections and targets applied)."""

    event: Event
    assessment: Assessment


@dataclass(slots=True)
class Listing:
    """A meeting as the planner reads it, with the person's view of it: what ranking and
    showing it takes, not the whole event (a plan over a big store weighs thousands)."""

    id: str
    title: str
    url: str
    starts_at: datetime | None
    ends_at: datetime | None
    status: Status
    group_id: str | None
    group_name: str | None
    is_online: bool | None
    venue: Venue | None
    fee: Fee | None
    first_seen: datetime | None
    crowd: Crowd
    kind: Kind
    access: list[Access]
    targets: list[str]

    @classmethod
    def of(cls, event: Event, a: Assessment) -> Listing:
        return cls(
            event.id,
            event.title,
            event.url,
            event.starts_at,
            event.ends_at,
            event.status,
            event.group_id,
            event.group_name,
            event.is_online,
            event.venue,
            event.fee,
            event.first_seen,
            a.crowd,
            a.kind,
            a.access,
            a.targets,
        )

    @classmethod
    def stored(cls, row: Mapping) -> Listing:
        """From a light row of the store (`Store.plan_candidates`), as judged when stored."""
        return cls(
            row["id"],
            row["title"],
            row["url"],
            row["starts_at"],
            row["ends_at"],
            Status(row["status"]),
            row["group_id"],
            row["group_name"],
            row["is_online"],
            _venue(*(row[c] for c in _VENUE_COLUMNS)),
            _fee(row["fee_amount"], row["fee_currency"], row["fee_free"]),
            row["first_seen"],
            Crowd(row["crowd"]),
            Kind(row["kind"]),
            [_ACCESS[x] for x in row["access"]],
            row["targets"],
        )


# Many meetings share a venue and a fee: one (read-only) model for each, not one per meeting.
_VENUE_COLUMNS = tuple(f"venue_{name}" for name in Venue.model_fields)


@lru_cache(maxsize=4096)
def _venue(*values: object) -> Venue | None:
    return row_venue(dict(zip(_VENUE_COLUMNS, values, strict=True)))


@lru_cache(maxsize=256)
def _fee(amount: float | None, currency: str | None, free: int | None) -> Fee | None:
    return row_fee({"fee_amount": amount, "fee_currency": currency, "fee_free": free})


@dataclass(frozen=True)
class Marks:
    """What the person has said: going, their choices about picks, when they last looked, and
    each month's job-seeker budget (from `personal.job_seeker_budget`)."""

    going: frozenset[str] = frozenset()
    choices: Mapping[str, str] = field(default_factory=dict)  # id -> accepted/swapped/dropped
    looked_at: datetime | None = None
    budgets: Mapping[date, JobSeekerBudget] = field(default_factory=dict)


class PlanItem(BaseModel):
    """A meeting as the plan shows it: a pick, an alternative, or a new arrival."""

    id: str
    title: str
    url: str
    starts_at: datetime
    ends_at: datetime | None
    when: str  # in the person's zone: "Thu 3 Dec 18:00"
    group_name: str | None
    place: str | None
    crowd: Crowd
    kind: Kind
    label: str
    access: list[Access]
    targets: list[str]
    state: State
    why: str
    new: bool = False


class PlanWeek(BaseModel):
    number: int
    starts_on: date
    ends_on: date  # the last day of the week
    label: str  # "Tue 1 Dec – Mon 7 Dec"
    picks: list[PlanItem]
    note: str | None = None  # when the week falls short: what and why
    alternatives: list[PlanItem] = []


class BudgetLine(BaseModel):
    month: date
    month_name: str
    marked: int
    planned: int
    limit: int
    line: str  # "job-seeker meetings: 1 of 2 in December (1 more in this plan)"


class Plan(BaseModel):
    made_at: datetime
    timezone: str
    weeks: list[PlanWeek]
    budgets: list[BudgetLine]
    looked_at: datetime | None
    looked_when: str | None  # the same, in the person's zone
    new: list[PlanItem]  # meetings where the employed go that arrived since the last look
    message: str | None = None  # when there is nothing to plan from at all


@dataclass(frozen=True)
class _Context:
    """What weighing a meeting needs besides the meeting."""

    profile: Profile
    marks: Marks
    now: datetime
    zone: tzinfo
    free: list[FreeTime]
    home: Home | None


@dataclass(eq=False)  # compared by identity: two options are never the same
class _Option:
    """One meeting as the planner weighs it."""

    listing: Listing
    start: datetime  # in the person's zone
    end: datetime
    crowd: Crowd
    group: str
    cost: tuple[int, float]
    cost_words: str
    place: str | None  # "online", or the venue and its town
    ctx: _Context
    fixed: State | None  # "going", "accepted" or "cancelled" when the person already chose it
    problem: str | None  # why it cannot be picked
    final: bool  # a problem no alternative list should offer (cancelled, begun, dropped)
    new: bool
    state: State = "other"

    @property
    def targets(self) -> list[str]:
        return self.listing.targets

    @property
    def reach(self) -> str:
        """ "online", "in Parsippany, 22 km away", …: only the few shown need it."""
        return reach_of(self.listing, self.ctx.profile, self.ctx.home).note

    def clashes(self, other: _Option) -> bool:
        return self.start < other.end and other.start < self.end


def make_plan(
    meetings: Sequence[Meeting],
    profile: Profile,
    marks: Marks,
    now: datetime,
    weeks: int = WEEKS,
) -> Plan:
    home = find_home(profile, (spot(m.event.venue) for m in meetings))
    ctx = _context(profile, marks, now, home)
    options = _options(ctx, (Listing.of(m.event, m.assessment) for m in meetings))
    return _plan(options, ctx, weeks, bool(meetings), lambda: [])


def _plan(
    options: list[_Option],
    ctx: _Context,
    weeks: int,
    stored: bool,
    held_back: Callable[[], Sequence[Listing]],
) -> Plan:
    """The plan over `options`: all the meetings that may be picked or are new, and those
    marked going or chosen about; `held_back()` gives, when a week falls short, the rest where
    the employed go, so the nearest alternatives can be named. `stored`: whether there are any
    meetings at all in the weeks ahead."""
    profile, marks, now, zone = ctx.profile, ctx.marks, ctx.now, ctx.zone
    today = now.astimezone(zone).date()
    edges = [
        datetime.combine(today + timedelta(days=7 * i), time(0), zone) for i in range(weeks + 1)
    ]
    by_week: list[list[_Option]] = [[] for _ in range(weeks)]
    for option in options:
        for i in range(weeks):
            if edges[i] <= option.start < edges[i + 1]:
                by_week[i].append(option)
                break
    planned: dict[date, int] = {}
    last_groups: set[str] = set()
    chosen: list[list[_Option]] = []
    for week in by_week:
        picks = _fill_week(week, profile, marks, planned, last_groups)
        last_groups = {o.group for o in picks if o.crowd == Crowd.employed}
        chosen.append(picks)
    out_weeks = []
    rest: list[_Option] | None = None
    for i, (week, picks) in enumerate(zip(by_week, chosen, strict=True)):
        start_day = today + timedelta(days=7 * i)
        end_day = start_day + timedelta(days=6)
        short = _short(week, picks, profile, marks)
        if short and rest is None:
            known = {o.listing.id for o in options}
            rest = _options(ctx, (x for x in held_back() if x.id not in known))
        if short:
            week = _by_order(week + [o for o in rest or [] if edges[i] <= o.start < edges[i + 1]])
        note, alternatives = _shortfall(week, picks, options, profile, marks, start_day, zone)
        out_weeks.append(
            PlanWeek(
                number=i + 1,
                starts_on=start_day,
                ends_on=end_day,
                label=f"{_day(start_day)} – {_day(end_day)}",
                picks=[_item(o, zone, _why(o)) for o in picks],
                note=note,
                alternatives=[_item(o, zone, why) for o, why in alternatives],
            )
        )
    months = sorted({month_of(edges[0], zone), month_of(edges[-1] - timedelta(seconds=1), zone)})
    months = _months_between(months[0], months[-1])
    budgets = []
    for month in months:
        budget = marks.budgets.get(month) or JobSeekerBudget(
            month, 0, profile.job_seeker_monthly_limit
        )
        budgets.append(
            BudgetLine(
                month=month,
                month_name=budget.month_name,
                marked=budget.marked,
                planned=planned.get(month, 0),
                limit=budget.limit,
                line=budget.line(planned.get(month, 0)),
            )
        )
    new = [o for o in options if o.new]
    return Plan(
        made_at=now,
        timezone=profile.timezone or str(zone),
        weeks=out_weeks,
        budgets=budgets,
        looked_at=marks.looked_at,
        looked_when=_when(marks.looked_at.astimezone(zone)) if marks.looked_at else None,
        new=[_item(o, zone, _why(o)) for o in new],
        message=None if stored else _NOTHING_STORED,
    )


_NOTHING_STORED = (
    "meetscout has no meetings in the weeks ahead to plan from: crawl your groups first "
    "(meetscout crawl), or check `meetscout status` for a crawl that failed."
)


def _context(profile: Profile, marks: Marks, now: datetime, home: Home | None) -> _Context:
    return _Context(
        profile=profile,
        marks=marks,
        now=now,
        zone=person_zone(profile),
        free=[parse_free_time(text) for text in profile.free_times],
        home=home,
    )


def _hold_back(event: Listing, ctx: _Context) -> tuple[str | None, bool]:
    """What keeps a meeting out of the plan, if anything, and whether that is final (cancelled,
    begun, not networking, dropped: never even an alternative)."""
    choice = ctx.marks.choices.get(event.id)
    if event.status == Status.cancelled:
        return "cancelled", True
    if event.starts_at is None or event.starts_at <= ctx.now:
        return "already begun", True
    if event.crowd == Crowd.not_networking:
        return "not a networking meeting", True
    if choice in ("dropped", "swapped"):
        return f"you {choice} it", True
    if _members_only(event.access):
        return "members only", False
    # The free hours before the place: the cheaper test, and it holds most meetings back.
    start = event.starts_at.astimezone(ctx.zone)
    if not fits_free_times(ctx.free, start, _end(event).astimezone(ctx.zone)):
        return "outside your free hours", False
    reach = reach_of(event, ctx.profile, ctx.home)
    if not reach.ok:
        return reach.note, False
    return None, False


def _end(event: Listing) -> datetime:
    end = event.ends_at or event.starts_at + DEFAULT_LENGTH
    return max(end, event.starts_at)


def _options(ctx: _Context, listings: Iterable[Listing]) -> list[_Option]:
    marks = ctx.marks
    out = []
    for event in listings:
        if event.starts_at is None:
            continue
        going = event.id in marks.going
        problem, final = _hold_back(event, ctx)
        if not going and final and event.starts_at <= ctx.now:
            continue  # the past is not shown unless the person marked it
        fixed: State | None = None
        if going:
            cancelled = event.status == Status.cancelled
            accepted = marks.choices.get(event.id) == "accepted"
            fixed = "cancelled" if cancelled else "accepted" if accepted else "going"
        cost, cost_words = _cost(event.fee, event.access)
        out.append(
            _Option(
                listing=event,
                start=event.starts_at.astimezone(ctx.zone),
                end=_end(event).astimezone(ctx.zone),
                crowd=event.crowd,
                group=event.group_id or event.group_name or event.id,
                cost=cost,
                cost_words=cost_words,
                place=_place(event),
                ctx=ctx,
                fixed=fixed,
                problem=problem,
                final=final,
                new=bool(
                    marks.looked_at
                    and event.crowd == Crowd.employed
                    and problem is None
                    and event.first_seen
                    # Times are kept to the second: one seen in the second of the look counts
                    # as new (shown twice rather than missed).
                    and event.first_seen >= marks.looked_at.replace(microsecond=0)
                ),
            )
        )
    return out


def _fill_week(
    week: list[_Option],
    profile: Profile,
    marks: Marks,
    planned: dict[date, int],
    last_groups: set[str],
) -> list[_Option]:
    picks = [o for o in week if o.fixed]
    for o in picks:
        o.state = o.fixed or "going"
    kept = [o for o in picks if o.fixed != "cancelled"]
    employed = sum(o.crowd == Crowd.employed for o in kept)
    dropped = sum(
        marks.choices.get(o.listing.id) == "dropped" and o.crowd == Crowd.employed for o in week
    )
    goal = max(0, profile.employed_per_week - dropped)
    want = max(0, min(goal, profile.employed_weekly_max) - employed)
    candidates = [o for o in week if o.crowd == Crowd.employed and not o.fixed and not o.problem]
    candidates.sort(key=lambda o: (-len(o.targets), o.group in last_groups, o.cost, o.start))
    this_week = {o.group for o in kept if o.crowd == Crowd.employed}

    def take(want: int, repeat_ok: bool, targets_only: bool) -> int:
        for o in candidates:
            if want == 0:
                break
            if o.state != "other" or (o.group in this_week and not repeat_ok):
                continue
            if targets_only and not o.targets:
                continue
            if _clashes(o, kept):
                continue
            o.state = "suggested"
            kept.append(o)
            picks.append(o)
            this_week.add(o.group)
            want -= 1
        return want

    # First a group not already in this week; then any group, rather than nothing.
    want = take(take(want, False, False), True, False)
    if not dropped:
        # Above the weekly number, up to the maximum: only a meeting that mentions a target
        # company or industry is worth the extra evening.
        employed = sum(o.crowd == Crowd.employed for o in kept)
        take(max(0, profile.employed_weekly_max - employed), False, True)
    if any(o.crowd == Crowd.job_seekers for o in kept):
        return _by_time(picks)
    seekers = [o for o in week if o.crowd == Crowd.job_seekers and not o.fixed and not o.problem]
    seekers.sort(key=lambda o: (o.cost, o.start))
    for o in seekers:
        month = o.start.date().replace(day=1)
        budget = marks.budgets.get(month)
        used = (budget.marked if budget else 0) + planned.get(month, 0)
        if used >= profile.job_seeker_monthly_limit:
            o.problem = (
                f"your job-seeker meetings for {month:%B} are at the limit "
                f"({used} of {profile.job_seeker_monthly_limit})"
            )
            continue
        if _clashes(o, kept):
            continue
        o.state = "suggested"
        picks.append(o)
        planned[month] = planned.get(month, 0) + 1
        break
    return _by_time(picks)


def _clashes(option: _Option, kept: list[_Option]) -> bool:
    """Whether the meeting overlaps one already in the week; if so, that is its problem."""
    clash = next((k for k in kept if option.clashes(k)), None)
    if clash is not None:
        option.problem = f"at the same time as {clash.listing.title}"
    return clash is not None


def _shortfall(
    week: list[_Option],
    picks: list[_Option],
    options: list[_Option],
    profile: Profile,
    marks: Marks,
    start_day: date,
    zone: tzinfo,
) -> tuple[str | None, list[tuple[_Option, str]]]:
    """What the week lacks, and the nearest alternatives with what kept each out."""
    if not _short(week, picks, profile, marks):
        return None, []
    employed, goal = _count_and_goal(week, picks, profile, marks)
    if employed == 0:
        note = "Nothing suitable where the employed go this week."
    else:
        note = f"Only {employed} of your {goal} meetings where the employed go this week."
    inside = [o for o in week if o.crowd == Crowd.employed and o.state == "other" and not o.final]
    inside.sort(key=lambda o: (-len(o.targets), o.cost, o.start))
    found = [(o, o.problem or "not picked") for o in inside[:ALTERNATIVES]]
    if len(found) < ALTERNATIVES:
        middle = datetime.combine(start_day + timedelta(days=3), time(12), zone)
        outside = [
            o
            for o in options
            if o.crowd == Crowd.employed
            and o.state == "other"
            and not o.final
            and o not in week
            and not o.problem
        ]
        outside.sort(key=lambda o: abs((o.start - middle).total_seconds()))
        for o in outside[: ALTERNATIVES - len(found)]:
            found.append((o, f"another week; {o.cost_words}"))
    return note, found


def _count_and_goal(
    week: list[_Option], picks: list[_Option], profile: Profile, marks: Marks
) -> tuple[int, int]:
    """The picks where the employed go, and how many the week should have."""
    employed = sum(o.crowd == Crowd.employed and o.state != "cancelled" for o in picks)
    dropped = sum(
        marks.choices.get(o.listing.id) == "dropped" and o.crowd == Crowd.employed for o in week
    )
    return employed, min(max(0, profile.employed_per_week - dropped), profile.employed_weekly_max)


def _short(week: list[_Option], picks: list[_Option], profile: Profile, marks: Marks) -> bool:
    employed, goal = _count_and_goal(week, picks, profile, marks)
    return employed < goal


def _by_order(options: list[_Option]) -> list[_Option]:
    """In the order the store reads meetings: by start, then id."""
    return sorted(options, key=lambda o: (o.listing.starts_at, o.listing.id))


def _months_between(first: date, last: date) -> list[date]:
    months = [first]
    while months[-1] < last:
        m = months[-1]
        months.append(
            m.replace(year=m.year + 1, month=1) if m.month == 12 else m.replace(month=m.month + 1)
        )
    return months


def _by_time(options: list[_Option]) -> list[_Option]:
    return sorted(options, key=lambda o: o.start)


def _members_only(access: list[Access]) -> bool:
    return Access.members_only in access and not any(x in CHEAP for x in access)


def _cost(fee: Fee | None, ways_in: list[Access]) -> tuple[tuple[int, float], str]:
    """How cheap the way in is, as a sort key and in words."""
    for rank, access in enumerate(CHEAP):
        if access in ways_in:
            return (rank, 0.0), ACCESS_LABELS[access].lower()
    if fee is not None and fee.free:
        return (0, 0.0), "free"
    if fee is not None and fee.amount is not None:
        money = (
            f"{fee.amount:g} {fee.currency}"
            if fee.currency not in (None, "USD")
            else f"${fee.amount:g}"
        )
        return (len(CHEAP), fee.amount), money
    return (len(CHEAP) + 1, 0.0), "price not given"


def _why(o: _Option) -> str:
    """One line: what it is, the targets it mentions, the cheapest way in, where."""
    kind = KIND_WORDS[o.listing.kind].removeprefix("a ").removeprefix("an ")
    parts = [kind]
    if o.targets:
        parts.append(f"target{'s' if len(o.targets) > 1 else ''}: {', '.join(o.targets)}")
    parts.append(o.cost_words)
    if o.cost_words != ACCESS_LABELS[Access.virtual].lower():  # "virtual" says "online"
        parts.append(o.reach)
    if o.state == "accepted":
        parts.append("you accepted it")
    elif o.state == "going":
        parts.append("you marked it going")
    elif o.state == "cancelled":
        parts = ["cancelled by its organiser", *parts[1:2]]
    return "; ".join(parts)


def _item(o: _Option, zone: tzinfo, why: str) -> PlanItem:
    event = a = o.listing
    return PlanItem(
        id=event.id,
        title=event.title,
        url=event.url,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        when=_when(o.start.astimezone(zone)),
        group_name=event.group_name,
        place=o.place,
        crowd=a.crowd,
        kind=a.kind,
        label=LABELS[a.crowd],
        access=a.access,
        targets=a.targets,
        state=o.state if o.state != "other" else "alternative",
        why=why,
        new=o.new,
    )


def _place(event: Listing) -> str | None:
    if event.is_online:
        return "online"
    venue = event.venue
    if venue is None:
        return None
    return ", ".join(p for p in (venue.name, venue.city) if p) or None


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _when(at: datetime) -> str:
    return f"{_day(at.date())} {at:%H:%M}"


def plan_from_store(store: Store, now: datetime, weeks: int = WEEKS) -> Plan:
    """The plan over what the store holds: the meetings of the weeks ahead as the person sees
    them (their corrections and targets), their marks and choices, and each month's budget.
    It reads light rows, and only those the plan may pick, show as new or must count (SQLite
    leaves out the members-only and those outside the free hours); the rest only for a week
    that falls short, to name its alternatives."""
    profile = store.get_profile()
    zone = person_zone(profile)
    today = now.astimezone(zone).date()
    start = datetime.combine(today, time(0), zone)
    end = datetime.combine(today + timedelta(days=7 * weeks), time(0), zone)
    free = [parse_free_time(text) for text in profile.free_times]
    spans = free_spans(free, zone, today, today + timedelta(days=7 * weeks - 1))
    cheap = [access.value for access in CHEAP]
    rows = store.plan_candidates(
        start, end, now, spans, length=DEFAULT_LENGTH, cheap=cheap, online_only=profile.virtual_only
    )
    going = frozenset(store.going_among([r["id"] for r in rows]))
    months = _months_between(month_of(start, zone), month_of(end - timedelta(seconds=1), zone))
    budgets = {
        m: job_seeker_budget(store, profile, datetime.combine(m, time(12), zone)) for m in months
    }
    marks = Marks(
        going=going,
        choices=store.plan_choices(),
        looked_at=store.plan_looked_at(),
        budgets=budgets,
    )
    ctx = _context(profile, marks, now, find_home(profile, store.plan_spots(start, end, now)))
    # The unjudged are judged first; then those whose picks hang on the person's view now:
    # those marked going, and those nothing holds back by the judgement stored with them. The
    # rest can be at most an alternative, shown by their stored judgement.
    seen = {r["id"] for r in rows if not r["crowd"]}
    options = _options(ctx, _listings(store, rows, profile))
    ranked = [
        o.listing
        for o in options
        if (o.listing.id in going or o.problem is None) and o.listing.id not in seen
    ]
    by_id = {r["id"]: r for r in rows}
    targets = stored_targets(store, [by_id[x.id] for x in ranked], profile)
    for x, fresh in zip(ranked, targets, strict=True):
        if fresh is not None:
            x.targets = fresh  # its option reads them from here
    whole = [x.id for x, fresh in zip(ranked, targets, strict=True) if fresh is None]
    found = store.get_events(whole)
    events = [found[i] for i in whole]
    again = _options(ctx, map(Listing.of, events, judge_stored(store, events, profile)))
    rejudged = {o.listing.id: o for o in again}
    options = [rejudged.get(o.listing.id, o) for o in options]

    def held_back() -> list[Listing]:
        return _listings(store, store.plan_held_back(start, end, now), profile)

    stored = bool(rows) or store.plan_window_any(start, end, now)
    return _plan(options, ctx, weeks, stored, held_back)


def _listings(store: Store, rows: list[dict], profile: Profile) -> list[Listing]:
    """The store's light rows as the planner reads them: as judged when stored, and those not
    judged yet judged now."""
    unjudged = [r["id"] for r in rows if not r["crowd"]]
    found = store.get_events(unjudged)
    events = [found[i] for i in unjudged]
    judged = dict(zip(unjudged, judge_stored(store, events, profile), strict=True))
    return [
        Listing.of(found[r["id"]], judged[r["id"]]) if r["id"] in judged else Listing.stored(r)
        for r in rows
    ]


class ChoiceError(ValueError):
    """A choice about a pick that cannot be made; the message says why, and nothing changed."""


def choose(store: Store, event: Event, choice: str, now: datetime) -> None:
    """Accept a pick (it counts as going), swap it for another, or drop it for its week."""
    if choice == "accepted":
        if event.status == Status.cancelled:
            raise ChoiceError(f"{event.title!r} was cancelled by its organiser; nothing changed.")
        if event.starts_at is not None:
            end = event.ends_at or event.starts_at + DEFAULT_LENGTH
            if end <= now:
                zone = person_zone(store.get_profile())
                raise ChoiceError(
                    f"{event.title!r} ended on {_when(end.astimezone(zone))}; nothing changed."
                )
        [assessment] = judge_stored(store, [event], store.get_profile())
        store.choose(event.id, choice, assessment.crowd.value, now)
    else:
        store.choose(event.id, choice, None, now)


def week_of(plan: Plan, event: Event, profile: Profile) -> PlanWeek | None:
    """The plan's week that holds the meeting's day, if any."""
    if event.starts_at is None:
        return None
    day = event.starts_at.astimezone(person_zone(profile)).date()
    return next((w for w in plan.weeks if w.starts_on <= day <= w.ends_on), None)
