"""The last resort: a bug answers a safe 500 with no traceback, and is logged."""

from __future__ import annotations

import logging

import httpx
from meetscout.api.app import create_app
from meetscout.api.settings import ApiSettings

from meetscout.store import Store
from tests.api.conftest import serve_in_thread


def test_an_unexpected_error_is_a_safe_500_and_logged(caplog):
    app = create_app(ApiSettings(token="t"), store=Store(":memory:"))

    @app.get("/v1/broken")
    async def broken() -> dict:
        raise RuntimeError("secret internals at /home/someone/db")

    server, thread, port = serve_in_thread(app)
    try:
        with caplog.at_level(logging.ERROR, logger="meetscout.api"):
            r = httpx.get(
                f"http://127.0.0.1:{port}/v1/broken", headers={"Authorization": "Bearer t"}
            )
    finally:
        server.should_exit = True
        thread.join(10)
    assert r.status_code == 500
    assert r.json() == {"detail": "meetscout hit an unexpected error; the server's log says more."}
    assert "secret" not in r.text
    assert any("unexpected error on GET /v1/broken" in rec.getMessage() for rec in caplog.records)
