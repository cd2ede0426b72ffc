"""Many cues, one pass: an Aho-Corasick automaton finds the lexicon's phrases in a text.

Trying the lexicon's hundreds of cues as one regular expression costs Python's regex engine a try
of every cue at every character (about 3 ms a listing). Instead one automaton (ahocorasick_rs, one
pass over the text) looks for every word of the lexicon at once:
- a phrase ("job seekers", "PMI") is found whole, and no regex runs for it;
- a pattern (a regular expression, for what a phrase cannot say) is tried only where a word begins
  with one of its `starts`.

The automaton reads the text in lower case with punctuation turned into spaces, one character for
one, so positions hold and a phrase is found between any two word breaks. The classifier squeezes
runs of white space first, since a phrase's space is one space. A phrase written with punctuation
("non-members", "(ISC)2") must show it as written, and a case-sensitive one (an acronym) its case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from ahocorasick_rs import MATCHKIND_STANDARD, AhoCorasick

# What the automaton reads as a word break besides white space.
PUNCTUATION = (
    "\t\n\r\x0b\x0c!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\u2018\u2019"
    "\u201c\u201d\u2013\u2014\u2022\u2026\u00b7\u00ab\u00bb\u00a0"
)
_TO_SPACES = str.maketrans(PUNCTUATION, " " * len(PUNCTUATION))
_ASCII_PUNCTUATION = "".join(c for c in PUNCTUATION if c.isascii()).encode()
_ASCII_TO_SPACES = bytes.maketrans(_ASCII_PUNCTUATION, b" " * len(_ASCII_PUNCTUATION))
_WHITE_TO_SPACES = str.maketrans("\t\n\r\x0b\x0c\u00a0", "      ")
_ASCII_WHITE_TO_SPACES = bytes.maketrans(b"\t\n\r\x0b\x0c", b"     ")
WORD_END = r"(?!\w)"
_ESCAPES = re.compile(r"\\.")  # \W, \S, \B...: an escape's letter spells no case
_SPELLS_CASE = re.compile(r"[A-Z]|\(\?[a-zA-Z]*-i")


class Match(NamedTuple):
    """A cue found in a text: its words are `text[start:end]`."""

    category: str
    owner: Any  # what the phrase or pattern was added for (the lexicon's cue)
    start: int
    end: int


@dataclass(slots=True)
class Phrase:
    category: str
    owner: Any
    rank: int  # written order: where two cues of a category start at one place, the first wins
    text: str
    shift: int  # from where its automaton word is found to where the phrase begins
    length: int
    exact: str | None  # the words as they must appear, where the spaced text cannot tell
    case_sensitive: bool


@dataclass(slots=True)
class Pattern:
    category: str
    owner: Any
    rank: int
    regex: re.Pattern[str]
    on_lower: bool  # matched against the lower-cased text (see add_pattern)


def _spaced(lower: str) -> str:
    if lower.isascii():  # the common case, where bytes.translate is many times faster
        return lower.encode().translate(_ASCII_TO_SPACES).decode()
    return lower.translate(_TO_SPACES)


def _white_as_spaces(lower: str) -> str:
    if lower.isascii():
        return lower.encode().translate(_ASCII_WHITE_TO_SPACES).decode()
    return lower.translate(_WHITE_TO_SPACES)


def _automaton_word(text: str, word_end: bool) -> tuple[str, int]:
    """The word the automaton looks for, with a space for the break before it (and after it, for
    a whole word), and the shift from where it is found to where `text` begins."""
    spaced = _spaced(text.lower())
    if spaced.startswith(" "):  # it begins with punctuation, which is the break itself
        return spaced + (" " if word_end else ""), -1
    return " " + spaced + (" " if word_end else ""), 0


class Matcher:
    """The lexicon's phrases and patterns, added in written order, then built into one automaton.

    `word_end` says per category whether a match must end at a word's end (default: yes).
    """

    def __init__(self, word_end: dict[str, bool]) -> None:
        self.word_end = word_end
        self._words: dict[str, tuple[list[Phrase], list[Pattern]]] = {}
        self._written = 0  # phrases and patterns added so far
        self._automaton: AhoCorasick | None = None
        self._values: list[tuple[list[Phrase], list[Pattern]]] = []

    def _entry(self, word: str) -> tuple[list[Phrase], list[Pattern]]:
        return self._words.setdefault(word, ([], []))

    def add_phrase(self, category: str, owner: Any, phrase: str, case_sensitive: bool) -> None:
        phrase = " ".join(phrase.split())
        if not phrase:
            raise ValueError("an empty phrase")
        word, shift = _automaton_word(phrase, self.word_end.get(category, True))
        exact: str | None = None
        if case_sensitive:
            exact = phrase
        elif _spaced(phrase.lower()) != phrase.lower():
            exact = phrase.lower()
        self._written += 1
        record = Phrase(
            category, owner, self._written, phrase, shift, len(phrase), exact, case_sensitive
        )
        self._entry(word)[0].append(record)

    def add_pattern(self, category: str, owner: Any, regex: str, starts: list[str]) -> None:
        """Raises re.error if `regex` is not a valid regular expression, ValueError if there are
        no starts to find it by."""
        if not starts or not all(s[:1].isalnum() for s in starts):
            raise ValueError("a pattern needs the words its matches begin with (starts)")
        end = WORD_END if self.word_end.get(category, True) else ""
        # A pattern written in lower case is matched against the lower-cased text: Python's
        # case-insensitive matching costs a half more. One that spells a case (an acronym, in
        # "(?-i:...)") is matched against the text as written, ignoring case elsewhere.
        on_lower = not _SPELLS_CASE.search(_ESCAPES.sub("", regex))
        flags = 0 if on_lower else re.IGNORECASE
        compiled = re.compile(f"(?:{regex}){end}", flags)
        self._written += 1
        pattern = Pattern(category, owner, self._written, compiled, on_lower)
        starts = list(dict.fromkeys(" ".join(s.lower().split()) for s in starts))
        for start in starts:
            if any(other != start and start.startswith(other) for other in starts):
                continue  # where it begins, the shorter start begins too: one try is enough
            word, _ = _automaton_word(start, word_end=False)
            self._entry(word)[1].append(pattern)

    def build(self) -> None:
        # Per automaton word, what a hit means, made ready for scan_prepared: the phrases that
        # need no check, as (shift, end shift, rank, category, owner); those whose punctuation or
        # case must be checked; and the patterns to try, as (match, on_lower, rank, category,
        # owner).
        self._values = [
            (
                tuple(
                    (p.shift, p.shift + p.length, p.rank, p.category, p.owner)
                    for p in phrases
                    if p.exact is None
                ),
                tuple(p for p in phrases if p.exact is not None),
                tuple((p.regex.match, p.on_lower, p.rank, p.category, p.owner) for p in patterns),
            )
            for phrases, patterns in self._words.values()
        ]
        # Standard match kind: every word found, overlaps included.
        self._automaton = AhoCorasick(list(self._words), matchkind=MATCHKIND_STANDARD)

    def scan(self, text: str) -> list[Match]:
        """Every match, per category without overlaps, in the order of the text.

        Where two matches of one category overlap, the one starting first wins; at one start, the
        phrase or pattern written first (as in one alternation of them all).
        """
        return [Match(*found) for found in self.scan_prepared(text, *self.prepare(text))]

    @staticmethod
    def prepare(text: str) -> tuple[str, str]:
        """The text in lower case, and in lower case with punctuation as spaces: what the
        automaton reads (its words are the listing's words)."""
        lower = text.lower()
        if len(lower) != len(text):  # a rare letter whose lower case is longer: keep positions
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        return lower, _spaced(lower)

    def scan_prepared(self, text: str, lower: str, spaced: str) -> list[tuple[str, Any, int, int]]:
        """`scan` where the caller has prepared the text: (category, owner, start, end) tuples."""
        assert self._automaton is not None, "build() the matcher first"
        spaced = " " + spaced + " "
        white_as_spaces: str | None = None
        # (start, rank, end, category, owner): sorted, the order of the text and at one start
        # the order written (no two share a start and a rank).
        found: list[tuple[int, int, int, str, Any]] = []
        values = self._values
        for index, at, _ in self._automaton.find_matches_as_indexes(spaced, overlapping=True):
            plain, checked, patterns = values[index]
            for shift, stop, rank, category, owner in plain:
                # `at` is the break before the word in `spaced`, the word's start in the text
                found.append((at + shift, rank, at + stop, category, owner))
            # Most words are found for their plain phrases alone: the checks are skipped whole.
            if checked:
                for phrase in checked:
                    start = at + phrase.shift
                    if phrase.case_sensitive:
                        if not text.startswith(phrase.exact, start):
                            continue
                    else:
                        if white_as_spaces is None:
                            white_as_spaces = _white_as_spaces(lower)
                        if not white_as_spaces.startswith(phrase.exact, start):
                            continue
                    found.append(
                        (start, phrase.rank, start + phrase.length, phrase.category, phrase.owner)
                    )
            if patterns:
                for match, on_lower, rank, category, owner in patterns:
                    # No two starts of one pattern begin at one place.
                    m = match(lower if on_lower else text, at)
                    if m is not None:
                        found.append((at, rank, m.end(), category, owner))
        found.sort()
        matches = []
        free_from: dict[str, int] = {}  # per category, where the next match may start
        for start, _, end, category, owner in found:
            if start >= free_from.get(category, 0):
                free_from[category] = end
                matches.append((category, owner, start, end))
        return matches
