"""Is a Meetup answer a login wall, a refusal, or a group that does not exist?

A blocked source must be reported as blocked, never recorded as "no events": the iCal feed was
login-walled in 2023, and a refusal looks like an empty page to a careless crawler. Chapter
calendars use the same rules (Wild Apricot logs in at /Sys/Login, WordPress at /wp-login.php).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_LOGIN_PATH = re.compile(
    r"^/(?:sys/)?(?:login|log-in|signin|sign-in|register|account/login|authwall|checkpoint)"
    r"|/wp-login\.php$",
    re.I,
)
_PASSWORD_FIELD = re.compile(r"<input[^>]+type=[\"']password[\"']", re.I)
_CAPTCHA = re.compile(r"captcha|are you a robot|unusual traffic", re.I)


def group_not_found(status: int, text: str) -> bool:
    """Meetup's answer for an unknown urlname: 404 with `{"message":"Group not found"}`."""
    return status == 404 and "group not found" in text[:2000].lower()


def detect_blocked(status: int, url: str, text: str) -> str | None:
    """A sentence saying why this answer is a wall rather than data, or None."""
    path = urlsplit(url).path.lower()
    if _LOGIN_PATH.search(path):
        return f"redirected to a login page ({path})"
    if status in (401, 403):
        return f"access refused (HTTP {status})"
    if status == 429:
        return "rate limited (HTTP 429) even after backing off"
    if status == 999:
        return "request denied (HTTP 999)"
    head = text[:20000]
    if "__NEXT_DATA__" not in head and "BEGIN:VCALENDAR" not in head[:200]:
        if _PASSWORD_FIELD.search(head):
            return "answered with a login form instead of data"
        if _CAPTCHA.search(head):
            return "answered with a robot check (captcha)"
    return None
