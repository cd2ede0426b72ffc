"""The lexicon: lexicon.toml read once and compiled into one regular expression per category.

A maintainer edits only the TOML. Each category becomes a single alternation with one named group
per cue, so a field is scanned once per category however many cues there are.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import Access, Crowd, Kind

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")
CATEGORIES = ("host", "audience", "format", "topic", "social")
# Every pattern must begin at a word start; (?<!\w) also works before "$" or "(".
WORD_START = r"(?<!\w)"
WORD_END = r"(?!\w)"


class LexiconError(ValueError):
    """The lexicon file has a mistake; the message names the cue and what is wrong."""


@dataclass(frozen=True)
class Cue:
    id: str
    category: str
    crowd: Crowd
    kind: Kind | None
    weight: float
    kind_weight: float
    reason: str


@dataclass(frozen=True)
class AccessCue:
    cue: Access
    mask: bool


@dataclass
class Lexicon:
    version: str
    fields: dict[str, float]
    limits: dict[str, float]
    time: dict[str, object]
    fees: dict[str, float]
    # category -> (compiled alternation, {group name: Cue})
    passes: dict[str, tuple[re.Pattern[str], dict[str, Cue]]] = field(default_factory=dict)
    access: tuple[re.Pattern[str], dict[str, AccessCue]] | None = None


def _name_pattern(name: str) -> str:
    """A plain name as a whole-word pattern. Short acronyms (PMI, BNI, TiE) must match their case,
    so that 'ama' or 'tie' in ordinary prose does not count."""
    body = r"\s+".join(re.escape(part) for part in name.split())
    single = " " not in name
    if single and len(name) <= 6 and not name.islower() and not name.istitle():
        body = f"(?-i:{body})"
    return body


def _alternation(cue_id: str, names: list[str], patterns: list[str]) -> str:
    parts = [_name_pattern(n) for n in names] + list(patterns)
    for part in parts:
        try:
            re.compile(part, re.IGNORECASE)
        except re.error as exc:
            raise LexiconError(f"cue {cue_id!r}: bad pattern {part!r}: {exc}") from None
    if not parts:
        raise LexiconError(f"cue {cue_id!r} has neither names nor patterns")
    return "|".join(f"(?:{p})" for p in parts)


def _group_name(n: int) -> str:
    return f"c{n}"


def compile_lexicon(text: str) -> Lexicon:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon is not valid TOML: {exc}") from None
    version = hashlib.blake2b(text.encode(), digest_size=4).hexdigest()
    lex = Lexicon(
        version=version,
        fields={k: float(v) for k, v in data.get("fields", {}).items()},
        limits={k: float(v) for k, v in data.get("limits", {}).items()},
        time=dict(data.get("time", {})),
        fees={k: float(v) for k, v in data.get("fees", {}).items()},
    )
    grouped: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    cues: dict[str, dict[str, Cue]] = {c: {} for c in CATEGORIES}
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
            crowd = Crowd(raw["crowd"])
            kind = Kind(raw["kind"]) if raw.get("kind") else None
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"cue {cue_id!r}: bad crowd or kind: {exc}") from None
        weight = float(raw.get("weight", 1.0))
        cue = Cue(
            id=cue_id,
            category=category,
            crowd=crowd,
            kind=kind,
            weight=weight,
            kind_weight=float(raw.get("kind_weight", weight)),
            reason=raw.get("reason", "Mentions {match}"),
        )
        name = _group_name(n)
        body = _alternation(cue_id, raw.get("names", []), raw.get("patterns", []))
        grouped[category].append(f"(?P<{name}>{body})")
        cues[category][name] = cue
    for category in CATEGORIES:
        if grouped[category]:
            regex = WORD_START + "(?:" + "|".join(grouped[category]) + ")" + WORD_END
            lex.passes[category] = (re.compile(regex, re.IGNORECASE), cues[category])
    access_parts: list[str] = []
    access_cues: dict[str, AccessCue] = {}
    for n, raw in enumerate(data.get("access", [])):
        try:
            label = Access(raw["cue"])
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"access cue #{n + 1}: bad cue: {exc}") from None
        name = f"a{n}"
        body = _alternation(label.value, raw.get("names", []), raw.get("patterns", []))
        access_parts.append(f"(?P<{name}>{body})")
        access_cues[name] = AccessCue(cue=label, mask=bool(raw.get("mask", False)))
    if access_parts:
        regex = WORD_START + "(?:" + "|".join(access_parts) + ")"
        lex.access = (re.compile(regex, re.IGNORECASE), access_cues)
    return lex


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon shipped with meetscout, or another file (tests, a maintainer's trial)."""
    return compile_lexicon(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
