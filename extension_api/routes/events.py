"""`GET /v1/events` and `GET /v1/events/{id}`: the gathered meetings, searched."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from meetscout.model import Access, Crowd, Kind
from meetscout.store import EventQuery, QueryError

from ..deps import ProfileDep, StoreDep
from ..errors import ApiError
from ..schemas import EventList, EventOut
from ..views import event_views

router = APIRouter(tags=["events"])

EARLIEST, LATEST = datetime(1970, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)


def _when(value: datetime | None, name: str) -> datetime | None:
    if value is None:
        return None
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        in_range = EARLIEST <= value <= LATEST
    except OverflowError:
        in_range = False
    if not in_range:
        raise ApiError(422, f"`{name}` must be a date between 1970 and 2200, like 2026-12-01.")
    return value


@router.get("/events", summary="Search gathered meetings")
def search(
    store: StoreDep,
    profile: ProfileDep,
    q: Annotated[
        str | None, Query(max_length=500, description='Full-text words; "a phrase" in quotes.')
    ] = None,
    crowd: Annotated[Crowd | None, Query(description="Who mostly goes.")] = None,
    kind: Kind | None = None,
    access: Access | None = None,
    date_from: Annotated[
        datetime | None, Query(alias="from", description="On or after (2026-12-01).")
    ] = None,
    date_to: Annotated[datetime | None, Query(alias="to", description="Before.")] = None,
    online: Annotated[
        bool | None, Query(description="true: virtual only; false: in person.")
    ] = None,
    group: Annotated[str | None, Query(max_length=200, description="A group id.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    sort: Literal["soonest", "latest", "newest", "relevance"] = "soonest",
) -> EventList:
    query = EventQuery(
        text=q,
        crowd=crowd.value if crowd else None,
        kind=kind.value if kind else None,
        access=access.value if access else None,
        date_from=_when(date_from, "from"),
        date_to=_when(date_to, "to"),
        online=online,
        group_id=group,
        limit=limit + 1,  # one more tells whether a next page exists
        offset=offset,
        sort=sort,
    )
    try:
        found = store.search_events(query)
    except QueryError as exc:
        raise ApiError(400, str(exc)) from None
    more = len(found) > limit
    return EventList(
        events=event_views(store, found[:limit], profile),
        offset=offset,
        limit=limit,
        next_offset=offset + limit if more else None,
    )


@router.get("/events/{event_id}", summary="One gathered meeting")
def one(event_id: str, store: StoreDep, profile: ProfileDep) -> EventOut:
    event = store.get_event(event_id)
    if event is None:
        raise ApiError(
            404,
            f"No event {event_id!r} in meetscout's database. Ids look like meetup:305123456 or "
            "linkedin:7123456789012345678; POST /v1/flags takes a page URL instead.",
        )
    return event_views(store, [event], profile)[0]
