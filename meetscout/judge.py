"""The one place that decides a flag: an event (or a group), its group, the person's profile and
their corrections -> the assessment the person sees.

The classifier judges what a listing says; the judge adds the person. Targets are the companies
and industries of the profile *now* that the listing mentions, so a changed profile shows on the
next flag. A correction beats the classifier: one for the event beats one for its group, and the
newest correction of a scope wins. Corrections live in the store apart from the events, so a
re-crawl cannot lose them.

The crawl's pipeline, `meetscout reclassify`, `classify` and `events`, a correction made in the
extension, and every flag and event the API shows all come through here. A stored judgement is a
copy of what the judge said when it was stored (so the store can filter by crowd); what the
person sees is judged again when it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .classify import classify_event, classify_group
from .classify.classifier import CROWD_WORDS, KIND_WORDS, KINDS_OF, find_targets
from .model import Assessment, Crowd, Event, Group, Kind, Profile
from .store import Store


@dataclass
class Corrections:
    """The person's newest correction per event and per group."""

    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(
        cls, store: Store, events: Iterable[Event] = (), groups: Iterable[Group] = ()
    ) -> Corrections:
        """Those about these events (and their groups) and groups; every one without either."""
        events, groups = list(events), list(groups)
        if not (events or groups):
            return cls._of(store.list_feedback())
        return cls.about(
            store,
            [e.id for e in events],
            [e.group_id for e in events if e.group_id] + [g.id for g in groups],
        )

    @classmethod
    def about(cls, store: Store, event_ids: list[str], group_ids: list[str]) -> Corrections:
        """Those about these events and groups."""
        return cls._of(store.list_feedback(event_ids=event_ids, group_ids=group_ids))

    @classmethod
    def _of(cls, rows: list[dict[str, Any]]) -> Corrections:
        found = cls()
        for row in reversed(rows):  # oldest first, so the newest of a scope is the one kept
            if row["scope"] == "event" and row["event_id"]:
                found.events[row["event_id"]] = row
            elif row["scope"] == "group" and row["group_id"]:
                found.groups[row["group_id"]] = row
        return found

    def of_event(self, event: Event) -> tuple[dict[str, Any], str] | None:
        """The correction that holds for this event, and its scope."""
        if event.id in self.events:
            return self.events[event.id], "event"
        if event.group_id in self.groups:
            return self.groups[event.group_id], "group"
        return None


def judge_event(
    event: Event,
    group: Group | None,
    profile: Profile | None,
    corrections: Corrections,
    *,
    fresh: bool = False,
) -> Assessment:
    """What the person sees for `event`. It starts from the event's stored judgement unless
    `fresh` (a crawl, a new classifier) or there is none to start from; `group` is the event's
    group, which the classifier weighs."""
    found = corrections.of_event(event)
    base = None if fresh else _classifier_view(event.assessment, found is not None)
    if base is None:
        base = classify_event(event, group)
    group_name = event.group_name or (group.name if group else None)
    texts = _texts(event.title, group_name, event.organizer, event.description, event.topics)
    base = _with_targets(base, find_targets(profile, texts))
    if found is None:
        return base
    row, scope = found

    def kind_within(crowd: Crowd) -> Kind:
        return classify_event(event, group, force_crowd=crowd).kind

    return _corrected(row, scope, base, kind_within)


def judge_group(
    group: Group, profile: Profile | None, corrections: Corrections, *, fresh: bool = False
) -> Assessment:
    """What the person sees for a group (and what its events' judgements weigh)."""
    row = corrections.groups.get(group.id)
    base = None if fresh else _classifier_view(group.assessment, row is not None)
    if base is None:
        base = classify_group(group)
    topics = " · ".join(group.topics) if group.topics else None
    base = _with_targets(base, find_targets(profile, [group.name, group.description, topics]))
    return _corrected(row, "group", base, None) if row is not None else base


def judge_stored(
    store: Store, subjects: Sequence[Event | Group], profile: Profile
) -> list[Assessment]:
    """The judgements of stored events and groups as the person sees them, in order: one query
    for their corrections, one for the groups that judging them needs."""
    events = [s for s in subjects if isinstance(s, Event)]
    corrections = Corrections.load(store, events, [s for s in subjects if isinstance(s, Group)])
    wanted = {e.group_id for e in events if e.group_id and _needs_group(e, corrections)}
    groups = store.get_groups(sorted(wanted))
    return [
        judge_event(s, groups.get(s.group_id or ""), profile, corrections)
        if isinstance(s, Event)
        else judge_group(s, profile, corrections)
        for s in subjects
    ]


