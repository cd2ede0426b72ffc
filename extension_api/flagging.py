"""From a page the person sees to a flag: the stored judgement when meetscout knows the meeting,
else one made on the spot from what the page carries.

Known meetings cost one indexed query for the whole batch; on-the-spot ones go through the same
parsers and classifier as a crawl, and are stored only when the person opted in to capture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from meetscout.classify import classify_event, classify_group
from meetscout.classify.feedback import apply_feedback, apply_group_feedback
from meetscout.identify import Identity, identify
from meetscout.labels import LABELS, UNJUDGED
from meetscout.model import Assessment, Crowd, Event, Group, Profile
from meetscout.personal import going_among, job_seeker_marked
from meetscout.sources.page import event_from_page, group_from_page
from meetscout.store import ASSESSMENT_COLUMNS, Store, row_assessment
from meetscout.urls import canonical_url

from .schemas import AttendanceIn, Flag, PageItem


def label_for(crowd: Crowd | str | None) -> str | None:
    return LABELS.get(Crowd(crowd)) if crowd else None


@dataclass(frozen=True)
class Target:
    """Where a URL points: its identity (None off Meetup and LinkedIn) and canonical form."""

    identity: Identity | None
    url: str

    @property
    def id(self) -> str | None:
        return self.identity.id if self.identity else None

    @property
    def kind(self) -> str:
        return self.identity.kind if self.identity else "page"


@lru_cache(maxsize=4096)  # the same cards come back page after page
def target_of(url: str) -> Target:
    identity = identify(url)
    if identity is not None:
        return Target(identity, identity.url)
    try:
        return Target(None, canonical_url(url))
    except ValueError:
        return Target(None, url.strip())


@dataclass
class Judged:
    """One item's outcome before it becomes a Flag."""

    target: Target
    known: bool
    subject: Brief | Event | Group | None
    assessment: Assessment | None
    why_not: str | None = None  # when nothing could be judged
    going: bool = False


# What a flag needs of a stored event: one narrow row, not the whole Event (this is the hot path).
BRIEF_COLUMNS = ("id", "source", "url", "title", "starts_at", "group_id", *ASSESSMENT_COLUMNS)
# With the row come two facts about the person's records, so a flag costs one query: marked
# "I'm going", and corrected (for this event or its whole group).
_BRIEF_SQL = (
    f"SELECT {', '.join('e.' + c for c in BRIEF_COLUMNS)}, "
    "EXISTS (SELECT 1 FROM attendance a WHERE a.event_id = e.id), "
    "EXISTS (SELECT 1 FROM feedback f WHERE f.event_id = e.id"
    " OR (f.scope = 'group' AND f.group_id = e.group_id)) "
    "FROM events e WHERE e.id IN "
)


@dataclass(frozen=True, slots=True)
class Stored:
    brief: Brief
    going: bool
    corrected: bool


@dataclass(frozen=True, slots=True, eq=False)
class Brief:
    """A stored event as far as a flag needs it, with its flag's fixed fields worked out."""

    id: str
    source: str
    url: str
    title: str
    starts_at: datetime | None
    group_id: str | None
    assessment: Assessment | None
    fields: dict = field(default_factory=dict)


def events_by_id(store: Store, ids: Sequence[str]) -> dict[str, Stored]:
    """Stored events by id, with only the fields a flag shows, in one query."""
    if not ids:
        return {}
    ids = list(dict.fromkeys(ids))
    out = {}
    for values in store.db.conn.execute(f"{_BRIEF_SQL}({','.join('?' * len(ids))})", ids):
        brief = _brief(values[:-2])
        out[brief.id] = Stored(brief, bool(values[-2]), bool(values[-1]))
    return out


@lru_cache(maxsize=8192)
def _brief(values: tuple) -> Brief:
    """Decoding a row (dates, JSON lists, validated enums) costs more than reading it; the
    same rows come back as the person browses, so decoded rows are kept, keyed by their
    exact stored values (a changed row is a new key)."""
    row = dict(zip(BRIEF_COLUMNS, values, strict=True))
    brief = Brief(
        id=row["id"],
        source=row["source"],
        url=row["url"],
        title=row["title"],
        starts_at=datetime.fromisoformat(row["starts_at"]) if row["starts_at"] else None,
        group_id=row["group_id"],
        assessment=row_assessment(row),
    )
    brief.fields.update(judgement_fields(brief, brief.assessment))
    return brief


