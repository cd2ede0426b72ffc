"""Many patterns, one fast pass: an Aho-Corasick automaton over the text, then little else.

A single alternation of hundreds of patterns costs Python's regex engine a try of every pattern at
every character. Instead one automaton (ahocorasick_rs, in Rust, one pass) holds two kinds of word:
- the phrases most patterns are (`job seekers?`): every string they can match (see literals.py),
  so a hit is a match and no regex runs;
- for the open-ended rest, each pattern's possible literal beginnings ("keys", up to 12
  characters, read from its parsed form): only the few patterns behind a key are tried there.
Patterns whose start cannot be read (say, one beginning with `[a-z]+`) are searched the slow way,
so nothing is lost. The text is seen lower-cased with punctuation as spaces; give it with runs of
white space squeezed, as the classifier does, since a phrase's space is one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Final

from ahocorasick_rs import MATCHKIND_STANDARD, AhoCorasick

from .literals import Literals, class_chars, is_space, literals

KEY_LEN: Final = 12
# Word starts are found in a copy of the text whose punctuation is turned into spaces (one
# character for one, so positions hold); keys get the same treatment and a leading space.
_PUNCT: Final = (
    "\t\n\r\x0b\x0c!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\u2018\u2019"
    "\u201c\u201d\u2013\u2014\u2022\u2026\u00b7\u00ab\u00bb\u00a0"
)
_SPACES: Final = str.maketrans(_PUNCT, " " * len(_PUNCT))
_WHITE: Final = str.maketrans("\t\n\r\x0b\x0c\u00a0", "      ")
_ASCII_PUNCT: Final = "".join(c for c in _PUNCT if c.isascii()).encode()
_ASCII_SPACES: Final = bytes.maketrans(_ASCII_PUNCT, b" " * len(_ASCII_PUNCT))
WORD_START: Final = r"(?<!\w)"
WORD_END: Final = r"(?!\w)"
_LOWER_SAFE: Final = re.compile(r"\\.|\(\?P|[A-Z]")


def lower_pattern(source: str) -> str:
    """The pattern in lower case, leaving escapes such as \\S or \\W and group syntax alone."""
    return _LOWER_SAFE.sub(lambda m: m.group() if len(m.group()) > 1 else m.group().lower(), source)


def _prefixes(items: list, acc: set[str]) -> set[str]:
    """Every string up to KEY_LEN characters that a match of `items` can begin with.

    White space (\\s, \\s+) counts as one space: the gate is a filter, and a pattern that only
    matches across two spaces or a blank line is rare enough to be missed there.
    """
    if len(acc) > 64:
        return acc
    for i, (op, av) in enumerate(items):
        if all(len(s) >= KEY_LEN for s in acc):
            return acc
        rest = items[i + 1 :]
        if op is sre_c.LITERAL:
            acc = {s + chr(av) if len(s) < KEY_LEN else s for s in acc}
        elif is_space(op, av):
            acc = {s + " " if len(s) < KEY_LEN else s for s in acc}
        elif op is sre_c.IN:
            chars = class_chars(av, 6)
            if chars is None or len(chars) > 8 or len(acc) * len(chars) > 64:
                return acc
            acc = {s + c if len(s) < KEY_LEN else s for s in acc for c in chars}
        elif op is sre_c.SUBPATTERN:
            return _prefixes(list(av[-1]) + rest, acc)
        elif op is sre_c.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                out |= _prefixes(list(alt) + rest, acc)
            return out
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            low, high, sub = av
            if len(sub) == 1 and is_space(*sub[0]):
                spaced = {s + " " if len(s) < KEY_LEN else s for s in acc}
                take = _prefixes(rest, spaced)
                return take | _prefixes(rest, acc) if low == 0 else take
            # After one repetition another may follow, so only a single-shot repeat continues.
            take = _prefixes(list(sub) + (rest if high == 1 else []), acc)
            return take | _prefixes(rest, acc) if low == 0 else take
        elif op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
            continue  # zero width: the match still starts with what follows
        else:
            return acc
    return acc


def pattern_keys(source: str, flags: int = 0) -> set[str] | None:
    """Lower-cased start keys of a pattern, or None when its start cannot be read."""
    try:
        parsed = sre_parse.parse(source, flags)
    except re.error:
        return None
    return _keys(parsed)


def _keys(parsed) -> set[str] | None:
    keys = _prefixes(list(parsed), {""})
    if not keys or any(not k for k in keys):
        return None
    return {k.lower() for k in keys}


@dataclass
class _Alt:
    category: str
    owner: str  # the group name that says which cue matched
    order: int  # written order: the earlier cue wins where two start at one place
    source: str
    case_sensitive: bool
    seq: int = 0  # position among all patterns
    keys: set[str] | None = None
    literals: Literals | None = None  # when set, the automaton finds whole matches itself


@dataclass
class _Entry:
    category: str
    source: str
    flags: int
    on_original: bool  # match against the text as written (for case-sensitive acronyms)
    _regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        # Compiled on first use: most keys never occur in a given run, and start-up stays quick.
        if self._regex is None:
            self._regex = re.compile(self.source, self.flags)
        return self._regex


# A match: (category, owner, start, end); the words are `text[start:end]` of the text scanned.
Match = tuple[str, str, int, int]
# A phrase's hit: (from the word's start to the match's start, length, category, rank, owner, the
# string to compare where the spaced text cannot tell, and whether to compare it as written).
Phrase = tuple[int, int, str, int, str, str | None, bool]
# A key's hit: (the key's length, from the word's start to the key's start, regexes to try there).
Key = tuple[int, int, tuple[_Entry, ...]]


def _rank_of(alt: _Alt) -> int:
    """Where two matches of a category start at one place, the lower rank wins: the pattern
    written first, as in one alternation of them all."""
    return alt.order << 20 | alt.seq


@dataclass
class Matcher:
    """Compiled from (category, owner, pattern) triples in written order."""

    word_end: dict[str, bool]
    _alts: list[_Alt] = field(default_factory=list)
    _by_key: dict[str, list[_Entry]] = field(default_factory=dict)
    _fallback: list[_Entry] = field(default_factory=list)
    _order: dict[str, int] = field(default_factory=dict)
    _rank: dict[str, int] = field(default_factory=dict)  # of an owner's regexes
    _gate: AhoCorasick = field(init=False)  # made by build()
    _values: list[tuple[tuple[Phrase, ...], Key | None]] = field(default_factory=list)

    def add(self, category: str, owner: str, source: str) -> None:
        """Add a pattern; raises re.error if it is not a valid regular expression."""
        case_sensitive = "(?-i:" in source
        if not case_sensitive:
            source = lower_pattern(source)
        flags = re.IGNORECASE if case_sensitive else 0
        parsed = sre_parse.parse(source, flags)  # parsed once: validates, yields keys or strings
        found = literals(parsed)
        self._order.setdefault(owner, len(self._order))
        self._alts.append(
            _Alt(
                category,
                owner,
                self._order[owner],
                source,
                case_sensitive,
                len(self._alts),
                _keys(parsed) if found is None else None,
                found,
            )
        )

    def _compile(self, category: str, alts: list[_Alt], on_original: bool) -> _Entry:
        by_owner: dict[str, list[str]] = {}
        for alt in sorted(alts, key=lambda a: a.order):
            by_owner.setdefault(alt.owner, []).append(f"(?:{alt.source})")
        body = "|".join(f"(?P<{o}>{'|'.join(parts)})" for o, parts in by_owner.items())
        regex = f"(?:{body})" + (WORD_END if self.word_end.get(category, True) else "")
        flags = re.IGNORECASE if on_original else 0
        return _Entry(category, regex, flags, on_original)

    def _literal_words(self) -> dict[str, list[Phrase]]:
        """Automaton words for the patterns read as strings, each with how to place and check
        a hit."""
        words: dict[str, list[Phrase]] = {}
        for alt in self._alts:
            lit = alt.literals
            if lit is None:
                continue
            word_end = lit.word_end or self.word_end.get(alt.category, True)
            for string in lit.strings:
                low = string.lower()
                spaced = low.translate(_SPACES)
                lead = 0 if spaced.startswith(" ") else 1  # a space for the word's start
                word = " " * lead + spaced + (" " if word_end else "")
                verify: str | None = None
                if lit.case_sensitive:
                    verify = string
                elif spaced != low:  # punctuation the spaced text has turned into spaces
                    verify = low
                record: Phrase = (
                    lead - 1,
                    len(string),
                    alt.category,
                    _rank_of(alt),
                    alt.owner,
                    verify,
                    lit.case_sensitive,
                )
                words.setdefault(word, []).append(record)
        return words

    def build(self) -> list[str]:
        """Compile; return the patterns that must be searched the slow way (for the maintainer)."""
        keyed: dict[str, list[_Alt]] = {}
        slow: dict[tuple[str, bool], list[_Alt]] = {}
        for alt in self._alts:
            if alt.literals is not None:
                continue
            self._rank.setdefault(alt.owner, _rank_of(alt))
            keys = alt.keys
            if keys is None:
                slow.setdefault((alt.category, alt.case_sensitive), []).append(alt)
                continue
            for key in keys:
                keyed.setdefault(key, []).append(alt)
        # The gate reports the longest key at a word start; its entry holds every pattern whose
        # key is a prefix of it, one regex per category, so the regex itself picks the cue
        # written first.
        self._by_key = {}
        compiled: dict[tuple[str, bool, tuple[int, ...]], _Entry] = {}
        for key in keyed:
            alts = [a for n in range(1, len(key) + 1) for a in keyed.get(key[:n], [])]
            unique = sorted({a.seq: a for a in alts}.values(), key=lambda a: (a.order, a.seq))
            split: dict[tuple[str, bool], list[_Alt]] = {}
            for alt in unique:
                split.setdefault((alt.category, alt.case_sensitive), []).append(alt)
            entries = []
            for (category, cs), group in split.items():
                # Many keys share one set of patterns ("in transition", "in a career"):
                # compile each set once.
                ident = (category, cs, tuple(a.seq for a in group))
                if ident not in compiled:
                    compiled[ident] = self._compile(category, group, cs)
                entries.append(compiled[ident])
            self._by_key[key] = entries
        self._fallback = []
        for (category, cs), alts in slow.items():
            entry = self._compile(category, alts, cs)
            entry.source = WORD_START + entry.source
            self._fallback.append(entry)
        # One automaton holds both: words that are whole matches, and keys where a regex may
        # start. A word can be both, so each value is (whole matches, key entry or None).
        values: dict[str, tuple[list[Phrase], Key | None]] = {
            word: (records, None) for word, records in self._literal_words().items()
        }
        for key, entries in self._by_key.items():
            spaced = key.translate(_SPACES)
            lead = 0 if spaced.startswith(" ") else 1
            spaced = " " * lead + spaced
            records = values.get(spaced, ([], None))[0]
            values[spaced] = (records, (len(spaced), lead - 1, tuple(entries)))
        self._values = [(tuple(records), key) for records, key in values.values()]
        # Standard match kind: every word found, overlaps included.
        self._gate = AhoCorasick(list(values), matchkind=MATCHKIND_STANDARD)
        return [a.source for group in slow.values() for a in group]

    def scan(self, text: str) -> list[Match]:
        """Every match, per category without overlaps, in the order of the text.

        Where two matches of one category overlap, the one starting first wins; at one start,
        the pattern written first (as in one alternation of them all).
        """
        low = text.lower()
        if len(low) != len(text):  # a rare letter whose lower case is longer: keep positions
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        if low.isascii():  # the common case; bytes translate is many times faster
            spaced = " " + low.encode().translate(_ASCII_SPACES).decode() + " "
        else:
            spaced = " " + low.translate(_SPACES) + " "
        found: list[tuple[int, int, int, str, str]] = []  # start, rank, -end, category, owner
        starts: dict[int, Key] = {}
        plain = None
        values = self._values
        for index, word_start, _ in self._gate.find_matches_as_indexes(spaced, overlapping=True):
            records, key_entry = values[index]
            for shift, length, category, rank, owner, verify, on_original in records:
                start = word_start + shift  # in `low`, which lacks the leading space
                if verify is not None:
                    if on_original:
                        if not text.startswith(verify, start):
                            continue
                    else:
                        if plain is None:  # white space as single spaces, punctuation kept
                            plain = low.translate(_WHITE)
                        if not plain.startswith(verify, start):
                            continue
                found.append((start, rank, -start - length, category, owner))
            if key_entry is not None:
                # Several keys may share a start; the longest one's entries hold every
                # pattern of the shorter ones.
                start = word_start + key_entry[1]
                held = starts.get(start)
                if held is None or key_entry[0] > held[0]:
                    starts[start] = key_entry
        for p, (_, _, entries) in starts.items():
            for entry in entries:
                m = (entry._regex or entry.regex).match(text if entry.on_original else low, p)
                if m is not None:
                    owner = m.lastgroup or ""
                    found.append((p, self._rank[owner], -m.end(), entry.category, owner))
        found.sort()
        out: list[Match] = []
        consumed: dict[str, int] = {}
        for start, _, neg_end, category, owner in found:
            if start >= consumed.get(category, 0):
                consumed[category] = -neg_end
                out.append((category, owner, start, -neg_end))
        if self._fallback:
            for entry in self._fallback:
                for m in entry.regex.finditer(text if entry.on_original else low):
                    if m.start() >= consumed.get(entry.category, 0):
                        out.append((entry.category, m.lastgroup or "", m.start(), m.end()))
            out.sort(key=lambda x: x[2])
        return out
