"""Stored events as the API shows them: judged for the person (their corrections, the targets
of their profile now) and with "I'm going"."""

from __future__ import annotations

from collections.abc import Sequence

from meetscout.judge import judge_stored
from meetscout.model import Event, Profile
from meetscout.store import Store

from .flagging import label_for
from .schemas import EventOut


def event_views(store: Store, events: Sequence[Event], profile: Profile) -> list[EventOut]:
    going = store.going_among([e.id for e in events])
    out = []
    for event, assessment in zip(events, judge_stored(store, events, profile), strict=True):
        fields = dict(event)
        fields["assessment"] = assessment
        out.append(
            EventOut.model_construct(
                **fields,
                label=label_for(event, assessment),
                going=event.id in going,
            )
        )
    return out
