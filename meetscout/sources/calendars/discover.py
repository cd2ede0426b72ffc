"""A chapter's home page -> the calendars it publishes, best first, each with how it was found.

What sites show: `<link rel="alternate" type="text/calendar">` (The Events Calendar prints one),
links to `.ics`, `webcal://` and `?ical=1`, a Google Calendar embed (its `src=` names the public
feed), The Events Calendar's REST API (`<link rel="https://api.w.org/">` on a site whose pages
show the plugin, or the `x-tec-api-root` answer header), Wild Apricot's event RSS, and schema.org
events in the page itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qs, quote, urljoin, urlsplit

from parsel import Selector

from ..text import clean_text

# The order in which found calendars are read: the API gives UTC times and whole venues.
KINDS = ("tribe", "ics", "wild_apricot", "page")
_TRIBE_SIGNS = re.compile(r"the-events-calendar|tribe-events|tribe_events|[?&]ical=1", re.I)
_ICS_HREF = re.compile(r"\.ics(?:$|[?#])|^webcal://|[?&](?:ical|outlook-ical)=1\b", re.I)
_GOOGLE_EMBED = re.compile(
    r"^https?://(?:calendar|www)\.google\.com/calendar/(?:u/\d+/)?embed", re.I
)
_WA_RSS = re.compile(r"/EventModule/\d+/RSS$|/events/RSS$", re.I)
_EVENT_MARKUP = re.compile(
    r'"@type"\s*:\s*"\w*Event"|itemtype=["\']https?://schema\.org/\w*Event["\']', re.I
)


_SITE_NAME = re.compile(
    r'<meta[^>]+property=["\']og:site_name["\'][^>]+content=["\']([^"\']+)', re.I
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


@dataclass(frozen=True)
class FoundFeed:
    url: str
    kind: str  # one of KINDS
    how: str  # what on the page gave it away, for the person


def discover(html: str, *, url: str, headers: Mapping[str, str] | None = None) -> list[FoundFeed]:
    """The calendars a page points at, best first (empty: the page shows no calendar)."""
    page = Selector(text=html or "<html></html>")
    found: dict[str, FoundFeed] = {}

    def add(address: str, kind: str, how: str) -> None:
        address = _absolute(address, url)
        if address and address not in found:
            found[address] = FoundFeed(address, kind, how)

    api_root = _header(headers, "x-tec-api-root")
    if api_root:
        add(_events_endpoint(api_root), "tribe", "the x-tec-api-root answer header")
    wp_api = page.css('link[rel="https://api.w.org/"]::attr(href)').get()
    if wp_api and _TRIBE_SIGNS.search(html):
        add(
            _events_endpoint(urljoin(wp_api, "tribe/events/v1/")),
            "tribe",
            'The Events Calendar on a WordPress site (<link rel="https://api.w.org/">)',
        )
    for href in page.css('link[rel~="alternate"][type="text/calendar"]::attr(href)').getall():
        add(href, "ics", '<link rel="alternate" type="text/calendar"> in the page')
    for src in page.css("iframe::attr(src)").getall():
        feed = _google_feed(urljoin(url, src))
        if feed:
            add(feed, "ics", "a Google Calendar embedded in the page")
    for href in page.css("a::attr(href)").getall():
        href = href.strip()
        if "format=ical" in href:
            continue  # Squarespace's export of one event, not a calendar
        if _ICS_HREF.search(href):
            add(href, "ics", f"a link to {_short(href)}")
        elif _GOOGLE_EMBED.match(urljoin(url, href)):
            add(_google_feed(urljoin(url, href)) or "", "ics", "a link to a Google Calendar")
    rss = page.css('link[rel~="alternate"][type="application/rss+xml"]::attr(href)').getall()
    for href in rss + page.css("a::attr(href)").getall():
        if _WA_RSS.search(urlsplit(urljoin(url, href.strip())).path):
            add(href, "wild_apricot", "Wild Apricot's event RSS feed")
    if _EVENT_MARKUP.search(html or ""):
        add(url, "page", "schema.org events in the page itself")
    return sorted(found.values(), key=lambda f: KINDS.index(f.kind))


def site_name(html: str) -> str | None:
    """What a site calls itself: its og:site_name, else its page title."""
    found = _SITE_NAME.search(html or "") or _TITLE.search(html or "")
    return clean_text(unescape(" ".join(found.group(1).split()))) if found else None


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value.strip() or None
    return None


def _events_endpoint(root: str) -> str:
    root = root if root.endswith("/") else root + "/"
    return root if root.rstrip("/").endswith("/events") else root + "events"


def _google_feed(src: str) -> str | None:
    """A Google Calendar embed's public feed: `…/embed?src=<id>` -> `…/<id>/public/basic.ics`."""
    if not _GOOGLE_EMBED.match(src):
        return None
    ids = parse_qs(urlsplit(src).query).get("src")
    if not ids:
        return None
    return f"https://calendar.google.com/calendar/ical/{quote(ids[0], safe='')}/public/basic.ics"


def _absolute(href: str, base: str) -> str | None:
    href = (href or "").strip()
    if not href:
        return None
    if href.lower().startswith("webcal://"):
        # webcal is "subscribe over HTTP(S)": the page's own scheme on its host, else HTTPS.
        rest = href[len("webcal://") :]
        base_parts = urlsplit(base)
        same_host = rest.split("/", 1)[0].lower() == base_parts.netloc.lower()
        scheme = base_parts.scheme if same_host else "https"
        return f"{scheme}://{rest}"
    address = urljoin(base, href)
    return address if urlsplit(address).scheme in ("http", "https") else None


def _short(href: str) -> str:
    return href if len(href) <= 80 else href[:77] + "…"
