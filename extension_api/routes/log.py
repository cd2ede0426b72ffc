"""`GET /v1/log`: the meetings the person marked lately, for the popup to say attended or
skipped and to add who they met."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from meetscout.store import from_iso, now_utc

from ..deps import StoreDep
from ..schemas import LogMeeting, LogOut

router = APIRouter(tags=["networking log"])


@router.get("/log", summary="Meetings marked lately")
def recent_log(store: StoreDep, days: Annotated[int, Query(ge=1, le=366)] = 14) -> LogOut:
    """Meetings marked "I'm going" (or recorded) that started in the last `days` days, newest
    first: those not yet said attended or skipped, and where people were met."""
    now = now_utc()
    entries = store.log_entries(now - timedelta(days=days), now)
    met = Counter(c["event_id"] for c in store.list_contacts())
    return LogOut(
        meetings=[
            LogMeeting(
                id=e["event_id"],
                title=e["title"] or e["event_id"],
                url=e["url"],
                starts_at=from_iso(e["starts_at"]),
                group_name=e["group_name"],
                kind=e["kind"],
                presence=e["outcome"],
                contacts=met.get(e["event_id"], 0),
            )
            for e in reversed(entries)
        ]
    )
