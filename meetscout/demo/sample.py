"""The demo's sample (`sample.toml`) read into objects, with meeting times counted from today.

The file gives each meeting as a day offset and a local time, so rendering it on any day yields
upcoming meetings in the next six weeks.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SAMPLE = "sample.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def unwrap(text: str) -> str:
    """Join the lines the sample file wraps for reading; keep paragraphs and list items apart."""
    paragraphs = []
    for block in text.strip().split("\n\n"):
        lines: list[str] = []
        for line in block.splitlines():
            line = line.strip()
            if lines and not line.startswith(("* ", "- ")):
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _unwrap_description(cls, value: str) -> str:
    return unwrap(value)


class SampleVenue(_Strict):
    name: str
    address: str
    city: str
    state: str


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class _Timed(_Strict):
    day: int = Field(ge=0, le=60)
    # A meeting whose title names its day ("Saturday Hike") falls on it: the first such day
    # from `day` days ahead on, whatever the day the demo runs.
    weekday: str | None = Field(default=None, pattern=f"^({'|'.join(WEEKDAYS)})$")
    time: str = Field(pattern=r"^\d{2}:\d{2}$")
    hours: float = Field(default=2, gt=0, le=12)

    def starts(self, today: date, zone: ZoneInfo) -> datetime:
        hour, minute = (int(x) for x in self.time.split(":"))
        day = today + timedelta(days=self.day)
        if self.weekday:
            day += timedelta(days=(WEEKDAYS.index(self.weekday) - day.weekday()) % 7)
        return datetime.combine(day, time(hour, minute), zone)

    def ends(self, today: date, zone: ZoneInfo) -> datetime:
        return self.starts(today, zone) + timedelta(hours=self.hours)


class SampleEvent(_Timed):
    id: int
    title: str
    description: str
    venue: str | None = None
    online: bool = False
    fee: float | None = None
    going: int = 0
    status: str = Field(default="active", pattern="^(active|cancelled)$")

    _description = field_validator("description")(classmethod(_unwrap_description))

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


class SampleGroup(_Strict):
    urlname: str
    id: int
    name: str
    city: str
    members: int
    category: str
    topics: list[str]
    description: str
    page_style: str = Field(default="2024", pattern="^(2024|2026)$")
    feed_style: str = Field(default="2026", pattern="^(2022|2026)$")
    events: list[SampleEvent] = Field(default_factory=list)

    _description = field_validator("description")(classmethod(_unwrap_description))


class SampleLinkedInEvent(_Timed):
    slug: str
    id: str = Field(pattern=r"^\d{19}$")
    title: str
    organizer: str
    description: str
    online: bool = False
    place: str | None = None
    attendees: int = 0

    _description = field_validator("description")(classmethod(_unwrap_description))

    @property
    def path(self) -> str:
        return f"/events/{self.slug}{self.id}/"


class SampleChapterEvent(_Timed):
    post: int  # The Events Calendar's post id, which keys the meeting in its feed
    slug: str
    title: str
    description: str
    venue: str | None = None
    online: bool = False
    fee: float | None = None
    meetup: int | None = None  # the Meetup event this meeting is listed as too

    _description = field_validator("description")(classmethod(_unwrap_description))


class SampleChapter(_Strict):
    """A chapter's own website, served under /<slug>/ of the local chapter site."""

    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    site: str = Field(pattern=r"^https://")  # the address its feed and pages call home
    form: str = Field(pattern="^(ics|jsonld)$")  # an ICS feed it links to, or JSON-LD events
    description: str
    events: list[SampleChapterEvent]

    _description = field_validator("description")(classmethod(_unwrap_description))


class Sample(_Strict):
    region: str
    timezone: str
    venues: dict[str, SampleVenue]
    groups: list[SampleGroup]
    linkedin: list[SampleLinkedInEvent] = Field(default_factory=list)
    chapters: list[SampleChapter] = Field(default_factory=list)

    @model_validator(mode="after")
    def _venues_exist(self) -> Sample:
        for group in self.groups:
            for event in group.events:
                if event.venue is not None and event.venue not in self.venues:
                    raise ValueError(f"event {event.id} names unknown venue {event.venue!r}")
                if event.venue is None and not event.online:
                    raise ValueError(f"event {event.id} needs a venue or online = true")
        on_meetup = {e.id: e for _, e in self.all_events()}
        for chapter in self.chapters:
            for meeting in chapter.events:
                if meeting.venue is not None and meeting.venue not in self.venues:
                    raise ValueError(f"{meeting.title!r} names unknown venue {meeting.venue!r}")
                twin = on_meetup.get(meeting.meetup) if meeting.meetup else None
                if meeting.meetup and twin is None:
                    raise ValueError(f"{meeting.title!r} names unknown Meetup event")
                if twin and (twin.day, twin.venue) != (meeting.day, meeting.venue):
                    raise ValueError(f"{meeting.title!r} is on another day or at another place")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def all_events(self) -> list[tuple[SampleGroup, SampleEvent]]:
        return [(g, e) for g in self.groups for e in g.events]


def load_sample(path: Path | None = None) -> Sample:
    """The bundled sample, or another file in the same shape."""
    if path is None:
        text = resources.files(__package__).joinpath(SAMPLE).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return Sample.model_validate(tomllib.loads(text))
