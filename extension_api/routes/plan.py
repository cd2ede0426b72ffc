"""`GET /v1/plan` and the person's choices about its picks: accept (it counts as going, and
"Add to my plan" on a flag does the same), swap, drop; and `POST /v1/plan/looked`, after which
nothing shown so far counts as new."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from meetscout.model import Event
from meetscout.plan import WEEKS, ChoiceError, Plan, choose, plan_from_store
from meetscout.store import Store, now_utc

from ..deps import ProfileDep, StoreDep
from ..errors import ApiError
from ..flagging import chosen_event, resolve
from ..schemas import AttendanceIn, Looked, PlanChoiceOut, Reference, SwapIn

router = APIRouter(tags=["plan"])
CONFLICT = {409: {"description": "The meeting was cancelled or is over; nothing changed"}}


@router.get("/plan", summary="The weekly plan")
def read(store: StoreDep, weeks: Annotated[int, Query(ge=1, le=8)] = WEEKS) -> Plan:
    """The weeks ahead, each with its picks and one line of why for each; the job-seeker budget
    of each month; the meetings where the employed go that arrived since the person last
    looked (`POST /v1/plan/looked`)."""
    return plan_from_store(store, now_utc(), weeks)


@router.post(
    "/plan/accept", summary="Accept a pick, or add a meeting to the plan", responses=CONFLICT
)
def accept(body: AttendanceIn, store: StoreDep, profile: ProfileDep) -> PlanChoiceOut:
    """The meeting counts as going from now on. A meeting meetscout has not gathered is judged
    from the page sent with the request and stored, as for "I'm going"."""
    found = chosen_event(store, body, profile)
    return _choose(store, found, "accepted")


@router.post("/plan/swap", summary="Swap a pick for another", responses=CONFLICT)
def swap(body: SwapIn, store: StoreDep) -> PlanChoiceOut:
    """Not this one: the plan picks another for its week, or takes `instead` when given."""
    found = _stored(store, body)
    instead = _stored(store, body.instead) if body.instead else None
    if instead is not None:
        _choose(store, instead, "accepted")
    return _choose(store, found, "swapped")


@router.post("/plan/drop", summary="Drop a pick for its week")
def drop(body: Reference, store: StoreDep) -> PlanChoiceOut:
    """Not this one, and no other in its place that week."""
    return _choose(store, _stored(store, body), "dropped")


@router.post("/plan/looked", summary="The person has seen what is new")
def looked(store: StoreDep) -> Looked:
    at = now_utc()
    store.mark_plan_looked(at)
    return Looked(looked_at=at)


def _stored(store: Store, ref: Reference) -> Event:
    _, found = resolve(store, ref.url, ref.id)
    if not isinstance(found, Event):
        raise ApiError(404, f"meetscout has no meeting {ref.url or ref.id}; nothing changed.")
    return found


def _choose(
    store: Store, event: Event, choice: Literal["accepted", "swapped", "dropped"]
) -> PlanChoiceOut:
    now = now_utc()
    try:
        choose(store, event, choice, now)
    except ChoiceError as exc:
        raise ApiError(409, str(exc)) from None
    return PlanChoiceOut(
        event_id=event.id, title=event.title, choice=choice, plan=plan_from_store(store, now)
    )
