"""`GET /v1/groups/{id}`: a group, its judgement and its upcoming meetings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from meetscout.judge import judge_stored
from meetscout.store import EventQuery, now_utc

from ..deps import ProfileDep, StoreDep
from ..errors import ApiError
from ..flagging import label_for
from ..schemas import GroupOut
from ..views import event_views

router = APIRouter(tags=["groups"])


@router.get("/groups/{group_id}", summary="A group and its upcoming meetings")
def one(
    group_id: str,
    store: StoreDep,
    profile: ProfileDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> GroupOut:
    group = store.get_group(group_id)
    if group is None:
        raise ApiError(
            404,
            f"No group {group_id!r} in meetscout's database. Group ids look like "
            "meetup-group:hdi-nj; crawl the group first (meetscout crawl).",
        )
    upcoming = store.search_events(
        EventQuery(group_id=group_id, date_from=now_utc(), status="scheduled", limit=limit)
    )
    [assessment] = judge_stored(store, [group], profile)
    return GroupOut(
        group=group.model_copy(update={"assessment": assessment}),
        label=label_for(group, assessment),
        upcoming=event_views(store, upcoming, profile),
    )
