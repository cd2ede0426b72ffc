"""What a URL is: its canonical form, what a Meetup or LinkedIn URL points at, and the stable
id meetscout stores it under, so one meeting is one row whichever page or feed we met it on.

Ids never depend on titles or on the address a crawl used: a page met on Meetup search, in a group's
feed, or through the browser extension lands on the same row. Stored URLs are always the public
`https://www.meetup.com/…` / `https://www.linkedin.com/…` form, even when a test or the demo
crawled a local copy.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say how someone arrived at a page.
TRACKING_PARAMS = frozenset(
    {
        "recid",
        "recsource",
        "eventorigin",
        "_xtd",
        "rv",
        "from",
        "ref",
        "fbclid",
        "gclid",
        "mc_cid",
        "mc_eid",
        "trk",
        "trackingid",
        "lipi",
        "midtoken",
        "midsig",
        "eid",
        "originalsubdomain",
        "isinternal",
    }
)


def canonical_url(url: str) -> str:
    """Drop tracking parameters, fragments and `www`-less hosts' differences; keep the path."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        raise ValueError(f"not an absolute URL: {url!r}")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=False)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    ]
    path = parts.path or "/"
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def ical_event_id(uid: str) -> str:
    """An id for a calendar entry whose source has no numeric id of its own."""
    return "ical:" + hashlib.sha256(uid.strip().encode()).hexdigest()[:16]


MEETUP = "https://www.meetup.com"
LINKEDIN = "https://www.linkedin.com"

# Paths under meetup.com that are not group urlnames.
MEETUP_RESERVED = frozenset(
    {"find", "topics", "cities", "apps", "help", "login", "register", "create", "account",
     "members", "messages", "notifications", "pro", "lp", "blog", "about", "home", "events",
     "privacy", "terms", "media", "api", "gql", "gql2", "_next", "static", "robots.txt",
     "your-events", "saved-events", "start", "how-to-meetup", "meetup-pro", "download"}
)  # fmt: skip

# A page in another language (/de-DE/<group>/…) is the same page.
_MEETUP_LOCALE = re.compile(r"^/[a-z]{2}-[A-Z]{2}(?=/)")
# Numeric ids, or the alphanumeric ids of recurring events; feeds, lists and an organiser's
# create or draft pages sit where an id would and are not meetings.
_MEETUP_EVENT = re.compile(
    r"^/([A-Za-z0-9_-]+)/events/"
    r"(?!(?:ical|rss|past|calendar|upcoming|draft|create)(?:/|$))(\d+|[a-z0-9]{8,})(?:/[^/]+)?/?$"
)
_MEETUP_GROUP = re.compile(
    r"^/([A-Za-z0-9_-]+)/?(?:(events|about|members|photos|discussions|pages)/?"
    r"(?:calendar/?|past/?|ical/?|rss/?)?)?$"
)
_LINKEDIN_EVENT = re.compile(
    r"^/events/([A-Za-z0-9_%-]*?)(\d{19})/?(?:(theater|comments|about|attendees|posts)/?)?$"
)
_LINKEDIN_VANITY = re.compile(
    r"^/events/([A-Za-z0-9_%-]+)/?(?:(theater|comments|about|attendees|posts)/?)?$"
)
# An organiser's pages under /events/ are not events.
_LINKEDIN_NOT_EVENTS = frozenset({"create", "manage", "search", "feed", "draft"})
# Ids also travel inside URNs and data attributes: "urn:li:fsd_professionalEvent:7123…".
# A slug may end in digits of its own ("summit2024" + id): the id is the last 19 of a run.
_LINKEDIN_ID = re.compile(r"\d{19,}")


@dataclass(frozen=True)
class Identity:
    source: Literal["meetup", "linkedin"]
    kind: Literal["event", "group", "search"]
    id: str | None  # None when the URL alone cannot say (a LinkedIn vanity URL)
    url: str  # canonical public URL


# A Meetup group's urlname: letters, digits, hyphens and underscores (no slash, dot or space).
_MEETUP_URLNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


def is_meetup_urlname(name: str) -> bool:
    return _MEETUP_URLNAME.fullmatch(name) is not None


