"""Small helpers every LinkedIn page reader shares: text lines, the page's locale, event links."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parsel import Selector

from ...identify import LINKEDIN, Identity, identify

_SPACE = re.compile(r"\s+")
_BLOCKS = frozenset(
    {"div", "p", "li", "ul", "ol", "section", "article", "header", "footer", "main", "aside",
     "h1", "h2", "h3", "h4", "h5", "h6", "time", "dd", "dt", "table", "tr", "td", "br",
     "button", "form", "nav", "label", "body", "html"}
)  # fmt: skip
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "title"})


def clean(text: str | None) -> str:
    """One line of text: no-break and thin spaces as spaces, runs of space collapsed."""
    return _SPACE.sub(" ", (text or "").replace("\u00a0", " ").replace("\u202f", " ")).strip()


def lines(node: Selector) -> list[str]:
    """The visible text of `node` as a person reads it: one entry per block element.

    Inline pieces (`<span>Event by</span> <a>PMI</a>`) join into one line; screen-reader copies
    (`.visually-hidden`), hidden elements, scripts and styles are skipped.
    """
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        text = clean(" ".join(pending))
        pending.clear()
        if text:
            out.append(text)

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""  # comments have a function as tag
        if not tag or tag in _SKIP or el.get("hidden") is not None:
            return
        if "visually-hidden" in (el.get("class") or ""):
            return
        block = tag in _BLOCKS
        if block:
            flush()
        if el.text:
            pending.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                pending.append(child.tail)
        if block:
            flush()

    if isinstance(node.root, str):
        return [clean(node.root)] if clean(node.root) else []
    walk(node.root)
    flush()
    return out


def page_locale(sel: Selector) -> str | None:
    """`de_DE` from `<meta name="i18nLocale">`, else the `<html lang>`; None when neither says."""
    value = (
        sel.css('meta[name="i18nLocale"]::attr(content)').get() or sel.xpath("/html/@lang").get()
    )
    return value.strip().replace("-", "_") if value and value.strip() else None


def language_of(locale: str | None) -> str | None:
    return locale.split("_", 1)[0].lower() if locale else None


def viewer_zone(viewer_tz: str | ZoneInfo | None) -> ZoneInfo:
    """The zone LinkedIn showed times in: the one given, else this machine's own."""
    if isinstance(viewer_tz, ZoneInfo):
        return viewer_tz
    if viewer_tz:
        return ZoneInfo(viewer_tz)
    try:
        from tzlocal import get_localzone_name

        return ZoneInfo(get_localzone_name() or "UTC")
    except (ZoneInfoNotFoundError, ValueError, ImportError):
        return ZoneInfo("UTC")


def event_identity(href: str | None) -> Identity | None:
    """The event a link points at, for real LinkedIn links and links in a local copy alike."""
    if not href or href.startswith(("javascript:", "#", "mailto:")):
        return None
    absolute = urljoin(LINKEDIN + "/", href.strip())
    host = urlsplit(absolute).hostname or ""
    found = identify(absolute, assume=None if host.endswith("linkedin.com") else "linkedin")
    return found if found and found.kind == "event" and found.id else None


def event_identity_of_page(url: str | None) -> Identity | None:
    return event_identity(url) if url else None
