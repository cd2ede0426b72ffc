"""The lexicon: lexicon.toml read once and compiled into one fast matcher.

A maintainer edits only the TOML. `load_lexicon().slow_patterns` lists any pattern whose start
cannot be read (those still match, the slow way; a test keeps the list empty), and a mistake in
the file raises LexiconError naming the cue.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import Access, Crowd, Kind
from .matcher import Matcher

# Found through the package, not this module's file (which may be a compiled copy elsewhere),
# and read through importlib.resources, so it is found inside a zipped egg too (Scrapyd).
_SHIPPED = resources.files("meetscout.classify").joinpath("lexicon.toml")
LEXICON_PATH = Path(str(_SHIPPED))
CATEGORIES = ("host", "audience", "format", "topic", "social")


class LexiconError(ValueError):
    """The lexicon file has a mistake; the message names the cue and what is wrong."""


@dataclass(frozen=True)
class Cue:
    # Crowds, kinds and access labels are kept as plain strings: enum members hash in Python
    # code, and the classifier looks them up many times per event.
    id: str
    category: str
    crowd: str
    kind: str | None
    weight: float
    kind_weight: float
    reason: str


@dataclass(frozen=True)
class AccessCue:
    cue: str
    mask: bool


@dataclass
class Lexicon:
    version: str
    fields: dict[str, float]
    limits: dict[str, float]
    time: dict[str, Any]
    fees: dict[str, float]
    matcher: Matcher
    cues: dict[str, Cue] = field(default_factory=dict)  # group name in the matcher -> cue
    access: dict[str, AccessCue] = field(default_factory=dict)
    slow_patterns: list[str] = field(default_factory=list)
    memo: dict[str, dict] = field(default_factory=dict)  # what the classifier derives, once


def _name_pattern(name: str) -> str:
    """A plain name as a whole-word pattern. Short acronyms (PMI, BNI, TiE) must match their case,
    so that 'ama' or 'tie' in ordinary prose does not count."""
    body = r"\s+".join(re.escape(part) for part in name.split())
    single = " " not in name
    if single and len(name) <= 6 and not name.islower() and not name.istitle():
        body = f"(?-i:{body})"
    return body


def _parts(cue_id: str, names: list[str], patterns: list[str]) -> list[str]:
    parts = [_name_pattern(n) for n in names] + list(patterns)
    if not parts:
        raise LexiconError(f"cue {cue_id!r} has neither names nor patterns")
    return parts


def _add(matcher: Matcher, category: str, owner: str, cue_id: str, part: str) -> None:
    try:
        matcher.add(category, owner, part)
    except re.error as exc:
        raise LexiconError(f"cue {cue_id!r}: bad pattern {part!r}: {exc}") from None


def compile_lexicon(text: str) -> Lexicon:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon is not valid TOML: {exc}") from None
    version = text_version(text)
    # Access cues are read first and may mask their words from the others.
    matcher = Matcher(word_end={"access": False})
    lex = Lexicon(
        version=version,
        fields={k: float(v) for k, v in data.get("fields", {}).items()},
        limits={k: float(v) for k, v in data.get("limits", {}).items()},
        time=dict(data.get("time", {})),
        fees={k: float(v) for k, v in data.get("fees", {}).items()},
        matcher=matcher,
    )
    for n, raw in enumerate(data.get("access", [])):
        try:
            label = Access(raw["cue"])
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"access cue #{n + 1}: bad cue: {exc}") from None
        owner = f"a{n}"
        for part in _parts(label.value, raw.get("names", []), raw.get("patterns", [])):
            _add(matcher, "access", owner, label.value, part)
        lex.access[owner] = AccessCue(cue=label.value, mask=bool(raw.get("mask", False)))
    seen: set[str] = set()
    for n, raw in enumerate(data.get("cue", [])):
        cue_id = raw.get("id") or f"cue #{n + 1}"
        if cue_id in seen:
            raise LexiconError(f"cue id {cue_id!r} is used twice")
        seen.add(cue_id)
        category = raw.get("category")
        if category not in CATEGORIES:
            raise LexiconError(f"cue {cue_id!r}: category must be one of {', '.join(CATEGORIES)}")
        try:
            crowd = Crowd(raw["crowd"]).value
            kind = Kind(raw["kind"]).value if raw.get("kind") else None
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"cue {cue_id!r}: bad crowd or kind: {exc}") from None
        weight = float(raw.get("weight", 1.0))
        owner = f"c{n}"
        lex.cues[owner] = Cue(
            id=cue_id,
            category=category,
            crowd=crowd,
            kind=kind,
            weight=weight,
            kind_weight=float(raw.get("kind_weight", weight)),
            reason=raw.get("reason", "Mentions {match}"),
        )
        for part in _parts(cue_id, raw.get("names", []), raw.get("patterns", [])):
            _add(matcher, category, owner, cue_id, part)
    lex.slow_patterns = matcher.build()
    return lex


def text_version(text: str) -> str:
    """A short hash of the lexicon's text: any edit gives a new classifier version."""
    return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()


def lexicon_text(path: str | None = None) -> str:
    """A given lexicon file, else the shipped one."""
    return (Path(path) if path else _SHIPPED).read_text(encoding="utf-8")


def file_version(path: str | None = None) -> str:
    """The version of a lexicon file without compiling it (cheap, for start-up)."""
    return text_version(lexicon_text(path))


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon shipped with meetscout, or another file (tests, a maintainer's trial)."""
    return compile_lexicon(lexicon_text(path))
