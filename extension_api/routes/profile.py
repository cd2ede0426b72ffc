"""`GET/PUT /v1/profile`: the person's home area, reach, targets, limit and capture opt-in."""

from __future__ import annotations

from fastapi import APIRouter, Request

from meetscout.model import Profile

from ..deps import ProfileDep, StoreDep

router = APIRouter(tags=["profile"])


@router.get("/profile", summary="The person's profile")
def read(profile: ProfileDep) -> Profile:
    return profile


@router.put("/profile", summary="Replace the person's profile")
def replace(body: Profile, store: StoreDep, request: Request) -> Profile:
    """The whole profile: fields left out return to their defaults."""
    store.save_profile(body)
    request.app.state.profiles.clear()
    return store.get_profile()
