"""The person's corrections beat the classifier: for one event, or for every event of a group.

A correction lives in the store's `feedback` table, apart from the events, so a re-crawl that
re-classifies an event cannot lose it: the pipeline (and `meetscout reclassify`) apply the
corrections again after every classification. An event correction beats a group correction, which
beats the classifier; the newest correction of a scope wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Assessment, Crowd, Event, Group, Kind
from ..store import Store
from .classifier import CROWD_WORDS, KIND_WORDS, KINDS_OF, classify_event


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
    row: dict[str, Any], scope: str, assessment: Assessment, event: Event | None
) -> Assessment:
    crowd = Crowd(row["crowd"])
    if row.get("kind"):
        kind = Kind(row["kind"])
    elif assessment.kind.value in KINDS_OF[crowd.value]:
        kind = assessment.kind
    elif event is not None:
        # The person chose only the crowd: pick the kind the listing fits best within it.
        kind = classify_event(event, force_crowd=crowd).kind
    else:
        kind = Kind(KINDS_OF[crowd.value][0] if crowd != Crowd.employed else "industry_meetup")
    return Assessment(
        crowd=crowd,
        kind=kind,
        confidence=1.0,
        access=assessment.access,
        reasons=[_sentence(row, scope), *assessment.reasons[:2]],
        targets=assessment.targets,
        classifier_version=assessment.classifier_version,
        basis="feedback",
    )


@dataclass
class Corrections:
    """Every correction, loaded once: for re-classifying many events without a query each."""

    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> Corrections:
        found = cls()
        # Oldest first, so the newest correction of a scope is the one kept.
        for row in reversed(store.list_feedback()):
            if row["scope"] == "event" and row["event_id"]:
                found.events[row["event_id"]] = row
            elif row["scope"] == "group" and row["group_id"]:
                found.groups[row["group_id"]] = row
        return found

    def apply(self, event: Event, assessment: Assessment) -> Assessment:
        row = self.events.get(event.id)
        if row is not None:
            return _corrected(row, "event", assessment, event)
        row = self.groups.get(event.group_id) if event.group_id else None
        if row is not None:
            return _corrected(row, "group", assessment, event)
        return assessment

    def apply_group(self, group: Group, assessment: Assessment) -> Assessment:
        row = self.groups.get(group.id)
        return _corrected(row, "group", assessment, None) if row is not None else assessment


def apply_feedback(store: Store, event: Event, assessment: Assessment) -> Assessment:
    """The assessment the person sees for `event`: their correction if they made one."""
    rows = store.list_feedback(
        event_ids=[event.id], group_ids=[event.group_id] if event.group_id else []
    )
    found = Corrections()
    for row in reversed(rows):
        (found.events if row["scope"] == "event" else found.groups)[
            row["event_id"] if row["scope"] == "event" else row["group_id"]
        ] = row
    return found.apply(event, assessment)


def apply_group_feedback(store: Store, group: Group, assessment: Assessment) -> Assessment:
    rows = store.list_feedback(group_ids=[group.id])
    return _corrected(rows[0], "group", assessment, None) if rows else assessment


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
    """Record a correction and apply it at once to what is stored; returns how many rows changed.

    For the API and CLI: after this, the stored event (or every stored event of the group, and the
    group itself) carries the corrected assessment with basis "feedback".
    """
    store.add_feedback(scope, crowd, event_id=event_id, group_id=group_id, kind=kind, note=note)
    if scope == "event":
        event = store.get_event(event_id)
        targets = [event] if event is not None else []
    else:
        targets = store.events_of_group(group_id)
        group = store.get_group(group_id)
        if group is not None and group.assessment is not None:
            store.set_assessment(
                "groups", group.id, apply_group_feedback(store, group, group.assessment)
            )
    corrections = Corrections.load(store)
    pairs = []
    for event in targets:
        base = event.assessment or classify_event(event)
        if base.basis == "feedback":
            base = classify_event(event)
        pairs.append((event.id, corrections.apply(event, base)))
    return store.set_assessments("events", pairs)
