"""`meetscout export` / `meetscout import`: everything the person entered, as one JSON file.

The file holds the profile, corrections of flags, marks ("I'm going", attended, skipped, with
what each meeting was), contacts, follow-ups and outcomes; nothing a crawl can gather again.
It is versioned: `version` says its shape. A file from an older meetscout is brought up to this
shape step by step (UPGRADES), one from a newer meetscout is refused with what to do, and a file
that is not an export, or is damaged, is refused before anything is written. Messages name where
a file is wrong, never what it holds (it holds people's names).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import orjson
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import __version__
from .judge import apply_correction
from .log import LogError
from .model import Crowd, Kind, Outcome, Presence, Profile
from .store import Store, now_utc
from .store.rows import iso

FORMAT = "meetscout-export"
VERSION = 1
# Export format n -> n + 1, for files written before a change of shape. Empty while there has
# been one shape; a change adds a step here rather than teaching the reader two shapes.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
OLDEST = VERSION - len(UPGRADES)
MAX_BYTES = 64 * 1024 * 1024
Text = Field(default=None, max_length=10_000)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CorrectionRecord(_Record):
    scope: Literal["event", "group"]
    event_id: str | None = None
    group_id: str | None = None
    crowd: Crowd
    kind: Kind | None = None
    note: str | None = Text
    created: AwareDatetime | None = None


class AttendanceRecord(_Record):
    event_id: str = Field(min_length=1, max_length=300)
    crowd: Crowd | None = None
    marked_at: AwareDatetime
    outcome: Presence | None = None
    outcome_at: AwareDatetime | None = None
    title: str | None = Text
    url: str | None = Text
    starts_at: AwareDatetime | None = None
    group_id: str | None = Text
    group_name: str | None = Text
    kind: Kind | None = None

    @model_validator(mode="after")
    def _when_said(self) -> AttendanceRecord:
        if self.outcome is not None and self.outcome_at is None:
            raise ValueError("an attended or skipped mark needs outcome_at")
        return self


class ContactRecord(_Record):
    uid: str = Field(min_length=8, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    company: str | None = Text
    role: str | None = Text
    how: str | None = Text
    notes: str | None = Text
    event_id: str | None = Text
    created: AwareDatetime
    updated: AwareDatetime


class FollowupRecord(_Record):
    uid: str = Field(min_length=8, max_length=64)
    contact: str = Field(description="The uid of the contact it is for")
    due_at: AwareDatetime
    done_at: AwareDatetime | None = None
    created: AwareDatetime
    updated: AwareDatetime


class OutcomeRecord(_Record):
    uid: str = Field(min_length=8, max_length=64)
    kind: Outcome
    contact: str | None = None
    event_id: str | None = Text
    happened_on: date
    note: str | None = Text
    created: AwareDatetime


class ExportFile(_Record):
    format: Literal["meetscout-export"]
    version: int
    meetscout: str | None = None
    exported_at: AwareDatetime
    profile: Profile | None = None
    corrections: list[CorrectionRecord] = Field(default_factory=list)
    attendance: list[AttendanceRecord] = Field(default_factory=list)
    contacts: list[ContactRecord] = Field(default_factory=list)
    followups: list[FollowupRecord] = Field(default_factory=list)
    outcomes: list[OutcomeRecord] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> ExportFile:
        uids = [c.uid for c in self.contacts]
        if len(set(uids)) != len(uids):
            raise ValueError("two contacts share one uid")
        known = set(uids)
        for where, records in (("followups", self.followups), ("outcomes", self.outcomes)):
            for i, record in enumerate(records):
                if record.contact is not None and record.contact not in known:
                    raise ValueError(f"{where}[{i}].contact names no contact in the file")
        for i, outcome in enumerate(self.outcomes):
            if outcome.contact is None and outcome.event_id is None:
                raise ValueError(f"outcomes[{i}] names neither a contact nor a meeting")
        return self


# ---------------------------------------------------------------------------- writing


def export_data(store: Store, now: datetime | None = None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "meetscout": __version__,
        "exported_at": iso(now or now_utc()),
        **store.export_records(),
    }


def write_export(store: Store, path: Path | str, now: datetime | None = None) -> dict[str, int]:
    """Write the export to `path` (readable by this user only), whole or not at all; returns
    how many records of each kind it holds."""
    data = export_data(store, now)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text + b"\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return {key: len(data[key]) for key in SECTIONS}


SECTIONS = ("corrections", "attendance", "contacts", "followups", "outcomes")


# ---------------------------------------------------------------------------- reading


def read_export(path: Path | str) -> ExportFile:
    """The file as this meetscout's shape, or LogError saying what is wrong with it."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LogError(f"{path} is over {MAX_BYTES // 2**20} MB: not a meetscout export")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LogError(f"There is no file {path}") from None
    except IsADirectoryError:
        raise LogError(f"{path} is a folder; give the export file inside it") from None
    except OSError as exc:
        raise LogError(f"Cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise LogError(
            f"{path} is not a meetscout export, or it is damaged: it is not valid JSON "
            f"({_json_where(exc)}). Export again from the machine it came from"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LogError(
            f"{path} is not a meetscout export (`meetscout export` writes one); nothing imported"
        )
    return validate(upgrade(data, path), path)


def upgrade(data: dict[str, Any], path: Path) -> dict[str, Any]:
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise LogError(f"{path} is damaged: its `version` is missing or not a number")
    if version > VERSION:
        raise LogError(
            f"{path} was written by a newer meetscout (export format {version}; this one reads "
            f"formats {OLDEST} to {VERSION}): upgrade meetscout, then import it again"
        )
    if version < OLDEST:
        raise LogError(
            f"{path} is in export format {version}, older than any this meetscout reads "
            f"({OLDEST} to {VERSION}): import it with the meetscout of its time and export again"
        )
    while version < VERSION:
        data = UPGRADES[version](data)
        version += 1
        data["version"] = version
    return data


def validate(data: dict[str, Any], path: Path | str = "the file") -> ExportFile:
    try:
        return ExportFile.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(e) for e in exc.errors()[:3]]
        more = f" (and {exc.error_count() - 3} more)" if exc.error_count() > 3 else ""
        raise LogError(
            f"{path} is damaged: {'; '.join(problems)}{more}. Nothing was imported"
        ) from None


