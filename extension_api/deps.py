"""Dependencies as `Annotated` types, so a route's signature says what it uses.

All `async def`: FastAPI runs a plain `def` dependency in a thread pool, which on the hot path
costs more than the work itself.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from meetscout.model import Profile
from meetscout.store import Store

from .settings import ApiSettings


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> ApiSettings:
    return request.app.state.settings


async def get_profile(request: Request) -> Profile:
    return request.app.state.store.get_profile()


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
ProfileDep = Annotated[Profile, Depends(get_profile)]
