"""`create_app(settings)`: the FastAPI service the browser extension talks to.

Layers, outermost first: Host check (DNS rebinding), CORS for the extension only, body size cap,
then the routers; every /v1 route needs the pairing token.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from meetscout import __version__
from meetscout.store import Store

from . import errors
from .deps import Paired
from .routes import attendance, events, feedback, flags, groups, health, profile, runs, status
from .schemas import ERROR_RESPONSES
from .security import BodyLimit, ExtensionCors, HostGuard
from .settings import ApiSettings

log = logging.getLogger("meetscout.api")

DESCRIPTION = """\
The local service behind the meetscout browser extension: flags for the meetings a person sees
on Meetup and LinkedIn, searches over the gathered meetings, and the person's own records.

Every `/v1` route needs `Authorization: Bearer <token>`: run `meetscout token` to see it.
"""


def v1_router() -> APIRouter:
    v1 = APIRouter(prefix="/v1", dependencies=[Paired], responses=ERROR_RESPONSES)
    for topic in (flags, events, groups, feedback, attendance, profile, runs, status):
        v1.include_router(topic.router)
    return v1


def create_app(settings: ApiSettings, store: Store | None = None) -> FastAPI:
    """The app, with its own store on `settings.db_path` unless one is given."""
    store = store or Store(settings.db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="meetscout",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.token_bytes = settings.token.encode()
    app.include_router(health.router)
    app.include_router(v1_router())
    errors.install(app)
    # add_middleware wraps: the last added runs first.
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(ExtensionCors, origins=settings.extension_origins)
    app.add_middleware(HostGuard, allowed=settings.allowed_hosts)
    if not settings.extension_origins:
        log.warning(
            "no extension id known (no browser_extension/manifest.json key and no "
            "MEETSCOUT_EXTENSION_ID): the extension's requests will get no CORS headers"
        )
    return app
