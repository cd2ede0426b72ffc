"""What the model reads in a listing: the lexicon's cues, the words, and when and what it costs.

A listing becomes a set of feature names, each present or not (no counts: one "hiring" says as
much as three):
- `cue:ID` for a lexicon cue found anywhere, and `name-cue:ID` too when it is in the title, the
  group's name or the organiser (where a cue says more than deep in a description);
- every word, as it is (`hiring`);
- `access:VALUE` for an access cue the words state (a discount for job seekers says the room is
  employed);
- `time:DAYS-PART` (weekday or weekend; early, morning, midday, afternoon, evening, night),
  `fee:paid` (at least the lexicon's `paid` amount), `fee:low`, `fee:free` and `is:online`.
  Whether a listing names its group or has a description is left out: in the labelled rows that
  says more about the calendar it came from than about who goes.

A word is one run of letters and digits between the matcher's word breaks, in lower case, so the
words and the cues are read from the same text in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from ..model import Access, Event, Fee, Group
from .lexicon import ACCESS, Cue, Lexicon

# Fields are scanned as one text; the joint stops patterns that must not run across fields.
JOINT = "\n.\x00.\n"
# Where a cue is found: 2 a group's or organiser's name, 1 the title, 0 the body (Hit.rank).
RANKS = {"name": 2, "organizer": 2, "title": 1}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Parts of the day by local start hour: (from hour, name).
PARTS = ((0, "night"), (6, "early"), (9, "morning"), (12, "midday"), (14, "afternoon"),
         (17, "evening"), (22, "night"))  # fmt: skip


@dataclass(slots=True)
class Hit:
    """A cue found in the listing: what its reason quotes."""

    cue: Cue
    words: str  # the words that matched
    name: str  # the whole group or organiser name it was found in, else ""
    rank: int  # where it was found: 2 a group's or organiser's name, 1 the title, 0 the body


@dataclass(slots=True)
class Reading:
    words: list[str]  # every word, in order (repeats kept: the weights read each once)
    # The other features (cues, access, time, fee, online) in the order found: a dict as an
    # ordered set, since the scores add their weights in this order and a set's order changes
    # from one process to the next (and with it the last digit of a sum).
    features: dict[str, None]
    hits: dict[str, Hit] = field(default_factory=dict)  # cue id -> where it was found first
    access: set[Access] = field(default_factory=set)
    local: datetime | None = None  # the local start, for a reason about the time
    price: str = ""  # "25 USD" when the fee counts as paid


def _squeeze(text: str) -> str:
    """Runs of white space as one space, line breaks kept (some patterns stop at a line's end):
    the matcher reads a phrase's space as one space."""
    if "\n" in text or "\r" in text:
        return "\n".join(" ".join(line.split()) for line in text.splitlines())
    return " ".join(text.split())


def read_text(lex: Lexicon, fields: list[tuple[str, str | None]]) -> Reading:
    """Cues, access cues and words of the listing's text fields, given as (field, text) with the
    title and the names first."""
    texts: list[str] = []
    ends: list[int] = []  # where each field ends in the joined text
    ranks: list[int] = []  # each field's Hit.rank
    offset = 0
    for name, raw in fields:
        if raw:
            text = _squeeze(raw)
            texts.append(text)
            offset += len(text)
            ends.append(offset)
            ranks.append(RANKS.get(name, 0))
            offset += len(JOINT)
    if not texts:
        return Reading([], {})
    joined = JOINT.join(texts)
    lower, spaced = lex.matcher.prepare(joined)
    # The words (the joint's "\x00" among them is none the weights know).
    reading = Reading(spaced.split(), {})
    features = reading.features
    hits = reading.hits
    masks: list[tuple[int, int]] = []
    at = 0
    for category, cue, start, end in lex.matcher.scan_prepared(joined, lower, spaced):
        while start > ends[at]:
            at += 1
        if category == ACCESS:  # an AccessCue
            reading.access.add(cue.access)
            features[cue.feature] = None
            if cue.mask:
                masks.append((start, end))
            continue
        if masks and any(a <= start < b for a, b in masks):
            continue
        rank = ranks[at]
        features[cue.feature] = None
        if rank:
            features[cue.name_feature] = None
        held = hits.get(cue.id)
        if held is None or rank > held.rank:
            hits[cue.id] = Hit(cue, joined[start:end], texts[at] if rank == 2 else "", rank)
    return reading


def local_time(event: Event, group: Group | None) -> datetime | None:
    """The start in the meeting's own zone (an hour says little in UTC), when it can be told."""
    if event.starts_at is None:
        return None
    zone = event.timezone or (group.timezone if group else None)
    if not zone:
        return None
    return event.starts_at.astimezone(ZoneInfo(zone))


def part_of_day(hour: int) -> str:
    part = PARTS[0][1]
    for start, name in PARTS:
        if hour >= start:
            part = name
    return part


# The time feature by [weekend?][local hour], named once rather than for every listing.
TIME_FEATURES = tuple(
    tuple(f"time:{days}-{part_of_day(hour)}" for hour in range(24))
    for days in ("weekday", "weekend")
)


def add_context(
    lex: Lexicon,
    reading: Reading,
    *,
    local: datetime | None,
    fee: Fee | None,
    is_online: bool | None,
) -> None:
    """The features that are not words: when it meets, what it costs, where, how much it says."""
    features = reading.features
    if local is not None:
        features[TIME_FEATURES[local.weekday() >= 5][local.hour]] = None
        reading.local = local
    if fee is not None:
        if fee.free or fee.amount == 0:
            features["fee:free"] = None
        elif fee.amount is not None:
            if fee.amount >= lex.paid_fee:
                features["fee:paid"] = None
                reading.price = f"{fee.amount:g} {fee.currency or ''}".strip()
            else:
                features["fee:low"] = None
    if is_online:
        features["is:online"] = None


def read_event(
    lex: Lexicon, event: Event, group_name: str | None, local: datetime | None
) -> Reading:
    limit = lex.description_chars
    description = event.description[:limit] if event.description else None
    topics = " · ".join(event.topics) if event.topics else None
    organizer = event.organizer if event.organizer != group_name else None
    reading = read_text(
        lex,
        [
            ("title", event.title),
            ("name", group_name),
            ("organizer", organizer),
            ("description", description),
            ("topics", topics),
        ],
    )
    add_context(
        lex,
        reading,
        local=local,
        fee=event.fee,
        is_online=event.is_online,
    )
    return reading
