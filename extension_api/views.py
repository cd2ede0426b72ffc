"""Stored events as the API shows them: judged for the person (their corrections, the targets
of their profile now), with "I'm going" and the meeting's listings on other sites."""

from __future__ import annotations

from collections.abc import Sequence

from meetscout.judge import judge_stored
from meetscout.model import Event, Profile
from meetscout.store import Store

from .flagging import label_for
from .schemas import EventOut, OtherListing


def event_views(store: Store, events: Sequence[Event], profile: Profile) -> list[EventOut]:
    going = store.going_among([e.id for e in events])
    also = store.also_listed([e.id for e in events])
    out = []
    for event, assessment in zip(events, judge_stored(store, events, profile), strict=True):
        fields = dict(event)
        fields["assessment"] = assessment
        out.append(
            EventOut.model_construct(
                **fields,
                label=label_for(event, assessment),
                going=event.id in going,
                also_at=[OtherListing.model_construct(**x) for x in also.get(event.id, [])],
            )
        )
    return out
