"""Dependencies as `Annotated` types, so a route's signature says what it uses.

Those that only hand over an object are `async def` (a plain `def` costs a trip to the thread
pool); one that reads the database is a plain `def`, so it runs in the pool as the routes do
(all but POST /v1/flags, which only reads: see routes/flags.py). Each thread reads through its
own connection, which in WAL mode never waits for a crawl that is writing.
"""

from __future__ import annotations

import logging
import time
from typing import Annotated

from fastapi import Depends, Request

from meetscout.config import ConfigError
from meetscout.model import Profile
from meetscout.profile import load_and_sync
from meetscout.store import Store

from .settings import ApiSettings

log = logging.getLogger("meetscout.api")


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> ApiSettings:
    return request.app.state.settings


class ProfileCache:
    """The profile, read at most once a second: every flag needs it, and it changes rarely.
    A PUT through this service clears it at once; a change by another program, or in
    meetscout.toml's `[profile]` (meetscout/profile.py), shows within `ttl` seconds."""

    def __init__(self, store: Store, ttl: float = 1.0):
        self.store = store
        self.ttl = ttl
        self._profile: Profile | None = None
        self._read_at = 0.0
        self._config_error: str | None = None

    def get(self) -> Profile:
        now = time.monotonic()
        if self._profile is None or now - self._read_at > self.ttl:
            try:
                profile = load_and_sync(self.store)
            except ConfigError as exc:
                if str(exc) != self._config_error:  # said once, not on every flag
                    log.warning("the profile in meetscout.toml was not read: %s", exc)
                self._config_error = str(exc)
                profile = self.store.get_profile()
            else:
                self._config_error = None
            self._profile, self._read_at = profile, now
        return self._profile

    def clear(self) -> None:
        self._profile = None


def get_profile(request: Request) -> Profile:
    return request.app.state.profiles.get()


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
ProfileDep = Annotated[Profile, Depends(get_profile)]
