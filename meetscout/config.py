"""`meetscout.toml`: the groups, searches, calendars and schedules to follow, and the profile
defaults.

Looked for in the working folder, then the per-user config folder (`meetscout config` shows which).
A malformed file is reported with its line and key, never as a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .identify import check_base_url
from .model import Profile
from .paths import config_dir

FILENAME = "meetscout.toml"


class ConfigError(ValueError):
    """A config file meetscout cannot use; the message names the file, line and key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _http_base_url(value: str | None) -> str | None:
    return check_base_url(value) if value else value


class MeetupSearch(_Strict):
    keywords: str
    location: str | None = None
    limit: int = Field(default=100, ge=1, le=2000)


class MeetupConfig(_Strict):
    base_url: str | None = None
    groups: list[str] = Field(default_factory=list)
    searches: list[MeetupSearch] = Field(default_factory=list)
    # A cron expression ("0 */6 * * *") or an interval ("every 6 hours", "daily").
    schedule: str = "every 6 hours"

    _base_url = field_validator("base_url")(_http_base_url)


class LinkedInConfig(_Strict):
    enabled: bool = False  # off unless the person turns it on
    base_url: str | None = None
    keywords: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    schedule: str = "daily"
    daily_page_budget: int = Field(default=30, ge=1, le=200)
    min_delay_seconds: float = Field(default=8, ge=2)

    _base_url = field_validator("base_url")(_http_base_url)


class CalendarsConfig(_Strict):
    """Association chapters' own calendars: feed addresses or the chapters' home pages."""

    urls: list[str] = Field(default_factory=list)
    days: int = Field(default=120, ge=1, le=730)  # how far ahead meetings are read
    schedule: str = "every 6 hours"


class Config(_Strict):
    profile: Profile = Field(default_factory=Profile)
    meetup: MeetupConfig = Field(default_factory=MeetupConfig)
    linkedin: LinkedInConfig = Field(default_factory=LinkedInConfig)
    calendars: CalendarsConfig = Field(default_factory=CalendarsConfig)
    path: Path | None = Field(default=None, exclude=True)


def config_candidates() -> list[Path]:
    env = os.environ.get("MEETSCOUT_CONFIG")
    if env:
        return [Path(env)]
    return [Path.cwd() / FILENAME, config_dir() / FILENAME]


def find_config() -> Path | None:
    return next((p for p in config_candidates() if p.is_file()), None)


def load_config(path: Path | None = None) -> Config:
    """The config at `path`, else the first one found, else the defaults."""
    path = path or find_config()
    if path is None:
        return Config()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not a UTF-8 text file") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = ".".join(str(p) for p in error["loc"])
            line = _line_of(text, [str(p) for p in error["loc"] if not isinstance(p, int)])
            where = f"line {line}, " if line else ""
            problems.append(f"{path}: {where}key '{key}': {error['msg']}")
        raise ConfigError("\n".join(problems)) from None
    config.path = Path(path)
    return config


def _line_of(text: str, loc: list[str]) -> int | None:
    """The line that sets the last key of `loc`, looked for after its table header if any."""
    if not loc:
        return None
    lines = text.splitlines()
    start = 0
    if len(loc) > 1:
        header = re.compile(r"^\s*\[\[?\s*" + re.escape(".".join(loc[:-1])) + r"\s*\]\]?\s*$")
        start = next((i for i, line in enumerate(lines) if header.match(line)), 0)
    key = re.compile(r"^\s*" + re.escape(loc[-1]) + r"\s*=")
    for i in range(start, len(lines)):
        if key.match(lines[i]):
            return i + 1
    return start + 1 if len(loc) > 1 else None


EXAMPLE = """\
# meetscout.toml: what to follow. Lines starting with # are notes.

[profile]
home_area = "Newark, NJ"
radius_km = 40
virtual_only = false
target_companies = ["Prudential", "ADP"]
target_industries = ["insurance", "payroll"]
job_seeker_monthly_limit = 2

[meetup]
groups = ["hdi-new-jersey", "pmi-nj-chapter"]
schedule = "every 6 hours"

[[meetup.searches]]
keywords = "project management"
location = "Newark, NJ"

[calendars]
# Chapters' own calendars: a feed's address, or the chapter's home page (meetscout finds the
# feed; `meetscout calendar find URL` shows what it finds). For example:
# urls = ["https://www.isaca-nj.example/events/?ical=1", "https://www.morrischamber.example/"]
urls = []
schedule = "every 6 hours"

[linkedin]
enabled = false  # turn on only after `meetscout linkedin login`
keywords = ["help desk"]
schedule = "daily"
"""
