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
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..model import Access, Assessment, Crowd, Event, Group, Kind, Profile
from .lexicon import Cue, Lexicon, file_version, load_lexicon

ALGORITHM = "1"
NAME_FIELDS = frozenset(("name", "organizer"))
CROWDS = tuple(Crowd)  # in the order that breaks ties: the employed, then job seekers
KINDS_OF = {
    Crowd.employed: (
        Kind.professional_association,
        Kind.alumni,
        Kind.industry_meetup,
        Kind.workshop_seminar,
    ),
    Crowd.job_seekers: (Kind.job_seeker_group, Kind.career_fair),
    Crowd.not_networking: (Kind.not_networking,),
}
DEFAULT_KIND = {
    Crowd.employed: Kind.industry_meetup,
    Crowd.job_seekers: Kind.job_seeker_group,
    Crowd.not_networking: Kind.not_networking,
}
CROWD_WORDS = {
    Crowd.employed: "people in work",
    Crowd.job_seekers: "job seekers",
    Crowd.not_networking: "a social or leisure crowd",
}
KIND_WORDS = {
    Kind.professional_association: "a professional association",
    Kind.alumni: "an alumni group",
    Kind.industry_meetup: "an industry meetup or business networking group",
    Kind.workshop_seminar: "a professional workshop or seminar",
    Kind.job_seeker_group: "a job-seeker group",
    Kind.career_fair: "a job fair",
    Kind.not_networking: "a social or hobby group",
}
WEAK_CATEGORIES = frozenset(("topic", "social"))
CONTEXT = frozenset(("time", "fee"))


@dataclass(slots=True)
class Evidence:
    """One piece of evidence: whom it points to, how strongly, and the sentence that says so."""

    crowd: Crowd
    kind: Kind | None
    score: float
    kind_score: float
    reason: str  # a template until `text()` fills in {name} and {match}
    category: str
    cue_id: str
    name: str = ""
    match: str = ""

    def text(self) -> str:
        if "{" not in self.reason:
            return self.reason
        return _sentence(self.reason, self.name, self.match)


def classifier_version(lexicon: Lexicon | None = None) -> str:
    """Changes whenever the algorithm or the lexicon file changes."""
    return f"{ALGORITHM}+{lexicon.version if lexicon is not None else file_version()}"


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split()).strip(" .,;:-–")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=4096)
def _sentence(template: str, name: str, match: str) -> str:
    # Cached: a group's name comes back with every one of its events.
    return template.format(name=_clip(name), match=_clip(match, 60))


# Fields are scanned as one text; the joint stops patterns that must not run across a sentence.
JOINT = "\n.\x00.\n"


def _squeeze(text: str) -> str:
    """Runs of white space as one space, line breaks kept (some patterns stop at a line's end):
    the matcher reads a phrase's space as one space."""
    if "\n" in text or "\r" in text:
        return "\n".join(" ".join(line.split()) for line in text.splitlines())
    return " ".join(text.split())


@dataclass(slots=True)
class _Field:
    end: int  # where its text ends in the joined text
    factor: float  # how much a cue found here counts
    is_name: bool  # a group's or organiser's name: the reason quotes the whole name
    text: str


def _evidence(cue: Cue, where: _Field, words: str, score: float) -> Evidence:
    return Evidence(
        crowd=cue.crowd,
        kind=cue.kind,
        score=score,
        kind_score=cue.kind_weight * where.factor,
        reason=cue.reason,
        category=cue.category,
        cue_id=cue.id,
        name=where.text if where.is_name else words,
        match=words,
    )


