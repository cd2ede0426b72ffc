"""Stored events as the API shows them: with the person's corrections and "I'm going"."""

from __future__ import annotations

from collections.abc import Sequence

from meetscout.classify.feedback import apply_feedback
from meetscout.model import Event
from meetscout.store import Store

from .flagging import label_for
from .schemas import EventOut


def event_views(store: Store, events: Sequence[Event]) -> list[EventOut]:
    going = store.going_among([e.id for e in events])
    out = []
    for event in events:
        assessment = event.assessment
        # A "feedback" basis means the correction is already in the row (see assess_stored).
        if assessment is not None and assessment.basis != "feedback":
            assessment = apply_feedback(store, event, assessment)
        fields = dict(event)
        fields["assessment"] = assessment
        out.append(
            EventOut.model_construct(
                **fields,
                label=label_for(assessment.crowd) if assessment else None,
                going=event.id in going,
            )
        )
    return out
