"""`POST /v1/flags`: the extension's hot path."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import StoreDep
from ..flagging import flag_items
from ..schemas import FlagsRequest, FlagsResponse

router = APIRouter(tags=["flags"])


@router.post(
    "/flags",
    summary="Flag the meetings on a page",
)
async def flags(body: FlagsRequest, store: StoreDep) -> FlagsResponse:
    """For each page or card (at most 100): who goes there, what it is, how to get in cheaply
    and why. Meetings meetscout has gathered come with their stored judgement (`known: true`,
    the person's corrections applied); others are judged on the spot from what was sent."""
    return FlagsResponse(flags=flag_items(store, body.items))