def scan(
    lex: Lexicon, fields: list[tuple[str, str | None]]
) -> tuple[dict[str, Evidence], set[Access]]:
    """The strongest piece of evidence per cue, and the access labels the words state."""
    found: dict[str, Evidence] = {}
    access: set[Access] = set()
    texts: list[str] = []
    where: list[_Field] = []
    offset = 0
    for name, raw in fields:
        if raw:
            text = _squeeze(raw)
            texts.append(text)
            offset += len(text)
            factor = lex.fields.get(name, 0.6)
            where.append(_Field(offset, factor, name in NAME_FIELDS, text))
            offset += len(JOINT)
    if not texts:
        return found, access
    joined = JOINT.join(texts)
    masks: list[tuple[int, int]] = []
    field_at = 0
    for match in lex.matcher.scan(joined):
        while match.start > where[field_at].end:
            field_at += 1
        access_cue = lex.access.get(match.owner)
        if access_cue is not None:
            access.add(access_cue.access)
            if access_cue.mask:
                masks.append((match.start, match.end))
            continue
        if masks and any(a <= match.start < b for a, b in masks):
            continue
        cue = lex.cues[match.owner]
        score = cue.weight * where[field_at].factor
        held = found.get(cue.id)
        if held is None or score > held.score:
            words = joined[match.start : match.end]
            found[cue.id] = _evidence(cue, where[field_at], words, score)
    return found, access


DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _local_time(event: Event, group: Group | None) -> datetime | None:
    if event.starts_at is None:
        return None
    zone = event.timezone or (group.timezone if group else None)
    if not zone:
        return None
    return event.starts_at.astimezone(ZoneInfo(zone))


def time_evidence(lex: Lexicon, local: datetime | None) -> Evidence | None:
    if local is None:
        return None
    return _time_evidence(lex, local.weekday(), local.hour, local.minute)


