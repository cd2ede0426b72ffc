"""The rules that keep web pages in the same browser away from the person's data."""

from __future__ import annotations

import json
import stat

import httpx
import pytest
from meetscout.api.extension_id import (
    extension_id_from_key,
    extension_id_from_manifest,
    extension_ids_from_environment,
)
from meetscout.api.security import host_name

from meetscout.api_token import load_or_create_token, rotate_token
from tests.api.conftest import EXTENSION_ID, EXTENSION_KEY, EXTENSION_ORIGIN

V1_ROUTES = [
    ("GET", "/v1/events"),
    ("GET", "/v1/events/meetup:300000001"),
    ("GET", "/v1/groups/meetup-group:hdi-nj"),
    ("GET", "/v1/profile"),
    ("PUT", "/v1/profile"),
    ("GET", "/v1/runs"),
    ("GET", "/v1/status"),
    ("POST", "/v1/flags"),
    ("POST", "/v1/feedback"),
    ("POST", "/v1/attendance"),
    ("DELETE", "/v1/attendance"),
]


def test_healthz_needs_no_token_and_shows_no_data(api):
    with api.client(token=None) as c:
        r = c.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


@pytest.mark.parametrize(("method", "path"), V1_ROUTES)
def test_every_v1_route_needs_the_token(api, method, path):
    with api.client(token=None) as c:
        r = c.request(method, path, json={"items": []})
    assert r.status_code == 401
    assert "meetscout token" in r.json()["detail"]
    assert "extension's options" in r.json()["detail"]
    assert r.headers["www-authenticate"] == "Bearer"


def test_a_wrong_token_is_refused_with_the_way_to_pair(api):
    with api.client(token="not-the-token") as c:
        r = c.get("/v1/status")
    assert r.status_code == 401
    assert "run `meetscout token`" in r.json()["detail"]
    with httpx.Client(base_url=api.base_url) as c:
        r = c.get("/v1/status", headers={"Authorization": f"Basic {api.token}"})
    assert r.status_code == 401


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_loopback_host_names_are_served(client, host):
    r = client.get("/v1/status", headers={"Host": f"{host}:8787"})
    assert r.status_code == 200, r.text
    assert client.get("/healthz", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8787", "127.0.0.1.evil.example", "localhost:x", ""]
)
def test_other_host_names_are_refused(client, host):
    # A page on evil.example whose DNS now points at 127.0.0.1: the browser sends its name.
    r = client.get("/v1/status", headers={"Host": host})
    assert r.status_code == 421
    assert "127.0.0.1" in r.json()["detail"]
    assert client.get("/healthz", headers={"Host": host}).status_code == 421


def test_host_name_parsing():
    assert host_name("127.0.0.1:8787") == "127.0.0.1"
    assert host_name("[::1]:80") == "[::1]"
    assert host_name("[::1]") == "[::1]"
    assert host_name("localhost.") == "localhost"
    assert host_name("localhost:80x") is None
    assert host_name("[::1]x") is None


def test_the_extension_origin_gets_cors_headers(api):
    with api.client(token=None) as c:
        r = c.options(
            "/v1/flags",
            headers={
                "Origin": EXTENSION_ORIGIN,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
                "Access-Control-Request-Private-Network": "true",
            },
        )
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == EXTENSION_ORIGIN
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "Authorization" in r.headers["access-control-allow-headers"]
    assert r.headers["access-control-allow-private-network"] == "true"
    with api.client() as c:
        r = c.get("/v1/status", headers={"Origin": EXTENSION_ORIGIN})
        assert r.headers["access-control-allow-origin"] == EXTENSION_ORIGIN
        # The extension can read a 401's message too, to tell the person to pair.
        r = c.get("/v1/status", headers={"Origin": EXTENSION_ORIGIN, "Authorization": "Bearer x"})
        assert r.status_code == 401
        assert r.headers["access-control-allow-origin"] == EXTENSION_ORIGIN


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "https://www.meetup.com",
        "null",
        "chrome-extension://" + "b" * 32,
        "http://127.0.0.1:8787",
    ],
)
def test_a_foreign_origin_gets_no_cors_headers(api, origin):
    with api.client(token=None) as c:
        pre = c.options(
            "/v1/flags",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
    assert pre.status_code == 403
    assert not [h for h in pre.headers if h.startswith("access-control-")]
    with api.client() as c:
        r = c.get("/v1/status", headers={"Origin": origin})
    assert not [h for h in r.headers if h.startswith("access-control-")]


def test_a_body_over_the_limit_is_413_before_parsing(client):
    big = b'{"items": [' + b" " * (1024 * 1024) + b"]}"
    r = client.post("/v1/flags", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert "fewer items" in r.json()["detail"]

    def chunks():  # no Content-Length: the limit counts what arrives
        for _ in range(40):
            yield b" " * 32768

    r = client.post("/v1/flags", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_token_is_made_once_and_private(tmp_path):
    path = tmp_path / "config" / "token"
    first = load_or_create_token(path)
    assert len(first) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_token(path) == first
    path.chmod(0o644)
    assert load_or_create_token(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert rotate_token(path) != first


def test_extension_id_follows_chromes_rule(tmp_path, monkeypatch):
    # Chrome: sha256 of the key's DER bytes, first 32 hex digits, 0-f written as a-p.
    import base64
    import hashlib

    digest = hashlib.sha256(base64.b64decode(EXTENSION_KEY)).hexdigest()[:32]
    assert digest.translate(str.maketrans("0123456789abcdef", "abcdefghijklmnop")) == EXTENSION_ID
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"manifest_version": 3, "key": EXTENSION_KEY}))
    assert extension_id_from_manifest(manifest) == EXTENSION_ID
    monkeypatch.delenv("MEETSCOUT_EXTENSION_ID", raising=False)
    assert extension_ids_from_environment(manifest) == (EXTENSION_ID,)
    assert extension_ids_from_environment(tmp_path / "missing.json") == ()
    monkeypatch.setenv("MEETSCOUT_EXTENSION_ID", "c" * 32)
    assert extension_ids_from_environment(manifest) == ("c" * 32,)
    monkeypatch.setenv("MEETSCOUT_EXTENSION_ID", "not-an-id")
    with pytest.raises(ValueError, match="32 letters"):
        extension_ids_from_environment(manifest)
    with pytest.raises(ValueError, match="base64"):
        extension_id_from_key("not base64!")
