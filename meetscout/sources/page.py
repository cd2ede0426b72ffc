"""A page the person is viewing, sent by the browser extension, read into an Event or Group.

The same parsers the spiders use read what the page carries (Meetup's __NEXT_DATA__, JSON-LD,
LinkedIn's event page); when none of them finds the meeting, the title and visible text the
extension saw still make an Event the classifier can judge.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import datetime
from urllib.parse import urlsplit

from ..identify import Identity, canonical_url, identify, meetup_group_id
from ..model import Event, Group
from ..store import now_utc

log = logging.getLogger(__name__)

_SITE_SUFFIX = re.compile(r"\s*[|\-–·]\s*(Meetup|LinkedIn)\s*$", re.IGNORECASE)
_LOOKS_HTML = re.compile(r"<\s*(html|body|div|main|h1|script|head)\b", re.IGNORECASE)


def page_id(url: str) -> str:
    """An id for a page on a site meetscout has no id scheme for (a chapter's own calendar)."""
    return "page:" + hashlib.sha256(url.encode()).hexdigest()[:16]


def _identity(url: str) -> tuple[Identity | None, str]:
    identity = identify(url)
    if identity is not None:
        return identity, identity.url
    try:
        return None, canonical_url(url)
    except ValueError:
        return None, url.strip()


def _clean_title(value: str | None) -> str | None:
    if not value:
        return None
    value = _SITE_SUFFIX.sub("", " ".join(value.split()))
    return value[:300] or None


def _first_line(text: str | None) -> str | None:
    for line in (text or "").splitlines():
        if line.strip():
            return _clean_title(line)
    return None


def _matching(events: list[Event], identity: Identity | None, canonical: str) -> Event | None:
    for event in events:
        if identity is not None and identity.id and event.id == identity.id:
            return event
    for event in events:
        try:
            if canonical_url(event.url) == canonical:
                return event
        except ValueError:
            continue
    # A page about one meeting names only that one; a list page needs the id to pick.
    return (
        events[0] if len(events) == 1 and (identity is None or identity.kind == "event") else None
    )


def _meetup_urlname(canonical: str) -> str | None:
    parts = [p for p in urlsplit(canonical).path.split("/") if p]
    return parts[0] if parts else None


def _parsed(
    url: str,
    identity: Identity | None,
    canonical: str,
    *,
    jsonld: str | None,
    next_data: str | None,
    html: str | None,
    now: datetime,
) -> Event | None:
    """The meeting as the real parsers read it, or None. A parser's failure on odd input is the
    page's fault, not the person's: it falls through to the next way of reading the page."""
    source = identity.source if identity else None
    if next_data and source in (None, "meetup"):
        from .meetup_nextdata import parse_next_data

        try:
            found = _matching(parse_next_data(next_data, url=canonical).events, identity, canonical)
        except Exception as exc:  # noqa: BLE001 (a malformed page: try the next reader)
            log.info("__NEXT_DATA__ of %s unreadable: %s", url, exc)
            found = None
        if found:
            return found
    if jsonld:
        from .jsonld import parse_jsonld_events

        try:
            found = _matching(parse_jsonld_events(jsonld, url=canonical), identity, canonical)
        except Exception as exc:  # noqa: BLE001
            log.info("JSON-LD of %s unreadable: %s", url, exc)
            found = None
        if found:
            return found
    if html and source == "linkedin":
        from .linkedin import parse_event_page

        try:
            found = parse_event_page(html, url=canonical, now=now)
        except Exception as exc:  # noqa: BLE001
            log.info("LinkedIn page %s unreadable: %s", url, exc)
            found = None
        if found:
            return found
    return None


def event_from_page(
    url: str,
    *,
    title: str | None = None,
    text: str | None = None,
    group_name: str | None = None,
    jsonld: str | None = None,
    next_data: str | None = None,
    html: str | None = None,
    now: datetime | None = None,
) -> Event | None:
    """The event a page shows, or None when the page is not about one meeting (a group page, a
    search) or carries nothing to judge by."""
    identity, canonical = _identity(url)
    if identity is not None and identity.kind != "event":
        return None
    now = now or now_utc()
    if html is None and text and _LOOKS_HTML.search(text[:2000]):
        html = text  # an extension that sent the page's HTML as its text
    found = _parsed(
        url, identity, canonical, jsonld=jsonld, next_data=next_data, html=html, now=now
    )
    if found is not None:
        return found
    name = _clean_title(title) or _first_line(None if text is html else text)
    if not name:
        return None
    source = identity.source if identity else "page"
    group_id = None
    if source == "meetup":
        urlname = _meetup_urlname(canonical)
        group_id = meetup_group_id(urlname) if urlname else None
    return Event(
        id=(identity.id if identity and identity.id else page_id(canonical)),
        source=source,
        url=canonical,
        title=name,
        description=None if text is html else text,
        group_id=group_id,
        group_name=_clean_title(group_name),
    )


def group_from_page(
    url: str,
    *,
    title: str | None = None,
    text: str | None = None,
    group_name: str | None = None,
    next_data: str | None = None,
) -> Group | None:
    """The group a Meetup group page shows, or None when the URL is not a group's."""
    identity, canonical = _identity(url)
    if identity is None or identity.kind != "group" or not identity.id:
        return None
    if next_data and identity.source == "meetup":
        from .meetup_nextdata import parse_next_data

        try:
            group = parse_next_data(next_data, url=canonical).group
        except Exception as exc:  # noqa: BLE001
            log.info("__NEXT_DATA__ of %s unreadable: %s", url, exc)
            group = None
        if group is not None:
            return group
    name = _clean_title(group_name) or _clean_title(title) or _first_line(text)
    if not name:
        return None
    return Group(
        id=identity.id,
        source=identity.source,
        url=canonical,
        name=name,
        urlname=_meetup_urlname(canonical) if identity.source == "meetup" else None,
        description=text,
    )
