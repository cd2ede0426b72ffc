"""Canonical URLs and stable ids, so one meeting is one row whichever page or feed we met it on."""

from __future__ import annotations

import hashlib
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
