"""LinkedIn's event search results (`/search/results/events/?keywords=…`), one Event per card.

Cards changed shape over the years: 2021's `li.reusable-search__result-container` with
`.entity-result__*` classes; later `[data-chameleon-result-urn]` and
`[data-view-name="search-entity-result-universal-template"]` with generated class names. A card is
found by those anchors, else as the list item around an event link; inside it, each line is read
for what it says (a date, an attendee count, "Event by …", "Online"), not for its class.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from parsel import Selector

from ...identify import Identity
from ...model import Event, Venue
from .attendees import is_attendee_line, parse_attendee_line
from .common import clean, event_identity, lines, page_locale, viewer_zone
from .dates import parse_date_line
from .words import is_online_text, organizer_from_line

_CARDS = (
    "li.reusable-search__result-container",
    "[data-chameleon-result-urn]",
    "[data-view-name='search-entity-result-universal-template']",
    "li.search-result",
)
_TITLE = (
    ".entity-result__title-text a span[aria-hidden='true']",
    ".entity-result__title-text a",
    "a span[aria-hidden='true']",
    "span[dir='ltr']",
)
_SECONDARY = ".entity-result__secondary-subtitle"  # 2021: the place or "Online"
_INSIGHT = ".entity-result__simple-insight-text-container, [class*='insight']"
_SUMMARY = ".entity-result__summary, p[class*='summary']"


def parse_search_results(
    html: str, *, now: datetime, viewer_tz: str | ZoneInfo | None = None
) -> list[Event]:
    """Every event card on a search results page, in page order, each event once."""
    sel = Selector(text=html or "<html></html>")
    zone = viewer_zone(viewer_tz)
    locale = page_locale(sel)
    found: dict[str, Event] = {}
    for card in _cards(sel):
        event = _card_event(card, now, zone, locale)
        if event is not None and event.id not in found:
            found[event.id] = event
    return list(found.values())


def _cards(sel: Selector) -> list[Selector]:
    for query in _CARDS:
        cards = sel.css(query)
        # An outer template may wrap an inner one: keep the innermost holding an event link.
        cards = [c for c in cards if not c.css(", ".join(_CARDS))] or cards
        if cards:
            return cards
    # Unknown markup: the nearest list item (or block) around each event link.
    out, seen = [], set()
    for link in sel.css("a[href*='/events/']"):
        box = link.xpath("ancestor::li[1] | ancestor::div[contains(@class, 'result')][1]")
        node = box[-1] if box else None
        if node is not None and node.root not in seen:
            seen.add(node.root)
            out.append(node)
    return out


def _card_event(card: Selector, now: datetime, zone: ZoneInfo, locale: str | None):
    identity = _link(card)
    if identity is None:
        return None
    title = _title(card, identity)
    if not title:
        return None
    card_lines = [line for line in lines(card) if line != title]
    when, date_at = None, None
    for i, line in enumerate(card_lines):
        if is_attendee_line(line) or organizer_from_line(line):
            continue
        when = parse_date_line(line, now=now, zone=zone, locale=locale)
        if when is not None:
            date_at = i
            break
    insight = [clean(" ".join(lines(n))) for n in card.css(_INSIGHT)]
    attendees = next(
        (n for n in map(parse_attendee_line, insight + card_lines) if n is not None), None
    )
    organizer = next(filter(None, map(organizer_from_line, card_lines)), None)
    place = _place_line(card, card_lines, date_at)
    online = is_online_text(place) or any(is_online_text(line) for line in card_lines)
    summary = [
        text
        for node in card.css(_SUMMARY)
        if (text := clean(" ".join(lines(node)))) and not organizer_from_line(text)
    ]
    return Event(
        id=identity.id,
        source="linkedin",
        url=identity.url,
        title=title,
        description=summary[0] if summary else None,
        starts_at=when.starts_at if when else None,
        ends_at=when.ends_at if when else None,
        timezone=zone.key,
        organizer=organizer,
        group_name=organizer,
        is_online=True if online else (False if place else None),
        venue=_venue(place) if place and not online else None,
        attendee_count=attendees,
    )


def _place_line(card: Selector, card_lines: list[str], date_at: int | None) -> str | None:
    """Where it happens: 2021's secondary subtitle, else the line right under the date."""
    secondary = card.css(_SECONDARY)
    if secondary:
        return clean(" ".join(lines(secondary[0]))) or None
    if date_at is None or date_at + 1 >= len(card_lines):
        return None
    line = card_lines[date_at + 1]
    if is_attendee_line(line) or organizer_from_line(line) or len(line) > 80:
        return None
    return line


def _venue(place: str) -> Venue:
    return Venue(name=place.split(",", 1)[0].strip(), address=place if "," in place else None)


def _link(card: Selector) -> Identity | None:
    for href in card.css("a::attr(href)").getall():
        found = event_identity(href)
        if found is not None:
            return found
    return None


def _title(card: Selector, identity: Identity) -> str | None:
    for query in _TITLE:
        for node in card.css(query):
            text = clean(" ".join(node.css("::text").getall()))
            if text:
                return text
    # The longest text among the links to this event (the image link has none).
    texts = [
        clean(" ".join(a.css("::text").getall()))
        for a in card.css("a")
        if (found := event_identity(a.attrib.get("href"))) and found.id == identity.id
    ]
    return max(texts, key=len, default=None) or None
