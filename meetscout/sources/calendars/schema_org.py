"""A page carrying schema.org Events, as JSON-LD or microdata -> meetings.

Eventbrite organiser pages, Squarespace event pages and many association sites describe their
meetings this way. JSON-LD is read by `..jsonld`; microdata (`itemscope itemtype=…/Event`) is read
with `extruct` and shaped like JSON-LD, so one set of field rules serves both.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from ..jsonld import events_from_blocks, jsonld_blocks
from ..text import clean_text, first_line
from .common import (
    SOURCE,
    WINDOW_DAYS,
    CalendarRead,
    Entry,
    calendar_group,
    is_notice,
    settle,
    within,
)
from .discover import site_name

_ADDRESS_PROPS = frozenset({"url", "sameAs"})
_OG_SITE_NAME = "og:site_name"


def parse_schema_events(
    html: str, *, url: str, now: datetime | None = None, days: int = WINDOW_DAYS
) -> CalendarRead:
    """The meetings from a day ago to `days` ahead that a page describes with schema.org Event
    markup (none: an empty read)."""
    errors: list[str] = []
    blocks: list[Any] = jsonld_blocks(html)
    if "itemscope" in html:
        blocks += _microdata(html, url)
    events = events_from_blocks(blocks, url=url, errors=errors)
    name = _site_name(html, blocks, [e.organizer for e in events if e.organizer])
    read = CalendarRead("schema.org", group=calendar_group(url, name))
    group = read.group
    # On a chapter's own page its meetings are the chapter calendar's (a Meetup or LinkedIn
    # event the page names keeps its own source and id).
    placed = [
        e.model_copy(
            update={"group_id": group.id, "group_name": group.name}
            | ({"source": SOURCE} if e.source == "jsonld" else {})
        )
        for e in events
    ]
    if errors:
        read.problems.append(f"{name or url}: skipped {len(errors)} events ({errors[0]})")
    entries = within([Entry(e, notice=is_notice(e.title)) for e in placed], now, days)
    return settle(read, entries, label=name or url)


def _microdata(html: str, url: str) -> list[Any]:
    from extruct.w3cmicrodata import MicrodataExtractor  # slow to import; few pages need it

    try:
        items = MicrodataExtractor().extract(html, base_url=url)
    except Exception as exc:  # noqa: BLE001 (bad markup: the JSON-LD may still be there)
        return [{"@type": "Unreadable", "error": first_line(exc)}]
    return [_as_jsonld(item, url) for item in items]


def _as_jsonld(item: Any, url: str) -> Any:
    """extruct's {"type": …, "properties": {…}} as JSON-LD's {"@type": …, …}."""
    if isinstance(item, list):
        return [_as_jsonld(i, url) for i in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    types = item.get("type")
    types = types if isinstance(types, list) else [types]
    node: dict[str, Any] = {"@type": [str(t).rsplit("/", 1)[-1] for t in types if t]}
    if len(node["@type"]) == 1:
        node["@type"] = node["@type"][0]
    for key, value in item["properties"].items():
        value = _as_jsonld(value, url)
        if key in _ADDRESS_PROPS and isinstance(value, str):
            value = urljoin(url, value)
        node[key] = value
    return node


def _site_name(html: str, blocks: list[Any], organizers: list[str]) -> str | None:
    """The site's og:site_name or Organization, else the events' organiser, else its title."""
    if _OG_SITE_NAME in html:
        return site_name(html)
    for block in blocks:
        for node in block if isinstance(block, list) else [block]:
            if isinstance(node, dict) and node.get("@type") in ("Organization", "WebSite"):
                name = clean_text(node.get("name") or node.get("legalName"))
                if name:
                    return name
    return organizers[0] if organizers else site_name(html)
