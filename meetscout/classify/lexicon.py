"""The lexicon: lexicon.toml read once and compiled into one matcher.

A maintainer edits only the TOML (then retrains: `python -m meetscout.classify.train`); a mistake
in the file raises LexiconError naming the cue.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..model import Access, Crowd, Kind
from .matcher import Matcher

# Read through importlib.resources, so it is found inside a zipped egg too (Scrapyd).
_SHIPPED = resources.files("meetscout.classify").joinpath("lexicon.toml")
LEXICON_PATH = Path(str(_SHIPPED))
CATEGORIES = ("host", "audience", "format", "topic", "social")
# The matcher's category for the access cues (no [[cue]] may take it: see CATEGORIES).
ACCESS = "access"


class LexiconError(ValueError):
    """The lexicon file has a mistake; the message names the cue and what is wrong."""


@dataclass(frozen=True)
class Cue:
    id: str
    category: str
    crowd: Crowd
    kind: Kind | None
    reason: str
    feature: str = ""  # its feature's name, "cue:ID", and where found in a title or a name:
    name_feature: str = ""  # "name-cue:ID" (see features.py)

    def __post_init__(self) -> None:
        object.__setattr__(self, "feature", "cue:" + self.id)
        object.__setattr__(self, "name_feature", "name-cue:" + self.id)


@dataclass(frozen=True)
class AccessCue:
    access: Access
    mask: bool  # hide its words from the other cues
    feature: str = ""  # "access:VALUE"

    def __post_init__(self) -> None:
        object.__setattr__(self, "feature", "access:" + self.access.value)


@dataclass(eq=False)  # compared and hashed by identity: caches key on it
class Lexicon:
    version: str
    matcher: Matcher
    # [limits] and [fees] (see lexicon.toml): the defaults are the shipped values.
    description_chars: int = 2500  # how much of a description is read
    group_prior: float = 2.0  # what a group's judgement adds to its events' score for its kind
    paid_fee: float = 20.0  # a fee at least this counts as paid


def is_acronym(phrase: str) -> bool:
    """Short acronyms (PMI, BNI, TiE) must match their case, so that 'ama' or 'tie' in ordinary
    prose does not count."""
    return " " not in phrase and len(phrase) <= 6 and not phrase.islower() and not phrase.istitle()


def _add_words(
    matcher: Matcher, category: str, owner: Cue | AccessCue, cue_id: str, raw: dict
) -> None:
    """A cue's words in written order: plain phrases, and patterns for what a phrase cannot say."""
    words = raw.get("words", [])
    if not words:
        raise LexiconError(f"cue {cue_id!r} has no words")
    for word in words:
        if isinstance(word, str):
            if not word.strip():
                raise LexiconError(f"cue {cue_id!r}: an empty phrase")
            matcher.add_phrase(category, owner, word, case_sensitive=is_acronym(word))
            continue
        try:
            regex, starts = word["regex"], word["starts"]
            matcher.add_pattern(category, owner, regex, starts)
        except (KeyError, TypeError):
            shape = "{ starts = [...], regex = '...' }"
            raise LexiconError(
                f"cue {cue_id!r}: {word!r} is neither a phrase nor {shape}"
            ) from None
        except re.error as exc:
            raise LexiconError(f"cue {cue_id!r}: bad pattern {regex!r}: {exc}") from None
        except ValueError as exc:
            raise LexiconError(f"cue {cue_id!r}: pattern {regex!r}: {exc}") from None


def compile_lexicon(text: str) -> Lexicon:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon is not valid TOML: {exc}") from None
    # Access words need not end a word ("free" in "free-of-charge"); access cues come first and
    # may mask their words from the others.
    matcher = Matcher(word_end={ACCESS: False})
    limits, fees = data.get("limits", {}), data.get("fees", {})
    try:
        lex = Lexicon(
            version=text_version(text),
            matcher=matcher,
            description_chars=int(limits.get("description_chars", Lexicon.description_chars)),
            group_prior=float(limits.get("group_prior", Lexicon.group_prior)),
            paid_fee=float(fees.get("paid", Lexicon.paid_fee)),
        )
    except (TypeError, ValueError) as exc:
        raise LexiconError(f"a bad number in [limits] or [fees]: {exc}") from None
    for n, raw in enumerate(data.get("access", [])):
        try:
            access = Access(raw["cue"])
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"access cue #{n + 1}: bad cue: {exc}") from None
        # The matcher names the cue itself with each match (Match.owner).
        access_cue = AccessCue(access=access, mask=bool(raw.get("mask", False)))
        _add_words(matcher, ACCESS, access_cue, access.value, raw)
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
        cue = Cue(
            id=cue_id,
            category=category,
            crowd=crowd,
            kind=kind,
            reason=raw.get("reason", "Mentions {match}"),
        )
        _add_words(matcher, category, cue, cue_id, raw)
    matcher.build()
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
