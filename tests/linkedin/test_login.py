"""Signing in: a real Chromium on a local stand-in for LinkedIn's login page. The test's page
"signs in" by script (sets a session cookie, goes to the feed), as the person would by hand."""

from __future__ import annotations

import json
import stat
import subprocess
import sys

import pytest

from meetscout.demo.localsite import LocalSite, Reply

from .conftest import ROOT

pytestmark = pytest.mark.e2e

LOGIN_FORM = """<!DOCTYPE html><html><head><title>LinkedIn Login</title></head><body>
<form class="login__form" action="/checkpoint/lg/login-submit" method="post">
<input id="username" name="session_key"><input id="password" name="session_password" type="password">
<button type="submit">Sign in</button></form>{script}</body></html>"""
SIGNS_IN = (
    "<script>setTimeout(() => { document.cookie = 'li_at=signed-in-by-test; path=/';"
    " location.href = '/feed/'; }, 300);</script>"
)
FEED = '<html><body><div class="feed-identity-module">Welcome, Jane</div></body></html>'

SCRIPT = """
import json, sys
from pathlib import Path
from meetscout.linkedin.session import sign_in
base, folder = sys.argv[1], Path(sys.argv[2])
done = sign_in(folder / "signed-in.json", login_url=base + "/login", headless=True, timeout=30)
gave_up = sign_in(folder / "gave-up.json", login_url=base + "/login-stuck", headless=True, timeout=1)
print(json.dumps([done.outcome, gave_up.outcome]))
"""


def test_sign_in_saves_a_private_session_and_gives_up_in_time(tmp_path):
    routes = {
        "/login": Reply(LOGIN_FORM.format(script=SIGNS_IN)),
        "/login-stuck": Reply(LOGIN_FORM.format(script="")),
        "/feed/": Reply(FEED),
    }
    with LocalSite(routes) as site:
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, site.base_url, str(tmp_path)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["saved", "timeout"]
    saved = tmp_path / "signed-in.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    cookies = {c["name"]: c["value"] for c in json.loads(saved.read_text())["cookies"]}
    assert cookies["li_at"] == "signed-in-by-test"
    assert "signed-in-by-test" not in done.stdout + done.stderr  # never printed
    assert not (tmp_path / "gave-up.json").exists()
