"""`POST /v1/attendance` ("I'm going"), `DELETE /v1/attendance` (not any more), and
`POST /v1/attendance/presence` (after the meeting: attended or skipped)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from meetscout.judge import judge_stored
from meetscout.log import record_presence
from meetscout.model import Event
from meetscout.personal import job_seeker_budget

from ..deps import ProfileDep, StoreDep
from ..errors import ApiError, logged
from ..flagging import chosen_event, event_named, not_an_event
from ..schemas import (
    MAX_URL,
    AttendanceIn,
    AttendanceOut,
    JobSeekerCount,
    PresenceIn,
    PresenceOut,
    Reference,
)

router = APIRouter(tags=["attendance"])


@router.post("/attendance", summary='Mark "I\'m going"')
def going(body: AttendanceIn, store: StoreDep, profile: ProfileDep) -> AttendanceOut:
    """Counts towards the job-seeker meetings of the meeting's month when it is one. A meeting
    meetscout has not gathered is judged from the page sent with the request and stored, since
    the person chose it."""
    found = chosen_event(store, body, profile)
    [assessment] = judge_stored(store, [found], profile)
    store.mark_going(found.id, assessment.crowd.value, meeting=found, kind=assessment.kind.value)
    return AttendanceOut(
        event_id=found.id,
        going=True,
        crowd=assessment.crowd,
        job_seeker_count=JobSeekerCount.of(job_seeker_budget(store, profile, found.starts_at)),
    )


@router.delete("/attendance", summary='Unmark "I\'m going"')
def not_going(
    store: StoreDep,
    profile: ProfileDep,
    url: Annotated[str | None, Query(max_length=MAX_URL)] = None,
    id: Annotated[str | None, Query(max_length=200)] = None,  # noqa: A002 (the API's word)
) -> AttendanceOut:
    try:
        ref = Reference(url=url, id=id)
    except ValueError as exc:
        raise ApiError(422, _first_message(exc)) from None
    event_id, found = event_named(store, ref.url, ref.id)
    if not event_id:
        raise not_an_event(ref.url or repr(ref.id))
    store.unmark_going(event_id)
    assessment = judge_stored(store, [found], profile)[0] if found else None
    return AttendanceOut(
        event_id=event_id,
        going=False,
        crowd=assessment.crowd if assessment else None,
        job_seeker_count=JobSeekerCount.of(
            job_seeker_budget(store, profile, found.starts_at if isinstance(found, Event) else None)
        ),
    )


@router.post("/attendance/presence", summary="Attended or skipped")
def presence(body: PresenceIn, store: StoreDep) -> PresenceOut:
    """After a meeting (marked going or not): the person went, or did not. Refused for a
    meeting still ahead, and "skipped" for one where the person recorded people they met."""
    event_id, _ = event_named(store, body.url, body.id)
    if not event_id:
        raise not_an_event(body.url or repr(body.id))
    with logged():
        meeting = record_presence(store, event_id, body.presence)
    return PresenceOut(event_id=meeting.id, title=meeting.title, presence=body.presence)


def _first_message(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        return str(first.get("msg", exc)).removeprefix("Value error, ")
    return str(exc)
