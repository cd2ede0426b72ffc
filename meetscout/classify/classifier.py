"""Who goes there: a linear model over the lexicon's cues and the listing's words, with reasons.

`features.py` reads a listing into features (the lexicon's cues, its words, when it meets and
what it costs); `weights.json`, trained on labelled real listings (`train.py`), gives each kind a
score from them. The crowd is the one most likely, except that the employed flag, the one
mistake that sends a person to the wrong room, is given only when it is likely enough (SURE_AT):
short of that the judgement falls to the likelier of the other crowds and says it is not sure.
The reasons are what tipped the balance: the features that most favour the chosen kind over its
best rival, said as the lexicon's sentences, the words themselves, or the time and the price.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from ahocorasick_rs import MATCHKIND_STANDARD, AhoCorasick

from ..model import SURE_AT, Access, Assessment, Crowd, Event, Group, Kind, Profile
from .features import DAYS, Hit, Reading, local_time, read_event, read_text
from .lexicon import Lexicon, load_lexicon
from .lexicon import file_version as lexicon_version
from .weights import REASON_AT, Weights, load_weights
from .weights import file_version as weights_version

# "3": a group named by one host reason is not named again by another (issue 18).
ALGORITHM = "3"
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
CROWD_OF = {kind: crowd for crowd, kinds in KINDS_OF.items() for kind in kinds}
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
# A judgement rests on the listing only when its features favour the chosen kind over the best
# other crowd's by at least this much (in score); short of that, what decides is how common each
# kind is, and the judgement is not sure (its confidence is at most UNSURE).
CLUES_AT = 1.0
UNSURE = 0.4
# At most this many reasons for, then at most one against (and a word of doubt first).
MOST_REASONS = 3
# A reason against is named when it pulled the other way by at least this much.
AGAINST_AT = 1.0
# The features of the lexicon's cues (said by the cues' own reasons, not as context).
CUE_FEATURES = ("cue:", "name-cue:")


def classifier_version(lexicon: Lexicon | None = None, weights: Weights | None = None) -> str:
    """Changes whenever the algorithm, the lexicon or the weights change."""
    lex = lexicon.version if lexicon is not None else lexicon_version()
    learned = weights.version if weights is not None else weights_version()
    return f"{ALGORITHM}+{lex}+{learned}"


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split()).strip(" .,;:-–")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=4096)
def _sentence(template: str, name: str, match: str) -> str:
    # Cached: a group's name comes back with every one of its events, and the same words
    # ("job seekers", "PMI") with many listings.
    return template.format(name=_clip(name), match=_clip(match, 60))


def _hit_text(hit: Hit) -> str:
    reason = hit.cue.reason
    if "{" not in reason:
        return reason
    # Only what the sentence quotes is part of its cache key.
    name = (hit.name or hit.words) if "{name}" in reason else ""
    match = hit.words if "{match}" in reason else ""
    return _sentence(reason, name, match)


@dataclass(slots=True)
class Decision:
    crowd: Crowd
    kind: Kind
    confidence: float  # how likely the crowd is (see CLUES_AT), rounded as the assessment keeps it
    kind_at: int  # the kind's place in the weights
    rival_at: int  # the best kind of the likeliest other crowd
    employed: float  # how likely the employed crowd is (the flag needs SURE_AT)


def decide(weights: Weights, scores: list[float], force_crowd: Crowd | None = None) -> Decision:
    # The kinds' places in the weights (weights.KINDS): the employed crowd's 0-3, the job
    # seekers' 4-5, not networking 6; the crowds' places in CROWDS: 0, 1, 2.
    top = max(scores)
    e = [math.exp(s - top) for s in scores]
    total = e[0] + e[1] + e[2] + e[3] + e[4] + e[5] + e[6]
    likely = ((e[0] + e[1] + e[2] + e[3]) / total, (e[4] + e[5]) / total, e[6] / total)
    best = (scores.index(max(scores[:4])), 4 if scores[4] >= scores[5] else 5, 6)
    # Each crowd's likeliest other crowd.
    rival = (
        1 if likely[1] >= likely[2] else 2,
        0 if likely[0] >= likely[2] else 2,
        0 if likely[0] >= likely[1] else 1,
    )
    employed = _sure(0, likely, scores, weights.bias, best, rival)
    if force_crowd is not None:
        crowd = CROWDS.index(force_crowd)
    elif employed >= SURE_AT:  # then no other crowd is likelier
        crowd = 0
    else:  # the employed flag only when sure
        crowd = rival[0]
    sure = employed if crowd == 0 else _sure(crowd, likely, scores, weights.bias, best, rival)
    return Decision(
        crowd=CROWDS[crowd],
        kind=weights.kinds[best[crowd]],
        confidence=round(sure, 2),
        kind_at=best[crowd],
        rival_at=best[rival[crowd]],
        employed=employed,
    )


def _sure(
    crowd: int,
    likely: tuple[float, ...],
    scores: list[float],
    bias: tuple[float, ...],
    best: tuple[int, ...],
    rival: tuple[int, ...],
) -> float:
    """How likely the crowd is, at most UNSURE when the listing's features (the bias set aside)
    barely favour its best kind over the best kind of its likeliest rival."""
    mine, other = best[crowd], best[rival[crowd]]
    if (scores[mine] - bias[mine]) - (scores[other] - bias[other]) >= CLUES_AT:
        return likely[crowd]
    return min(likely[crowd], UNSURE)


CROWDS = (Crowd.employed, Crowd.job_seekers, Crowd.not_networking)


# --- reasons --------------------------------------------------------------------------------------


def _quote(words: list[str]) -> str:
    quoted = [f'"{w}"' for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _time_sentence(reading: Reading, crowd: Crowd) -> str | None:
    local = reading.local
    if local is None:
        return None
    day, hhmm, hour = DAYS[local.weekday()], f"{local.hour:02d}:{local.minute:02d}", local.hour
    if local.weekday() >= 5:
        return f"Meets at the weekend ({day} {hhmm})" if crowd != Crowd.employed else None
    if crowd == Crowd.job_seekers and 9 <= hour < 17:
        return f"Meets during working hours ({day} {hhmm}), when most people in work cannot"
    if crowd == Crowd.employed and (hour < 9 or hour >= 17):
        when = "before" if hour < 9 else "after"
        return f"Meets {when} working hours ({day} {hhmm})"
    return None


def _context_sentence(feature: str, reading: Reading, crowd: Crowd) -> str | None:
    if feature.startswith("time:"):
        return _time_sentence(reading, crowd)
    if feature == "fee:paid" and crowd == Crowd.employed:
        return f"Costs {reading.price} to attend, which few job seekers pay"
    if feature == "access:free_for_job_seekers" and crowd == Crowd.employed:
        return "Lets job seekers in free or cheaper, so most who come are in work"
    return None


def _reasons(
    weights: Weights,
    reading: Reading,
    known_words: list[str],
    known: list[str],
    decision: Decision,
    group_reason: str | None,
) -> list[str]:
    """What tipped the balance: the features that most favour the chosen kind over the best kind
    of the likeliest other crowd, as sentences; and the strongest one the other way."""
    crowd = decision.crowd
    pulls, strong = weights.pulls(decision.kind_at, decision.rival_at)
    reasons = [group_reason] if group_reason else []
    cited: list[tuple[float, Hit]] = []
    against: tuple[float, Hit] | None = None
    for hit in reading.hits.values():
        cue = hit.cue
        weight = pulls.get(cue.feature, 0.0) + pulls.get(cue.name_feature, 0.0)
        if weight >= REASON_AT and cue.crowd == crowd:
            cited.append((weight, hit))
        elif (
            weight <= -AGAINST_AT
            and cue.crowd != crowd
            and (against is None or weight < against[0])
        ):
            against = (weight, hit)
    quoting: list[str] = []  # the words the cues' reasons quote
    hosts: set[str] = set()  # group names a host reason quotes already: each is said once
    for _, hit in sorted(cited, key=itemgetter(0), reverse=True):
        if len(reasons) == MOST_REASONS:
            break
        if hit.cue.category == "host" and hit.name:
            if hit.name in hosts:
                continue
            hosts.add(hit.name)
        reasons.append(_hit_text(hit))
        quoting.append(hit.words)
    if len(reasons) < MOST_REASONS:
        # Strongest first, then in alphabetical order (known_words is sorted; a stable sort
        # keeps that order among equals): a set's own order changes from one process to the next.
        quoted = set(" ".join(quoting).lower().split())
        words = [word for word in known_words if word in strong and word not in quoted]
        if words:
            words.sort(key=pulls.__getitem__, reverse=True)
            reasons.append(f"Its words point to {CROWD_WORDS[crowd]}: {_quote(words[:3])}")
    if len(reasons) < MOST_REASONS:
        context = sorted(f for f in known if f in strong and not f.startswith(CUE_FEATURES))
        context.sort(key=pulls.__getitem__, reverse=True)
        for feature in context:
            sentence = _context_sentence(feature, reading, crowd)
            if sentence:
                reasons.append(sentence)
        del reasons[MOST_REASONS:]
    if against is not None:
        reasons.append(
            f"{_hit_text(against[1])}, but that is outweighed: most who go are likely "
            f"{CROWD_WORDS[crowd]}"
        )
    if not reasons:
        reasons.append(
            "Nothing in the listing points to a professional or job-seeker crowd, so it is "
            "taken as a social or leisure event"
            if crowd == Crowd.not_networking
            else f"Reads most like {KIND_WORDS[decision.kind]}"
        )
    if decision.confidence < SURE_AT:
        reasons.insert(0, _unsure(decision, bool(reading.hits)))
    return reasons[:4]


def _unsure(decision: Decision, has_cues: bool) -> str:
    if decision.employed >= 0.5:  # the likeliest crowd, but short of SURE_AT
        return (
            f"Not sure: it may be where the employed go ({decision.employed:.0%} likely), "
            "too unsure to say so"
        )
    guess = KIND_WORDS[decision.kind]
    if not has_cues:
        return f"Not sure: the listing gives few clues (perhaps {guess})"
    return f"Not sure: its clues point different ways (perhaps {guess})"


# --- targets ------------------------------------------------------------------------------------


class _Targets:
    """The person's target names as one automaton: a text is read once, whatever the number
    of names (a regex alternation tried every name at every character: 3,000 names made 100
    flags take a minute). A name is found whole, between word breaks, in any case, with any
    run of white space between its words."""

    def __init__(self, names: tuple[str, ...]):
        self.names = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
        keys = [_target_key(n) for n in self.names]
        self.automaton = AhoCorasick(keys, matchkind=MATCHKIND_STANDARD) if keys else None

    def find(self, texts: list[str | None]) -> list[str]:
        if self.automaton is None:
            return []
        hit: set[int] = set()
        for text in texts:
            if not text:
                continue
            text = _target_key(text)
            for index, start, end in self.automaton.find_matches_as_indexes(text, overlapping=True):
                before = text[start - 1] if start else " "
                after = text[end] if end < len(text) else " "
                if not _word_char(before) and not _word_char(after):
                    hit.add(index)
        return [self.names[i] for i in sorted(hit)]


def _target_key(text: str) -> str:
    return " ".join(text.lower().split())


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


@lru_cache(maxsize=8)
def _targets(names: tuple[str, ...]) -> _Targets:
    return _Targets(names)


def find_targets(profile: Profile | None, texts: list[str | None]) -> list[str]:
    """The person's target companies and industries these texts name, in the profile's order."""
    if profile is None:
        return []
    return _targets(tuple(profile.target_companies) + tuple(profile.target_industries)).find(texts)


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


def _free(event: Event) -> bool | None:
    """Whether the event is free by its fee (None: the source did not say)."""
    fee = event.fee
    if fee is None:
        return None
    if fee.free or fee.amount == 0:
        return True
    return None if fee.amount is None else False


def _assessment(
    lex: Lexicon,
    weights: Weights,
    reading: Reading,
    *,
    access: list[Access],
    targets: list[str],
    force_crowd: Crowd | None = None,
    group: tuple[Group, Assessment] | None = None,
) -> Assessment:
    scores, known_words, known = weights.scores(reading.words, reading.features)
    group_reason = None
    basis = "classifier"
    if group is None:
        decision = decide(weights, scores, force_crowd)
    else:
        own = decide(weights, scores)
        group_row, judged = group
        prior = lex.group_prior * judged.confidence
        scores[weights.kinds.index(judged.kind)] += prior
        decision = decide(weights, scores, force_crowd)
        if force_crowd is None and not reading.hits and own.confidence < SURE_AT and judged.sure:
            # The event's own words hold no clue: its group, judged surely, says who goes.
            decision = decide(weights, scores, CROWD_OF[judged.kind])
            decision.confidence = judged.confidence
        if CROWD_OF[judged.kind] == decision.crowd:
            group_reason = (
                f"Its group, {_clip(group_row.name, 60)}, looks like {KIND_WORDS[judged.kind]}"
            )
        if force_crowd is None and own.crowd != decision.crowd:
            basis = "group"
    return Assessment(
        crowd=decision.crowd,
        kind=decision.kind,
        confidence=decision.confidence,
        access=access,
        reasons=_reasons(weights, reading, known_words, known, decision, group_reason),
        targets=targets,
        classifier_version=_version(lex, weights),
        basis=basis,
    )


@lru_cache(maxsize=8)
def _version(lex: Lexicon, weights: Weights) -> str:
    return classifier_version(lex, weights)


def classify_group(
    group: Group,
    profile: Profile | None = None,
    *,
    lexicon: Lexicon | None = None,
    weights: Weights | None = None,
) -> Assessment:
    """Who mostly goes to this group's meetings, judged from its name, description and topics."""
    lex = lexicon or load_lexicon()
    learned = weights or load_weights()
    limit = lex.description_chars
    topics = " · ".join(group.topics) if group.topics else None
    description = group.description[:limit] if group.description else None
    reading = read_text(
        lex, [("name", group.name), ("description", description), ("topics", topics)]
    )
    return _assessment(
        lex,
        learned,
        reading,
        access=_access(reading.access, None, None),
        targets=find_targets(profile, [group.name, description, topics]),
    )


