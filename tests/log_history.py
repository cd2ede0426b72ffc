"""Helpers for the networking log's tests: a local zone, and meetings with judgements."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from meetscout.model import Assessment, Crowd, Event, Kind, Profile
from tests.conftest import make_event

ZONE = "America/New_York"


@contextmanager
def local_zone(zone: str = ZONE):
    """This process's local time zone, for the log's "today" and "Thursday" (then put back)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def judged(crowd: Crowd, kind: Kind) -> Assessment:
    return Assessment(crowd=crowd, kind=kind, confidence=0.9, reasons=["a test judgement"])


def meeting(
    n: int,
    starts: datetime,
    crowd: Crowd = Crowd.employed,
    kind: Kind = Kind.professional_association,
    *,
    hours: float = 2.5,
    group: str = "hdi-nj",
    group_name: str = "HDI New Jersey Chapter",
    title: str | None = None,
) -> Event:
    return make_event(
        n,
        title=title or f"{group_name} meeting {n}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        group_id=f"meetup-group:{group}",
        group_name=group_name,
        url=f"https://www.meetup.com/{group}/events/{300000000 + n}/",
        assessment=judged(crowd, kind),
    )


def et(*args: int) -> datetime:
    """A time in New York. Moving time-machine's clock to one makes New York this process's
    local zone too (to a UTC time, UTC): the log's "today" and "Thursday" are local."""
    return datetime(*args, tzinfo=ZoneInfo(ZONE))


PROFILE = Profile(target_companies=["Prudential", "ADP"], job_seeker_monthly_limit=2)


# A month and a day of networking (November 2026, then 1 December), recorded as it happened.
A = meeting(11, et(2026, 11, 3, 18, 0))
B = meeting(
    12,
    et(2026, 11, 12, 18, 30),
    Crowd.employed,
    Kind.alumni,
    group="rutgers-alumni-nj",
    group_name="Rutgers Alumni of North Jersey",
)
CLUB = dict(group="nj-job-club", group_name="NJ Job Club")
C = meeting(13, et(2026, 11, 5, 9, 30), Crowd.job_seekers, Kind.job_seeker_group, **CLUB)
D = meeting(14, et(2026, 11, 19, 9, 30), Crowd.job_seekers, Kind.job_seeker_group, **CLUB)
E = meeting(15, et(2026, 11, 26, 9, 30), Crowd.job_seekers, Kind.job_seeker_group, **CLUB)
F = meeting(16, et(2026, 11, 17, 18, 0))
G = meeting(17, et(2026, 12, 1, 18, 0))
NOW = et(2026, 12, 2, 12, 0)


def craft_history(store, clock) -> dict[str, int]:
    """Records the history through the log, moving the clock as the person would; returns the
    contacts' ids by first name."""
    from meetscout import log

    clock.move_to(et(2026, 10, 30, 9, 0), tick=False)
    store.save_profile(PROFILE)
    store.upsert_events([A, B, C, D, E, F, G])
    for m in (A, B, C, D, E, F, G):
        store.mark_going(m.id, m.assessment.crowd.value, meeting=m)
    ids = {}

    def met(when, m, name, company=None, **extra):
        clock.move_to(when)
        ids[name.split()[0]] = log.add_contact(store, m.id, name, company=company, **extra).id

    def done(when, first):
        clock.move_to(when)
        log.finish_followup(store, store.get_contact(ids[first])["followup_id"])

    met(et(2026, 11, 3, 22, 0), A, "Dana Whitfield", "Prudential", role="Claims director")
    met(et(2026, 11, 3, 22, 5), A, "Luis Ortega", "Acme Logistics", how="LinkedIn")
    done(et(2026, 11, 4, 10, 0), "Dana")  # on time
    clock.move_to(et(2026, 11, 5, 12, 0))
    log.record_presence(store, C.id, "attended")
    met(et(2026, 11, 5, 12, 5), C, "Sam Okafor")
    done(et(2026, 11, 6, 10, 0), "Sam")  # on time
    done(et(2026, 11, 7, 10, 0), "Luis")  # late: due 5 Nov
    met(et(2026, 11, 12, 21, 0), B, "Priya Raman", "ADP", how="email")  # never followed up
    for m in (D, E):
        clock.move_to(m.starts_at + timedelta(hours=3))
        log.record_presence(store, m.id, "attended")
    clock.move_to(et(2026, 11, 18, 9, 0))
    log.record_presence(store, F.id, "skipped")
    clock.move_to(et(2026, 11, 20, 9, 0))
    log.add_outcome(store, "referral", contact_id=ids["Dana"])
    log.add_outcome(store, "job_interview", contact_id=ids["Dana"], on=date(2026, 12, 8))
    met(et(2026, 12, 1, 21, 0), G, "Kim Lee", "Prudential")  # due 3 Dec: not yet
    clock.move_to(et(2026, 12, 1, 21, 30))
    log.add_outcome(store, "informational_interview", meeting_ref=G.id)
    clock.move_to(NOW)
    return ids
