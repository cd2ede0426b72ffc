"""`meetscout.toml`: the groups, searches, calendars and schedules to follow, and the profile
defaults.

Looked for in the working folder, then the per-user config folder (`meetscout config` shows which).
A malformed file is reported with its line and key, never as a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .did_you_mean import one_of, suggestion
from .identify import check_base_url, meetup_urlname
from .model import Profile
from .paths import config_dir

# Seconds one Meetup group may take by default (`[meetup] group_time_limit`; the spiders'
# GROUP_TIME_LIMIT setting).
GROUP_TIME_LIMIT = 120

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


def _readable_schedule(value: str) -> str:
    # Imported here: the scheduling package reads this module for ConfigError.
    from .scheduling.schedules import parse_schedule

    parse_schedule(value, key=None)
    return value


class MeetupConfig(_Strict):
    base_url: str | None = None
    # Urlnames (meetup.com/<urlname>/); a group's whole address is cut down to its urlname.
    groups: list[str] = Field(default_factory=list)
    searches: list[MeetupSearch] = Field(default_factory=list)
    # A cron expression ("0 */6 * * *") or an interval ("every 6 hours", "daily").
    schedule: str = "every 6 hours"
    # Seconds one group may take, all its pages together: a site that never answers cannot hold
    # a crawl for long (spiders/group_time.py).
    group_time_limit: float = Field(default=GROUP_TIME_LIMIT, ge=1, le=3600)

    _base_url = field_validator("base_url")(_http_base_url)
    _schedule = field_validator("schedule")(_readable_schedule)

    @field_validator("groups")
    @classmethod
    def _urlnames(cls, value: list[str]) -> list[str]:
        return [meetup_urlname(v) for v in value]


class LinkedInConfig(_Strict):
    enabled: bool = False  # off unless the person turns it on
    base_url: str | None = None
    keywords: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    schedule: str = "daily"

    _schedule = field_validator("schedule")(_readable_schedule)

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
        errors = sorted(exc.errors(), key=lambda e: _line_of(text, tuple(e["loc"])) or 0)
        raise ConfigError("\n".join(_problem(path, text, e) for e in errors)) from None
    config.path = Path(path)
    return config


def _problem(path: Path | str, text: str, error: dict) -> str:
    """One mistake as a person can fix it: the file, the line, the key, what is wrong, what is
    allowed, and the nearest allowed word when one is close."""
    loc = tuple(error["loc"])
    key = ".".join(str(p) for p in loc)
    line = _line_of(text, loc)
    where = f"{path}: " + (f"line {line}, " if line else "") + f"key '{key}'"
    parent, name = _model_at(loc[:-1]), str(loc[-1])
    if error["type"] == "extra_forbidden" and parent is not None:
        allowed = model_keys(parent)
        what = "table" if isinstance(error.get("input"), dict) else "key"
        place = f" in [{'.'.join(str(p) for p in loc[:-1])}]" if len(loc) > 1 else ""
        return (
            f"{where}: meetscout has no {what} '{name}'{place}. Allowed: {one_of(allowed)}"
            f"{suggestion(name, allowed)}"
        )
    table = ".".join(str(p) for p in loc if not isinstance(p, int))
    allowed = allowed_words(parent, name, table)
    if error["type"] == "missing":
        holder = ".".join(str(p) for p in loc[:-1] if not isinstance(p, int))
        return f"{where}: missing; [{holder}] needs '{name}' ({allowed})"
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, Exception):  # meetscout's own check, which says what to write
        return f"{where}: {cause}"
    return f"{where}: {error['msg']}" + (f". Allowed: {allowed}" if allowed else "")


def model_keys(model: type[BaseModel]) -> list[str]:
    return [n for n, f in model.model_fields.items() if not f.exclude]


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model that the key at `loc` (a path of names and list positions) belongs to."""
    model: type[BaseModel] | None = Config
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model


def _inner_model(annotation) -> type[BaseModel] | None:
    """The model inside `Model`, `list[Model]` or `Model | None`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_TYPE_WORDS = {str: "text", bool: "true or false", int: "a whole number", float: "a number"}


def allowed_words(model: type[BaseModel] | None, name: str, table: str) -> str:
    """What the key `name` of `model` accepts, in words ("a whole number from 0 to 31");
    `table` is its dotted path, to name a table it holds."""
    if model is None or name not in model.model_fields:
        return ""
    field = model.model_fields[name]
    annotation = field.annotation
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is list:
        inner = args[0] if args else str
        if _inner_model(inner) is not None:
            keys = ", ".join(model_keys(_inner_model(inner)))
            return f"[[{table}]] tables with {keys}"
        return f'a list of {_TYPE_WORDS.get(inner, "values")}, like ["one", "two"]'
    if args and get_origin(annotation) is not list:
        annotation = args[0]
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return one_of([v.value for v in annotation])
    if _inner_model(annotation) is not None:
        return f"a table [{table}]"
    words = _TYPE_WORDS.get(annotation, "")
    bounds = {type(m).__name__: m for m in field.metadata}
    low = getattr(bounds.get("Ge"), "ge", None)
    high = getattr(bounds.get("Le"), "le", None)
    if low is not None and high is not None:
        words += f" from {low:g} to {high:g}"
    elif low is not None:
        words += f" of at least {low:g}"
    return words


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*[\"']?([A-Za-z0-9_-]+)[\"']?\s*=")


def _line_of(text: str, loc: tuple) -> int | None:
    """The line that sets the key at `loc`, else the header of the nearest table holding it."""
    names = tuple(str(p) for p in loc)
    table: tuple[str, ...] = ()
    seen: dict[tuple[str, ...], int] = {}
    header_line = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            parts = tuple(p.strip().strip("\"'") for p in header.group(2).split("."))
            if header.group(1) == "[[":
                seen[parts] = seen.get(parts, -1) + 1
                parts = (*parts, str(seen[parts]))
            table = parts
            if names[: len(table)] == table:
                header_line = number
            continue
        key = _KEY.match(line)
        if key and len(names) > len(table) and names[: len(table) + 1] == (*table, key.group(1)):
            return number
    return header_line


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
# group_time_limit = 120  # seconds one group may take; a slower one is left partial

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
