"""schema.org `Event` JSON-LD -> Events: a fallback for pages whose own data we cannot read.

Meetup event pages have at times carried an `Event` or `EducationEvent` (with a truncated
description); association chapter sites (Cvent, Wild Apricot, WordPress plugins) often do. We use
it when present and never rely on it.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import orjson
from pydantic import ValidationError

from ..identify import identify
from ..model import Event, Fee, Status, Venue
from .meetup_fields import clean_venue, parse_time
from .text import clean_text, first_line, html_to_text, says_called_off

_SCRIPT = re.compile(
    r'<script[^>]*type=["\']application/ld\+json["\'][^>]*>(.*?)</script>', re.S | re.I
)
_ONLINE_MODE = "OnlineEventAttendanceMode"
_CALLED_OFF = ("EventCancelled", "EventPostponed")


def jsonld_blocks(text: str) -> list[Any]:
    """Every JSON-LD object on a page (or `text` itself when it is JSON); bad blocks are skipped."""
    stripped = text.lstrip()
    raws = [stripped] if stripped[:1] in ("{", "[") else _SCRIPT.findall(text)
    blocks = []
    for raw in raws:
        try:
            blocks.append(orjson.loads(raw.strip()))
        except orjson.JSONDecodeError:
            continue
    return blocks


def _walk(node: Any):
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _walk(node["@graph"])


def _is_event(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.endswith("Event") for t in types)


def parse_jsonld_events(
    text: str, *, url: str | None = None, errors: list[str] | None = None
) -> list[Event]:
    """Events described by schema.org JSON-LD in `text` (an HTML page or the JSON-LD itself).

    `url` is the page's address, used when an event names none of its own.
    """
    return events_from_blocks(jsonld_blocks(text), url=url, errors=errors)


def events_from_blocks(
    blocks: list[Any], *, url: str | None = None, errors: list[str] | None = None
) -> list[Event]:
    """Events among schema.org objects shaped as JSON-LD (from JSON-LD, or microdata made so)."""
    events: list[Event] = []
    for block in blocks:
        for node in _walk(block):
            if not _is_event(node):
                continue
            try:
                events.append(_event(node, url))
            except (ValidationError, ValueError, TypeError) as exc:
                if errors is not None:
                    errors.append(f"JSON-LD event {node.get('name', '?')}: {first_line(exc)}")
    return events


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    return clean_text(value)


def _place(location: Any) -> tuple[Venue | None, bool]:
    """(venue, virtual?) from a Place, a VirtualLocation, a list of both, or a bare string."""
    venue, online = None, False
    for loc in location if isinstance(location, list) else [location]:
        if isinstance(loc, str):
            found, placeholder = clean_venue(loc)
            venue, online = venue or found, online or placeholder
            continue
        if not isinstance(loc, dict):
            continue
        if loc.get("@type") == "VirtualLocation":
            online = True
            continue
        address = loc.get("address")
        geo = loc.get("geo") if isinstance(loc.get("geo"), dict) else {}
        if isinstance(address, dict):
            found, placeholder = clean_venue(
                loc.get("name"),
                address.get("streetAddress"),
                address.get("addressLocality"),
                address.get("addressRegion"),
                _text(address.get("addressCountry")),
                _number(geo.get("latitude")),
                _number(geo.get("longitude")),
            )
        else:
            found, placeholder = clean_venue(loc.get("name"), address)
        venue, online = venue or found, online or placeholder
    return venue, online


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _fee(offers: Any) -> Fee | None:
    offers = offers if isinstance(offers, list) else [offers]
    prices = []
    currency = None
    for offer in offers:
        if not isinstance(offer, dict):
            continue
        price = _number(offer.get("price") if "price" in offer else offer.get("lowPrice"))
        if price is not None:
            prices.append(price)
            currency = currency or clean_text(offer.get("priceCurrency"))
    if not prices:
        return None
    low = min(prices)
    return Fee(amount=low, currency=currency, free=low == 0)


def _event(node: dict[str, Any], page_url: str | None) -> Event:
    event_url = _text(node.get("url")) or page_url
    if not event_url:
        raise ValueError("no URL")
    title = _text(node.get("name")) or ""
    description = clean_text(node.get("description"))
    if description and "<" in description:
        description = html_to_text(description)
    venue, online = _place(node.get("location"))
    mode = str(node.get("eventAttendanceMode") or "")
    if _ONLINE_MODE in mode or "MixedEventAttendanceMode" in mode:
        online = True
    status = str(node.get("eventStatus") or "")
    cancelled = any(s in status for s in _CALLED_OFF) or says_called_off(title, description)
    ident = identify(event_url)
    if ident and ident.kind == "event" and ident.id:
        event_id, source, event_url = ident.id, ident.source, ident.url
    else:
        key = _text(node.get("@id")) or event_url + "|" + str(node.get("startDate"))
        event_id, source = "jsonld:" + hashlib.sha256(key.encode()).hexdigest()[:16], "jsonld"
    return Event(
        id=event_id,
        source=source,
        url=event_url,
        title=title,
        description=description,
        starts_at=parse_time(node.get("startDate")),
        ends_at=parse_time(node.get("endDate")),
        organizer=_text(node.get("organizer")),
        venue=venue,
        is_online=True if online else (False if venue else None),
        fee=_fee(node.get("offers")),
        status=Status.cancelled if cancelled else Status.scheduled,
    )
