"""`meetscout plan`: the next four weeks, week by week; accept, swap or drop a pick; the settings
the plan follows."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from ..identify import canonical_url, identify
from ..model import Event, Profile
from ..plan import WEEKS, ChoiceError, Plan, PlanItem, choose, plan_from_store, week_of
from ..store import Store, now_utc
from .common import DbOption, console, fail, open_store

# No help of its own: `meetscout plan --help` shows the callback's, which runs the plan.
plan_app = typer.Typer()

EventArg = Annotated[
    str,
    typer.Argument(
        help="The meeting: its id as `meetscout plan` shows it, or its Meetup/LinkedIn address.",
        show_default=False,
    ),
]
MARKS = {
    "suggested": "+",
    "accepted": "✓",
    "going": "✓",
    "cancelled": "✗",
}


@plan_app.callback(invoke_without_command=True)
def plan(
    ctx: typer.Context,
    weeks: Annotated[int, typer.Option(min=1, max=8, help="How many weeks ahead.")] = WEEKS,
    as_json: Annotated[bool, typer.Option("--json", help="The plan as one JSON object.")] = False,
    db: DbOption = None,
) -> None:
    """The next four weeks, week by week, each pick with one line of why.

    Meetings where the employed go, as many a week as your profile asks (`meetscout plan
    settings`), target companies first, then the cheapest way in; job-seeker meetings within
    your monthly limit. Meetings that arrived since you last looked are marked new.

    Example:

        meetscout plan --weeks 2
    """
    if ctx.invoked_subcommand is not None:
        return
    store = open_store(db)
    try:
        now = now_utc()
        made = plan_from_store(store, now, weeks)
        if as_json:
            typer.echo(made.model_dump_json(indent=2))
            return
        show_plan(made)
        if not store.read_only:  # a read-only file is read as it is
            store.mark_plan_looked(now)
    finally:
        store.close()


def show_plan(made: Plan, out: Console = console) -> None:
    """The plan as text that fits the terminal: weeks, picks with why, what is new."""

    def say(text: str, indent: int = 0, hang: int = 0) -> None:
        _say(out, text, indent, hang)

    def item(it: PlanItem, mark: str, state: str, new: bool = True) -> None:
        tag = " NEW" if it.new and new else ""
        say(f"{mark} {it.when}  {it.title} {state}{tag}".rstrip(), indent=2, hang=4)
        say(it.why, indent=6)
        say(it.id, indent=6)

    first, last = made.weeks[0], made.weeks[-1]
    say(f"Your plan, {first.label.split(' – ')[0]} – {last.label.split(' – ')[1]}")
    say(f"(times in {made.timezone})")
    if made.message:
        say(made.message)
    for budget in made.budgets:
        say(budget.line)
    for week in made.weeks:
        say("")
        say(f"Week {week.number} · {week.label}")
        for it in week.picks:
            item(it, MARKS.get(it.state, "-"), f"[{it.state}]")
        if week.note:
            say(week.note, indent=2)
        if week.alternatives:
            say("The nearest alternatives:", indent=2)
            for it in week.alternatives:
                item(it, "·", "")
    if made.new:
        say("")
        say(
            f"New since you last looked ({made.looked_when}): {len(made.new)} where the employed go"
        )
        for it in made.new:
            item(it, "★", "[in the plan]" if it.state == "suggested" else "", new=False)
    say("")
    say("Take a pick: meetscout plan accept ID; another instead: meetscout plan swap ID;")
    say("none that week: meetscout plan drop ID.")


def _say(out: Console, text: str, indent: int = 0, hang: int = 0) -> None:
    """A line wrapped at whole words to the terminal's width, continued under its start."""
    lines = textwrap.wrap(
        text,
        max(40, out.width),
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hang),
        break_long_words=False,
        break_on_hyphens=False,
    )
    for line in lines or [""]:
        out.print(line, highlight=False, markup=False, soft_wrap=True)


@plan_app.command("accept")
def accept(event: EventArg, db: DbOption = None) -> None:
    """Accept a pick: it counts as "I'm going" and goes to your calendar.

    Example:

        meetscout plan accept meetup:312820201
    """
    _decide(db, event, "accepted", "Accepted: {title}. It counts as going.")