@lru_cache(maxsize=1024)
def _time_evidence(lex: Lexicon, weekday: int, hour: int, minute: int) -> Evidence | None:
    # Cached: meetings start at a few dozen times a week.
    if weekday >= 5:
        return None
    clock = hour + minute / 60
    day, hhmm = DAYS[weekday], f"{hour:02d}:{minute:02d}"
    t = lex.time
    morning = t.get("weekday_morning", [9.0, 11.5])
    if morning[0] <= clock < morning[1]:
        return Evidence(
            crowd=Crowd.job_seekers,
            kind=None,
            score=float(t.get("weekday_morning_weight", 0.7)),
            kind_score=0.0,
            reason="Meets on a {name} morning ({match}), when most people in work cannot",
            category="time",
            cue_id="weekday_morning",
            name=day,
            match=hhmm,
        )
    for key, words in (("breakfast", "before the working day"), ("evening", "after working hours")):
        start, end = t.get(key, [0, 0])
        if start <= clock < end:
            return Evidence(
                crowd=Crowd.employed,
                kind=None,
                score=float(t.get("before_after_work_weight", 0.6)),
                kind_score=0.0,
                reason="Meets " + words + " ({name} {match})",
                category="time",
                cue_id=key,
                name=day,
                match=hhmm,
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
    if fee.amount >= lex.fees.get("paid", 20.0):
        price = f"{fee.amount:g} {fee.currency or ''}".strip()
        paid = Evidence(
            crowd=Crowd.employed,
            kind=None,
            score=lex.fees.get("paid_weight", 0.7),
            kind_score=0.0,
            reason=f"Costs {price} to attend, which few job seekers pay",
            category="fee",
            cue_id="paid",
        )
        return paid, False
    return None, False


def group_evidence(lex: Lexicon, group: Group, assessment: Assessment) -> Evidence:
    weight = lex.limits.get("group_prior", 2.0) * assessment.confidence
    return Evidence(
        crowd=assessment.crowd,
        kind=assessment.kind,
        score=weight,
        kind_score=weight,
        reason=f"Its group, {_clip(group.name, 60)}, looks like {KIND_WORDS[assessment.kind]}",
        category="group",
        cue_id="group",
    )


@dataclass(slots=True)
class Decision:
    crowd: Crowd
    kind: Kind
    confidence: float
    reasons: list[str]
    decided_by_group: bool


def _crowd_scores(evidence: list[Evidence], cap: float) -> dict[Crowd, float]:
    """Each crowd's votes; the many weak cues (topics, social words) count up to `cap`."""
    strong = dict.fromkeys(CROWDS, 0.0)
    weak = dict.fromkeys(CROWDS, 0.0)
    for ev in evidence:
        if ev.category in WEAK_CATEGORIES:
            weak[ev.crowd] += ev.score
        else:
            strong[ev.crowd] += ev.score
    return {crowd: strong[crowd] + min(weak[crowd], cap) for crowd in CROWDS}


def _pick(scores: dict[Crowd, float]) -> Crowd | None:
    best = Crowd.employed  # where scores are equal, the employed win, then job seekers
    for crowd in (Crowd.job_seekers, Crowd.not_networking):
        if scores[crowd] > scores[best]:
            best = crowd
    return best if scores[best] > 0 else None


def decide(lex: Lexicon, evidence: list[Evidence], force_crowd: Crowd | None = None) -> Decision:
    cap = lex.limits.get("topic_cap", 2.0)
    scores = _crowd_scores(evidence, cap)
    kind_scores: dict[Kind, float] = {}
    for ev in evidence:
        if ev.kind is not None:
            kind_scores[ev.kind] = kind_scores.get(ev.kind, 0.0) + ev.kind_score
    # When it meets and what it costs tip a balance; alone, they say nothing.
    content = [ev for ev in evidence if ev.category not in CONTEXT]
    if force_crowd is not None:
        crowd: Crowd | None = force_crowd
    else:
        crowd = _pick(scores) if content else None
    decided_by_group = False
    if crowd is None:
        crowd = Crowd.not_networking
        confidence = 0.3
    else:
        top = scores[crowd]
        margin = top - max(v for c, v in scores.items() if c != crowd)
        strength = min(top / 3.0, 1.0)
        confidence = 0.35 + 0.62 * (1 - math.exp(-max(margin, 0.0) / 2.0)) * strength
        if force_crowd is None and any(ev.category == "group" for ev in content):
            own = _pick(_crowd_scores([e for e in evidence if e.category != "group"], cap))
            decided_by_group = own != crowd
    kind, best = DEFAULT_KIND[crowd], 0.0  # the kind with most votes among the crowd's kinds
    for k in KINDS_OF[crowd]:
        if kind_scores.get(k, 0.0) > best:
            kind, best = k, kind_scores[k]
    return Decision(
        crowd,
        kind,
        round(min(confidence, 0.97), 2),
        _reasons(evidence, crowd, kind),
        decided_by_group,
    )


def _reasons(evidence: list[Evidence], crowd: Crowd, kind: Kind) -> list[str]:
    ranked = sorted(evidence, key=lambda ev: ev.score, reverse=True)
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
def _target_regex(names: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """The pattern that finds the names, and the names as its groups t0, t1, … number them."""
    names = tuple(n.strip() for n in names if n and n.strip())
    if not names:
        return None, ()
    parts = [r"\s+".join(re.escape(w) for w in n.split()) for n in names]
    alternation = "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(parts))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), names


def find_targets(profile: Profile | None, texts: list[str | None]) -> list[str]:
    if profile is None:
        return []
    names = tuple(profile.target_companies) + tuple(profile.target_industries)
    regex, clean = _target_regex(names)
    if regex is None:
        return []
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


def _access(words: set[Access], is_online: bool | None, free: bool | None) -> list[Access]:
    access = set(words)
    if is_online:
        access.add(Access.virtual)
    if free is True:
        access.add(Access.free)
    elif free is False:
        access.discard(Access.free)
    return sorted(access)


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
    return Assessment(
        crowd=decision.crowd,
        kind=decision.kind,
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
    return Assessment(
        crowd=decision.crowd,
        kind=decision.kind,
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
