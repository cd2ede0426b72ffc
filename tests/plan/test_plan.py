"""The plan as a pure function: meetings, a profile, marks and a frozen clock in; weeks out."""

from __future__ import annotations

from datetime import date, timedelta

from meetscout.model import Access, Crowd
from meetscout.personal import JobSeekerBudget
from meetscout.plan import Marks, make_plan
from tests.plan.meetings import NOW, PROFILE, at, meeting

DECEMBER, NOVEMBER = date(2026, 12, 1), date(2026, 11, 1)


def titles(week) -> list[str]:
    return [p.title for p in week.picks]


def test_weeks_run_from_today_in_the_persons_zone():
    plan = make_plan([], PROFILE, Marks(), NOW)
    assert [w.label for w in plan.weeks] == [
        "Mon 30 Nov – Sun 6 Dec",
        "Mon 7 Dec – Sun 13 Dec",
        "Mon 14 Dec – Sun 20 Dec",
        "Mon 21 Dec – Sun 27 Dec",
    ]
    assert plan.timezone == "America/New_York"
    # No meetings at all: a message saying what to do, and every week says it is empty.
    assert "crawl" in plan.message
    assert all(w.note and "Nothing suitable" in w.note for w in plan.weeks)
    assert [b.line for b in plan.budgets] == [
        "job-seeker meetings: 0 of 2 in November",
        "job-seeker meetings: 0 of 2 in December",
    ]


def test_target_companies_first_then_the_cheapest_way_in():
    free = meeting("Business breakfast", at(2, 18), access=(Access.free,))
    guest = meeting("Chapter dinner", at(3, 18), access=(Access.guest_pass,))
    target = meeting("Insurance analytics at Prudential", at(4, 18), targets=("Prudential",))
    plan = make_plan([free, guest, target], PROFILE, Marks(), NOW)
    [pick] = plan.weeks[0].picks
    assert pick.title == "Insurance analytics at Prudential"
    assert pick.state == "suggested"
    assert pick.why == "professional association; target: Prudential; $25; in Newark"
    # Without the target, the free one beats the guest pass.
    plan = make_plan([free, guest], PROFILE, Marks(), NOW)
    assert titles(plan.weeks[0]) == ["Business breakfast"]
    assert plan.weeks[0].picks[0].why.startswith("professional association; free;")


def test_a_group_that_meets_every_week_is_not_picked_every_week():
    weekly = [
        meeting("Weekly breakfast", at(1 + 7 * w, 18), group="breakfast", access=(Access.free,))
        for w in range(4)
    ]
    others = [
        meeting(f"Chapter meeting {w}", at(3 + 7 * w, 19), group=f"chapter{w}", fee=30)
        for w in range(4)
    ]
    plan = make_plan(weekly + others, PROFILE, Marks(), NOW)
    picked = [w.picks[0].title for w in plan.weeks]
    assert picked == [
        "Weekly breakfast",
        "Chapter meeting 1",
        "Weekly breakfast",
        "Chapter meeting 3",
    ]
    # With nothing else on offer it is picked every week rather than leave weeks empty.
    plan = make_plan(weekly, PROFILE, Marks(), NOW)
    assert [w.picks[0].title for w in plan.weeks] == ["Weekly breakfast"] * 4


def test_two_in_a_week_come_from_two_groups_when_there_are_two():
    two = PROFILE.model_copy(update={"employed_per_week": 2})
    tuesday = meeting("Breakfast Tuesday", at(1, 18), group="breakfast", access=(Access.free,))
    thursday = meeting("Breakfast Thursday", at(3, 18), group="breakfast", access=(Access.free,))
    chapter = meeting("Chapter dinner", at(2, 19), group="chapter", fee=30)
    week = make_plan([tuesday, thursday, chapter], two, Marks(), NOW).weeks[0]
    assert titles(week) == ["Breakfast Tuesday", "Chapter dinner"]
    # Only one group on offer: both of its meetings rather than one short.
    week = make_plan([tuesday, thursday], two, Marks(), NOW).weeks[0]
    assert titles(week) == ["Breakfast Tuesday", "Breakfast Thursday"]


def test_no_two_meetings_at_once():
    going = meeting("Chapter dinner", at(2, 18), fee=40)
    clash = meeting("Free mixer", at(2, 19), access=(Access.free,))
    later = meeting("Late talk", at(3, 20), fee=60)
    marks = Marks(going=frozenset({going.event.id}))
    profile = PROFILE.model_copy(update={"employed_per_week": 2})
    plan = make_plan([going, clash, later], profile, marks, NOW)
    week = plan.weeks[0]
    assert [(p.title, p.state) for p in week.picks] == [
        ("Chapter dinner", "going"),
        ("Late talk", "suggested"),
    ]
    assert "you marked it going" in week.picks[0].why


