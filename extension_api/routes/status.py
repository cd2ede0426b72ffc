"""`GET /v1/status`: what the extension's popup shows in one request."""

from __future__ import annotations

from fastapi import APIRouter

from meetscout import __version__
from meetscout.log import count_open_followups
from meetscout.model import Crowd
from meetscout.personal import job_seeker_budget
from meetscout.store import EventQuery, now_utc

from ..deps import ProfileDep, StoreDep
from ..schemas import JobSeekerCount, StatusOut, Upcoming
from ..views import event_views
from .runs import recent

router = APIRouter(tags=["status"])
NEXT_FEW = 3


@router.get("/status", summary="Summary for the extension's popup")
def status(store: StoreDep, profile: ProfileDep) -> StatusOut:
    """The last crawl, job-seeker meetings marked this month against the limit, and the next
    few meetings where the employed go."""
    runs = recent(store, 1)
    # A few extra: the person's corrections may move some out of the employed crowd.
    soon = store.search_events(
        EventQuery(crowd="employed", date_from=now_utc(), status="scheduled", limit=NEXT_FEW * 3)
    )
    upcoming = [
        Upcoming(
            id=e.id,
            title=e.title,
            url=e.url,
            starts_at=e.starts_at,
            timezone=e.timezone,
            group_name=e.group_name,
            kind=e.assessment.kind if e.assessment else None,
            access=e.assessment.access if e.assessment else [],
            label=e.label,
        )
        for e in event_views(store, soon, profile)
        if e.assessment and e.assessment.crowd == Crowd.employed
    ][:NEXT_FEW]
    return StatusOut(
        version=__version__,
        events=store.count_meetings(),
        last_crawl=runs[0] if runs else None,
        job_seeker_count=JobSeekerCount.of(job_seeker_budget(store, profile)),
        next_employed=upcoming,
        capture_opt_in=profile.capture_opt_in,
        followups_open=count_open_followups(store),
    )