@plan_app.command("swap")
def swap(
    event: EventArg,
    other: Annotated[
        str | None,
        typer.Option("--for", help="Take this meeting instead (else the plan picks one)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Not this pick: take another meeting in its place.

    Example:

        meetscout plan swap meetup:312820201
    """
    with open_store(db) as store:
        found = find_meeting(store, event)
        instead = find_meeting(store, other) if other else None
        _choose(store, found, "swapped")
        console.print(f"Swapped out: {found.title}.", highlight=False)
        if instead is not None:
            _choose(store, instead, "accepted")
            console.print(f"In its place, accepted: {instead.title}.", highlight=False)
            return
        week = week_of(plan_from_store(store, now_utc()), found, store.get_profile())
        suggested = [p for p in week.picks if p.state == "suggested"] if week else []
        if suggested:
            for item in suggested:
                console.print(f"In its place: {item.when} {item.title} ({item.why})", markup=False)
        else:
            console.print("Nothing else suits that week; `meetscout plan` shows the nearest.")


@plan_app.command("drop")
def drop(event: EventArg, db: DbOption = None) -> None:
    """Drop a pick: not this one, and no other in its place that week.

    Example:

        meetscout plan drop meetup:312820201
    """
    _decide(db, event, "dropped", "Dropped: {title}.")


@plan_app.command("settings")
def settings(
    per_week: Annotated[
        int | None, typer.Option(help="Meetings where the employed go, each week.")
    ] = None,
    weekly_max: Annotated[
        int | None,
        typer.Option(help="Never more than this a week; above the number, only target meetings."),
    ] = None,
    job_seeker_limit: Annotated[
        int | None, typer.Option(help="Job-seeker meetings a month, at most.")
    ] = None,
    free: Annotated[
        list[str] | None,
        typer.Option(
            help='Days and hours you keep free, like "Tue,Thu 18:00-21:30" (repeat for more; '
            "replaces the ones set).",
        ),
    ] = None,
    any_time: Annotated[
        bool, typer.Option("--any-time", help="Forget the free hours: any time will do.")
    ] = False,
    online_only: Annotated[
        bool | None,
        typer.Option("--online-only/--in-person-too", help="Only online meetings, or both."),
    ] = None,
    home_area: Annotated[
        str | None, typer.Option(help='Where you live, like "Newark, NJ".')
    ] = None,
    radius_km: Annotated[float | None, typer.Option(help="How far you travel, in km.")] = None,
    zone: Annotated[str | None, typer.Option(help="Your time zone, like America/New_York.")] = None,
    db: DbOption = None,
) -> None:
    """Show or change what the plan follows; with no options, show it.

    Example:

        meetscout plan settings --per-week 1 --weekly-max 2 --free "Mon-Fri 17:30-21:30"
    """
    changes = {
        "employed_per_week": per_week,
        "employed_weekly_max": weekly_max,
        "job_seeker_monthly_limit": job_seeker_limit,
        "free_times": [] if any_time else free,
        "virtual_only": online_only,
        "home_area": home_area,
        "radius_km": radius_km,
        "timezone": zone,
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    with open_store(db) as store:
        profile = store.get_profile()
        if changes:
            try:
                profile = Profile.model_validate({**profile.model_dump(), **changes})
            except ValidationError as exc:
                fail("; ".join(_message(e) for e in exc.errors()) + ". Nothing was changed.")
            store.save_profile(profile)
        _show_settings(profile)


def _show_settings(p: Profile) -> None:
    free = "; ".join(p.free_times) if p.free_times else "any time"
    if p.virtual_only:
        where = "online only"
    elif p.home_area:
        where = f"online, or in person within {p.radius_km:g} km of {p.home_area}"
    else:
        where = "online or in person, anywhere (no home area set)"
    for line in (
        f"Meetings where the employed go: {p.employed_per_week} a week, "
        f"{p.employed_weekly_max} at most",
        f"Job-seeker meetings: {p.job_seeker_monthly_limit} a month at most",
        f"Free: {free}",
        f"Where: {where}",
        f"Time zone: {p.timezone or 'this computer’s'}",
        f"Targets: {', '.join(p.target_companies + p.target_industries) or 'none'}",
    ):
        _say(console, line)


def _message(error: dict) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if not isinstance(p, int))
    text = str(error.get("msg", "")).removeprefix("Value error, ")
    return f"{where}: {text}" if where else text


def find_meeting(store: Store, ref: str) -> Event:
    """The stored meeting an id or a Meetup/LinkedIn address names; a clear failure if none."""
    found = store.get_event(ref.strip())
    if found is None and "://" in ref:
        identity = identify(ref)
        if identity is not None and identity.kind == "event":
            found = store.get_event(identity.id)
        if found is None:
            try:
                by_url = store.find_by_url(identity.url if identity else canonical_url(ref))
            except ValueError:
                by_url = None
            found = by_url if isinstance(by_url, Event) else None
    if found is None:
        fail(
            f"meetscout has no meeting {ref!r}. Use an id as `meetscout plan` shows it "
            "(like meetup:312820201) or the meeting's address."
        )
    return found


def _decide(db: Path | None, ref: str, choice: str, said: str) -> None:
    with open_store(db) as store:
        found = find_meeting(store, ref)
        _choose(store, found, choice)
    console.print(said.format(title=found.title), highlight=False, markup=False)


def _choose(store: Store, event: Event, choice: str) -> None:
    try:
        choose(store, event, choice, now_utc())
    except ChoiceError as exc:
        fail(str(exc))