def test_the_job_seeker_budget_counts_what_is_marked_and_stops_at_the_limit():
    clubs = [
        meeting(
            f"Job club {w}",
            at(5 + 7 * w, 9),
            crowd=Crowd.job_seekers,
            group="club",
            access=(Access.free,),
        )
        for w in range(4)
    ]
    # Nothing marked: one a week until December's two are planned.
    plan = make_plan(clubs, PROFILE, Marks(), NOW)
    assert [titles(w) for w in plan.weeks] == [["Job club 0"], ["Job club 1"], [], []]
    assert plan.budgets[1].line == "job-seeker meetings: 0 of 2 in December (2 more in this plan)"
    # December already full with two marked elsewhere: none at all.
    full = {DECEMBER: JobSeekerBudget(DECEMBER, 2, 2), NOVEMBER: JobSeekerBudget(NOVEMBER, 0, 2)}
    plan = make_plan(clubs, PROFILE, Marks(budgets=full), NOW)
    assert all(not w.picks for w in plan.weeks)
    assert plan.budgets[1].line == "job-seeker meetings: 2 of 2 in December"


def test_an_empty_week_says_so_and_names_the_nearest_alternatives():
    lunch = meeting("Lunch and learn", at(9, 12))  # Wednesday noon: not a free hour
    far = meeting("Philadelphia chapter", at(10, 18), city="Philadelphia", region="PA")
    members = meeting("Members' night", at(11, 18), access=(Access.members_only,))
    week1 = meeting("Chapter meeting", at(2, 18))
    week3 = meeting("Another chapter", at(16, 18))
    plan = make_plan([lunch, far, members, week1, week3], PROFILE, Marks(), NOW)
    week = plan.weeks[1]
    assert week.picks == []
    assert week.note == "Nothing suitable where the employed go this week."
    reasons = {a.title: a.why for a in week.alternatives}
    assert reasons == {
        "Lunch and learn": "outside your free hours",
        "Philadelphia chapter": "in Philadelphia: outside your area",
        "Members' night": "members only",
    }
    # With fewer than three held back in the week, the nearest meetings of other weeks that
    # the plan left out fill in.
    spare = meeting("Spare chapter", at(3, 19), fee=90)
    plan = make_plan([lunch, week1, spare, week3], PROFILE, Marks(), NOW)
    alternatives = [(a.title, a.why) for a in plan.weeks[1].alternatives]
    assert alternatives == [
        ("Lunch and learn", "outside your free hours"),
        ("Spare chapter", "another week; $90"),
    ]


def test_a_cancelled_meeting_is_never_picked_and_shows_as_cancelled_when_going():
    cancelled = meeting("Called-off dinner", at(2, 18), access=(Access.free,), status="cancelled")
    marked = meeting("Called-off workshop", at(3, 18), status="cancelled")
    other = meeting("Chapter meeting", at(4, 18), fee=40)
    marks = Marks(going=frozenset({marked.event.id}))
    plan = make_plan([cancelled, marked, other], PROFILE, marks, NOW)
    assert [(p.title, p.state) for p in plan.weeks[0].picks] == [
        ("Called-off workshop", "cancelled"),
        ("Chapter meeting", "suggested"),
    ]
    assert plan.weeks[0].picks[0].why.startswith("cancelled by its organiser")


def test_meetings_already_begun_are_not_picked():
    begun = meeting("This afternoon", NOW - timedelta(hours=1), access=(Access.free,))
    plan = make_plan([begun], PROFILE, Marks(), NOW)
    assert plan.weeks[0].picks == []
    assert plan.weeks[0].alternatives == []


def test_online_only_and_free_hours_and_the_area():
    online = meeting("Virtual mixer", at(2, 19), online=True, access=(Access.virtual,))
    in_person = meeting("Chapter dinner", at(3, 18), access=(Access.free,))
    only_online = PROFILE.model_copy(update={"virtual_only": True})
    plan = make_plan([online, in_person], only_online, Marks(), NOW)
    assert titles(plan.weeks[0]) == ["Virtual mixer"]
    assert plan.weeks[0].picks[0].place == "online"
    # Free hours given as Saturday only: the weekday ones are held back.
    saturdays = PROFILE.model_copy(update={"free_times": ["Sat 08:00-14:00"]})
    plan = make_plan([online, in_person], saturdays, Marks(), NOW)
    assert plan.weeks[0].picks == []
    # No free hours given: any time will do.
    anytime = PROFILE.model_copy(update={"free_times": []})
    lunch = meeting("Lunch and learn", at(2, 12), access=(Access.free,))
    assert titles(make_plan([lunch], anytime, Marks(), NOW).weeks[0]) == ["Lunch and learn"]


