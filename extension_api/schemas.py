"""Request and response shapes: the contract with the browser extension (see /docs)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from meetscout.model import Access, Crowd, Event, Group, Kind, Presence
from meetscout.personal import JobSeekerBudget
from meetscout.plan import Plan

MAX_URL = 2048
MAX_PAGE_TEXT = 512 * 1024


@lru_cache(maxsize=4096)  # pure, and the same cards come back page after page
def check_url(value: str) -> str:
    value = value.strip()
    hint = "send the page's full URL, like https://www.meetup.com/<group>/events/<id>/"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as exc:
        raise ValueError(f"not a web address: {value[:80]!r} ({exc}); {hint}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a web address: {value[:80]!r}; {hint}")
    return value


class PageItem(BaseModel):
    """A page or card the person sees, with what the extension could read from it."""

    url: str = Field(
        min_length=1,
        max_length=MAX_URL,
        examples=["https://www.meetup.com/hdi-nj/events/305123456/"],
    )
    title: str | None = Field(default=None, max_length=1000)
    text: str | None = Field(
        default=None, max_length=MAX_PAGE_TEXT, description="Visible text of the page or card."
    )
    group_name: str | None = Field(default=None, max_length=1000)
    jsonld: str | None = Field(
        default=None, max_length=MAX_PAGE_TEXT, description="The page's JSON-LD script text."
    )
    next_data: str | None = Field(
        default=None, max_length=MAX_PAGE_TEXT, description="Meetup's __NEXT_DATA__ script text."
    )
    html: str | None = Field(
        default=None,
        max_length=MAX_PAGE_TEXT,
        description="The page's HTML (LinkedIn event pages).",
    )

    _url = field_validator("url")(check_url)


class FlagsRequest(BaseModel):
    items: list[PageItem] = Field(max_length=100, description="At most 100 pages or cards.")


class JobSeekerCount(BaseModel):
    """Job-seeker meetings the person marked "I'm going" in one month (the meeting's own, in the
    person's zone), against their limit."""

    marked: int
    limit: int
    month: date = Field(description="The month counted: its first day.")
    month_name: str = Field(examples=["December"])

    @classmethod
    def of(cls, budget: JobSeekerBudget) -> JobSeekerCount:
        return cls(**budget_fields(budget))


def budget_fields(budget: JobSeekerBudget) -> dict[str, Any]:
    """A budget as the JSON fields of `JobSeekerCount`, for the flags' hot path."""
    return {
        "marked": budget.marked,
        "limit": budget.limit,
        "month": budget.month.isoformat(),
        "month_name": budget.month_name,
    }


class OtherListing(BaseModel):
    """Another site's listing of the same meeting (the chapter's own page, Meetup, LinkedIn)."""

    id: str
    source: str = Field(description='"calendar" (the chapter\'s own site), "meetup", "linkedin".')
    url: str
    title: str
    group_name: str | None = None


class Flag(BaseModel):
    url: str = Field(description="The canonical URL the flag is for.")
    known: bool = Field(description="True when meetscout has this event or group stored.")
    id: str | None = None
    subject: Literal["event", "group"] | None = None
    title: str | None = None
    crowd: Crowd | None = Field(description="Null when there was nothing to judge by.")
    kind: Kind | None
    label: str = Field(description='The crowd in words; "Cancelled" for a cancelled meeting.')
    cancelled: bool = Field(
        default=False, description="The meeting is cancelled: it counts in no crowd."
    )
    confidence: float
    sure: bool = Field(
        default=True,
        description="False when meetscout is not sure who goes (few or conflicting clues): the "
        'label is then "Not sure", the crowd is never "employed", and the badge is quiet.',
    )
    access: list[Access]
    reasons: list[str]
    targets: list[str]
    basis: str | None = Field(default=None, description='"classifier", "group" or "feedback".')
    starts_at: datetime | None = None
    over_at: datetime | None = Field(
        default=None,
        description="When the meeting is over: its end, else two hours after its start.",
    )
    going: bool = Field(default=False, description='The person marked "I\'m going".')
    presence: Presence | None = Field(
        default=None, description="After the meeting: the person attended or skipped it."
    )
    job_seeker_count: JobSeekerCount | None = None
    also_at: list[OtherListing] = Field(
        default_factory=list,
        description="The same meeting's listings on other sites, the chapter's own page first.",
    )


class FlagsResponse(BaseModel):
    flags: list[Flag]


class EventOut(Event):
    label: str | None = None
    going: bool = False
    also_at: list[OtherListing] = Field(default_factory=list)


class EventList(BaseModel):
    events: list[EventOut]
    offset: int
    limit: int
    next_offset: int | None = Field(
        description="Pass as `offset` for the next page; null at the end."
    )


class GroupOut(BaseModel):
    group: Group
    label: str | None = None
    upcoming: list[EventOut]


class Reference(BaseModel):
    """An event (or group) by its URL or its meetscout id."""

    url: str | None = Field(default=None, max_length=MAX_URL)
    id: str | None = Field(default=None, max_length=200, examples=["meetup:305123456"])

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else check_url(value)

    @model_validator(mode="after")
    def _one_of(self) -> Any:
        if not self.url and not self.id:
            raise ValueError("send the event's `url` or its meetscout `id`")
        return self


class FeedbackIn(Reference):
    scope: Literal["event", "group"] = Field(
        default="event", description="Correct this event only, or every event of its group."
    )
    crowd: Crowd
    kind: Kind | None = None
    note: str | None = Field(default=None, max_length=2000)


class FeedbackOut(BaseModel):
    saved: bool
    scope: Literal["event", "group"]
    event_id: str | None
    group_id: str | None
    flag: Flag | None = Field(description="The flag as it reads now.")


class AttendanceIn(Reference):
    """ "I'm going". For an event meetscout has not stored yet, send what the page shows too."""

    title: str | None = Field(default=None, max_length=1000)
    text: str | None = Field(default=None, max_length=MAX_PAGE_TEXT)
    group_name: str | None = Field(default=None, max_length=1000)
    jsonld: str | None = Field(default=None, max_length=MAX_PAGE_TEXT)
    next_data: str | None = Field(default=None, max_length=MAX_PAGE_TEXT)
    html: str | None = Field(default=None, max_length=MAX_PAGE_TEXT)


class AttendanceOut(BaseModel):
    event_id: str
    going: bool
    crowd: Crowd | None
    job_seeker_count: JobSeekerCount


class PresenceIn(Reference):
    """After a meeting: the person attended it, or skipped it."""

    presence: Presence


class PresenceOut(BaseModel):
    event_id: str
    title: str
    presence: Presence


class LogMeeting(BaseModel):
    """A meeting the person marked, as the popup lists it after the meeting."""

    id: str
    title: str
    url: str | None
    starts_at: datetime | None
    group_name: str | None
    kind: Kind | None
    presence: Presence | None
    contacts: int = Field(description="People recorded as met there.")


class LogOut(BaseModel):
    meetings: list[LogMeeting]


class ReportTally(BaseModel):
    """What one kind of meeting (or one group, or all of them) brought."""

    model_config = ConfigDict(from_attributes=True)  # read off meetscout.log_report's Tally

    key: str
    label: str
    attended: int
    contacts: int
    at_targets: int = Field(description="Contacts at the person's target companies.")
    followups_due: int = Field(description="Follow-ups done, or past their deadline.")
    followups_on_time: int
    outcomes_total: int = Field(description="Referrals, interviews and offers that came of it.")


class ReportMonth(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read off meetscout.log_report's MonthBalance

    month: str = Field(description='"2026-12"')
    employed: int = Field(description="Meetings where the employed go, attended.")
    employed_goal: int = Field(description="About one a week, over the days the log covers.")
    job_seekers: int = Field(description="Job-seeker meetings attended.")
    job_seeker_limit: int
    verdict: str


class ReportOut(BaseModel):
    """Where networking has worked: `meetscout report`'s figures (counts only, never a name)."""

    start: date | None
    total: ReportTally
    by_kind: list[ReportTally]
    by_group: list[ReportTally]
    months: list[ReportMonth]


class ContactIn(Reference):
    """A person met at a meeting (the meeting by its `url` or `id`)."""

    name: str = Field(max_length=200, description='Their full name: "First Last".')
    company: str | None = Field(default=None, max_length=2000)
    role: str | None = Field(default=None, max_length=2000)
    how: str | None = Field(
        default=None, max_length=2000, description='How to reach them: "email", "LinkedIn"…'
    )
    note: str | None = Field(default=None, max_length=2000)
    due_at: AwareDatetime | None = Field(
        default=None, description="Follow up by; default 48 hours after the meeting."
    )


class FollowupOut(BaseModel):
    id: int
    contact_id: int
    name: str
    company: str | None
    how: str | None
    meeting: str | None
    met_at: datetime | None
    due_at: datetime
    done_at: datetime | None
    state: Literal["done", "overdue", "due", "later"]


class ContactOut(BaseModel):
    id: int
    name: str
    company: str | None
    role: str | None
    how: str | None
    notes: str | None
    event_id: str | None
    meeting: str | None
    met_at: datetime | None
    targets: list[str] = Field(description="The person's target companies this one is.")
    followup: FollowupOut | None


class ContactsOut(BaseModel):
    contacts: list[ContactOut]


class FollowupsOut(BaseModel):
    open: int = Field(description="Due within a day, or overdue: the toolbar icon's number.")
    followups: list[FollowupOut]


class FollowupDoneIn(BaseModel):
    done_at: AwareDatetime | None = Field(default=None, description="Default: now.")


class FollowupMoveIn(BaseModel):
    due_at: AwareDatetime


class SwapIn(Reference):
    instead: Reference | None = Field(
        default=None, description="Take this meeting in its place (else the plan picks one)."
    )


class PlanChoiceOut(BaseModel):
    event_id: str
    title: str
    choice: Literal["accepted", "swapped", "dropped"]
    plan: Plan = Field(description="The plan as it reads now.")


class Looked(BaseModel):
    looked_at: datetime


class RunOut(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int
    spider: str | None
    args: dict[str, Any] = Field(default_factory=dict)
    started: datetime | None
    finished: datetime | None = None
    status: str | None = Field(
        default=None, description="ok, partial, blocked, failed, interrupted; null while running."
    )
    new: int | None = None
    updated: int | None = None
    unchanged: int | None = None
    invalid: int | None = None
    cancelled: int | None = None
    error: str | None = None


class RunsOut(BaseModel):
    runs: list[RunOut]


class Upcoming(BaseModel):
    id: str
    title: str
    url: str
    starts_at: datetime | None
    timezone: str | None
    group_name: str | None
    kind: Kind | None
    access: list[Access]
    label: str | None


class StatusOut(BaseModel):
    reachable: bool = True
    version: str
    events: int = Field(description="Meetings stored (one listed on several sites counts once).")
    last_crawl: RunOut | None
    job_seeker_count: JobSeekerCount
    next_employed: list[Upcoming] = Field(description="The next few employed-crowd meetings.")
    capture_opt_in: bool
    followups_open: int = Field(default=0, description="Follow-ups due within a day or overdue.")


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class ProblemDetail(BaseModel):
    loc: list[str]
    msg: str


class Problem(BaseModel):
    """Every error: one sentence saying what to do; `errors` lists each bad field."""

    detail: str
    errors: list[ProblemDetail] | None = None


def _problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _problem("Malformed JSON, or a search SQLite cannot parse"),
    401: _problem("Missing or wrong token: run `meetscout token`"),
    404: _problem("Not in meetscout's database"),
    413: _problem("Body too large"),
    421: _problem("Host is not a loopback name"),
    422: _problem("A field is missing or wrong"),
}
