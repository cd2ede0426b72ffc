"""Is this the same meeting, listed on two sites? A chapter announces its meeting on its own site,
on Meetup and on LinkedIn; each listing is stored as it is, and the store links them as one
meeting (meetscout/store/same_meeting.py) by this rule, so the meeting is counted once.

Two listings are the same meeting when they come from different sources, start within an hour
of each other, have similar titles, and are at the same place or both online. Anything doubtful
is left apart: a listing without a place, one online and one in person, a title that shares
only words every meeting has ("Monthly Meeting"), or a listing that would fit two meetings.
Pure functions: no store, no network.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import timedelta

from .model import Event

WITHIN = timedelta(hours=1)  # the chapter's site says 6:00 (doors open), Meetup says 6:30
# Of the smaller title's distinctive words, this share must be in the other title too.
TITLE_SHARE = 0.6
NEAR_METRES = 250

_WORD = re.compile(r"[a-z0-9]+")
# Words that tell no meeting from another: articles, joiners, and the words chapters put in
# every title or leave out (the month, the year, "meeting", "chapter").
_COMMON = frozenset(
    """a an and at by for from in into of on or our the to with your you us vs via
    meeting meetings monthly chapter event events session night evening morning lunch luncheon
    dinner breakfast program presentation join us new
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday
    saturday sunday""".split()
)
# Words of a place that do not tell one place from another.
_PLACE_COMMON = frozenset(
    """the a an of at and room floor suite hall center centre building bldg st street ave avenue
    rd road dr drive ct court blvd ln lane way pl place nj ny ca pa us usa""".split()
)


def words(text: str | None, common: frozenset[str] = _COMMON) -> set[str]:
    """The distinctive words of a title or place, lower-case and without accents."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return {w for w in _WORD.findall(plain) if w not in common and not w.isdigit()}


def similar_titles(a: str, b: str) -> bool:
    """Most distinctive words of the shorter title are in the longer one, and at least two
    (one shared word is chance: "Networking", "Workshop")."""
    x, y = words(a), words(b)
    shared = len(x & y)
    return shared >= 2 and shared >= TITLE_SHARE * min(len(x), len(y))


def same_place(a: Event, b: Event) -> bool | None:
    """True: both online, or the same venue; False: not the same; None: cannot tell."""
    if a.is_online and b.is_online:
        return True
    if a.is_online or b.is_online:
        return False  # one online, the other in person (or not said): apart
    va, vb = a.venue, b.venue
    if va is None or vb is None:
        return None
    if None not in (va.lat, va.lon, vb.lat, vb.lon):
        return _metres(va.lat, va.lon, vb.lat, vb.lon) <= NEAR_METRES
    street_a, street_b = _street(va.address), _street(vb.address)
    if street_a and street_b:
        return street_a == street_b
    names_a = words(va.name, _PLACE_COMMON)
    names_b = words(vb.name, _PLACE_COMMON)
    if names_a and names_b:
        shared = len(names_a & names_b)
        return shared >= 1 and shared >= 0.5 * min(len(names_a), len(names_b))
    return None


def same_meeting(a: Event, b: Event) -> bool:
    """Are these two listings one meeting? Doubt means no."""
    if a.source == b.source or a.starts_at is None or b.starts_at is None:
        return False
    if abs(a.starts_at - b.starts_at) > WITHIN:
        return False
    return similar_titles(a.title, b.title) and same_place(a, b) is True


def meeting_for(listing: Event, meetings: Mapping[str, Sequence[Event]]) -> str | None:
    """Which of these meetings (id -> its listings) `listing` is one more listing of: the one
    whose listings it matches. None when it matches none, when it matches two meetings (which
    one would be a guess), or when that meeting is already listed on the same site."""
    matched = [
        meeting
        for meeting, listings in meetings.items()
        if any(same_meeting(listing, other) for other in listings)
    ]
    if len(matched) != 1:
        return None
    if any(other.source == listing.source for other in meetings[matched[0]]):
        return None
    return matched[0]


def _street(address: str | None) -> tuple[str, str] | None:
    """(house number, first word of the street) of "1 Hilton Ct, Parsippany": enough to tell
    two addresses apart, whatever the abbreviations."""
    found = re.match(r"\s*(\d+[a-z]?)\s+([A-Za-z]+)", address or "")
    return (found.group(1).lower(), found.group(2).lower()) if found else None


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))
