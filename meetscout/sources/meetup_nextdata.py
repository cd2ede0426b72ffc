"""Meetup's `__NEXT_DATA__` (group events, group about and event pages) -> a group and its events.

The data is a normalised Apollo cache (`props.pageProps.__APOLLO_STATE__`) whose objects point at
each other with `{"__ref": "Venue:123"}`; older event pages also carry a denormalised
`pageProps.event` and key the event as `Event:<id>!chp`. Cache keys with arguments changed style
over the years (`groupByUrlname({"urlname":"x"})`, later `groupByUrlname:{"urlname":"x"}`), so
keys are matched by prefix. The JSON is pulled out with a regular expression rather than an HTML
parser: it is one script element, and building the DOM would cost about three times as much.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import ValidationError

from ..model import Event, Fee, Group, Status
from .meetup_fields import (
    SOURCE,
    canonical_zone,
    clean_venue,
    event_ref,
    group_ref,
    parse_time,
)
from .text import (
    clean_text,
    first_line,
    html_to_text,
    says_called_off,
    unescape_markdown,
)

_NEXT_DATA = re.compile(r'<script[^>]*id=["\']__NEXT_DATA__["\'][^>]*>(.*?)</script>', re.S)
_ARGS = re.compile(r"^[A-Za-z]+[(:](.*?)\)?$", re.S)


@dataclass
class MeetupPage:
    group: Group | None = None
    events: list[Event] = field(default_factory=list)
    # More events than the server sent: the listing is cut (`pageInfo.hasNextPage`).
    has_next_page: bool = False
    # Ids of the group's upcoming-events list on this page, or None when the page shows none.
    listed_upcoming: list[str] | None = None
    route: str | None = None  # Next.js page, e.g. "/[slug]/events"


def extract_next_data(text: str | bytes) -> dict[str, Any]:
    """The `__NEXT_DATA__` object of a page (or `text` itself when it is the JSON).

    Raises ValueError when there is none or it is not JSON.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        raw = stripped
    else:
        m = _NEXT_DATA.search(text)
        if not m:
            raise ValueError("no __NEXT_DATA__ script on the page")
        raw = m.group(1)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"__NEXT_DATA__ is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("__NEXT_DATA__ is not a JSON object")
    return data


def parse_next_data(
    text: str | bytes, *, url: str | None = None, errors: list[str] | None = None
) -> MeetupPage:
    """The group and events a Meetup page's `__NEXT_DATA__` holds.

    `text` is a whole HTML page or the JSON itself; `url` is the page's canonical address (used
    when an event carries no `eventUrl`). Raises ValueError when the page has no such data.
    Events that cannot be read are skipped and, when `errors` is given, described there.
    """
    data = extract_next_data(text)
    props = data.get("props") if isinstance(data.get("props"), dict) else data
    page_props = props.get("pageProps") if isinstance(props.get("pageProps"), dict) else props
    state = page_props.get("__APOLLO_STATE__") or props.get("__APOLLO_STATE__") or {}
    if not isinstance(state, dict):
        state = {}
    if not state and not isinstance(page_props.get("event"), dict):
        raise ValueError("__NEXT_DATA__ holds neither an Apollo cache nor an event")
    cache = _Cache(state)
    raw_group = _find_group(cache, page_props)
    group = _group(raw_group, cache, errors) if raw_group else None
    page = MeetupPage(group=group, route=data.get("page") if isinstance(data, dict) else None)
    if raw_group:
        page.listed_upcoming, page.has_next_page = _upcoming_listing(raw_group, cache)
    slug = page_props.get("slug") or page_props.get("urlname") or (group.urlname if group else None)
    seen: dict[str, Event] = {}
    for raw in _raw_events(cache, page_props):
        try:
            event = _event(raw, cache, group, slug, url)
        except (ValidationError, ValueError, TypeError) as exc:
            if errors is not None:
                errors.append(f"event {raw.get('id', '?')}: {first_line(exc)}")
            continue
        if event is not None and event.id not in seen:
            seen[event.id] = event
    page.events = list(seen.values())
    return page


