"""`create_app(settings)`: the FastAPI service the browser extension talks to.

Layers, outermost first: Host check (DNS rebinding), CORS for the extension only, the pairing
token on /v1, a body size cap, then the routers (one per topic).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from meetscout import __version__
from meetscout.api_token import PAIRING_HINT
from meetscout.store import Store

from . import errors
from .deps import ProfileCache
from .routes import (
    attendance,
    calendar,
    contacts,
    events,
    feedback,
    flags,
    followups,
    groups,
    health,
    plan,
    profile,
    runs,
    status,
)
from .routes import log as networking_log
from .schemas import ERROR_RESPONSES, FlagsRequest
from .security import BodyLimit, ExtensionCors, HostGuard, TokenGuard
from .settings import ApiSettings

log = logging.getLogger("meetscout.api")

DESCRIPTION = """\
The local service behind the meetscout browser extension: flags for the meetings a person sees
on Meetup and LinkedIn, searches over the gathered meetings, and the person's own records.

Every `/v1` route needs `Authorization: Bearer <token>`: run `meetscout token` to see it.
"""


SELF_PARSED = (FlagsRequest,)
V1_TOPICS = (
    flags,
    events,
    groups,
    feedback,
    attendance,
    plan,
    networking_log,
    contacts,
    followups,
    profile,
    runs,
    status,
)


def finish_openapi(app: FastAPI) -> None:
    """Declare the bearer token on every /v1 operation in /openapi.json (TokenGuard enforces
    it), so /docs offers an Authorize button and clients know to send it; and add the request
    models that routes parse themselves (POST /v1/flags)."""
    make = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = make()
        components = schema.setdefault("components", {})
        models = components.setdefault("schemas", {})
        for model in SELF_PARSED:
            found = model.model_json_schema(ref_template="#/components/schemas/{model}")
            models.update(found.pop("$defs", {}))
            models[model.__name__] = found
        components["securitySchemes"] = {
            "HTTPBearer": {
                "type": "http",
                "scheme": "bearer",
                "description": f"The pairing token: {PAIRING_HINT}.",
            }
        }
        for path, operations in schema["paths"].items():
            if path.startswith("/v1/"):
                for operation in operations.values():
                    operation["security"] = [{"HTTPBearer": []}]
        app.openapi_schema = schema
        return schema

    app.openapi = openapi


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
        docs_url="/docs" if settings.docs else None,
        redoc_url=None,
        # A personal, local service: no OpenTelemetry, and no per-request check for it.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.store = store
    app.state.profiles = ProfileCache(store)
    # Flat, not nested under one /v1 router: each nesting level costs a match per request.
    for topic in V1_TOPICS:
        app.include_router(topic.router, prefix="/v1", responses=ERROR_RESPONSES)
    app.include_router(health.router)
    app.include_router(calendar.router)  # its own secret, not the token: see routes/calendar.py
    finish_openapi(app)
    errors.install(app)
    # add_middleware wraps: the last added runs first.
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(TokenGuard, token=settings.token)
    app.add_middleware(ExtensionCors, origins=settings.extension_origins)
    app.add_middleware(HostGuard, allowed=settings.allowed_hosts)
    if not settings.extension_origins:
        log.warning(
            "no extension id known (no browser_extension/manifest.json key and no "
            "MEETSCOUT_EXTENSION_ID): the extension's requests will get no CORS headers"
        )
    return app
