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
        browser.ensure_chromium(install=False)


def test_the_machine_running_the_tests_has_a_browser():
    found = browser.ensure_chromium(install=False)
    assert os.access(found, os.X_OK)