def classify_event(
    event: Event,
    group: Group | None = None,
    profile: Profile | None = None,
    *,
    lexicon: Lexicon | None = None,
    weights: Weights | None = None,
    force_crowd: Crowd | None = None,
) -> Assessment:
    """Who mostly goes to this meeting, what kind it is, how to get in cheaply, and why.

    `group` (the event's group) informs the judgement: its own assessment is used when it has one,
    else it is judged here. `force_crowd` keeps a crowd the person chose and picks the kind for it.
    """
    lex = lexicon or load_lexicon()
    learned = weights or load_weights()
    group_name = event.group_name or (group.name if group else None)
    reading = read_event(lex, event, group_name, local_time(event, group))
    judged = None
    if group is not None:
        judged = group.assessment or classify_group(group, lexicon=lex, weights=learned)
    targets = []
    if profile is not None:
        limit = lex.description_chars
        description = event.description[:limit] if event.description else None
        topics = " · ".join(event.topics) if event.topics else None
        texts = [event.title, group_name, event.organizer, description, topics]
        targets = find_targets(profile, texts)
    return _assessment(
        lex,
        learned,
        reading,
        access=_access(reading.access, event.is_online, _free(event)),
        targets=targets,
        force_crowd=force_crowd,
        group=(group, judged) if group is not None and judged is not None else None,
    )
