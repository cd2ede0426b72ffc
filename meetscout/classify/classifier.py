"""Who goes there: an explainable score over the lexicon's evidence.

Every cue found in a listing votes for a crowd (and a kind) with its weight times how telling the
place it was found is (a group's name says more than a line deep in a description). The crowd
with most votes wins; the kind is then chosen among the kinds that crowd can have, so the audience
decides the crowd and the host or format only the kind. The strongest votes become the reasons.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache, partial
from operator import attrgetter
from typing import Final, NamedTuple
from zoneinfo import ZoneInfo

from ..model import Access, Assessment, Crowd, Event, Group, Kind, Profile
from .lexicon import Lexicon, file_version, load_lexicon

ALGORITHM: Final = "1"
NAME_FIELDS: Final = frozenset(("name", "organizer"))
# Inside, crowds, kinds and access labels are plain strings (the enums' values): enum members hash
# in Python code, and these are looked up many times per event.
EMPLOYED: Final = "employed"
JOB_SEEKERS: Final = "job_seekers"
NOT_NETWORKING: Final = "not_networking"
KINDS_OF: Final = {
    EMPLOYED: ("professional_association", "alumni", "industry_meetup", "workshop_seminar"),
    JOB_SEEKERS: ("job_seeker_group", "career_fair"),
    NOT_NETWORKING: ("not_networking",),
}
DEFAULT_KIND: Final = {
    EMPLOYED: "industry_meetup",
    JOB_SEEKERS: "job_seeker_group",
    NOT_NETWORKING: "not_networking",
}
CROWD_WORDS: Final = {
    EMPLOYED: "people in work",
    JOB_SEEKERS: "job seekers",
    NOT_NETWORKING: "a social or leisure crowd",
}
KIND_WORDS: Final = {
    "professional_association": "a professional association",
    "alumni": "an alumni group",
    "industry_meetup": "an industry meetup or business networking group",
    "workshop_seminar": "a professional workshop or seminar",
    "job_seeker_group": "a job-seeker group",
    "career_fair": "a job fair",
    "not_networking": "a social or hobby group",
}
CROWDS: Final = {c.value: c for c in Crowd}
KINDS: Final = {k.value: k for k in Kind}
ACCESSES: Final = {a.value: a for a in Access}
# Tie-break order: where scores are equal, the employed win, then job seekers.
CROWD_ORDER: Final = (EMPLOYED, JOB_SEEKERS, NOT_NETWORKING)
WEAK_CATEGORIES: Final = frozenset(("topic", "social"))
CONTEXT: Final = frozenset(("time", "fee"))


class Evidence(NamedTuple):
    crowd: str
    kind: str | None
    score: float
    kind_score: float
    reason: str  # a template until `text()` fills it in (only the reasons shown are formatted)
    category: str
    cue_id: str
    name: str = ""
    match: str = ""

    def text(self) -> str:
        if "{" not in self.reason:
            return self.reason
        return _sentence(self.reason, self.name, self.match)


# A listing yields a handful of these; building the tuple directly skips NamedTuple's __new__.
_evidence = partial(tuple.__new__, Evidence)


def classifier_version(lexicon: Lexicon | None = None) -> str:
    """Changes whenever the algorithm or the lexicon file changes."""
    return _version(lexicon.version if lexicon is not None else file_version())


@lru_cache(maxsize=8)
def _version(lexicon_version: str) -> str:
    return f"{ALGORITHM}+{lexicon_version}"


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split()).strip(" .,;:-–")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=4096)
def _sentence(template: str, name: str, match: str) -> str:
    # Cached: a group's name comes back with every one of its events.
    return template.format(name=_clip(name), match=_clip(match, 60))


# Fields are scanned as one text; the joint stops patterns that must not run across a sentence.
JOINT: Final = "\n.\x00.\n"


# The matcher reads a phrase's white space as one space, so runs are squeezed first (line breaks
# are kept: some patterns stop at the end of a line).
def _squeeze(text: str) -> str:
    # Substring tests first: most texts have no runs, and splitting costs more than looking.
    if "  " in text or "\n " in text or " \n" in text or "\t" in text or "\r" in text:
        if "\n" in text or "\r" in text:
            return "\n".join([" ".join(line.split()) for line in text.splitlines()])
        return " ".join(text.split())
    return text


# What a cue's match says before its words are known: (crowd, kind, score, kind score, reason,
# category, cue id) in one field; None for an access cue. Built once per lexicon and field.
Base = tuple[str, str | None, float, float, str, str, str]


def _bases(lex: Lexicon, field_name: str) -> dict[str, Base | None]:
    memo: dict[str, dict[str, Base | None]] = lex.memo.setdefault("bases", {})
    bases = memo.get(field_name)
    if bases is None:
        factor = lex.fields.get(field_name, 0.6)
        bases = dict.fromkeys(lex.access)
        for owner, cue in lex.cues.items():
            bases[owner] = (
                cue.crowd,
                cue.kind,
                cue.weight * factor,
                cue.kind_weight * factor,
                cue.reason,
                cue.category,
                cue.id,
            )
        memo[field_name] = bases
    return bases


def scan(
    lex: Lexicon, fields: list[tuple[str, str | None]]
) -> tuple[dict[str, Evidence], set[str]]:
    """The strongest piece of evidence per cue, and the access labels the words state."""
    found: dict[str, Evidence] = {}
    access: set[str] = set()
    texts: list[str] = []
    bounds = []  # (end offset, is a name, the cues' weights there, text) per field
    offset = 0
    for name, raw in fields:
        if raw:
            text = _squeeze(raw)
            texts.append(text)
            offset += len(text)
            bounds.append((offset, name in NAME_FIELDS, _bases(lex, name), text))
            offset += len(JOINT)
    if not texts:
        return found, access
    joined = JOINT.join(texts)
    masks: list[tuple[int, int]] = []
    field_at = 0
    limit, is_name, bases, text = bounds[0]
    for _, owner, start, end in lex.matcher.scan(joined):
        if start > limit:
            while start > bounds[field_at][0]:
                field_at += 1
            limit, is_name, bases, text = bounds[field_at]
        base = bases[owner]
        if base is None:
            access_cue = lex.access[owner]
            access.add(access_cue.cue)
            if access_cue.mask:
                masks.append((start, end))
            continue
        if masks and any(a <= start < b for a, b in masks):
            continue
        held = found.get(base[6])
        if held is not None and held[2] >= base[2]:
            continue
        words = joined[start:end]
        found[base[6]] = _evidence(base + (text if is_name else words, words))
    return found, access


DAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _local_time(event: Event, group: Group | None) -> datetime | None:
    if event.starts_at is None:
        return None
    zone = event.timezone or (group.timezone if group else None)
    if not zone:
        return None
    return event.starts_at.astimezone(_zone(zone))


def time_evidence(lex: Lexicon, local: datetime | None) -> Evidence | None:
    if local is None:
        return None
    # Meetings start at a few dozen times a week: each is judged once per lexicon.
    slot = (local.weekday(), local.hour, local.minute)
    memo = lex.memo.setdefault("time", {})
    if slot not in memo:
        memo[slot] = _time_evidence(lex, *slot)
    return memo[slot]


def _time_evidence(lex: Lexicon, weekday: int, hour: int, minute: int) -> Evidence | None:
    if weekday >= 5:
        return None
    clock = hour + minute / 60
    t = lex.time
    morning = t.get("weekday_morning", [9.0, 11.5])
    if morning[0] <= clock < morning[1]:
        weight = float(t.get("weekday_morning_weight", 0.7))
        return Evidence(
            JOB_SEEKERS,
            None,
            weight,
            0.0,
            "Meets on a {name} morning ({match}), when most people in work cannot",
            "time",
            "weekday_morning",
            DAYS[weekday],
            f"{hour:02d}:{minute:02d}",
        )
    weight = float(t.get("before_after_work_weight", 0.6))
    for key, words in (("breakfast", "before the working day"), ("evening", "after working hours")):
        start, end = t.get(key, [0, 0])
        if start <= clock < end:
            return Evidence(
                EMPLOYED,
                None,
                weight,
                0.0,
                "Meets " + words + " ({name} {match})",
                "time",
                key,
                DAYS[weekday],
                f"{hour:02d}:{minute:02d}",
            )
    return None


def fee_evidence(lex: Lexicon, event: Event) -> tuple[Evidence | None, bool | None]:
    """Evidence from the price, and whether the event is free (None: the source did not say)."""
    fee = event.fee
    if fee is None:
        return None, None
    if fee.free or fee.amount == 0:
        return None, True
    if fee.amount is None:
        return None, None
    threshold = lex.fees.get("paid", 20.0)
    if fee.amount >= threshold:
        price = f"{fee.amount:g} {fee.currency or ''}".strip()
        return (
            Evidence(
                EMPLOYED,
                None,
                lex.fees.get("paid_weight", 0.7),
                0.0,
                f"Costs {price} to attend, which few job seekers pay",
                "fee",
                "paid",
            ),
            False,
        )
    return None, False


def group_evidence(lex: Lexicon, group: Group, assessment: Assessment) -> Evidence:
    weight = lex.limits.get("group_prior", 2.0) * assessment.confidence
    return Evidence(
        assessment.crowd.value,
        assessment.kind.value,
        weight,
        weight,
        f"Its group, {_clip(group.name, 60)}, looks like {KIND_WORDS[assessment.kind]}",
        "group",
        "group",
    )


@dataclass(slots=True)
class Decision:
    crowd: str
    kind: str
    confidence: float
    reasons: list[str]
    decided_by_group: bool


def _crowd_scores(evidence: list[Evidence], cap: float) -> dict[str, float]:
    strong = {EMPLOYED: 0.0, JOB_SEEKERS: 0.0, NOT_NETWORKING: 0.0}
    weak = {EMPLOYED: 0.0, JOB_SEEKERS: 0.0, NOT_NETWORKING: 0.0}
    for ev in evidence:
        if ev.category in WEAK_CATEGORIES:
            weak[ev.crowd] += ev.score
        else:
            strong[ev.crowd] += ev.score
    for crowd, value in weak.items():
        strong[crowd] += value if value < cap else cap
    return strong


def _pick(scores: dict[str, float]) -> str | None:
    best = EMPLOYED
    for crowd in (JOB_SEEKERS, NOT_NETWORKING):
        if scores[crowd] > scores[best]:
            best = crowd
    return best if scores[best] > 0 else None


def decide(lex: Lexicon, evidence: list[Evidence], force_crowd: Crowd | None = None) -> Decision:
    cap = lex.limits.get("topic_cap", 2.0)
    scores = _crowd_scores(evidence, cap)
    kind_scores: dict[str, float] = {}
    content = has_group = False
    for ev in evidence:
        if ev.category not in CONTEXT:  # when and what it costs tip a balance; alone, nothing
            content = True
            has_group = has_group or ev.category == "group"
        if ev.kind is not None:
            kind_scores[ev.kind] = kind_scores.get(ev.kind, 0.0) + ev.kind_score
    crowd = force_crowd.value if force_crowd is not None else _pick(scores) if content else None
    decided_by_group = False
    if crowd is None:
        crowd = NOT_NETWORKING
        confidence = 0.3
    else:
        top = scores[crowd]
        margin = top - max([v for c, v in scores.items() if c != crowd])
        strength = top / 3.0 if top < 3.0 else 1.0
        confidence = 0.35 + 0.62 * (1 - math.exp(-margin / 2.0 if margin > 0 else 0.0)) * strength
        if force_crowd is None and has_group:
            own = _pick(_crowd_scores([e for e in evidence if e.category != "group"], cap))
            decided_by_group = own != crowd
    kinds = KINDS_OF[crowd]
    kind = kinds[0]
    best = kind_scores.get(kind, 0.0)
    for k in kinds[1:]:
        score = kind_scores.get(k, 0.0)
        if score > best:
            kind, best = k, score
    if best <= 0:
        kind = DEFAULT_KIND[crowd]
    return Decision(
        crowd,
        kind,
        round(min(confidence, 0.97), 2),
        _reasons(evidence, crowd, kind),
        decided_by_group,
    )


_BY_SCORE: Final = attrgetter("score")


def _reasons(evidence: list[Evidence], crowd: str, kind: str) -> list[str]:
    ranked = sorted(evidence, key=_BY_SCORE, reverse=True)
    reasons: list[str] = []
    against = None
    for ev in ranked:
        if ev.crowd != crowd:
            if against is None and ev.score >= 1.5:
                against = ev
        elif len(reasons) < 3:
            sentence = ev.text()
            if sentence not in reasons:
                reasons.append(sentence)
        elif against is not None or ev.score < 1.5:
            break
    if against is not None:
        reasons.append(
            f"{against.text()}, but that is outweighed: most who go are likely {CROWD_WORDS[crowd]}"
        )
    if not reasons:
        reasons.append(
            "Nothing in the listing points to a professional or job-seeker crowd, so it is "
            "taken as a social or leisure event"
        )
    if len(reasons) < 2:
        reasons.append(f"Few clues in the listing: take this as a guess ({KIND_WORDS[kind]})")
    return reasons[:4]


# --- targets ------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _target_regex(names: tuple[str, ...]) -> re.Pattern[str] | None:
    names = tuple(n.strip() for n in names if n and n.strip())
    if not names:
        return None
    parts = [r"\s+".join(re.escape(w) for w in n.split()) for n in names]
    alternation = "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(parts))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def find_targets(profile: Profile | None, texts: list[str | None]) -> list[str]:
    if profile is None:
        return []
    names = tuple(profile.target_companies) + tuple(profile.target_industries)
    regex = _target_regex(names)
    if regex is None:
        return []
    clean = [n.strip() for n in names if n and n.strip()]
    hit: set[int] = set()
    for text in texts:
        if text:
            for m in regex.finditer(text):
                hit.add(int((m.lastgroup or "t0")[1:]))
    seen: list[str] = []
    for i in sorted(hit):
        if clean[i] not in seen:
            seen.append(clean[i])
    return seen


# --- the public functions ------------------------------------------------------------------------

_set = object.__setattr__
_ASSESSMENT_FIELDS: Final = frozenset(Assessment.model_fields)


def _assessment(**values: object) -> Assessment:
    """What `Assessment.model_construct` builds, without its per-field alias and default lookups
    (a fifth of the time of classifying an event). Every field is given and already valid; a test
    compares the result with a validated Assessment, so a pydantic change that breaks this shows.
    """
    assessment = Assessment.__new__(Assessment)
    _set(assessment, "__dict__", values)
    _set(assessment, "__pydantic_fields_set__", set(_ASSESSMENT_FIELDS))
    _set(assessment, "__pydantic_extra__", None)
    _set(assessment, "__pydantic_private__", None)
    return assessment


def _access(words: set[str], is_online: bool | None, free: bool | None) -> list[Access]:
    access = set(words)
    if is_online:
        access.add("virtual")
    if free is True:
        access.add("free")
    elif free is False:
        access.discard("free")
    return [ACCESSES[a] for a in sorted(access)]


def classify_group(
    group: Group, profile: Profile | None = None, *, lexicon: Lexicon | None = None
) -> Assessment:
    """Who mostly goes to this group's meetings, judged from its name, description and topics."""
    lex = lexicon or load_lexicon()
    limit = int(lex.limits.get("description_chars", 2500))
    topics = " · ".join(group.topics) if group.topics else None
    description = group.description[:limit] if group.description else None
    fields = [("name", group.name), ("description", description), ("topics", topics)]
    found, words = scan(lex, fields)
    decision = decide(lex, list(found.values()))
    return _assessment(
        crowd=CROWDS[decision.crowd],
        kind=KINDS[decision.kind],
        confidence=decision.confidence,
        access=_access(words, None, None),
        reasons=decision.reasons,
        targets=find_targets(profile, [group.name, description, topics]),
        classifier_version=classifier_version(lex),
        basis="classifier",
    )