def meetup_urlname(text: str) -> str:
    """A Meetup group's urlname, from itself or from any address of the group or its events
    ("https://www.meetup.com/hdi-new-jersey/events/" -> "hdi-new-jersey"). ValueError, saying
    what to write, for anything else (a path such as "../../etc" included)."""
    value = str(text).strip()
    if "/" in value or "." in value:
        url = value if "://" in value else f"https://{value.lstrip('/')}"
        found = identify(url) if _host(url) == "meetup.com" else None
        if found is not None and found.kind in ("group", "event"):
            value = urlsplit(found.url).path.strip("/").split("/")[0]
    if is_meetup_urlname(value) and value.lower() not in MEETUP_RESERVED:
        return value
    raise ValueError(
        f"{text!r} is not a Meetup group: write the part of the group's address after "
        'meetup.com/ (for https://www.meetup.com/hdi-new-jersey/ write "hdi-new-jersey"), '
        "or the whole address"
    )


def check_base_url(url: str) -> str:
    """`url` when it is an http(s) address of a site; a ValueError saying why otherwise (a
    `file://` base once made the crawler read local files)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"a base URL must be an http:// or https:// address, not {url!r}")
    return url


def meetup_group_id(urlname: str) -> str:
    return f"meetup-group:{urlname.lower()}"


def meetup_event_url(urlname: str, event_id: str) -> str:
    return f"{MEETUP}/{urlname}/events/{event_id}/"


def linkedin_event_url(numeric_id: str) -> str:
    return f"{LINKEDIN}/events/{numeric_id}/"


def linkedin_event_id(value: str | None) -> str | None:
    """`linkedin:<19 digits>` from a URN, a data attribute or bare digits, or None."""
    if not value:
        return None
    found = _LINKEDIN_ID.findall(value)
    return f"linkedin:{found[-1][-19:]}" if found else None


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def identify(url: str, *, assume: Literal["meetup", "linkedin"] | None = None) -> Identity | None:
    """Identity of a Meetup or LinkedIn URL, or None for anything else.

    `assume` reads a URL on another host (a local copy of the site in tests and the demo) as if it
    were that site's.
    """
    try:
        canonical = canonical_url(url)
    except ValueError:
        return None
    host = _host(canonical)
    site = assume or (
        "meetup"
        if host == "meetup.com"
        else "linkedin"
        if host == "linkedin.com" or re.fullmatch(r"[a-z]{2,3}\.linkedin\.com", host)
        else None
    )
    path = urlsplit(canonical).path
    if site == "meetup":
        return _meetup(path, urlsplit(canonical).query)
    if site == "linkedin":
        return _linkedin(path, urlsplit(canonical).query)
    return None


def _meetup(path: str, query: str) -> Identity | None:
    path = _MEETUP_LOCALE.sub("", path)
    if path in ("/find/", "/find/events/"):
        source = dict(parse_qsl(query)).get("source", "EVENTS")
        if source.upper() != "EVENTS":
            return None  # a search for groups: no meetings on it
        return Identity(
            "meetup", "search", None, f"{MEETUP}{path}" + (f"?{query}" if query else "")
        )
    m = _MEETUP_EVENT.match(path)
    if m and m.group(1).lower() not in MEETUP_RESERVED:
        urlname, event_id = m.groups()
        return Identity(
            "meetup", "event", f"meetup:{event_id}", meetup_event_url(urlname, event_id)
        )
    m = _MEETUP_GROUP.match(path)
    if m and m.group(1).lower() not in MEETUP_RESERVED:
        urlname = m.group(1)
        return Identity("meetup", "group", meetup_group_id(urlname), f"{MEETUP}/{urlname}/")
    return None


def _linkedin(path: str, query: str) -> Identity | None:
    if path.startswith("/search/results/events"):
        return Identity(
            "linkedin", "search", None, f"{LINKEDIN}{path}" + (f"?{query}" if query else "")
        )
    m = _LINKEDIN_EVENT.match(path)
    if m:
        numeric = m.group(2)
        return Identity("linkedin", "event", f"linkedin:{numeric}", linkedin_event_url(numeric))
    m = _LINKEDIN_VANITY.match(path)
    if m and m.group(1).lower() not in _LINKEDIN_NOT_EVENTS:
        return Identity("linkedin", "event", None, f"{LINKEDIN}/events/{m.group(1)}/")
    return None
