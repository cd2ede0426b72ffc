"""The strings a pattern can match, when there are few: such a pattern needs no regex at all.

Most lexicon patterns are phrases with a few choices (`job\\s*seekers?`, `(?:tech|startup)\\s+hub`):
their every match is one of a handful of strings, which an Aho-Corasick automaton finds in one pass
over the text, at C speed, without trying a regular expression where it might start. White space
(`\\s`, `\\s+`) is read as one space and `\\s*` as none or one; the matcher sees the text with its
punctuation and white space as single spaces, so that is what it meets. A pattern with anything
open-ended (`[a-z]+`, `.`, a look-around, an anchor other than a final `\\b`) is left to the regex
path.
"""

from __future__ import annotations

from dataclasses import dataclass
from re import IGNORECASE
from re import _constants as sre_c  # type: ignore[attr-defined]
from typing import Final

LIMIT: Final = 64  # strings per pattern; beyond this the regex path is cheaper to keep
SPACE_CLASS: Final = [(sre_c.CATEGORY, sre_c.CATEGORY_SPACE)]  # what \s is


class _Open(Exception):
    """The pattern is not a small finite set of strings."""


@dataclass(frozen=True)
class Literals:
    strings: tuple[str, ...]
    word_end: bool  # a final \b: the match must end at a word's end
    case_sensitive: bool  # the whole pattern is inside (?-i:...): match the case as written


def is_space(op, av) -> bool:
    """Whether one parsed item is `\\s`."""
    return op is sre_c.IN and list(av) == SPACE_CLASS


def class_chars(items, widest: int) -> list[str] | None:
    """The characters of a small character class (`[-–]`, `[a-e]`), or None for a wider one."""
    chars: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL:
            chars.append(chr(av))
        elif op is sre_c.RANGE and av[1] - av[0] < widest:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def _chars(items) -> list[str]:
    if list(items) == SPACE_CLASS:
        return [" "]
    chars = class_chars(items, 10)
    if chars is None:
        raise _Open
    return chars


def _join(acc: list[str], options: list[str]) -> list[str]:
    out = [a + b for a in acc for b in options]
    if len(out) > LIMIT:
        raise _Open
    return out


def _expand(items) -> list[str]:
    acc = [""]
    for op, av in items:
        if op is sre_c.LITERAL:
            acc = [a + chr(av) for a in acc]
        elif op is sre_c.IN:
            acc = _join(acc, _chars(av))
        elif op is sre_c.SUBPATTERN:
            acc = _join(acc, _expand(av[-1]))
        elif op is sre_c.BRANCH:
            acc = _join(acc, [s for alt in av[1] for s in _expand(alt)])
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            low, high, sub = av
            if len(sub) == 1 and is_space(*sub[0]):
                acc = _join(acc, [" "] if low else ["", " "])
            elif high == 1:
                acc = _join(acc, ([""] if low == 0 else []) + _expand(sub))
            else:
                raise _Open
        else:
            raise _Open
    return acc


def _whole_case_sensitive(items) -> list | None:
    """The inside of a pattern written entirely as (?-i:...), else None."""
    if len(items) == 1 and items[0][0] is sre_c.SUBPATTERN:
        group, add_flags, del_flags, sub = items[0][1]
        if del_flags & IGNORECASE and not add_flags:
            return list(sub)
    return None


def _has_case_sensitive_part(items) -> bool:
    for op, av in items:
        if op is sre_c.SUBPATTERN:
            inner = [av[-1]] if not av[2] & IGNORECASE else None
        elif op is sre_c.BRANCH:
            inner = av[1]
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            inner = [av[2]]
        else:
            continue
        if inner is None or any(_has_case_sensitive_part(sub) for sub in inner):
            return True
    return False


def literals(parsed) -> Literals | None:
    """The strings a parsed pattern (re._parser) matches, or None when they are open-ended."""
    items = list(parsed)
    word_end = False
    if items and items[-1] == (sre_c.AT, sre_c.AT_BOUNDARY):
        items, word_end = items[:-1], True
    if items and items[0] == (sre_c.AT, sre_c.AT_BOUNDARY):
        items = items[1:]  # a match starts at a word's start anyway
    inside = _whole_case_sensitive(items)
    if inside is None and _has_case_sensitive_part(items):
        return None
    try:
        strings = _expand(inside if inside is not None else items)
    except _Open:
        return None
    # A match that starts or ends in white space, or is empty, cannot be told by its words.
    if not strings or any(not s or s[0].isspace() or s[-1].isspace() for s in strings):
        return None
    return Literals(tuple(dict.fromkeys(strings)), word_end, inside is not None)
