"""Every failure is `{"detail": "<what to do>"}` with a 4xx; a 500 only for a bug, and then safe.

FastAPI's own 422 is a list of pydantic errors; the extension and a person need one sentence, so
validation errors are summarised (the list stays under `errors` for tools).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

log = logging.getLogger("meetscout.api")


class ApiError(HTTPException):
    """An HTTP error whose `detail` is a sentence the person can act on."""

    def __init__(self, status_code: int, detail: str, headers: dict[str, str] | None = None):
        super().__init__(status_code=status_code, detail=detail, headers=headers)


@contextlib.contextmanager
def logged() -> Iterator[None]:
    """What the networking log refuses, as a 404 (no such meeting, contact or follow-up) or a
    422 with its sentence (which never names a contact)."""
    from meetscout.log import LogError, NotFound

    try:
        yield
    except NotFound as exc:
        raise ApiError(404, str(exc)) from None
    except LogError as exc:
        raise ApiError(422, str(exc)) from None


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    out = ""
    for part in parts:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out or "request"


def _sentence(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    where = _where(tuple(error.get("loc", ())))
    if kind == "json_invalid":
        return (
            "The request body is not valid JSON "
            f"({error.get('ctx', {}).get('error', 'parse error')}); send a JSON object."
        )
    if kind == "missing":
        return f"{where} is required."
    if kind == "too_long" and where.endswith("items"):
        ctx = error.get("ctx", {})
        return (
            f"At most {ctx.get('max_length')} items per request (got {ctx.get('actual_length')}); "
            "split the batch."
        )
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if where == "request" and kind in ("model_attributes_type", "dict_type"):
        return (
            "The request body must be a JSON object (Content-Type: application/json); "
            "see /docs for its fields."
        )
    return f"{where}: {message.rstrip('.')}."


def _plain(error: dict[str, Any]) -> dict[str, Any]:
    # Only JSON-safe parts: `input` may be huge or bytes, and `ctx` may hold exception objects.
    return {"loc": [str(p) for p in error.get("loc", ())], "msg": str(error.get("msg", ""))}


async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    status = 400 if any(e.get("type") == "json_invalid" for e in errors) else 422
    sentences = [_sentence(e) for e in errors[:3]]
    if len(errors) > 3:
        sentences.append(f"({len(errors) - 3} more problems.)")
    return JSONResponse(
        {"detail": " ".join(sentences), "errors": [_plain(e) for e in errors[:20]]},
        status_code=status,
    )


async def database_error(request: Request, exc: sqlite3.Error) -> JSONResponse:
    """The database refused (damaged, full, read-only, locked too long): a 503 with the reason
    and what to do, not a 500; the request may well work once that is mended."""
    from meetscout.store.read_only import refused_write

    log.error("database error on %s %s: %s", request.method, request.url.path, exc)
    read_only = refused_write(exc)
    detail = (
        f"Not saved: {read_only}."
        if read_only
        else f"The database cannot serve this request ({exc}). "
        "Run `meetscout doctor` to check it and see what to do."
    )
    return JSONResponse(
        {"detail": detail},
        status_code=503,
        headers={"Retry-After": "60"},
    )


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # The last resort: log the traceback for the person running the server, never send it.
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse(
        {"detail": "meetscout hit an unexpected error; the server's log says more."},
        status_code=500,
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(sqlite3.Error, database_error)
    app.add_exception_handler(Exception, unexpected_error)
