"""What keeps a local service safe from the web pages in the same browser.

Three ASGI layers and the token check: any page can make the browser send requests to 127.0.0.1,
so

- a `Host` that is not a loopback name is refused (DNS rebinding: evil.example re-pointed at us);
- only the extension's own origin gets CORS headers; a foreign preflight gets none at all;
- bodies are capped before anything parses them;
- every /v1 route needs the pairing token.

Starlette's TrustedHostMiddleware and CORSMiddleware come close but say less: a foreign Host gets a
bare 400 "Invalid host header" rather than how to reach meetscout, and a refused preflight still
carries Access-Control-Allow-Methods and -Headers, where here it carries no CORS header at all
(tests/api/test_security.py holds both rules).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from meetscout.api_token import PAIRING_HINT


async def _send_json(send: Send, status: int, detail: str, headers: Iterable = ()) -> None:
    body = orjson.dumps({"detail": detail})
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return value
    return None


def host_name(host_header: str) -> str | None:
    """`127.0.0.1:8787` -> `127.0.0.1`, `[::1]:80` -> `[::1]`; None when malformed."""
    host_header = host_header.strip().lower()
    if host_header.startswith("["):
        name, sep, rest = host_header.partition("]")
        name += sep
        port = rest.removeprefix(":") if rest.startswith(":") else (None if rest else "")
    else:
        name, _, port = host_header.partition(":")
    if port is None or (port and not port.isdigit()):
        return None
    return name.rstrip(".") or None


class HostGuard:
    """Refuse requests whose Host is not one of this machine's loopback names."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]):
        self.app = app
        self.allowed = frozenset(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        name = host_name((_header(scope, b"host") or b"").decode("latin-1"))
        if name not in self.allowed:
            return await _send_json(
                send,
                421,
                "meetscout answers only to 127.0.0.1 or localhost; this request named another "
                "host (a DNS-rebinding guard). Point the extension at http://127.0.0.1:<port>.",
            )
        return await self.app(scope, receive, send)


class BodyLimit:
    """Read at most `limit` bytes of a request body; more is a 413 before any parsing."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._too_large(send)
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return await self._too_large(send)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        await _send_json(
            send,
            413,
            f"The request body is larger than {self.limit // 1024} KiB. Send fewer items per "
            "request, or leave out the page's JSON-LD and __NEXT_DATA__ for cards.",
        )


class ExtensionCors:
    """CORS for the extension's own origin(s) and nobody else.

    A preflight from any other origin is refused with no CORS header at all, so the browser
    keeps that page from reading or sending anything.
    """

    ALLOW_METHODS = b"GET, POST, PUT, DELETE, OPTIONS"
    ALLOW_HEADERS = b"Authorization, Content-Type"

    def __init__(self, app: ASGIApp, origins: Iterable[str]):
        self.app = app
        self.origins = frozenset(o.encode() for o in origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        origin = _header(scope, b"origin")
        if origin is None:
            return await self.app(scope, receive, send)
        allowed = origin in self.origins
        preflight = scope["method"] == "OPTIONS" and _header(
            scope, b"access-control-request-method"
        )
        if preflight:
            if not allowed:
                return await _send_json(
                    send, 403, "Only the meetscout browser extension may call this service."
                )
            headers = [
                (b"access-control-allow-origin", origin),
                (b"access-control-allow-methods", self.ALLOW_METHODS),
                (b"access-control-allow-headers", self.ALLOW_HEADERS),
                (b"access-control-max-age", b"600"),
                (b"vary", b"Origin"),
            ]
            if _header(scope, b"access-control-request-private-network") == b"true":
                headers.append((b"access-control-allow-private-network", b"true"))
            await send({"type": "http.response.start", "status": 204, "headers": headers})
            return await send({"type": "http.response.body", "body": b""})
        if not allowed:
            return await self.app(scope, receive, send)

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"access-control-allow-origin", origin),
                    (b"vary", b"Origin"),
                ]
            await send(message)

        return await self.app(scope, receive, with_cors)


class TokenGuard:
    """Every /v1 request needs `Authorization: Bearer <token>`, compared in constant time.

    An ASGI layer rather than a FastAPI dependency: the check is the same for every route and
    costs a header lookup, where a dependency costs more than the flag lookup itself. The
    OpenAPI document declares it (see `app.finish_openapi`).
    """

    def __init__(self, app: ASGIApp, token: str, prefix: str = "/v1"):
        self.app = app
        self.expected = b"bearer " + token.encode()
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _under(scope["path"], self.prefix):
            return await self.app(scope, receive, send)
        given = _header(scope, b"authorization")
        if given is None:
            return await _send_json(
                send,
                401,
                f"meetscout needs the pairing token: {PAIRING_HINT}.",
                [(b"www-authenticate", b"Bearer")],
            )
        # The scheme is case-insensitive; the token is not.
        given = given[:7].lower() + given[7:].strip()
        if not hmac.compare_digest(given, self.expected):
            return await _send_json(
                send,
                401,
                f"That token is not this meetscout's (it may have been renewed): {PAIRING_HINT}.",
                [(b"www-authenticate", b"Bearer")],
            )
        return await self.app(scope, receive, send)


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")
