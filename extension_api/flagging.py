"""From a page the person sees to a flag: the judge's view of the stored meeting when meetscout
knows it, else of the meeting the page describes.

Known meetings cost a few indexed queries for the whole batch (the events, the person's
corrections and marks); on-the-spot ones go through the same parsers and judge as a crawl, and
are stored only when the person opted in to capture.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from meetscout.identify import Identity, canonical_url, identify
from meetscout.judge import Corrections, judge_event, judge_group, judge_stored
from meetscout.labels import flag_label, is_cancelled
from meetscout.log import meeting_end
from meetscout.model import Assessment, Crowd, Event, Group, Profile
from meetscout.personal import job_seeker_budget, month_of, person_zone
from meetscout.sources.page import event_from_page, group_from_page
from meetscout.store import Store

from .errors import ApiError
from .schemas import AttendanceIn, Flag, PageItem, budget_fields

log = logging.getLogger("meetscout.api")


def label_for(subject: Event | Group, assessment: Assessment | None) -> str | None:
    """A stored meeting's or group's label ("Cancelled" for a cancelled meeting); None when
    meetscout could not tell who goes."""
    return flag_label(subject, assessment) if assessment or is_cancelled(subject) else None


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
    subject: Event | Group | None
    assessment: Assessment | None
    why_not: str | None = None  # when nothing could be judged
    going: bool = False
    presence: str | None = None  # "attended" or "skipped", once the person said


def stored_for(store: Store, target: Target, prefetched: dict[str, Event]) -> Event | Group | None:
    if target.id:
        if target.kind == "event":
            return prefetched.get(target.id) or store.get_event(target.id)
        if target.kind == "group":
            return store.get_group(target.id)
        return None
    return store.find_by_url(target.url) if target.kind != "search" else None


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
        corrections = Corrections.load(store, groups=[group])
        return Judged(target, False, group, judge_group(group, profile, corrections))
    event = page_event(item)
    if event is None:
        return Judged(target, False, None, None, _nothing_sent())
    group = store.get_group(event.group_id) if event.group_id else None
    corrections = Corrections.load(store, events=[event])
    return Judged(target, False, event, judge_event(event, group, profile, corrections))


def _nothing_sent() -> str:
    return "meetscout has not gathered this meeting and the page sent no title or text to judge by."


def judge(store: Store, items: Sequence[PageItem], profile: Profile) -> list[Judged]:
    targets = [target_of(item.url) for item in items]
    prefetched = store.get_events([t.id for t in targets if t.id and t.kind == "event"])
    found = [stored_for(store, target, prefetched) for target in targets]
    known = [f for f in found if f is not None]
    assessments = iter(judge_stored(store, known, profile))
    marks = store.presence_among([f.id for f in known if isinstance(f, Event)])
    out = []
    for item, target, stored in zip(items, targets, found, strict=True):
        if stored is None:
            out.append(judge_page(store, item, target, profile))
        else:
            assessment = next(assessments)
            out.append(
                Judged(
                    target,
                    True,
                    stored,
                    assessment,
                    going=stored.id in marks,
                    presence=marks.get(stored.id),
                )
            )
    return out


def capture(store: Store, judged: Sequence[Judged]) -> None:
    """Keep what the person browsed (only with their opt-in): pages from Meetup and LinkedIn
    with a stable id, stored with the judgement made now. It runs after the flags are sent, so
    a crawl holding the write lock delays the keeping, never the answer."""
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
    try:
        if groups:
            store.upsert_groups(groups)
        if events:
            store.upsert_events(events)
    except sqlite3.OperationalError as exc:  # locked past the timeout: shown again next visit
        log.warning("could not keep %d browsed pages: %s", len(groups) + len(events), exc)


def _when(value: datetime | None) -> str | None:
    # As pydantic writes it, so every route shows times the same way.
    return value.isoformat().replace("+00:00", "Z") if value else None


def judgement_fields(subject: Event | Group | None, a: Assessment | None) -> dict:
    """The JSON fields of a flag that depend on the meeting and its judgement alone."""
    is_event = isinstance(subject, Event)
    return {
        "subject": "event" if is_event else "group" if subject else None,
        "title": subject.title if is_event else subject.name if subject else None,
        "crowd": a.crowd.value if a else None,
        "kind": a.kind.value if a else None,
        "label": flag_label(subject, a),
        "cancelled": is_cancelled(subject),
        "confidence": a.confidence if a else 0.0,
        "sure": a.sure if a else False,
        "access": [x.value for x in a.access] if a else [],
        "reasons": list(a.reasons) if a else [],
        "targets": list(a.targets) if a else [],
        "basis": a.basis if a else None,
        "starts_at": _when(subject.starts_at) if is_event else None,
        "over_at": _when(meeting_end(subject.starts_at, subject.ends_at)) if is_event else None,
    }


def to_flag_dicts(store: Store, judged: Sequence[Judged], profile: Profile) -> list[dict]:
    """Flags as JSON-ready dicts in the shape of `Flag` (tests hold them to that model): the hot
    path skips building and re-validating a model per flag."""
    counts: dict[object, dict] = {}  # a budget per month the batch's meetings fall in
    flags = []
    events = [j.subject.id for j in judged if j.known and isinstance(j.subject, Event)]
    also = store.also_listed(events)
    for j in judged:
        a, subject = j.assessment, j.subject
        seekers = a is not None and a.crowd == Crowd.job_seekers and not is_cancelled(subject)
        count = None
        if seekers:
            count = _budget(store, profile, subject, counts)
        flag = {
            "url": j.target.url,
            "known": j.known,
            "id": subject.id if subject is not None else j.target.id,
            **judgement_fields(subject, a),
            "going": j.going,
            "presence": j.presence,
            "job_seeker_count": count,
            "also_at": also.get(subject.id, []) if j.known and subject is not None else [],
        }
        if a is None:
            flag["reasons"] = [j.why_not or _nothing_sent()]
        flags.append(flag)
    return flags


def _budget(store: Store, profile: Profile, subject: object, counts: dict[object, dict]) -> dict:
    """The job-seeker budget of the month the meeting is in (this month when it has no date)."""
    at = subject.starts_at if isinstance(subject, Event) else None
    key = month_of(at, person_zone(profile)) if at else None
    if key not in counts:
        counts[key] = budget_fields(job_seeker_budget(store, profile, at))
    return counts[key]


def to_flags(store: Store, judged: Sequence[Judged], profile: Profile) -> list[Flag]:
    return [Flag.model_validate(f) for f in to_flag_dicts(store, judged, profile)]


def flag_items(
    store: Store, items: Sequence[PageItem], profile: Profile
) -> tuple[list[dict], list[Judged]]:
    """The flags for a batch, as JSON-ready dicts in the shape of `Flag`; and, when the person
    opted in to capture, what to keep of it (after answering: see `capture`)."""
    judged = judge(store, items, profile)
    return to_flag_dicts(store, judged, profile), judged if profile.capture_opt_in else []


def resolve(
    store: Store, url: str | None, item_id: str | None
) -> tuple[Target | None, Event | Group | None]:
    """What a reference by URL or id names, and the stored event or group if there is one."""
    if item_id:
        found: Event | Group | None = store.get_event(item_id) or store.get_group(item_id)
        return (target_of(found.url) if found else None), found
    target = target_of(url or "")
    return target, stored_for(store, target, {})


def event_named(
    store: Store, url: str | None, item_id: str | None
) -> tuple[str | None, Event | None]:
    """The id of the meeting a reference names, stored or not (a meeting only the person's log
    knows, say), and the stored event when there is one."""
    target, found = resolve(store, url, item_id)
    if isinstance(found, Event):
        return found.id, found
    return (target.id if target else item_id), None


def not_an_event(ref: str) -> ApiError:
    return ApiError(
        404,
        f"meetscout has not gathered the meeting {ref}. Send its page's title or text with the "
        "request (the extension does), or crawl its group first.",
    )


def chosen_event(store: Store, body: AttendanceIn, profile: Profile) -> Event:
    """The meeting the person chose ("I'm going", "Add to my plan"): the stored one, else the
    one its page describes, judged and stored now, since the person chose it."""
    target, found = resolve(store, body.url, body.id)
    if found is not None and not isinstance(found, Event):
        raise ApiError(422, "That is a group, not a meeting: choose one of its events instead.")
    if found is not None:
        return found
    page = page_event(body) if body.url else None
    if page is None or (target is not None and target.id and page.id != target.id):
        raise not_an_event(body.url or repr(body.id))
    group = store.get_group(page.group_id) if page.group_id else None
    judged = judge_event(page, group, profile, Corrections.load(store, [page]))
    page = page.model_copy(update={"assessment": judged})
    store.upsert_events([page])
    return page


def flag_for(store: Store, found: Event | Group, profile: Profile) -> Flag:
    [assessment] = judge_stored(store, [found], profile)
    judged = Judged(target_of(found.url), True, found, assessment)
    if isinstance(found, Event):
        marks = store.presence_among([found.id])
        judged.going, judged.presence = found.id in marks, marks.get(found.id)
    return to_flags(store, [judged], profile)[0]
