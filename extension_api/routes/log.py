"""`GET /v1/log`: the meetings the person marked lately, for the popup to say attended or
skipped and to add who they met; `GET /v1/report`: where networking has worked, in figures."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from meetscout.log import local_day_of, read_log
from meetscout.log_report import build_report
from meetscout.store import from_iso, now_utc

from ..deps import StoreDep
from ..schemas import LogMeeting, LogOut, ReportMonth, ReportOut, ReportTally

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


@router.get("/report", summary="Where networking has worked")
def report(store: StoreDep, days: Annotated[int | None, Query(ge=1, le=3660)] = None) -> ReportOut:
    """`meetscout report`'s figures over the meetings of the last `days` days (default: all):
    per kind of meeting and per group, the meetings attended, contacts made, contacts at
    target companies, follow-ups done on time and outcomes; and month by month the balance
    against the coach's rhythm. Counts only: no contact is named."""
    now = now_utc()
    start = local_day_of(now) - timedelta(days=days - 1) if days else None
    found = build_report(read_log(store), now, start=start)
    return ReportOut(
        start=start,
        total=ReportTally.model_validate(found.total),
        by_kind=[ReportTally.model_validate(t) for t in found.by_kind],
        by_group=[ReportTally.model_validate(t) for t in found.by_group],
        months=[ReportMonth.model_validate(m) for m in found.months],
    )
