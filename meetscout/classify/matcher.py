"""Many patterns, one fast pass: find where any pattern could start, then try only those patterns.

A single alternation of hundreds of patterns costs Python's regex engine a try of every pattern at
every character. Instead each pattern's possible literal beginnings ("keys", up to 12 characters)
are read from its parsed form; an Aho-Corasick automaton (C speed, one pass) finds the word starts
where some key occurs, and only the few patterns behind those keys are tried there. Patterns whose
start cannot be read (say, one beginning with `[a-z]+`) are searched the slow way, so nothing is
lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants as sre_c
from re import _parser as sre_parse
from typing import NamedTuple

import ahocorasick

KEY_LEN = 12
# Word starts are found in a copy of the text whose punctuation is turned into spaces (one
# character for one, so positions hold); keys get the same treatment and a leading space.
_PUNCT = (
    "\t\n\r\x0b\x0c!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\u2018\u2019"
    "\u201c\u201d\u2013\u2014\u2022\u2026\u00b7\u00ab\u00bb\u00a0"
)
_SPACES = str.maketrans(_PUNCT, " " * len(_PUNCT))
_ASCII_PUNCT = "".join(c for c in _PUNCT if c.isascii()).encode()
_ASCII_SPACES = bytes.maketrans(_ASCII_PUNCT, b" " * len(_ASCII_PUNCT))
WORD_START = r"(?<!\w)"
WORD_END = r"(?!\w)"
_LOWER_SAFE = re.compile(r"\\.|\(\?P|[A-Z]")


def lower_pattern(source: str) -> str:
    """The pattern in lower case, leaving escapes such as \\S or \\W and group syntax alone."""
    return _LOWER_SAFE.sub(lambda m: m.group() if len(m.group()) > 1 else m.group().lower(), source)


def _in_chars(items) -> list[str] | None:
    chars: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL:
            chars.append(chr(av))
        elif op is sre_c.RANGE and av[1] - av[0] < 6:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


_SPACE_CLASS = [(sre_c.CATEGORY, sre_c.CATEGORY_SPACE)]


def _is_space(op, av) -> bool:
    return op is sre_c.IN and list(av) == _SPACE_CLASS


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
        elif _is_space(op, av):
            acc = {s + " " if len(s) < KEY_LEN else s for s in acc}
        elif op is sre_c.IN:
            chars = _in_chars(av)
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
            if len(sub) == 1 and _is_space(*sub[0]):
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


class Match(NamedTuple):
    category: str
    owner: str
    start: int
    end: int
    text: str


@dataclass
class Matcher:
    """Compiled from (category, owner, pattern) triples in written order."""

    word_end: dict[str, bool]
    _alts: list[_Alt] = field(default_factory=list)
    _by_key: dict[str, list[_Entry]] = field(default_factory=dict)
    _fallback: list[_Entry] = field(default_factory=list)
    _order: dict[str, int] = field(default_factory=dict)
    _gate: ahocorasick.Automaton | None = None

    def add(self, category: str, owner: str, source: str) -> None:
        """Add a pattern; raises re.error if it is not a valid regular expression."""
        case_sensitive = "(?-i:" in source
        if not case_sensitive:
            source = lower_pattern(source)
        flags = re.IGNORECASE if case_sensitive else 0
        parsed = sre_parse.parse(source, flags)  # parsed once: validates and yields the keys
        keys = _prefixes(list(parsed), {""})
        self._order.setdefault(owner, len(self._order))
        self._alts.append(
            _Alt(
                category,
                owner,
                self._order[owner],
                source,
                case_sensitive,
                len(self._alts),
                None if not keys or any(not k for k in keys) else {k.lower() for k in keys},
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

    def build(self) -> list[str]:
        """Compile; return the patterns that must be searched the slow way (for the maintainer)."""
        keyed: dict[str, list[_Alt]] = {}
        slow: dict[tuple[str, bool], list[_Alt]] = {}
        for alt in self._alts:
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
        gate = ahocorasick.Automaton()
        for key, entries in self._by_key.items():
            spaced = key.translate(_SPACES)
            if not spaced.startswith(" "):
                spaced = " " + spaced
            # The key's own start is one past the space (or the punctuation) before it.
            gate.add_word(spaced, (len(spaced) - 1, entries))
        gate.make_automaton()
        self._gate = gate
        return [a.source for group in slow.values() for a in group]

    def scan(self, text: str) -> list[Match]:
        """Every match, per category without overlaps, in the order of the text."""
        low = text.lower()
        if len(low) != len(text):  # a rare letter whose lower case is longer: keep positions
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        if low.isascii():  # the common case; bytes translate is many times faster
            spaced = " " + low.encode().translate(_ASCII_SPACES).decode()
        else:
            spaced = " " + low.translate(_SPACES)
        # The automaton reports keys by where they end; several keys may share a start.
        starts: dict[int, tuple[int, list[_Entry]]] = {}
        for end, (length, entries) in self._gate.iter(spaced):
            start = end - length  # in `low` (the leading space shifts by one)
            held = starts.get(start)
            if held is None or length > held[0]:
                starts[start] = (length, entries)
        out: list[Match] = []
        consumed: dict[str, int] = {}
        for p in sorted(starts) if len(starts) > 1 else starts:
            for entry in starts[p][1]:
                category = entry.category
                if p < consumed.get(category, 0):
                    continue
                regex = entry._regex or entry.regex
                m = regex.match(text if entry.on_original else low, p)
                if m is not None:
                    end = m.end()
                    consumed[category] = end
                    out.append(Match(category, m.lastgroup, p, end, text[p:end]))
        if self._fallback:
            for entry in self._fallback:
                for m in entry.regex.finditer(text if entry.on_original else low):
                    if m.start() >= consumed.get(entry.category, 0):
                        out.append(
                            Match(
                                entry.category,
                                m.lastgroup,
                                m.start(),
                                m.end(),
                                text[m.start() : m.end()],
                            )
                        )
            out.sort(key=lambda x: x.start)
        return out