def stored_targets(
    store: Store, rows: Sequence[Mapping[str, Any]], profile: Profile
) -> list[list[str] | None]:
    """What judging stored events would change when it changes only their targets, read from
    their words without building the events: for a plan over many meetings. Each row holds an
    event's id, group_id, group_name, title, organizer, description, topics (a list), crowd and
    assessment_basis. In order: the targets the profile finds now, or None for an event the
    judge must see whole (`judge_stored`): one not judged yet, judged by a correction or with
    one that holds now, or without a group name (the judge reads its group's)."""
    if not rows:
        return []
    corrections = Corrections.about(
        store, [r["id"] for r in rows], [r["group_id"] for r in rows if r["group_id"]]
    )
    out: list[list[str] | None] = []
    for r in rows:
        corrected = r["id"] in corrections.events or r["group_id"] in corrections.groups
        if (
            not r["crowd"]
            or r["assessment_basis"] == "feedback"
            or corrected
            or not r["group_name"]
        ):
            out.append(None)
            continue
        texts = _texts(r["title"], r["group_name"], r["organizer"], r["description"], r["topics"])
        out.append(find_targets(profile, texts))
    return out


def _texts(
    title: str,
    group_name: str | None,
    organizer: str | None,
    description: str | None,
    topics: Sequence[str],
) -> list[str | None]:
    """An event's words, as its targets are looked for in them."""
    return [title, group_name, organizer, description, " · ".join(topics) if topics else None]


def correct(
    store: Store,
    scope: str,
    crowd: str,
    *,
    event_id: str | None = None,
    group_id: str | None = None,
    kind: str | None = None,
    note: str | None = None,
) -> int:
    """Record a correction and write it at once into what is stored; returns how many events
    changed. After this the stored event (or every stored event of the group, and the group)
    carries the judgement with basis "feedback", so searches by crowd find it."""
    store.add_feedback(scope, crowd, event_id=event_id, group_id=group_id, kind=kind, note=note)
    return apply_correction(store, scope, event_id=event_id, group_id=group_id)


def apply_correction(
    store: Store, scope: str, *, event_id: str | None = None, group_id: str | None = None
) -> int:
    """Write the corrections that hold now into the stored event (or the group and its events);
    returns how many events changed. `correct` calls it, and so does an import of corrections
    made on another machine."""
    profile = store.get_profile()
    corrections = Corrections.load(store)
    if scope == "event":
        event = store.get_event(event_id)
        events = [event] if event is not None else []
        group_id = event.group_id if event is not None else None
    else:
        events = store.events_of_group(group_id)
    group = store.get_group(group_id) if group_id else None
    if group is not None and scope == "group":
        judged = judge_group(group, profile, corrections)
        store.set_assessment("groups", group.id, judged)
        group = group.model_copy(update={"assessment": judged})
    pairs = [(e.id, judge_event(e, group, profile, corrections)) for e in events]
    return store.set_assessments("events", pairs)


def _classifier_view(assessment: Assessment | None, corrected: bool) -> Assessment | None:
    """The classifier's judgement as far as the stored one keeps it, to start from; None when
    the listing must be classified again. A judgement a correction rewrote keeps the
    classifier's access and first reasons after the correction's own sentence, which goes: the
    correction that holds now is applied again (the newest may not be the one stored)."""
    if assessment is None:
        return None
    if assessment.basis != "feedback":
        return assessment
    if not corrected:
        return None  # nothing corrects it any more: the classifier's crowd is not kept
    return assessment.model_copy(update={"reasons": assessment.reasons[1:]})


def _with_targets(assessment: Assessment, targets: list[str]) -> Assessment:
    if assessment.targets == targets:
        return assessment
    return assessment.model_copy(update={"targets": targets})


def _needs_group(event: Event, corrections: Corrections) -> bool:
    """Whether judging the stored event may ask the classifier, which weighs its group."""
    return (
        event.assessment is None or not event.group_name or corrections.of_event(event) is not None
    )


def _sentence(row: dict[str, Any], scope: str) -> str:
    crowd = CROWD_WORDS[row["crowd"]]
    where = "this meeting" if scope == "event" else "every meeting of this group"
    text = f"You marked {where} as one for {crowd}"
    if row.get("kind"):
        text += f" ({KIND_WORDS[row['kind']]})"
    if row.get("note"):
        text += f': "{row["note"].strip()}"'
    return text


def _corrected(
    row: dict[str, Any],
    scope: str,
    base: Assessment,
    kind_within: Callable[[Crowd], Kind] | None,
) -> Assessment:
    """The correction's crowd (and kind, if the person gave one) over the classifier's view,
    which keeps its access, targets and first reasons."""
    crowd = Crowd(row["crowd"])
    if row.get("kind"):
        kind = Kind(row["kind"])
    elif base.kind.value in KINDS_OF[crowd.value]:
        kind = base.kind
    elif kind_within is not None:
        # The person chose only the crowd: pick the kind the listing fits best within it.
        kind = kind_within(crowd)
    else:
        kind = Kind(KINDS_OF[crowd.value][0] if crowd != Crowd.employed else "industry_meetup")
    return Assessment(
        crowd=crowd,
        kind=kind,
        confidence=1.0,
        access=base.access,
        reasons=[_sentence(row, scope), *base.reasons[:2]],
        targets=base.targets,
        classifier_version=base.classifier_version,
        basis="feedback",
    )
