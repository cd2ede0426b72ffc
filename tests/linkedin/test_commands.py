"""`meetscout linkedin login|logout` and `meetscout crawl linkedin`: what they say and refuse,
without a browser; one real crawl through the command at the end."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.demo.localsite import LocalSite, Reply
from meetscout.exit_codes import BLOCKED, BUSY, FAILED, OK, USAGE
from meetscout.linkedin.session import has_display, save_state, signed_in_url

from .conftest import ROOT, event_page, page, write_session

runner = CliRunner()


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A config folder and meetscout.toml of the test's own."""
    monkeypatch.setenv("MEETSCOUT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MEETSCOUT_CONFIG", str(tmp_path / "meetscout.toml"))
    monkeypatch.setenv("MEETSCOUT_DB", str(tmp_path / "meetscout.db"))
    return tmp_path


def config(home, text):
    (home / "meetscout.toml").write_text(text)


def test_login_without_a_display_explains_what_to_do(home, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    result = runner.invoke(app, ["linkedin", "login"])
    assert result.exit_code == FAILED
    out = " ".join(result.output.split())
    assert "no display" in out
    assert "computer with a screen" in out and "meetscout linkedin login" in out
    assert str(home / "config" / "linkedin-session.json") in out  # where to copy the file
    assert "password" not in out.lower()
    assert not (home / "config" / "linkedin-session.json").exists()


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({}, "darwin", True),
        ({}, "win32", True),
    ],
)
def test_has_display(env, platform, expected):
    assert has_display(env, platform) is expected


@pytest.mark.parametrize(
    ("url", "signed_in"),
    [
        ("https://www.linkedin.com/login", False),
        ("https://www.linkedin.com/checkpoint/lg/login-submit", False),
        ("https://www.linkedin.com/checkpoint/challenge/AgH", False),
        ("https://www.linkedin.com/uas/login-submit", False),
        ("https://www.linkedin.com/feed/", True),
        ("https://www.linkedin.com/in/jane-doe/", True),
        ("https://accounts.google.com/o/oauth2", False),  # signing in with Google: not yet
        ("about:blank", False),
    ],
)
def test_signed_in_url(url, signed_in):
    assert signed_in_url(url, "www.linkedin.com") is signed_in


def test_session_file_is_private_and_replaced_whole(tmp_path):
    path = tmp_path / "config" / "linkedin-session.json"
    save_state({"cookies": [{"name": "li_at", "value": "one"}], "origins": []}, path)
    save_state({"cookies": [{"name": "li_at", "value": "two"}], "origins": []}, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["cookies"][0]["value"] == "two"
    assert [p.name for p in path.parent.iterdir()] == ["linkedin-session.json"]  # no temp left


def test_logout_deletes_the_session(home):
    path = write_session(home / "session.json")
    (home / "config").mkdir()
    saved = path.rename(home / "config" / "linkedin-session.json")
    result = runner.invoke(app, ["linkedin", "logout"])
    assert result.exit_code == 0 and not saved.exists()
    result = runner.invoke(app, ["linkedin", "logout"])
    assert result.exit_code == 0 and "No saved LinkedIn session" in result.output


def test_crawl_is_off_until_turned_on(home):
    config(home, '[linkedin]\nkeywords = ["networking"]\n')
    result = runner.invoke(app, ["crawl", "linkedin"])
    assert result.exit_code == USAGE  # nothing crawled: something to set up first
    assert "[linkedin]" in result.output and "enabled = true" in result.output
    assert "Traceback" not in result.output


def test_crawl_needs_a_session(home):
    config(home, '[linkedin]\nenabled = true\nkeywords = ["networking"]\n')
    result = runner.invoke(app, ["crawl", "linkedin"])
    assert result.exit_code == USAGE  # nothing crawled: something to set up first
    assert "meetscout linkedin login" in result.output


def test_crawl_refuses_a_session_file_that_is_not_one(home):
    (home / "config").mkdir()
    (home / "config" / "linkedin-session.json").write_text("li_at=AQEDAS…")
    result = runner.invoke(app, ["crawl", "linkedin", "--enable", "-k", "networking"])
    assert result.exit_code == USAGE  # nothing crawled: something to set up first
    assert "not a saved browser session" in result.output
    assert "AQEDAS" not in result.output  # never echo what might be a cookie


def test_crawl_needs_something_to_look_for(home):
    write_session(home / "s.json")
    result = runner.invoke(
        app, ["crawl", "linkedin", "--enable", "--session", str(home / "s.json")]
    )
    assert result.exit_code == USAGE  # nothing crawled: something to set up first
    assert "Nothing to look for" in result.output


def test_crawl_never_runs_beside_another_linkedin_crawl(home):
    from meetscout.scheduling.locks import SourceLock

    write_session(home / "s.json")
    argv = ["crawl", "linkedin", "--enable", "--session", str(home / "s.json"), "-k", "networking"]
    argv += ["--base-url", "http://127.0.0.1:9"]  # were the lock ignored: nothing listens there
    with SourceLock(home / "meetscout.db", "linkedin"):
        result = runner.invoke(app, argv)
    assert result.exit_code == BUSY
    assert f"a linkedin crawl is already running (pid {os.getpid()})" in result.output


def test_crawl_with_a_broken_config_says_where(home):
    config(home, "[linkedin]\nenabled = maybe\n")
    result = runner.invoke(app, ["crawl", "linkedin"])
    assert result.exit_code == USAGE
    assert "meetscout.toml" in result.output and "Traceback" not in result.output


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("answer", "code", "summary"),
    [
        (None, OK, "LinkedIn: ok — 1 new"),
        (Reply(page("denied_999.html"), 999), BLOCKED, "LinkedIn: blocked — 0 new"),
    ],
    ids=["read", "999"],
)
def test_crawl_command_reads_a_listed_event(tmp_path, answer, code, summary):
    """The whole command in its own process: config, session, crawl, summary, exit status (a
    refusal is BLOCKED, the same number as for Meetup and calendars)."""
    event_id = "7133333333333333333"
    reply = answer or Reply(event_page("event_en_US_in_person.html", event_id))
    routes = {f"/events/{event_id}/": reply}
    session = write_session(tmp_path / "s.json")
    (tmp_path / "meetscout.toml").write_text(
        f'[linkedin]\nenabled = true\nevents = ["https://www.linkedin.com/events/{event_id}/"]\n'
    )
    env = {**os.environ, "MEETSCOUT_CONFIG": str(tmp_path / "meetscout.toml")}
    with LocalSite(routes) as site:
        done = subprocess.run(
            [sys.executable, "-m", "meetscout.cli", "crawl", "linkedin", "--db",
             str(tmp_path / "m.db"), "--base-url", site.base_url, "--session", str(session)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
    assert done.returncode == code, done.stderr[-2000:]
    assert summary in done.stdout
    assert [hit.path for hit in site.hits] == [f"/events/{event_id}/"]
    if code == BLOCKED:
        assert "LinkedIn answered 999" in done.stderr and "Traceback" not in done.stderr