def classify_event(
    event: Event,
    group: Group | None = None,
    profile: Profile | None = None,
    *,
    lexicon: Lexicon | None = None,
    force_crowd: Crowd | None = None,
) -> Assessment:
    """Who mostly goes to this meeting, what kind it is, how to get in cheaply, and why.

    `group` (the event's group) informs the judgement: its own assessment is used when it has one,
    else it is judged here. `force_crowd` keeps a crowd the person chose and picks the kind for it.
    """
    lex = lexicon or load_lexicon()
    limit = int(lex.limits.get("description_chars", 2500))
    description = event.description[:limit] if event.description else None
    group_name = event.group_name or (group.name if group else None)
    topics = " · ".join(event.topics) if event.topics else None
    fields = [
        ("title", event.title),
        ("name", group_name),
        ("organizer", event.organizer if event.organizer != group_name else None),
        ("description", description),
        ("topics", topics),
    ]
    found, words = scan(lex, fields)
    evidence = list(found.values())
    extra = time_evidence(lex, _local_time(event, group))
    if extra is not None:
        evidence.append(extra)
    paid, free = fee_evidence(lex, event)
    if paid is not None:
        evidence.append(paid)
    if group is not None:
        group_assessment = group.assessment or classify_group(group, lexicon=lex)
        evidence.append(group_evidence(lex, group, group_assessment))
    decision = decide(lex, evidence, force_crowd)
    return _assessment(
        crowd=CROWDS[decision.crowd],
        kind=KINDS[decision.kind],
        confidence=decision.confidence,
        access=_access(words, event.is_online, free),
        reasons=decision.reasons,
        targets=find_targets(
            profile, [event.title, group_name, event.organizer, description, topics]
        )
        if profile is not None
        else [],
        classifier_version=classifier_version(lex),
        basis="group" if decision.decided_by_group else "classifier",
    )