def _problem(error: dict[str, Any]) -> str:
    where = ""
    for part in error.get("loc", ()):
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    # Only pydantic's sentence, never the `input` (a name, a note).
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _json_where(exc: orjson.JSONDecodeError) -> str:
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    return f"line {line}, column {column}" if line else "unreadable"


# ---------------------------------------------------------------------------- importing


def import_export(store: Store, path: Path | str, *, replace_profile: bool = False) -> Counter:
    """Merge an export into the store: all of it, or (on any problem) nothing."""
    parsed = read_export(path)
    records = _records(parsed)
    done = store.merge_records(records, replace_profile=replace_profile)
    # The corrections now hold for stored meetings: write them through, as a correction made
    # here would be (searches by crowd find them).
    for row in records["corrections"] if done["corrections added"] else ():
        apply_correction(store, row["scope"], event_id=row["event_id"], group_id=row["group_id"])
    return done


def _records(parsed: ExportFile) -> dict[str, Any]:
    """Records as the store keeps them: times in the store's one ISO form, enums as words."""

    def plain(record: BaseModel) -> dict[str, Any]:
        out = {}
        for key, value in record:
            if isinstance(value, datetime):
                value = iso(value)
            elif isinstance(value, date):
                value = value.isoformat()
            elif hasattr(value, "value"):
                value = value.value
            out[key] = value
        return out

    return {
        "profile": parsed.profile.model_dump() if parsed.profile else None,
        **{key: [plain(r) for r in getattr(parsed, key)] for key in SECTIONS},
    }