def marks(store: Store, events: Sequence[Brief | Event]) -> tuple[set[str], set[str]]:
    """(events with a correction of their own or through their group, events marked "I'm
    going"), in one query: only corrected events go through apply_feedback, so a page of flags
    costs two queries in all."""
    event_ids = list({e.id: None for e in events})
    wanted = set(event_ids)
    if not event_ids:
        return set(), set()
    group_ids = list({e.group_id for e in events if e.group_id})
    in_events = f"({','.join('?' * len(event_ids))})"
    sql = f"SELECT 'f', event_id, group_id FROM feedback WHERE event_id IN {in_events}"
    if group_ids:
        sql += f" OR (scope = 'group' AND group_id IN ({','.join('?' * len(group_ids))}))"
    sql += f" UNION ALL SELECT 'a', event_id, NULL FROM attendance WHERE event_id IN {in_events}"
    fb_events, fb_groups, going = set(), set(), set()
    for kind, event_id, group_id in store.db.conn.execute(
        sql, [*event_ids, *group_ids, *event_ids]
    ):
        if kind == "a":
            going.add(event_id)
        elif event_id in wanted:
            fb_events.add(event_id)
        else:
            fb_groups.add(group_id)
    corrected = {
        e.id for e in events if e.id in fb_events or (e.group_id and e.group_id in fb_groups)
    }
    return corrected, going


def stored_for(
    store: Store, target: Target, prefetched: dict[str, Brief]
) -> Brief | Event | Group | None:
    if target.id:
        if target.kind == "event":
            return prefetched.get(target.id) or store.get_event(target.id)
        if target.kind == "group":
            return store.get_group(target.id)
        return None
    return store.find_by_url(target.url) if target.kind != "search" else None


def assess_stored(
    store: Store, found: Brief | Event | Group, profile: Profile, *, check_feedback: bool = True
) -> Assessment:
    """The stored judgement as the person sees it. A correction is written into the stored row
    when it is made (meetscout.classify.feedback.correct) and re-applied after every crawl, so a
    row whose basis is "feedback" is final; others are checked for a correction unless the
    caller already knows there is none (`check_feedback=False`)."""
    if isinstance(found, Group):
        assessment = found.assessment or classify_group(found, profile)
        if assessment.basis == "feedback":
            return assessment
        return apply_group_feedback(store, found, assessment)
    assessment = found.assessment
    if assessment is None:  # stored before it was classified
        found = store.get_event(found.id) or found
        group = store.get_group(found.group_id) if found.group_id else None
        assessment = classify_event(found, group, profile)
    if not check_feedback or assessment.basis == "feedback":
        return assessment
    if isinstance(found, Brief):
        found = store.get_event(found.id)
    return apply_feedback(store, found, assessment)


def page_event(item: PageItem | AttendanceIn) -> Event | None:
    """The meeting a page or card describes, from what the extension sent about it."""
    return event_from_page(
        item.url,
        title=item.title,
        text=item.text,
        group_name=item.group_name,
        jsonld=item.jsonld,
        next_data=item.next_data,
        html=item.html,
    )


def judge_page(store: Store, item: PageItem, target: Target, profile: Profile) -> Judged:
    """What the page itself says, for a meeting meetscout has not stored."""
    if target.kind == "search":
        return Judged(target, False, None, None, "A search page, not a single meeting.")
    if target.kind == "group":
        group = group_from_page(
            item.url,
            title=item.title,
            text=item.text,
            group_name=item.group_name,
            next_data=item.next_data,
        )
        if group is None:
            return Judged(target, False, None, None, _nothing_sent())
        assessment = apply_group_feedback(store, group, classify_group(group, profile))
        return Judged(target, False, group, assessment)
    event = page_event(item)
    if event is None:
        return Judged(target, False, None, None, _nothing_sent())
    group = store.get_group(event.group_id) if event.group_id else None
    assessment = apply_feedback(store, event, classify_event(event, group, profile))
    return Judged(target, False, event, assessment)


def _nothing_sent() -> str:
    return "meetscout has not gathered this meeting and the page sent no title or text to judge by."


