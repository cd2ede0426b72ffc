"""Attendee lines in LinkedIn's languages: "Jane and 12 others are attending" is 13 people.

Recognised by the words for attending, counted from the number and the names before it, so a new
language usually needs only a word added to `_ATTEND_WORDS`.
"""

from __future__ import annotations

import re

from .common import clean

# Stems of "attend" / "attendee" / "going" in the languages LinkedIn speaks most.
_ATTEND_WORDS = (
    "attend", "going", "teilnehm", "nehmen teil", "nimmt teil", "teilgenommen", "participa",
    "participe", "partecip", "asist", "deelne", "neemt deel", "nemen deel", "deltag", "deltar",
    "uczestn", "katıl", "inscrit",
)  # fmt: skip
# "and" between names.
_AND = r"(?:and|und|et|y|e|en|och|og|i|ve|a)"
_NUMBER = r"(?P<n>\d(?:[\d.,]|\s(?=\d))*)(?P<k>\s?[KkMm](?![a-z]))?"
_OTHERS = re.compile(rf"^(?P<names>.+?)\s+{_AND}\s+{_NUMBER}\s", re.I)
_COUNT_FIRST = re.compile(rf"^{_NUMBER}\s", re.I)
_NAMES_ONLY = re.compile(
    r"^(?P<names>.+?)\s(?:is|are|ist|sind|nimmt|nehmen|participe|participent|asiste|asisten|"
    r"partecipa|partecipano|neemt|nemen|deltar)\b",
    re.I,
)
_NAME_LIST = re.compile(rf",|\s{_AND}\s", re.I)


def is_attendee_line(text: str) -> bool:
    low = clean(text).lower()
    return any(word in low for word in _ATTEND_WORDS)


def parse_attendee_line(text: str | None) -> int | None:
    """How many people a line says attend, or None when it is not an attendee line."""
    line = clean(text)
    if not line or not is_attendee_line(line):
        return None
    m = _OTHERS.match(line + " ")
    if m:
        return _number(m.group("n"), m.group("k")) + len(m.group("names").split(","))
    m = _COUNT_FIRST.match(line + " ")
    if m:
        return _number(m.group("n"), m.group("k"))
    if re.search(r"\d", line):
        return None  # a number we cannot place: better unknown than wrong
    # Only names: "Jane Doe is attending", "Jane Doe and John Roe are attending".
    m = _NAMES_ONLY.match(line)
    if not m:
        return None  # a bare "Attend" button
    return len([n for n in _NAME_LIST.split(m.group("names")) if n.strip()])


def _number(digits: str, suffix: str | None) -> int:
    digits = re.sub(r"\s", "", digits)
    if suffix:
        # "1.2K" / "1,2K": here the separator is a decimal point.
        scale = 1_000 if suffix.strip().lower() == "k" else 1_000_000
        return round(float(digits.replace(",", ".")) * scale)
    return int(re.sub(r"\D", "", digits))
