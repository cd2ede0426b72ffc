"""A LinkedIn event page, as a signed-in member sees it or as LinkedIn shows it to guests.

Signed in (an Ember app with volatile classes): the title and id in `h1[data-event-id]`; the date,
place and format each beside an icon (`li-icon[type=…]`, newer `svg[data-test-icon=…]`) in the top
card; the organizer's link; an attendee line; an "About" block. Read by those anchors and by what
the text says, not by class names. Guests get meta tags, OpenGraph and sometimes JSON-LD.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from parsel import Selector

from ...identify import linkedin_event_id, linkedin_event_url
from ...model import Event, Venue
from .attendees import parse_attendee_line
from .common import clean, event_identity_of_page, lines, page_locale, viewer_zone
from .dates import When, parse_date_line
from .words import is_online_text, organizer_from_line

_TOP_CARD = "#events-top-card, section[class*='events-top-card'], [class*='event-top-card']"
_ICON = "li-icon[type*='{0}'], svg[data-test-icon*='{0}'], [data-test-icon*='{0}']"
_ONLINE_ICONS = ("video", "globe", "signal", "live", "audio")
_PLACE_ICONS = ("location", "map-marker", "map")
_ORGANIZER_LINK = (
    "a[href*='/company/'], a[href*='/school/'], a[href*='/showcase/'], a[href*='/in/'], "
    "a[href*='/groups/']"
)
_DESCRIPTION = (
    "[class*='events-about'] [class*='description'], [class*='event-description'], "
    "[class*='events-details'] [class*='description'], #events-about, "
    "section[aria-label='About'] div, .show-more-less-html__markup"
)
_SITE_SUFFIX = re.compile(r"\s*[|·-]\s*LinkedIn\s*$", re.I)


def parse_event_page(
    html: str, *, url: str, now: datetime, viewer_tz: str | ZoneInfo | None = None
) -> Event | None:
    """The event on a LinkedIn event page, or None when the page shows no event.

    `url` is where the page came from (a local copy's address is fine); `now` is when it was
    read, for dates without a year; `viewer_tz` the zone LinkedIn showed times in (default:
    this machine's).
    """
    sel = Selector(text=html or "<html></html>")
    zone = viewer_zone(viewer_tz)
    header = sel.css("h1[data-event-id]")
    if header:
        return _signed_in(sel, header[0], url, now, zone)
    return _guest(sel, url, zone)


def _signed_in(sel: Selector, header: Selector, url: str, now: datetime, zone: ZoneInfo):
    event_id = linkedin_event_id(header.attrib.get("data-event-id")) or _id_from_url(url)
    title = clean(" ".join(lines(header)))
    if not event_id or not title:
        return None
    card = _top_card(sel, header)
    locale = page_locale(sel)
    when = _date(card, now, zone, locale)
    place = _beside_icon(card, _PLACE_ICONS)
    online_line = _beside_icon(card, _ONLINE_ICONS)
    card_lines = [line for line in lines(card) if line != title]
    is_online = None
    if online_line is not None or any(is_online_text(line) for line in card_lines):
        is_online = True
    elif place:
        is_online = False
    return Event(
        id=event_id,
        source="linkedin",
        url=linkedin_event_url(event_id.split(":", 1)[1]),
        title=title,
        description=_description(sel),
        starts_at=when.starts_at if when else None,
        ends_at=when.ends_at if when else None,
        timezone=zone.key,
        organizer=_organizer(card, card_lines),
        group_name=_organizer(card, card_lines),
        venue=_venue(place) if place and not is_online_text(place) else None,
        is_online=is_online,
        attendee_count=next(
            (n for n in map(parse_attendee_line, card_lines) if n is not None), None
        ),
    )


def _top_card(sel: Selector, header: Selector) -> Selector:
    card = sel.css(_TOP_CARD)
    if card:
        return card[0]
    section = header.xpath("ancestor::section[1] | ancestor::main[1]")
    return section[0] if section else sel


def _icon(card: Selector, names: tuple[str, ...]) -> list[Selector]:
    return [icon for name in names for icon in card.css(_ICON.format(name))]


def _beside_icon(card: Selector, names: tuple[str, ...]) -> str | None:
    """The text of the element an icon sits in (climbing until there is some)."""
    for icon in _icon(card, names):
        node = icon
        for _ in range(3):
            parents = node.xpath("..")
            if not parents:
                break
            node = parents[0]
            text = clean(" ".join(lines(node)))
            if text:
                return text
    return None


def _date(card: Selector, now: datetime, zone: ZoneInfo, locale: str | None) -> When | None:
    line = _beside_icon(card, ("calendar",))
    if line:
        found = parse_date_line(line, now=now, zone=zone, locale=locale)
        if found:
            return found
    # No calendar icon (LinkedIn swapped icon sets before): the line with the viewer's-time note.
    for text in lines(card):
        if text.rstrip().endswith(")") and re.search(r"\d", text):
            found = parse_date_line(text, now=now, zone=zone, locale=locale)
            if found:
                return found
    return None


def _organizer(card: Selector, card_lines: list[str]) -> str | None:
    for line in card_lines:
        name = organizer_from_line(line)
        if name:
            return name
    for link in card.css(_ORGANIZER_LINK):
        text = clean(" ".join(lines(link)))
        if text and parse_attendee_line(text) is None:
            return text
    return None


def _description(sel: Selector) -> str | None:
    for node in sel.css(_DESCRIPTION):
        text = "\n".join(lines(node))
        if text.strip():
            return text.strip()
    return _meta(sel, "og:description", "description")


def _venue(place: str) -> Venue:
    name = place.split(",", 1)[0].strip()
    return Venue(name=name or None, address=place if "," in place else None)


def _id_from_url(url: str | None) -> str | None:
    found = event_identity_of_page(url)
    return found.id if found else None


# --- the page LinkedIn shows guests ---------------------------------------------------------


def _guest(sel: Selector, url: str, zone: ZoneInfo) -> Event | None:
    data = _jsonld_event(sel)
    page_url = (
        data.get("url")
        or _meta(sel, "og:url")
        or sel.css("link[rel='canonical']::attr(href)").get()
    )
    # The page itself must say it shows an event; the address alone could be a login page's.
    event_id = _id_from_url(page_url)
    if event_id is None and (data or sel.css("h1.top-card-layout__title")):
        event_id = _id_from_url(url)
    title = clean(
        data.get("name")
        or " ".join(sel.css("h1.top-card-layout__title ::text").getall())
        or _SITE_SUFFIX.sub("", _meta(sel, "og:title") or "")
    )
    if not event_id or not title:
        return None
    starts = _iso(data.get("startDate")) or _iso(sel.css("time::attr(datetime)").get())
    ends = _iso(data.get("endDate"))
    location = data.get("location") or {}
    if isinstance(location, list):
        location = location[0] if location else {}
    mode = str(data.get("eventAttendanceMode") or "")
    is_online = None
    if "Online" in mode or location.get("@type") == "VirtualLocation":
        is_online = True
    elif "Offline" in mode or location.get("@type") == "Place":
        is_online = False
    organizer = data.get("organizer") or {}
    if isinstance(organizer, list):
        organizer = organizer[0] if organizer else {}
    organizer_name = clean(organizer.get("name")) if isinstance(organizer, dict) else None
    return Event(
        id=event_id,
        source="linkedin",
        url=linkedin_event_url(event_id.split(":", 1)[1]),
        title=title,
        description=clean(data.get("description")) or _meta(sel, "og:description", "description"),
        starts_at=starts,
        ends_at=ends,
        timezone=zone.key,
        organizer=organizer_name or None,
        group_name=organizer_name or None,
        venue=_place_venue(location) if is_online is False else None,
        is_online=is_online,
    )


def _jsonld_event(sel: Selector) -> dict:
    for raw in sel.css("script[type='application/ld+json']::text").getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # a truncated block: the meta tags still hold the basics
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(str(k).endswith("Event") for k in kinds):
                return item
            stack.extend(item.get("@graph") or [])
    return {}


def _place_venue(location: dict) -> Venue | None:
    address = location.get("address")
    if isinstance(address, dict):
        return Venue(
            name=clean(location.get("name")) or None,
            address=clean(address.get("streetAddress")) or None,
            city=clean(address.get("addressLocality")) or None,
            region=clean(address.get("addressRegion")) or None,
            country=clean(address.get("addressCountry")) or None,
        )
    name = clean(location.get("name"))
    text = clean(address) if isinstance(address, str) else None
    return Venue(name=name or None, address=text or None) if name or text else None


def _iso(value) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None  # a time without a zone is not worth guessing


def _meta(sel: Selector, *names: str) -> str | None:
    for name in names:
        query = f"meta[property='{name}']::attr(content), meta[name='{name}']::attr(content)"
        value = sel.css(query)
        text = clean(value.get())
        if text:
            return text
    return None
