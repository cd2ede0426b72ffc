"""`POST /v1/flags`: the extension's hot path.

Measured (benchmarks/api.py): FastAPI's own body parsing, dependency solving and response
validation cost several times the flag lookup itself. So this one route reads its body with
pydantic's JSON parser straight into the same `FlagsRequest` model, and writes flags already
shaped as `FlagsResponse` with orjson (tests and the schema fuzz hold them to that model); the
OpenAPI document describes both, and bad input goes through the same 400/422 handler as
everywhere else.

Unlike the other routes it reads on the event loop, saving the trip to the thread pool: it only
reads (primary-key lookups, through the loop thread's own connection, which in WAL mode never
waits for a crawl that is writing), and the pages capture keeps are written in the pool after
the answer has gone (benchmarks/api_during_crawl.py, tests/api/test_during_crawl.py).
"""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.background import BackgroundTask

from ..flagging import capture, flag_items
from ..schemas import FlagsRequest, FlagsResponse

router = APIRouter(tags=["flags"])

_REQUEST_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FlagsRequest"}}},
    }
}


@router.post(
    "/flags",
    summary="Flag the meetings on a page",
    response_model=FlagsResponse,
    openapi_extra=_REQUEST_SCHEMA,
)
async def flags(request: Request) -> Response:
    """For each page or card (at most 100): who goes there, what it is, how to get in cheaply
    and why. Meetings meetscout has gathered come with their stored judgement (`known: true`,
    the person's corrections applied); others are judged on the spot from what was sent."""
    try:
        body = FlagsRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from None
    store, profiles = request.app.state.store, request.app.state.profiles
    flags, keep = flag_items(store, body.items, profiles.get())
    return Response(
        orjson.dumps({"flags": flags}),
        media_type="application/json",
        background=BackgroundTask(capture, store, keep) if keep else None,
    )
