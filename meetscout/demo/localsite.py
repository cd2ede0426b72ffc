"""A small local web server for frozen copies of sites: used by tests, the demo and benchmarks.

`python -m http.server` stalls under Scrapy (its listen backlog is 5), so this one raises the
backlog, serves each path from a dict or a folder, and logs every request so a test can check
pace and order without reading the wall clock of the test itself. Like a real server, it answers
a conditional request whose validators match a reply's ETag or Last-Modified with 304.
"""

from __future__ import annotations

import mimetypes
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class Reply:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Hit:
    path: str  # path with query, as requested
    status: int
    at: float  # time.monotonic() when it arrived
    headers: dict[str, str]


# A route answers with a Reply, or a callable that makes one (to change answers between requests).
Route = Reply | Callable[[str], Reply]


def _unchanged(reply: Reply, request_headers) -> bool:
    """Does the request already hold this reply (If-None-Match, else If-Modified-Since)?"""
    given = {k.lower(): v for k, v in reply.headers.items()}
    asked_etag = request_headers.get("If-None-Match")
    if asked_etag and "etag" in given:
        return given["etag"] in [t.strip() for t in asked_etag.split(",")]
    asked_since = request_headers.get("If-Modified-Since")
    return bool(asked_since) and given.get("last-modified") == asked_since


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512
    allow_reuse_address = True


class LocalSite:
    """Serve `routes` (exact path, or path with query) and files under `root` on 127.0.0.1.

    with LocalSite({"/robots.txt": Reply("", 404)}, root=fixtures) as site:
        site.url("/hdi-nj/events/")
    """

    def __init__(
        self,
        routes: Mapping[str, Route] | None = None,
        root: Path | None = None,
        port: int = 0,
        index: str = "index.html",
    ):
        self.routes: dict[str, Route] = dict(routes or {})
        self.root = Path(root) if root else None
        self.index = index
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                reply = site.reply_for(self.path)
                if reply.status == 200 and _unchanged(reply, self.headers):
                    reply = Reply(b"", 304, reply.content_type, reply.headers)
                body = reply.body.encode() if isinstance(reply.body, str) else reply.body
                with site._lock:
                    site.hits.append(
                        Hit(self.path, reply.status, time.monotonic(), dict(self.headers))
                    )
                self.send_response(reply.status)
                if reply.status != 304:
                    self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:  # quiet: the hit log is the record
                pass

        self._server = _Server(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def reply_for(self, raw_path: str) -> Reply:
        path = urlsplit(raw_path).path
        route = self.routes.get(raw_path) or self.routes.get(path)
        if route is not None:
            return route(raw_path) if callable(route) else route
        if self.root is not None:
            found = self._file(path)
            if found is not None:
                kind = mimetypes.guess_type(found.name)[0] or "text/html"
                if kind.startswith("text/") or kind in ("application/json", "text/calendar"):
                    kind += "; charset=utf-8"
                return Reply(found.read_bytes(), 200, kind)
        return Reply("<html><body>Not found</body></html>", 404)

    def _file(self, path: str) -> Path | None:
        rel = path.lstrip("/")
        candidate = (self.root / rel).resolve()
        if self.root.resolve() not in (candidate, *candidate.parents):
            return None  # no escaping the folder with ../
        if candidate.is_dir():
            candidate = candidate / self.index
        return candidate if candidate.is_file() else None

    def start(self) -> LocalSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
