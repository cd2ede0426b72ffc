"""`GET /v1/followups` (due and overdue, and how many: the toolbar icon's number),
`POST /v1/followups/{id}/done` and `PUT /v1/followups/{id}` (another date)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from meetscout.log import count_open_followups, finish_followup, move_followup, open_followups

from ..deps import StoreDep
from ..errors import logged
from ..schemas import FollowupDoneIn, FollowupMoveIn, FollowupOut, FollowupsOut
from .contacts import followup_out

router = APIRouter(tags=["networking log"])
FollowupId = Annotated[int, Path(ge=1, le=2**63 - 1)]


@router.get("/followups", summary="Follow-ups due and overdue")
def due(store: StoreDep) -> FollowupsOut:
    """Those not done whose date is within a day or past, soonest first."""
    found = open_followups(store)
    return FollowupsOut(
        open=count_open_followups(store), followups=[followup_out(f) for f in found]
    )


@router.post("/followups/{followup_id}/done", summary="Mark a follow-up done")
def done(
    followup_id: FollowupId, store: StoreDep, body: FollowupDoneIn | None = None
) -> FollowupOut:
    with logged():
        return followup_out(finish_followup(store, followup_id, body.done_at if body else None))


@router.put("/followups/{followup_id}", summary="Give a follow-up another date")
def move(followup_id: FollowupId, body: FollowupMoveIn, store: StoreDep) -> FollowupOut:
    with logged():
        return followup_out(move_followup(store, followup_id, body.due_at))