def judge(store: Store, items: Sequence[PageItem], profile: Profile) -> list[Judged]:
    targets = [target_of(item.url) for item in items]
    prefetched = events_by_id(store, [t.id for t in targets if t.id and t.kind == "event"])
    briefs = {i: p.brief for i, p in prefetched.items()}
    found = [stored_for(store, target, briefs) for target in targets]
    # Events found another way (by URL) are rare: ask about them separately.
    others = [f for f in found if isinstance(f, Event)]
    corrected, going = marks(store, others) if others else (set(), set())
    for p in prefetched.values():
        if p.going:
            going.add(p.brief.id)
        if p.corrected:
            corrected.add(p.brief.id)
    out = []
    for item, target, stored in zip(items, targets, found, strict=True):
        if stored is None:
            out.append(judge_page(store, item, target, profile))
            continue
        check = not isinstance(stored, Brief) or stored.id in corrected
        assessment = assess_stored(store, stored, profile, check_feedback=check)
        out.append(Judged(target, True, stored, assessment, going=stored.id in going))
    return out


def capture(store: Store, judged: Sequence[Judged]) -> None:
    """Keep what the person browsed (only with their opt-in): pages from Meetup and LinkedIn
    with a stable id, stored with the judgement made now."""
    events, groups = [], []
    for j in judged:
        if j.known or j.subject is None or j.assessment is None or not j.target.id:
            continue
        if j.subject.id != j.target.id:
            continue
        if isinstance(j.subject, Event):
            events.append(j.subject.model_copy(update={"assessment": j.assessment}))
        else:
            groups.append(j.subject.model_copy(update={"assessment": j.assessment}))
    if groups:
        store.upsert_groups(groups)
    if events:
        store.upsert_events(events)


def _when(value: datetime | None) -> str | None:
    # As pydantic writes it, so every route shows times the same way.
    return value.isoformat().replace("+00:00", "Z") if value else None


def judgement_fields(subject: Brief | Event | Group | None, a: Assessment | None) -> dict:
    """The JSON fields of a flag that depend on the meeting and its judgement alone."""
    is_event = isinstance(subject, Brief | Event)
    return {
        "subject": "event" if is_event else "group" if subject else None,
        "title": subject.title if is_event else subject.name if subject else None,
        "crowd": a.crowd.value if a else None,
        "kind": a.kind.value if a else None,
        "label": LABELS[a.crowd] if a else UNJUDGED,
        "confidence": a.confidence if a else 0.0,
        "access": [x.value for x in a.access] if a else [],
        "reasons": list(a.reasons) if a else [],
        "targets": list(a.targets) if a else [],
        "basis": a.basis if a else None,
        "starts_at": _when(subject.starts_at) if is_event else None,
    }


def to_flag_dicts(store: Store, judged: Sequence[Judged], profile: Profile) -> list[dict]:
    """Flags as JSON-ready dicts in the shape of `Flag` (tests hold them to that model): the hot
    path skips building and re-validating a model per flag."""
    count: dict | None = None
    flags = []
    for j in judged:
        a, subject = j.assessment, j.subject
        seekers = a is not None and a.crowd == Crowd.job_seekers
        if seekers and count is None:
            count = {"marked": job_seeker_marked(store), "limit": profile.job_seeker_monthly_limit}
        if isinstance(subject, Brief) and a is subject.assessment:
            fields = subject.fields  # decoded once per stored row
        else:
            fields = judgement_fields(subject, a)
        flag = {
            "url": j.target.url,
            "known": j.known,
            "id": subject.id if subject is not None else j.target.id,
            **fields,
            "going": j.going,
            "job_seeker_count": count if seekers else None,
        }
        if a is None:
            flag["reasons"] = [j.why_not or _nothing_sent()]
        flags.append(flag)
    return flags


def to_flags(store: Store, judged: Sequence[Judged], profile: Profile) -> list[Flag]:
    return [Flag.model_validate(f) for f in to_flag_dicts(store, judged, profile)]


def flag_items(store: Store, items: Sequence[PageItem], profile: Profile) -> list[dict]:
    """The flags for a batch, as JSON-ready dicts in the shape of `Flag`."""
    judged = judge(store, items, profile)
    if profile.capture_opt_in:
        capture(store, judged)
    return to_flag_dicts(store, judged, profile)


def resolve(
    store: Store, url: str | None, item_id: str | None
) -> tuple[Target | None, Event | Group | None]:
    """What a reference by URL or id names, and the stored event or group if there is one."""
    if item_id:
        found: Event | Group | None = store.get_event(item_id) or store.get_group(item_id)
        return (target_of(found.url) if found else None), found
    target = target_of(url or "")
    return target, stored_for(store, target, {})


def flag_for(store: Store, found: Event | Group, profile: Profile) -> Flag:
    judged = Judged(target_of(found.url), True, found, assess_stored(store, found, profile))
    if isinstance(found, Event):
        judged.going = bool(going_among(store, [found.id]))
    return to_flags(store, [judged], profile)[0]
