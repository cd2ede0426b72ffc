"""`POST /v1/contacts` (a person met at a meeting) and `GET /v1/contacts` (the latest).

Contacts are the person's own: only the paired extension (its token) reads them, and no search
words travel in an address, where a log could keep them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from meetscout.log import add_contact, contact_targets, with_state
from meetscout.model import Profile
from meetscout.store import from_iso, now_utc

from ..deps import ProfileDep, StoreDep
from ..errors import ApiError, logged
from ..flagging import event_named
from ..schemas import ContactIn, ContactOut, ContactsOut, FollowupOut

router = APIRouter(tags=["networking log"])


@router.post("/contacts", summary="Record a person met", status_code=201)
def met(body: ContactIn, store: StoreDep, profile: ProfileDep) -> ContactOut:
    """A person met at a meeting, with a follow-up due 24-48 hours after it (or at `due_at`).
    Recording someone met records the meeting as attended."""
    event_id, _ = event_named(store, body.url, body.id)
    if not event_id:
        raise ApiError(404, "That is not a meeting meetscout knows: send its page's URL or id.")
    with logged():
        added = add_contact(
            store,
            event_id,
            body.name,
            company=body.company,
            role=body.role,
            how=body.how,
            note=body.note,
            due=body.due_at,
        )
    return contact_out(store.get_contact(added.id), profile)


@router.get("/contacts", summary="The latest people met")
def latest(
    store: StoreDep, profile: ProfileDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> ContactsOut:
    rows = store.list_contacts()[-limit:]
    return ContactsOut(contacts=[contact_out(row, profile) for row in reversed(rows)])


def contact_out(row: dict[str, Any], profile: Profile) -> ContactOut:
    followup = None
    if row["followup_id"] is not None:
        followup = followup_out(
            with_state({**row, "id": row["followup_id"], "contact_id": row["id"]}, now_utc())
        )
    return ContactOut(
        id=row["id"],
        name=row["name"],
        company=row["company"],
        role=row["role"],
        how=row["how"],
        notes=row["notes"],
        event_id=row["event_id"],
        meeting=row["meeting"],
        met_at=from_iso(row["met_at"]),
        targets=contact_targets(row["company"], profile),
        followup=followup,
    )


def followup_out(row: dict[str, Any]) -> FollowupOut:
    return FollowupOut.model_validate(row, from_attributes=False)
