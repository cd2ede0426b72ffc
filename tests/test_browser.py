"""The browser finder, with candidates laid out as real files rather than mocked."""

import os

import pytest

from meetscout import browser


def _exe(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.fixture(autouse=True)
def no_override(monkeypatch):
    monkeypatch.delenv("MEETSCOUT_CHROMIUM", raising=False)


def test_prefers_playwrights_newest_chromium(tmp_path):
    pw = tmp_path / "ms-playwright"
    _exe(pw / "chromium-1100" / "chrome-linux" / "chrome")
    newest = _exe(pw / "chromium-1200" / "chrome-linux64" / "chrome")
    _exe(pw / "chromium_headless_shell-1300" / "chrome-linux" / "headless_shell")
    system = _exe(tmp_path / "usr" / "bin" / "chromium")
    assert browser.find_chromium(pw, [str(system)]) == newest


def test_falls_back_to_the_system_browser(tmp_path):
    system = _exe(tmp_path / "usr" / "bin" / "chromium")
    missing = tmp_path / "usr" / "bin" / "google-chrome"
    assert browser.find_chromium(tmp_path / "none", [str(missing), str(system)]) == system


def test_skips_files_that_are_not_executable(tmp_path):
    plain = tmp_path / "chromium"
    plain.write_text("")
    assert browser.find_chromium(tmp_path / "none", [str(plain)]) is None


def test_override_by_environment(tmp_path, monkeypatch):
    chosen = _exe(tmp_path / "my-chrome")
    monkeypatch.setenv("MEETSCOUT_CHROMIUM", str(chosen))
    assert browser.find_chromium(tmp_path / "none", []) == chosen


def test_no_browser_and_no_apt_explains_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(browser, "SYSTEM_CANDIDATES", ())
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "none"))
    with pytest.raises(browser.BrowserNotFound, match="apt-get install chromium"):
        browser.ensure_chromium()


def test_the_machine_running_the_tests_has_a_browser():
    found = browser.ensure_chromium()
    assert os.access(found, os.X_OK)


@pytest.fixture
def no_browser_but_apt(tmp_path, monkeypatch):
    """No Chromium anywhere, root-like conditions for apt, and an apt-get on PATH that only
    records that it was called."""
    monkeypatch.setattr(browser, "SYSTEM_CANDIDATES", ())
    monkeypatch.setattr(browser, "can_apt_install", lambda: True)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "none"))
    bin_dir, calls = tmp_path / "bin", tmp_path / "apt-get-calls"
    fake = _exe(bin_dir / "apt-get")
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexit 0\n')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return calls


def test_finding_a_browser_never_installs_one(no_browser_but_apt):
    with pytest.raises(browser.BrowserNotFound, match="meetscout browser --install"):
        browser.ensure_chromium()
    assert not no_browser_but_apt.exists(), "apt-get ran without being asked"


def test_the_linkedin_spider_says_what_is_missing_without_installing(no_browser_but_apt):
    from meetscout.spiders.linkedin_events import LinkedInEventsSpider
    from scrapy.settings import Settings

    with pytest.raises(browser.BrowserNotFound, match="apt-get install chromium"):
        LinkedInEventsSpider.update_settings(Settings())
    assert not no_browser_but_apt.exists(), "apt-get ran without being asked"


def test_crawl_linkedin_says_what_is_missing_without_installing(no_browser_but_apt, tmp_path):
    from typer.testing import CliRunner

    from meetscout.cli import app
    from tests.linkedin.conftest import write_session

    session = write_session(tmp_path / "session.json")
    (tmp_path / "meetscout.toml").write_text("")
    result = CliRunner().invoke(
        app,
        ["crawl", "linkedin", "--enable", "--keyword", "pmi", "--session", str(session)]
        + ["--db", str(tmp_path / "m.db"), "--config", str(tmp_path / "meetscout.toml")],
    )
    assert result.exit_code != 0
    assert "apt-get install chromium" in result.output
    assert not no_browser_but_apt.exists(), "apt-get ran without being asked"


def test_only_an_explicit_install_runs_apt_get(no_browser_but_apt):
    with pytest.raises(browser.BrowserNotFound):
        browser.ensure_chromium(install=True)  # the fake installs nothing
    assert "install -y -q chromium" in no_browser_but_apt.read_text()
