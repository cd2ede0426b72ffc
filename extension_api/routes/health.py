"""`GET /healthz`: is the service up. No token, no data."""

from __future__ import annotations

from fastapi import APIRouter

from ..schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Is meetscout running")
async def healthz() -> Health:
    return Health()
