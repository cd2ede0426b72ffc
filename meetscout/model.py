"""The words meetscout speaks: events, groups, who goes there, and the person's profile.

Every source parser produces these objects and every other layer consumes them, so they carry no
behaviour beyond validation and a content hash for change detection.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .free_time import parse_free_time


class Crowd(StrEnum):
    """Who mostly goes."""

    employed = "employed"
    job_seekers = "job_seekers"
    not_networking = "not_networking"


class Kind(StrEnum):
    professional_association = "professional_association"
    alumni = "alumni"
    industry_meetup = "industry_meetup"
    workshop_seminar = "workshop_seminar"
    job_seeker_group = "job_seeker_group"
    career_fair = "career_fair"
    not_networking = "not_networking"


class Access(StrEnum):
    """How to get in cheaply."""

    free = "free"
    free_for_job_seekers = "free_for_job_seekers"
    guest_pass = "guest_pass"
    volunteer = "volunteer"
    drinks_only = "drinks_only"
    virtual = "virtual"
    members_only = "members_only"


class Status(StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"


class Presence(StrEnum):
    """What the person says of a meeting they marked "I'm going", once it has happened."""

    attended = "attended"
    skipped = "skipped"


class Outcome(StrEnum):
    """What came of a contact or a meeting, from least to most."""

    referral = "referral"
    informational_interview = "informational_interview"
    job_interview = "job_interview"
    offer = "offer"


class Venue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    address: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class Fee(BaseModel):
    """What it costs. `free=True`: the source said it is free; no Fee on an event: unknown."""

    model_config = ConfigDict(extra="forbid")

    amount: float | None = None
    currency: str | None = None
    free: bool = False


# A judgement is sure when its crowd is at least this likely. The classifier gives the employed
# flag only when sure; the extension shows a judgement that is not sure quietly, as "Not sure".
SURE_AT = 0.7


class Assessment(BaseModel):
    """The flag: who goes, what it is, how to get in cheaply, and why we think so."""

    crowd: Crowd
    kind: Kind
    confidence: float = Field(ge=0, le=1)
    access: list[Access] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    classifier_version: str = ""
    # "classifier", "group" (inherited from the group) or "feedback" (the person's correction).
    basis: str = "classifier"

    @property
    def sure(self) -> bool:
        """Whether the crowd is likely enough to flag plainly (see SURE_AT)."""
        return self.confidence >= SURE_AT


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("datetimes must carry a time zone; naive times are ambiguous")
    return value.astimezone(UTC)


def _check_zone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown IANA time zone {value!r}") from exc
    return value


class Group(BaseModel):
    """A Meetup group, a LinkedIn organiser or an association chapter."""

    id: str  # e.g. "meetup-group:hdi-nj"
    source: str
    url: str
    name: str
    urlname: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    timezone: str | None = None
    member_count: int | None = None
    topics: list[str] = Field(default_factory=list)
    description: str | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    assessment: Assessment | None = None

    _zone = field_validator("timezone")(_check_zone)
    _times = field_validator("first_seen", "last_seen")(_utc)


class Event(BaseModel):
    """One meeting. Times are UTC; `timezone` is the IANA zone of the place, for display."""

    id: str  # "meetup:<numeric id>", "linkedin:<19 digits>", "ical:<hash of UID>"
    source: str  # "meetup", "linkedin", "ical", "jsonld"
    url: str
    title: str
    description: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    timezone: str | None = None
    group_id: str | None = None
    group_name: str | None = None
    organizer: str | None = None
    venue: Venue | None = None
    is_online: bool | None = None
    fee: Fee | None = None
    attendee_count: int | None = None
    status: Status = Status.scheduled
    topics: list[str] = Field(default_factory=list)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    assessment: Assessment | None = None

    _zone = field_validator("timezone")(_check_zone)
    _times = field_validator("starts_at", "ends_at", "first_seen", "last_seen")(_utc)

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("an event needs a title")
        return value


# Bounds on the profile's lists: a person names dozens of targets, not thousands; a list with
# no bound once made the service freeze (and, stored, it lasted).
MAX_TARGETS = 500
MAX_TARGET_CHARS = 100
TargetName = Annotated[str, StringConstraints(max_length=MAX_TARGET_CHARS)]


class Profile(BaseModel):
    """The person's own settings: where they are, whom they want to meet, how often."""

    model_config = ConfigDict(extra="forbid")

    home_area: str | None = None
    radius_km: float | None = Field(default=40, ge=0)
    virtual_only: bool = False
    target_companies: list[TargetName] = Field(default_factory=list, max_length=MAX_TARGETS)
    target_industries: list[TargetName] = Field(default_factory=list, max_length=MAX_TARGETS)
    job_seeker_monthly_limit: int = Field(default=2, ge=0, le=31)
    capture_opt_in: bool = False
    # The weekly plan: meetings where the employed go each week (at least, at most), the days
    # and hours kept free for them ("Tue,Thu 18:00-21:30"; none: any time), and the zone those
    # hours, the weeks and the months are counted in (None: this computer's own).
    employed_per_week: int = Field(default=1, ge=0, le=7)
    employed_weekly_max: int = Field(default=2, ge=0, le=14)
    free_times: list[str] = Field(default_factory=list, max_length=21)
    timezone: str | None = None

    _zone = field_validator("timezone")(_check_zone)

    @field_validator("free_times")
    @classmethod
    def _readable_free_times(cls, value: list[str]) -> list[str]:
        for text in value:
            parse_free_time(text)
        return [" ".join(text.split()) for text in value]

    @model_validator(mode="after")
    def _possible_week(self) -> Profile:
        if self.employed_weekly_max < self.employed_per_week:
            raise ValueError(
                f"the weekly maximum ({self.employed_weekly_max}) is below the weekly number of "
                f"meetings where the employed go ({self.employed_per_week}); raise the maximum "
                "or lower the number"
            )
        return self
