"""Field rules every Meetup parser shares: ids from URLs, venues, times and zones.

A feed, a group page, an event page and a search result all go through these, so one meeting gets
one id (`meetup:<numeric id>`) and one canonical URL whichever of them we met it on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..identify import MEETUP, identify, meetup_event_url, meetup_group_id
from ..model import Venue
from .text import clean_text

SOURCE = "meetup"

_UID = re.compile(r"^event_([A-Za-z0-9]+)@meetup\.com$", re.I)
_EVENT_PATH = re.compile(r"/([A-Za-z0-9_-]+)/events/([A-Za-z0-9]+)")

# Placeholders Meetup shows where a place should be.
ONLINE_VENUE = "online event"
_JUNK_PLACE = re.compile(
    r"^(?:n/?a|tba|tbd|tbc|none|null|-+|\?+|online|needs a location|location:.*|"
    r"\(.*\)|to be (?:announced|determined|confirmed).*|sent by pm|see description)$",
    re.I,
)

# Old zone names Meetup still sends; store the canonical IANA name.
_ZONE_ALIASES = {
    "US/Eastern": "America/New_York",
    "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver",
    "US/Pacific": "America/Los_Angeles",
    "US/Arizona": "America/Phoenix",
    "US/Alaska": "America/Anchorage",
    "US/Hawaii": "Pacific/Honolulu",
    "US/Michigan": "America/Detroit",
    "Canada/Eastern": "America/Toronto",
    "Canada/Pacific": "America/Vancouver",
    "GB": "Europe/London",
    "Asia/Calcutta": "Asia/Kolkata",
}


@dataclass(frozen=True)
class EventRef:
    id: str  # meetup:<id>
    url: str  # canonical public URL
    urlname: str | None


def event_ref(
    url: str | None = None, raw_id: str | None = None, urlname: str | None = None
) -> EventRef | None:
    """The stable id and canonical URL of an event from its URL, its raw id, or both.

    The numeric id in the URL wins over the raw id (`284092401!chp`, or an alphanumeric id of a
    recurring event), because that is what every other page and feed uses.
    """
    if url:
        ident = identify(url, assume="meetup")
        if ident and ident.kind == "event" and ident.id:
            m = _EVENT_PATH.search(ident.url)
            return EventRef(ident.id, ident.url, m.group(1) if m else urlname)
    if raw_id:
        raw = str(raw_id).split("!", 1)[0].strip()
        if raw and urlname and re.fullmatch(r"[A-Za-z0-9]+", raw):
            return EventRef(f"meetup:{raw}", meetup_event_url(urlname, raw), urlname)
    return None


def id_from_uid(uid: str | None) -> str | None:
    m = _UID.match((uid or "").strip())
    return m.group(1) if m else None


def group_ref(urlname: str) -> tuple[str, str]:
    """(group id, canonical group URL)."""
    return meetup_group_id(urlname), f"{MEETUP}/{urlname}/"


def canonical_zone(name: str | None) -> str | None:
    """The IANA name of a zone Meetup names, or None when Python does not know it."""
    if not name:
        return None
    name = _ZONE_ALIASES.get(name.strip(), name.strip())
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def parse_time(value: object) -> datetime | None:
    """An aware datetime from Meetup's ISO strings (`2022-03-24T14:00-04:00` has no seconds)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def is_junk_place(value: str | None) -> bool:
    return value is None or bool(_JUNK_PLACE.match(value.strip()))


def clean_venue(
    name: object = None,
    address: object = None,
    city: object = None,
    region: object = None,
    country: object = None,
    lat: object = None,
    lon: object = None,
) -> tuple[Venue | None, bool]:
    """(venue, online placeholder?) with junk fields dropped.

    Meetup shows online events at a venue named "Online event" with empty fields (and sometimes
    coordinates in the middle of the ocean); that is no place, but it says the event is online.
    """
    name_s, address_s = clean_text(name), clean_text(address)
    if name_s and name_s.lower() == ONLINE_VENUE:
        return None, True
    fields = {
        "name": None if is_junk_place(name_s) else name_s,
        "address": None if is_junk_place(address_s) else address_s,
        "city": None if is_junk_place(clean_text(city)) else clean_text(city),
        "region": None if is_junk_place(clean_text(region)) else clean_text(region),
        "country": (clean_text(country) or "").upper() or None,
    }
    if not (fields["name"] or fields["address"] or fields["city"]):
        return None, False
    if isinstance(lat, int | float) and isinstance(lon, int | float) and (lat or lon):
        fields["lat"], fields["lon"] = float(lat), float(lon)
    return Venue(**fields), False
