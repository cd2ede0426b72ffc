"""The plan over a store reads light rows and only the meetings it may pick; it must make the
same plan as the straightforward way: every meeting of the weeks ahead read whole, judged, and
planned by `make_plan`. Checked over varied stores (crowds, ways in, places near and far, free
hours across a change of the clocks, corrections, unjudged meetings, marks and choices)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

import pytest

from meetscout.judge import correct, judge_stored
from meetscout.model import Access, Assessment, Crowd, Event, Fee, Kind, Profile, Venue
from meetscout.personal import job_seeker_budget, month_of, person_zone
from meetscout.plan import Marks, Meeting, make_plan, plan_from_store
from meetscout.store import Store

ZONE = "America/New_York"
# Sunday 25 October 2026, 3 pm in New Jersey: the clocks go back on 1 November, in the plan.
NOW = datetime(2026, 10, 25, 19, 0, tzinfo=UTC)
PROFILE = Profile(
    home_area="Newark, NJ",
    radius_km=40,
    target_companies=["Prudential", "ADP"],
    target_industries=["insurance"],
    job_seeker_monthly_limit=2,
    employed_per_week=2,
    employed_weekly_max=3,
    free_times=["Mon-Fri 17:30-22:00", "Sat 08:00-14:00", "Sun 00:30-03:00"],
    timezone=ZONE,
)
PLACES = [
    Venue(name="Hall", city="Newark", region="NJ", lat=40.735, lon=-74.172),
    Venue(name="Library", city="Newark", region="NJ", lat=40.742, lon=-74.176),
    Venue(name="Inn", city="Morristown", region="NJ", lat=40.797, lon=-74.481),
    Venue(name="Club", city="Princeton", region="NJ", lat=40.357, lon=-74.667),
    Venue(name="Loft", city="Hoboken", region="NJ"),
    Venue(name="Bar", city="Brooklyn", region="NY"),
    None,
]
WORDS = "chapter dinner panel talk breakfast Prudential ADP insurance payroll data cloud".split()
CROWDS = [Crowd.employed] * 5 + [Crowd.job_seekers] * 2 + [Crowd.not_networking, None]
KINDS = {
    Crowd.employed: Kind.professional_association,
    Crowd.job_seekers: Kind.job_seeker_group,
    Crowd.not_networking: Kind.not_networking,
}
WAYS_IN = [[], [Access.free], [Access.guest_pass], [Access.members_only],
           [Access.members_only, Access.volunteer], [Access.drinks_only]]  # fmt: skip


def stored_meetings(n: int, seed: int) -> list[Event]:
    rnd = random.Random(seed)
    out = []
    starts = [datetime(2026, 11, 22, 3, 30, tzinfo=UTC)] + [
        (NOW - timedelta(days=3) + timedelta(hours=rnd.randrange(0, 33 * 24))).replace(
            minute=rnd.choice([0, 30])
        )
        for _ in range(n - 1)
    ]
    for i, start in enumerate(starts):
        ends = rnd.choice([None, 1, 2, 3, -1])
        crowd = rnd.choice(CROWDS)
        group = rnd.randrange(max(2, n // 4))
        online = rnd.random() < 0.2
        out.append(
            Event(
                id=f"meetup:{7_000_000 + i}",
                source="meetup",
                url=f"https://www.meetup.com/g{group}/events/{7_000_000 + i}/",
                title=" ".join(rnd.choices(WORDS, k=4)).title(),
                description=" ".join(rnd.choices(WORDS, k=12)),
                starts_at=start,
                ends_at=None if ends is None else start + timedelta(hours=ends),
                timezone=ZONE,
                group_id=f"meetup-group:g{group}",
                group_name=None if rnd.random() < 0.1 else f"Group {group}",
                venue=None if online else rnd.choice(PLACES),
                is_online=online,
                fee=rnd.choice(
                    [
                        None,
                        Fee(free=True),
                        Fee(amount=20, currency="USD"),
                        Fee(amount=15, currency="EUR"),
                    ]
                ),  # fmt: skip
                status="cancelled" if rnd.random() < 0.05 else "scheduled",
                first_seen=NOW - timedelta(days=rnd.randrange(0, 10)),
                assessment=None
                if crowd is None
                else Assessment(
                    crowd=crowd,
                    kind=KINDS[crowd],
                    confidence=0.8,
                    access=rnd.choice(WAYS_IN),
                    reasons=["a reason"],
                ),
            )
        )
    # The first: a new one online where the employed go, running past the plan's last midnight.
    out[0] = out[0].model_copy(
        update={
            "title": "Prudential Insurance Night",
            "description": "ADP",
            "group_id": "meetup-group:night",
            "ends_at": None,
            "is_online": True,
            "venue": None,
            "status": "scheduled",
            "first_seen": NOW - timedelta(days=1),
            "assessment": Assessment(
                crowd=Crowd.employed,
                kind=Kind.professional_association,
                confidence=0.8,
                access=[Access.free],
            ),
        }
    )
    return out


def fill(store: Store, profile: Profile, n: int, seed: int) -> None:
    rnd = random.Random(seed)
    events = stored_meetings(n, seed)
    store.save_profile(profile)
    store.upsert_events(events, seen=NOW - timedelta(days=10))
    # What is stored is what the judge said with this profile (targets included).
    judged = [e for e in events if e.assessment is not None]
    store.set_assessments(
        "events", zip([e.id for e in judged], judge_stored(store, judged, profile), strict=True)
    )
    correct(store, "event", "employed", event_id=events[1].id)
    correct(store, "group", "job_seekers", group_id=events[2].group_id)
    ahead = [e for e in events if e.starts_at > NOW and e.status == "scheduled"]
    for e in rnd.sample(events, k=max(1, n // 20)):
        store.mark_going(e.id, "employed", NOW - timedelta(days=1))
    choices = ["accepted", "dropped", "swapped", "dropped", "accepted", "swapped"]
    for e, choice in zip(rnd.sample(ahead, k=min(6, len(ahead))), choices, strict=False):
        store.choose(e.id, choice, "employed", NOW - timedelta(hours=1))
    store.mark_plan_looked(NOW - timedelta(days=5))


def straightforward(store: Store, now: datetime):
    """The plan the plain way: every meeting of the weeks ahead read whole and judged."""
    profile = store.get_profile()
    zone = person_zone(profile)
    today = now.astimezone(zone).date()
    start = datetime.combine(today, time(0), zone)
    end = datetime.combine(today + timedelta(days=28), time(0), zone)
    events = store.plan_window(start, end, now)
    judged = judge_stored(store, events, profile)
    meetings = [Meeting(*pair) for pair in zip(events, judged, strict=True)]
    months = {month_of(start, zone), month_of(end - timedelta(seconds=1), zone)}
    marks = Marks(
        going=frozenset(store.going_among([e.id for e in events])),
        choices=store.plan_choices(),
        looked_at=store.plan_looked_at(),
        budgets={
            m: job_seeker_budget(store, profile, datetime.combine(m, time(12), zone))
            for m in months
        },
    )
    return make_plan(meetings, profile, marks, now)


@pytest.mark.parametrize(
    ("profile", "n", "seed"),
    [
        (PROFILE, 600, 1),
        (PROFILE, 600, 2),
        (PROFILE, 40, 3),  # weeks left short: alternatives from the rows held back
        (PROFILE.model_copy(update={"free_times": [], "virtual_only": True}), 300, 4),
        (PROFILE.model_copy(update={"target_companies": [], "radius_km": 10}), 300, 5),
    ],
)
def test_the_light_plan_is_the_straightforward_plan(tmp_path, profile, n, seed):
    with Store(tmp_path / "plan.db") as store:
        fill(store, profile, n, seed)
        light = plan_from_store(store, NOW)
        plain = straightforward(store, NOW)
    assert light.model_dump() == plain.model_dump()
    # The stores are varied enough to be worth comparing.
    assert any(w.picks for w in light.weeks)
    if n < 100:
        assert any(w.alternatives for w in light.weeks)


def test_a_meeting_past_the_last_midnight_is_planned_when_any_time_will_do(tmp_path):
    anytime = PROFILE.model_copy(update={"free_times": []})
    [late] = stored_meetings(1, seed=6)  # Saturday 21 November, 10:30 pm, for two hours
    with Store(tmp_path / "plan.db") as store:
        store.save_profile(anytime)
        store.upsert_events([late], seen=NOW)
        plan = plan_from_store(store, NOW)
        assert plan == straightforward(store, NOW)
    assert [p.id for p in plan.weeks[3].picks] == [late.id]