class _Cache:
    def __init__(self, state: dict[str, Any]):
        self.state = state

    def get(self, value: Any) -> Any:
        if isinstance(value, dict) and "__ref" in value:
            return self.state.get(value["__ref"])
        return value

    def by_prefix(self, obj: dict[str, Any], name: str) -> list[tuple[dict, Any]]:
        """(arguments, value) of every `name(...)` / `name:{...}` key of `obj`."""
        found = []
        for key, value in obj.items():
            if key == name:
                found.append(({}, value))
            elif key.startswith((name + "(", name + ":")):
                m = _ARGS.match(key)
                try:
                    args = orjson.loads(m.group(1)) if m else {}
                except orjson.JSONDecodeError:
                    args = {}
                found.append((args if isinstance(args, dict) else {}, value))
        return found


def _find_group(cache: _Cache, page_props: dict[str, Any]) -> dict[str, Any] | None:
    root = cache.state.get("ROOT_QUERY") or {}
    for _, ref in cache.by_prefix(root, "groupByUrlname"):
        group = cache.get(ref)
        if isinstance(group, dict):
            return group
    event = page_props.get("event")
    if isinstance(event, dict) and isinstance(cache.get(event.get("group")), dict):
        return cache.get(event.get("group"))
    groups = [v for k, v in cache.state.items() if k.startswith("Group:") and isinstance(v, dict)]
    return groups[0] if len(groups) == 1 else None


def _raw_events(cache: _Cache, page_props: dict[str, Any]) -> list[dict[str, Any]]:
    """Every event object on the page; the denormalised copy fills gaps in the cached one."""
    by_key: dict[str, dict[str, Any]] = {}
    for key, value in cache.state.items():
        if key.startswith("Event:") and isinstance(value, dict):
            by_key[key.split(":", 1)[1].split("!", 1)[0]] = value
    denormalised = page_props.get("event")
    if isinstance(denormalised, dict) and denormalised.get("id"):
        key = str(denormalised["id"]).split("!", 1)[0]
        cached = by_key.get(key, {})
        by_key[key] = {**denormalised, **{k: v for k, v in cached.items() if v is not None}}
    return list(by_key.values())


def _upcoming_listing(raw_group: dict[str, Any], cache: _Cache) -> tuple[list[str] | None, bool]:
    listed: list[str] | None = None
    more = False
    for args, connection in cache.by_prefix(raw_group, "events"):
        connection = cache.get(connection)
        if not isinstance(connection, dict) or "edges" not in connection:
            continue
        flt = args.get("filter") or {}
        statuses = {str(s).upper() for s in flt.get("status") or []}
        upcoming = "ACTIVE" in statuses or "UPCOMING" in statuses or "afterDateTime" in flt
        if not upcoming:
            continue
        listed = listed or []
        for edge in connection.get("edges") or []:
            node = cache.get((edge or {}).get("node"))
            if not isinstance(node, dict):
                continue
            if str(node.get("status") or "").upper() == "PAST":
                continue
            ref = event_ref(node.get("eventUrl"), node.get("id"), raw_group.get("urlname"))
            if ref:
                listed.append(ref.id)
        info = cache.get(connection.get("pageInfo")) or {}
        more = more or bool(info.get("hasNextPage"))
    return listed, more


def _names(values: Any, cache: _Cache) -> list[str]:
    names = []
    for value in values or []:
        obj = cache.get(value)
        name = clean_text(obj.get("name")) if isinstance(obj, dict) else None
        if name and name not in names:
            names.append(name)
    return names


def _group(raw: dict[str, Any], cache: _Cache, errors: list[str] | None) -> Group | None:
    urlname = clean_text(raw.get("urlname"))
    if not urlname:
        link = clean_text(raw.get("link")) or ""
        urlname = link.rstrip("/").rsplit("/", 1)[-1] or None
    name = clean_text(raw.get("name"))
    if not urlname or not name:
        return None
    group_id, url = group_ref(urlname)
    stats = cache.get(raw.get("stats")) or {}
    counts = cache.get(stats.get("memberCounts")) or {}
    members = counts.get("all") if isinstance(counts, dict) else None
    if members is None:
        members = raw.get("memberCount") or raw.get("members")
    topics = _names(raw.get("activeTopics") or raw.get("topics"), cache)
    category = cache.get(raw.get("topicCategory"))
    if isinstance(category, dict) and clean_text(category.get("name")):
        topics.append(clean_text(category.get("name")))
    description = clean_text(raw.get("description"))
    try:
        return Group(
            id=group_id,
            source=SOURCE,
            url=url,
            name=name,
            urlname=urlname,
            city=clean_text(raw.get("city")),
            region=clean_text(raw.get("state")),
            country=(clean_text(raw.get("country")) or "").upper() or None,
            timezone=canonical_zone(raw.get("timezone")),
            member_count=members if isinstance(members, int) else None,
            topics=list(dict.fromkeys(topics)),
            description=html_to_text(description) if description else None,
        )
    except ValidationError as exc:
        if errors is not None:
            errors.append(f"group {urlname}: {first_line(exc)}")
        return None


