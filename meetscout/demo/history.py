"""The demo's sample history (`history.toml`): five weeks of meetings attended and skipped, made-up
people met there, follow-ups and outcomes, recorded through the networking log as if each had
been entered on its day, so the report and its chart have something to show.

Dates count back from today, in the sample's zone. Only the demo's own database is touched.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import datetime, time, timedelta
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..identify import meetup_event_url, meetup_group_id
from ..judge import Corrections, judge_event
from ..log import add_contact, add_outcome, finish_followup, record_presence
from ..model import Event, Outcome, Presence
from ..store import Store, now_utc
from .sample import Sample

HISTORY = "history.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PastContact(_Strict):
    name: str
    company: str | None = None
    role: str | None = None
    how: str | None = None
    followed_up: int | None = Field(default=None, ge=0, le=10)


class PastMeeting(_Strict):
    day: int = Field(ge=1, le=60, description="Days before today")
    time: str = Field(pattern=r"^\d{2}:\d{2}$")
    hours: float = Field(default=2, gt=0, le=12)
    group: str
    id: int
    title: str
    description: str
    presence: Presence
    contacts: list[PastContact] = Field(default_factory=list)


class PastOutcome(_Strict):
    kind: Outcome
    contact: str | None = None
    meeting: int | None = None
    day: int = Field(ge=0, le=60)


class History(_Strict):
    meetings: list[PastMeeting]
    outcomes: list[PastOutcome] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> History:
        names = {c.name for m in self.meetings for c in m.contacts}
        ids = {m.id for m in self.meetings}
        for m in self.meetings:
            for c in m.contacts:
                if c.followed_up is not None and c.followed_up >= m.day:
                    raise ValueError(f"{c.name}'s follow-up would be in the future")
        for o in self.outcomes:
            if (o.contact is None) == (o.meeting is None):
                raise ValueError("an outcome names a contact or a meeting")
            if (o.contact and o.contact not in names) or (o.meeting and o.meeting not in ids):
                raise ValueError(f"an outcome names an unknown {o.contact or o.meeting}")
        return self


def load_history() -> History:
    text = resources.files(__package__).joinpath(HISTORY).read_text(encoding="utf-8")
    return History.model_validate(tomllib.loads(text))


def fill_history(
    store: Store, sample: Sample, history: History | None = None, now: datetime | None = None
) -> Counter:
    """Store the history's meetings (judged as a crawl would judge them) and record the rest
    through the log; returns how many of each went in."""
    history = history or load_history()
    now = now or now_utc()
    zone = sample.zone
    today = now.astimezone(zone).date()
    names = {g.urlname: g.name for g in sample.groups}
    profile = store.get_profile()
    done: Counter = Counter()
    meetings: dict[int, Event] = {}
    for past in history.meetings:
        hour, minute = (int(x) for x in past.time.split(":"))
        starts = datetime.combine(today - timedelta(days=past.day), time(hour, minute), zone)
        event = Event(
            id=f"meetup:{past.id}",
            source="meetup",
            url=meetup_event_url(past.group, str(past.id)),
            title=past.title,
            description=past.description,
            starts_at=starts,
            ends_at=starts + timedelta(hours=past.hours),
            timezone=sample.timezone,
            group_id=meetup_group_id(past.group),
            group_name=names[past.group],
        )
        group = store.get_group(event.group_id)
        judged = judge_event(event, group, profile, Corrections(), fresh=True)
        meetings[past.id] = event.model_copy(update={"assessment": judged})
    store.upsert_events(meetings.values())
    contacts: dict[str, tuple[int, datetime]] = {}
    for past in history.meetings:
        event = meetings[past.id]
        end = event.ends_at
        store.mark_going(
            event.id, event.assessment.crowd.value, event.starts_at - timedelta(days=3),
            meeting=event,
        )  # fmt: skip
        record_presence(store, event.id, past.presence, now=end + timedelta(hours=1))
        done[f"meetings {past.presence.value}"] += 1
        for person in past.contacts:
            added = add_contact(
                store,
                event.id,
                person.name,
                company=person.company,
                role=person.role,
                how=person.how,
                now=end + timedelta(minutes=30),
            )
            contacts[person.name] = (added.id, end)
            done["contacts"] += 1
            if person.followed_up is not None:
                when = end + timedelta(days=person.followed_up, hours=-6)
                followup = store.get_contact(added.id)["followup_id"]
                finish_followup(store, followup, when, now=when)
                done["follow-ups done"] += 1
    for outcome in history.outcomes:
        if outcome.contact:
            contact_id, met = contacts[outcome.contact]
            ref = {"contact_id": contact_id}
        else:
            contact_id, met = None, meetings[outcome.meeting].ends_at
            ref = {"meeting_ref": meetings[outcome.meeting].id}
        on = (met + timedelta(days=outcome.day)).astimezone(zone).date()
        add_outcome(store, outcome.kind, on=on, now=now, **ref)
        done["outcomes"] += 1
    return done
