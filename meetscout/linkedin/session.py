"""The person's own LinkedIn browser session, saved for the `linkedin_events` crawl.

The person signs in themselves in a visible browser; meetscout never sees or stores a password,
only the browser's `storage_state` (cookies and local storage), in the config folder, readable by
the person alone. Playwright is imported only when a browser is opened.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from ..browser import QUIET_ARGS, ensure_chromium
from ..paths import config_dir

SESSION_FILE = "linkedin-session.json"
LOGIN_URL = "https://www.linkedin.com/login"
# Still signing in while the page is on one of these paths.
_SIGN_IN_PATHS = ("/login", "/checkpoint", "/uas/", "/authwall", "/signup", "/m/login")
# Elements only a signed-in member's pages have.
_SIGNED_IN_MARKS = ".feed-identity-module, .global-nav__me, [data-view-name='feed-full-update']"


def session_path() -> Path:
    return config_dir() / SESSION_FILE


def has_display(env: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a browser window can open here: always on macOS and Windows; on Linux and other
    Unix systems only with an X11 or Wayland display."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if platform.startswith(("darwin", "win", "cygwin")):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def no_display_help(path: Path) -> str:
    return (
        "There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so meetscout "
        "cannot open a browser window for you to sign in to LinkedIn.\n"
        "Do it on a computer with a screen instead:\n"
        "  1. install meetscout there and run `meetscout linkedin login`; sign in in the window "
        "that opens;\n"
        "  2. copy the file it saves (linkedin-session.json in that computer's meetscout config "
        "folder; `meetscout linkedin login` prints where) to this machine as\n"
        f"     {path}\n"
        "  3. keep it private: `chmod 600` it; it holds your signed-in session.\n"
        "Or connect with a forwarded display (`ssh -X`) and run the command again."
    )


def signed_in_url(url: str, site_host: str) -> bool:
    """The page has left LinkedIn's sign-in pages for one of its own."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname != site_host:
        return False
    return not parts.path.startswith(_SIGN_IN_PATHS)


def save_state(state: dict, path: Path) -> None:
    """Write the session where only this user can read it, replacing any older one whole."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".linkedin-session-", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(state, out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    os.chmod(path, 0o600)


def load_state(path: Path) -> dict | None:
    """The saved session, or None when the file is missing or not a storage_state."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("cookies"), list) else None


@dataclass
class SignIn:
    outcome: Literal["saved", "closed", "timeout"]
    path: Path


def sign_in(
    dest: Path,
    *,
    login_url: str = LOGIN_URL,
    headless: bool = False,
    timeout: float = 600,
    poll: float = 0.5,
) -> SignIn:
    """Open LinkedIn's login page and wait for the person to sign in, then save the session.

    Ends when the page leaves the sign-in pages (or shows the feed), when the person closes the
    window, or after `timeout` seconds. `headless` is for tests, which sign in by script.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    site_host = urlsplit(login_url).hostname
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(ensure_chromium()), headless=headless, args=QUIET_ARGS
        )
        try:
            context = browser.new_context()
            page = context.new_page()
            page.goto(login_url, wait_until="domcontentloaded")
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                pages = [p for p in context.pages if not p.is_closed()]
                if not browser.is_connected() or not pages:
                    return SignIn("closed", dest)
                for candidate in pages:
                    try:
                        done = signed_in_url(candidate.url, site_host) or bool(
                            candidate.query_selector(_SIGNED_IN_MARKS)
                        )
                    except PlaywrightError:
                        done = False  # the page navigated or closed under us; look again
                    if done:
                        save_state(context.storage_state(), dest)
                        return SignIn("saved", dest)
                time.sleep(poll)
            return SignIn("timeout", dest)
        except PlaywrightError:
            # The person closed the browser mid-call.
            return SignIn("closed", dest)
        finally:
            if browser.is_connected():
                browser.close()