def _count(raw: dict[str, Any]) -> int | None:
    for key, inner in (("going", "totalCount"), ("rsvps", "yesCount"), ("rsvps", "totalCount")):
        value = raw.get(key)
        if isinstance(value, dict):
            value = value.get(inner)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    value = raw.get("yesRsvpCount") or raw.get("rsvpCount")
    return value if isinstance(value, int) else None


def _fee(raw: dict[str, Any], cache: _Cache) -> Fee | None:
    if "feeSettings" not in raw:
        return None  # not asked for: unknown, not free
    settings = cache.get(raw["feeSettings"])
    if not isinstance(settings, dict):
        return Fee(free=True)  # Meetup sends null for a free event
    amount = settings.get("amount")
    amount = float(amount) if isinstance(amount, int | float) else None
    currency = clean_text(settings.get("currency"))
    if amount == 0:
        return Fee(amount=0.0, currency=currency, free=True)
    return Fee(amount=amount, currency=currency.upper() if currency else None)


def _online(raw: dict[str, Any], placeholder: bool) -> bool | None:
    kind = str(raw.get("eventType") or "").upper()
    if kind in ("ONLINE", "HYBRID"):
        return True
    if kind == "PHYSICAL":
        return False
    if isinstance(raw.get("isOnline"), bool):
        return raw["isOnline"]
    return True if placeholder else None


def _description(value: Any) -> str | None:
    text = clean_text(value)
    if not text:
        return None
    if re.search(r"</?(?:p|br|div|a|ul|li|b|strong|em)\b", text):
        return html_to_text(text)
    return unescape_markdown(text).strip() or None


def _event(
    raw: dict[str, Any],
    cache: _Cache,
    group: Group | None,
    slug: str | None,
    page_url: str | None,
) -> Event | None:
    raw_group = cache.get(raw.get("group"))
    urlname = clean_text(raw_group.get("urlname")) if isinstance(raw_group, dict) else None
    urlname = urlname or (group.urlname if group else None) or slug
    ref = event_ref(clean_text(raw.get("eventUrl")), raw.get("id"), urlname)
    if ref is None and page_url:
        ref = event_ref(page_url)
    if ref is None:
        raise ValueError("no event id or URL")
    title = clean_text(raw.get("title")) or ""
    description = _description(raw.get("description"))
    venue_raw = cache.get(raw.get("venue"))
    venue, placeholder = (None, False)
    if isinstance(venue_raw, dict):
        venue, placeholder = clean_venue(
            venue_raw.get("name"),
            venue_raw.get("address"),
            venue_raw.get("city"),
            venue_raw.get("state"),
            venue_raw.get("country"),
            venue_raw.get("lat"),
            venue_raw.get("lng", venue_raw.get("lon")),
        )
    group_name = clean_text(raw_group.get("name")) if isinstance(raw_group, dict) else None
    group_zone = canonical_zone(raw_group.get("timezone")) if isinstance(raw_group, dict) else None
    same_group = group and ref.urlname and group.urlname.lower() == ref.urlname.lower()
    if same_group:
        group_name = group_name or group.name
        group_zone = group_zone or group.timezone
    status = str(raw.get("status") or "").upper()
    cancelled = status in ("CANCELLED", "CANCELED") or says_called_off(title, description)
    group_urlname = ref.urlname or urlname
    return Event(
        id=ref.id,
        source=SOURCE,
        url=ref.url,
        title=title,
        description=description,
        starts_at=parse_time(raw.get("dateTime")),
        ends_at=parse_time(raw.get("endTime")),
        timezone=canonical_zone(raw.get("timezone")) or group_zone,
        group_id=group_ref(group_urlname)[0] if group_urlname else None,
        group_name=group_name,
        venue=venue,
        is_online=_online(raw, placeholder),
        fee=_fee(raw, cache),
        attendee_count=_count(raw),
        status=Status.cancelled if cancelled else Status.scheduled,
        topics=_names(raw.get("topics"), cache),
    )
