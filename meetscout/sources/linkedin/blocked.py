"""Recognise LinkedIn saying "no": HTTP 999, the authwall, a security check, a login page, an
empty shell. Each is "blocked", never "no events", and says how long to leave LinkedIn alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from parsel import Selector

from .common import clean

DAY = timedelta(hours=24)
_LOGIN_PATHS = ("/login", "/uas/login", "/m/login", "/checkpoint/lg/login", "/signup", "/uas/")
# Markers of pages that do hold what we came for, so a guest page's sign-in pop-up is not a wall.
_CONTENT = (
    "h1[data-event-id], li.reusable-search__result-container, [data-chameleon-result-urn], "
    "[data-view-name='search-entity-result-universal-template'], h1.top-card-layout__title, "
    ".search-results-container, .search-no-results"
)
_LOGIN_FORM = (
    "form[action*='login-submit'], input[name='session_password'], form.login__form, input#password"
)
_CHALLENGE = (
    "form[action*='/checkpoint/challenge'], #captcha-internal, iframe[src*='captcha'], "
    "form[action*='/checkpoint/']:not([action*='/checkpoint/lg/'])"
)
_AUTHWALL = ".authwall-join-form, [class*='authwall'], form[action*='/signup/']"
_SHELL_TEXT = 40  # fewer visible characters than this: nothing was rendered


@dataclass(frozen=True)
class Blocked:
    reason: str  # a sentence for the person, with what to do and how long to wait
    wait: timedelta  # how long to leave LinkedIn alone; 0 when signing in again is the cure


def detect_blocked(status: int, url: str, html: str) -> str | None:
    """Why LinkedIn refused this answer, as a sentence; None when the answer is a real page."""
    found = blocked_answer(status, url, html)
    return found.reason if found else None


def blocked_answer(status: int, url: str, html: str) -> Blocked | None:
    path = urlsplit(url or "").path or "/"
    if status == 999:
        return Blocked(
            f"LinkedIn answered 999 (request denied) for {path}; "
            "wait 24 hours before trying again.",
            DAY,
        )
    if status == 429:
        return Blocked(
            f"LinkedIn answered 429 (too many requests) for {path}; "
            "wait 24 hours before trying again.",
            DAY,
        )
    if path.startswith("/authwall"):
        return _authwall()
    if path.startswith("/checkpoint/challenge") or (
        path.startswith("/checkpoint/") and not path.startswith("/checkpoint/lg/login")
    ):
        return _challenge()
    if path.startswith(_LOGIN_PATHS):
        return _signed_out()
    if status in (401, 403):
        return Blocked(
            f"LinkedIn refused {path} ({status}); wait 24 hours before trying again.", DAY
        )
    if status >= 400:
        return None  # a missing or broken page, not a refusal
    return _blocked_content(html or "")


def _blocked_content(html: str) -> Blocked | None:
    sel = Selector(text=html or "<html></html>")
    if sel.css(_CONTENT):
        return None
    key = _page_key(sel)
    if sel.css(_LOGIN_FORM) or "login" in key:
        return _signed_out()
    if sel.css(_CHALLENGE) or "checkpoint" in key:
        return _challenge()
    if "authwall" in key or sel.css(_AUTHWALL):
        return _authwall()
    visible = clean(
        " ".join(
            sel.xpath(
                "//body//text()[not(ancestor::script or ancestor::style "
                "or ancestor::noscript or ancestor::template)]"
            ).getall()
        )
    )
    if len(visible) < _SHELL_TEXT:
        return Blocked(
            "LinkedIn sent an empty page (nothing rendered for this session), which is how it "
            "sometimes turns automated visits away; wait 24 hours before trying again.",
            DAY,
        )
    return None


def _page_key(sel: Selector) -> str:
    return (sel.css("meta[name='pageKey']::attr(content)").get() or "").lower()


def _authwall() -> Blocked:
    return Blocked(
        "LinkedIn sent its sign-in wall (/authwall): it does not accept the saved session. "
        "Run `meetscout linkedin login` again, and wait 24 hours before the next crawl.",
        DAY,
    )


def _challenge() -> Blocked:
    return Blocked(
        "LinkedIn asked for a security check (/checkpoint/challenge). Open LinkedIn in your own "
        "browser and complete it, then wait 24 hours before the next crawl.",
        DAY,
    )


def _signed_out() -> Blocked:
    return Blocked(
        "LinkedIn sent its login page: the saved session has expired or was signed out. "
        "Run `meetscout linkedin login` again before the next crawl.",
        timedelta(0),
    )
