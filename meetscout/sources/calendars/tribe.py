"""The Events Calendar's REST API (`/wp-json/tribe/events/v1/events`) -> meetings.

Each item carries `start_date` (local), `utc_start_date`, `timezone` (IANA, or "UTC+0" on a site
without one) and `timezone_abbr`, which is wrong across clock changes (April dates labelled
"PST"): the UTC time and the IANA zone are trusted, the abbreviation never. Each occurrence of a
repeating series is its own item with its own post id, the same id the site's ICS feed puts in
its UIDs, so both forms land on one row. Pages follow `next_rest_url`, on the same host only.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import orjson
from pydantic import ValidationError

from ...model import Event, Fee
from ..ical_props import zone_name
from ..meetup_fields import clean_venue
from ..text import clean_text, first_line, html_to_text
from .common import (
    SOURCE,
    CalendarRead,
    Entry,
    NotACalendar,
    calendar_group,
    entry_id,
    is_notice,
    place,
    settle,
    tribe_key,
)


def parse_tribe_events(text: str, *, url: str, site_name: str | None = None) -> CalendarRead:
    """The meetings on one page of the API's answer; `next_url` is the next page, if any.

    `url` is the page's address; `site_name` names the calendar's group (the API does not).
    """
    try:
        data = orjson.loads(text.lstrip("\ufeff \r\n\t"))
    except orjson.JSONDecodeError:
        raise NotACalendar("not JSON, so not The Events Calendar's API") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise NotACalendar('JSON without an "events" list: not The Events Calendar\'s API')
    parts = urlsplit(url)
    home = f"{parts.scheme}://{parts.netloc}/"
    read = CalendarRead("tribe", group=calendar_group(home, site_name))
    label = site_name or parts.netloc
    entries, skipped = [], []
    for item in data["events"]:
        try:
            entries.append(_entry(item, read))
        except (ValidationError, ValueError, TypeError, KeyError, AttributeError) as exc:
            name = item.get("title", "?") if isinstance(item, dict) else "?"
            skipped.append(f"{name}: {first_line(exc)}")
    if skipped:
        read.problems.append(f"{label}: skipped {len(skipped)} unreadable items ({skipped[0]})")
    following = data.get("next_rest_url")
    if isinstance(following, str) and following:
        if urlsplit(following).netloc.lower() == parts.netloc.lower():
            read.next_url = following
        else:
            read.problems.append(
                f"{label}: the next page is on another host ({urlsplit(following).netloc}); "
                "not followed."
            )
    return settle(read, entries, label=label)


def _entry(item: dict[str, Any], read: CalendarRead) -> Entry:
    link = str(item.get("url") or "")
    host = urlsplit(link).netloc or urlsplit(str(item.get("rest_url") or "")).netloc
    title = clean_text(html.unescape(str(item.get("title") or ""))) or ""
    zone = zone_name(item.get("timezone"))
    starts_at = _utc(item.get("utc_start_date"))
    ends_at = _utc(item.get("utc_end_date"))
    description = clean_text(item.get("description"))
    venue, online = _venue(item.get("venue"))
    website = str(item.get("website") or "")
    if venue is None and (place(website)[1] or place(title)[1]):
        online = True
    group = read.group
    event = Event(
        id=entry_id(tribe_key(host, item["id"])),
        source=SOURCE,
        url=link,
        title=title,
        description=html_to_text(description) if description else None,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=zone,
        group_id=group.id if group else None,
        group_name=group.name if group else None,
        organizer=_organizer(item.get("organizer")),
        venue=venue,
        is_online=online,
        fee=_fee(item),
    )
    days = None
    if item.get("all_day") and starts_at is not None:
        local = starts_at.astimezone(ZoneInfo(zone)) if zone else starts_at
        last = ends_at.astimezone(ZoneInfo(zone)).date() if ends_at and zone else local.date()
        days = (local.date(), max(last, local.date()) + timedelta(days=1))
    return Entry(event, notice=is_notice(title), days=days)


def _utc(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return datetime.fromisoformat(value.strip()).replace(tzinfo=UTC)


def _venue(value: Any):
    if not isinstance(value, dict) or not value:
        return None, None
    country = clean_text(value.get("country"))
    venue, online = clean_venue(
        html.unescape(str(value.get("venue") or "")),
        value.get("address"),
        value.get("city"),
        value.get("stateprovince") or value.get("state") or value.get("province"),
        country if country and len(country) == 2 else None,
    )
    if online:
        return None, True
    return (venue, False) if venue else (None, None)


def _organizer(value: Any) -> str | None:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return clean_text(html.unescape(str(value[0].get("organizer") or "")))
    return None


def _fee(item: dict[str, Any]) -> Fee | None:
    details = item.get("cost_details") if isinstance(item.get("cost_details"), dict) else {}
    prices = []
    for value in details.get("values") or []:
        try:
            prices.append(float(value))
        except (TypeError, ValueError):
            continue
    currency = clean_text(details.get("currency_code"))
    if prices:
        return Fee(amount=min(prices), currency=currency, free=min(prices) == 0)
    if str(item.get("cost") or "").strip().lower() == "free":
        return Fee(amount=0, currency=currency, free=True)
    return None