def test_distance_from_the_home_town_placed_by_its_venues():
    newark = meeting("Newark meetup", at(1, 18), lat=40.7357, lon=-74.1724, fee=10)
    near = meeting("Morristown", at(2, 18), city="Morristown", lat=40.7968, lon=-74.4815)
    far = meeting(
        "Princeton", at(3, 18), city="Princeton", lat=40.3573, lon=-74.6672, access=(Access.free,)
    )
    profile = PROFILE.model_copy(update={"radius_km": 30, "employed_per_week": 3})
    plan = make_plan([newark, near, far], profile, Marks(), NOW)
    assert titles(plan.weeks[0]) == ["Newark meetup", "Morristown"]
    assert "in Morristown, 27 km away" in plan.weeks[0].picks[1].why


def test_the_weekly_number_and_maximum():
    options = [meeting(f"Meeting {d}", at(d, 18), group=f"g{d}") for d in range(1, 5)]
    two = PROFILE.model_copy(update={"employed_per_week": 2, "employed_weekly_max": 2})
    assert len(make_plan(options, two, Marks(), NOW).weeks[0].picks) == 2
    # Three marked going: the maximum is passed by the person's own choice, so none is added.
    going = Marks(going=frozenset(m.event.id for m in options[:3]))
    week = make_plan(options, two, going, NOW).weeks[0]
    assert [p.state for p in week.picks] == ["going"] * 3
    # Above the weekly number, up to the maximum: only meetings that mention a target.
    plain = meeting("Plain chapter", at(1, 18), access=(Access.free,))
    talks = [
        meeting(f"Prudential talk {d}", at(d, 19), group=f"p{d}", targets=("Prudential",))
        for d in (2, 3, 4)
    ]
    week = make_plan([plain, *talks], PROFILE, Marks(), NOW).weeks[0]
    assert titles(week) == ["Prudential talk 2", "Prudential talk 3"]
    one = PROFILE.model_copy(update={"employed_weekly_max": 1})
    assert titles(make_plan([plain, *talks], one, Marks(), NOW).weeks[0]) == ["Prudential talk 2"]
    plains = [plain, meeting("Plain dinner", at(2, 18), access=(Access.free,))]
    assert titles(make_plan(plains, PROFILE, Marks(), NOW).weeks[0]) == ["Plain chapter"]
    # A week where the person dropped a pick gets no extra one.
    dropped = Marks(choices={talks[0].event.id: "dropped"})
    assert titles(make_plan([plain, *talks], PROFILE, dropped, NOW).weeks[0]) == []
    # A week of none asked for: nothing picked, nothing said.
    none = PROFILE.model_copy(update={"employed_per_week": 0})
    week = make_plan(options, none, Marks(), NOW).weeks[0]
    assert (week.picks, week.note) == ([], None)


def test_dropped_leaves_the_week_empty_swapped_takes_the_next():
    first = meeting("First choice", at(2, 18), access=(Access.free,))
    second = meeting("Second choice", at(3, 18), fee=20)
    swapped = Marks(choices={first.event.id: "swapped"})
    assert titles(make_plan([first, second], PROFILE, swapped, NOW).weeks[0]) == ["Second choice"]
    dropped = Marks(choices={first.event.id: "dropped"})
    week = make_plan([first, second], PROFILE, dropped, NOW).weeks[0]
    assert (week.picks, week.note) == ([], None)


def test_new_since_the_person_last_looked():
    looked = NOW - timedelta(days=2)
    old = meeting("Known chapter", at(2, 18), first_seen=NOW - timedelta(days=9))
    fresh = meeting("New chapter", at(9, 18), first_seen=NOW - timedelta(days=1), fee=5)
    unsuitable = meeting("New lunch", at(10, 12), first_seen=NOW - timedelta(days=1))
    seekers = meeting(
        "New job club", at(5, 9), crowd=Crowd.job_seekers, first_seen=NOW - timedelta(days=1)
    )
    plan = make_plan([old, fresh, unsuitable, seekers], PROFILE, Marks(looked_at=looked), NOW)
    assert [(n.title, n.state) for n in plan.new] == [("New chapter", "suggested")]
    assert plan.weeks[1].picks[0].new is True
    assert plan.looked_when == "Sat 28 Nov 15:00"
    # Never looked before: nothing is new.
    assert make_plan([old, fresh], PROFILE, Marks(), NOW).new == []
