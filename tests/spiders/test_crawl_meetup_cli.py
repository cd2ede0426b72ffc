"""`meetscout crawl meetup …` end to end: a real crawl in a fresh process, and its summary."""

import os
import subprocess
import sys

from typer.testing import CliRunner

from meetscout import exit_codes
from meetscout.cli import app
from meetscout.exit_codes import BLOCKED, BUSY, USAGE

from .conftest import ROOT, events_of
from .meetup_site import HDI


def meetscout(*args, env_extra=None, timeout=120):
    env = {**os.environ, "MEETSCOUT_CONFIG": "/nonexistent/meetscout.toml", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "meetscout.cli", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env,
    )  # fmt: skip


def test_a_group_that_does_not_exist_is_an_error_of_its_own(meetup_site, tmp_path):
    """Issue 18 item 8: a mistyped group read as "partial — 0 new" and exit 0. The other groups
    are still crawled; the run says which group does not exist, and the exit status is its own."""
    db = tmp_path / "m.db"
    done = meetscout(
        "crawl", "meetup", HDI, "no-such-group", "--db", str(db), "--base-url", meetup_site.base_url
    )
    assert done.returncode == exit_codes.NOT_FOUND, done.stdout + done.stderr
    assert "not_found — 4 new, 0 updated, 0 unchanged, 0 cancelled, 0 invalid" in done.stdout
    assert "Meetup group 'no-such-group' does not exist" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert len(events_of(db)) == 3


def test_a_whole_meetup_address_is_cut_to_its_urlname(meetup_site, tmp_path):
    db = tmp_path / "m.db"
    done = meetscout(
        "crawl", "meetup", f"https://www.meetup.com/{HDI}/events/", "--db", str(db),
        "--base-url", meetup_site.base_url,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Meetup groups: {HDI}:" in done.stdout
    assert len(events_of(db)) == 3


def test_not_a_group_is_refused_before_crawling(tmp_path):
    result = CliRunner().invoke(
        app, ["crawl", "meetup", "../../etc", "--db", str(tmp_path / "m.db")]
    )
    assert result.exit_code == USAGE
    assert "is not a Meetup group" in result.output
    assert not (tmp_path / "m.db").exists()


def test_help_names_the_urlname():
    result = CliRunner().invoke(app, ["crawl", "meetup", "--help"], env={"COLUMNS": "200"})
    assert "meetup.com/<urlname>/" in result.output


def test_login_wall_exits_non_zero_with_the_reason(meetup_site, tmp_path):
    done = meetscout(
        "crawl", "meetup", "walled-group", "--db", str(tmp_path / "m.db"),
        env_extra={"MEETSCOUT_MEETUP_BASE_URL": meetup_site.base_url},
    )  # fmt: skip
    assert done.returncode == BLOCKED
    assert "blocked" in done.stdout
    assert "redirected to a login page" in done.stderr


def test_no_groups_given_and_none_configured_says_so(tmp_path, monkeypatch):
    config = tmp_path / "meetscout.toml"
    config.write_text("[meetup]\ngroups = []\n")
    monkeypatch.setenv("MEETSCOUT_CONFIG", str(config))
    result = CliRunner().invoke(app, ["crawl", "meetup", "--db", str(tmp_path / "m.db")])
    assert result.exit_code == USAGE
    assert "No Meetup groups to crawl" in result.output
    assert '[meetup] groups = ["hdi-new-jersey"]' in result.output


def test_search_needs_keywords(tmp_path):
    result = CliRunner().invoke(
        app, ["crawl", "meetup-search", "--keywords", " ", "--db", str(tmp_path / "m.db")]
    )
    assert result.exit_code == USAGE and "--keywords needs some words" in result.output


def test_a_crawl_by_hand_never_runs_beside_another_of_its_source(meetup_site, tmp_path):
    from meetscout.scheduling.locks import SourceLock

    db = tmp_path / "m.db"
    args = ("crawl", "meetup", HDI, "--db", str(db), "--base-url", meetup_site.base_url)
    asked = len(meetup_site.hits)
    with SourceLock(db, "meetup"):  # a scheduled crawl of Meetup is running
        done = meetscout(*args)
        assert done.returncode == BUSY
        assert f"a meetup crawl is already running (pid {os.getpid()})" in done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        assert not events_of(db) and len(meetup_site.hits) == asked
        # The scheduler's own crawl holds the lock already, and says so.
        held = meetscout(*args, env_extra={"MEETSCOUT_LOCK_HELD": "meetup"})
        assert held.returncode == 0, held.stderr
    assert SourceLock(db, "meetup").holder() is None  # a crawl by hand lets go when it ends
    assert meetscout(*args).returncode == 0
