"""Whether a meeting is within the person's reach: online, or in person within their area.

The profile names a home area in words ("Newark, NJ") and a radius. meetscout has no map, so
where the home area is comes from the meetings themselves: the middle of the venues with
coordinates in that town. A venue with coordinates is then in reach when it lies within the
radius; one without is in reach in the home town, out of it in another state or region, and
given the benefit of the doubt otherwise (the reason says the distance is unknown).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median
from typing import Protocol

from .model import Profile, Venue

EARTH_KM = 6371.0


@dataclass(frozen=True)
class Home:
    city: str | None
    region: str | None
    point: tuple[float, float] | None  # lat, lon


class Placed(Protocol):
    """A meeting as far as its place goes: an Event, or the plan's lighter Listing."""

    @property
    def is_online(self) -> bool | None: ...
    @property
    def venue(self) -> Venue | None: ...


# A venue as finding the home reads it: city, region, latitude, longitude.
Spot = tuple[str | None, str | None, float | None, float | None]


@dataclass(frozen=True)
class Reach:
    ok: bool
    note: str  # "online", "in Parsippany, 22 km away", "in Hoboken, 61 km away: beyond 40 km"


def _norm(text: str | None) -> str | None:
    return " ".join(text.lower().replace(".", "").split()) if text else None


def find_home(profile: Profile, spots: Iterable[Spot]) -> Home | None:
    """The person's home area, placed by the venues of meetings held in its town."""
    if not profile.home_area:
        return None
    city, _, region = (p.strip() for p in profile.home_area.partition(","))
    home_city, home_region = _norm(city), _norm(region)
    lats, lons = [], []
    for city, region, lat, lon in spots:
        if lat is None or lon is None or _norm(city) != home_city:
            continue
        if home_region and region and _norm(region) != home_region:
            continue
        lats.append(lat)
        lons.append(lon)
    point = (median(lats), median(lons)) if lats else None
    return Home(home_city, home_region, point)


def reach_of(event: Placed, profile: Profile, home: Home | None) -> Reach:
    online = bool(event.is_online)
    if online:
        return Reach(True, "online")
    if profile.virtual_only:
        return Reach(False, "in person, and you chose online meetings only")
    venue = event.venue
    where = _place(venue)
    if home is None:
        return Reach(True, f"in {where}" if where else "place not given")
    if venue is None or not where:
        return Reach(True, "place not given")
    radius = profile.radius_km
    if home.point and venue.lat is not None and venue.lon is not None and radius is not None:
        km = distance_km(home.point, (venue.lat, venue.lon))
        if km > radius:
            return Reach(False, f"in {where}, {km:.0f} km away: beyond your {radius:g} km")
        return Reach(True, f"in {where}, {km:.0f} km away")
    if _norm(venue.city) == home.city:
        return Reach(True, f"in {where}")
    if home.region and venue.region and _norm(venue.region) != home.region:
        return Reach(False, f"in {where}: outside your area")
    return Reach(True, f"in {where} (distance unknown)")


def spot(venue: Venue | None) -> Spot:
    return (venue.city, venue.region, venue.lat, venue.lon) if venue else (None, None, None, None)


def _place(venue: Venue | None) -> str | None:
    if venue is None:
        return None
    return venue.city or venue.name


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))
