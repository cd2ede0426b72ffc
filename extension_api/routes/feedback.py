"""`POST /v1/feedback`: the person says a flag is wrong, for one event or its whole group."""

from __future__ import annotations

from fastapi import APIRouter

from meetscout.identify import meetup_group_id
from meetscout.judge import correct
from meetscout.model import Event, Group

from ..deps import ProfileDep, StoreDep
from ..errors import ApiError
from ..flagging import flag_for, resolve
from ..schemas import FeedbackIn, FeedbackOut

router = APIRouter(tags=["feedback"])


@router.post("/feedback", summary="Correct a flag")
def feedback(body: FeedbackIn, store: StoreDep, profile: ProfileDep) -> FeedbackOut:
    """Says who really goes (and optionally what kind of meeting it is). With `scope: "group"`
    the correction holds for every event of the event's group, present and future."""
    target, found = resolve(store, body.url, body.id)
    event_id = found.id if isinstance(found, Event) else None
    group_id = found.id if isinstance(found, Group) else None
    if isinstance(found, Event):
        group_id = found.group_id
    elif found is None and target is not None and target.id:
        if target.kind == "event":
            event_id = target.id
            if target.identity and target.identity.source == "meetup":
                group_id = meetup_group_id(target.url.split("/")[3])
        elif target.kind == "group":
            group_id = target.id
    elif found is None and body.id and body.scope == "event":
        event_id = body.id  # a correction may come before the crawl that stores the event
    if body.scope == "event" and not event_id:
        raise ApiError(
            422,
            "That is not a single meeting meetscout can name: send an event page's URL "
            '(or its id), or use scope "group" for a group page.',
        )
    if body.scope == "group" and not group_id:
        raise ApiError(
            422,
            "meetscout does not know which group this meeting belongs to; correct this event "
            'with scope "event", or send the group page\'s URL.',
        )
    # Recorded, and written into the stored judgements at once (the classifier's rules:
    # an event's correction beats its group's, which beats the classifier).
    correct(
        store,
        body.scope,
        body.crowd.value,
        event_id=event_id if body.scope == "event" else None,
        group_id=group_id if body.scope == "group" else None,
        kind=body.kind.value if body.kind else None,
        note=body.note,
    )
    if found is not None:  # read again: the correction changed the stored row
        found = store.get_event(found.id) if isinstance(found, Event) else store.get_group(found.id)
    return FeedbackOut(
        saved=True,
        scope=body.scope,
        event_id=event_id,
        group_id=group_id,
        flag=flag_for(store, found, profile) if found is not None else None,
    )
