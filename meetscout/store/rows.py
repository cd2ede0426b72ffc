"""Rows <-> models: how an Event, a Group and an Assessment are kept in their tables' columns.

Times are stored as ISO 8601 text in UTC, lists as JSON text, booleans as 0/1. The content hash
covers what a source says about an event or group, not when it was seen or how it was judged.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import orjson

from ..model import Assessment, Event, Fee, Group, Status, Venue

# The judgement's columns, in events and in groups alike.
ASSESSMENT_COLUMNS = (
    "crowd",
    "kind",
    "confidence",
    "access",
    "reasons",
    "targets",
    "classifier_version",
    "assessment_basis",
)


def now_utc() -> datetime:
    return datetime.now(UTC)


def iso(value: datetime | None) -> str | None:
    # orjson writes a UTC datetime exactly as isoformat(timespec="seconds") does
    # ("2026-12-01T23:00:00+00:00"), several times faster: it runs twice per stored event.
    if not value:
        return None
    return orjson.dumps(value.astimezone(UTC), option=orjson.OPT_OMIT_MICROSECONDS)[1:-1].decode()


def to_json(value: Any) -> str:
    return orjson.dumps(value).decode()


def from_iso(value: str | None) -> datetime | None:
    """A stored time; one written without a zone (by hand, or long ago) is read as UTC."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def assessment_row(a: Assessment | None) -> dict[str, Any]:
    if a is None:
        return {}
    values = (
        a.crowd.value,
        a.kind.value,
        a.confidence,
        to_json(sorted(x.value for x in a.access)),
        to_json(a.reasons),
        to_json(a.targets),
        a.classifier_version,
        a.basis,
    )
    return dict(zip(ASSESSMENT_COLUMNS, values, strict=True))


_NO_VENUE: dict[str, Any] = dict.fromkeys(Venue.model_fields)


def event_row(event: Event) -> dict[str, Any]:
    # Reads the models' field dicts directly: attribute access and enum properties cost a
    # noticeable share of a 100,000-event upsert. Key order is the hash's input order.
    e = event.__dict__
    venue = e["venue"].__dict__ if e["venue"] is not None else _NO_VENUE
    fee = e["fee"].__dict__ if e["fee"] is not None else None
    online = e["is_online"]
    row = {
        "id": e["id"],
        "source": e["source"],
        "url": e["url"],
        "title": e["title"],
        "description": e["description"],
        "starts_at": iso(e["starts_at"]),
        "ends_at": iso(e["ends_at"]),
        "timezone": e["timezone"],
        "group_id": e["group_id"],
        "group_name": e["group_name"],
        "organizer": e["organizer"],
        "venue_name": venue["name"],
        "venue_address": venue["address"],
        "venue_city": venue["city"],
        "venue_region": venue["region"],
        "venue_country": venue["country"],
        "venue_lat": venue["lat"],
        "venue_lon": venue["lon"],
        "is_online": None if online is None else int(online),
        "fee_amount": fee["amount"] if fee else None,
        "fee_currency": fee["currency"] if fee else None,
        "fee_free": int(fee["free"]) if fee else None,
        "attendee_count": e["attendee_count"],
        "status": Status(e["status"]).value,
        "topics": to_json(e["topics"]),
    }
    row["content_hash"] = _row_hash(row)
    if e["assessment"] is not None:
        row.update(assessment_row(e["assessment"]))
    return row


def group_row(group: Group) -> dict[str, Any]:
    row = {
        "id": group.id,
        "source": group.source,
        "url": group.url,
        "name": group.name,
        "urlname": group.urlname,
        "city": group.city,
        "region": group.region,
        "country": group.country,
        "timezone": group.timezone,
        "member_count": group.member_count,
        "topics": to_json(group.topics),
        "description": group.description,
    }
    row["content_hash"] = _row_hash(row)
    row.update(assessment_row(group.assessment))
    return row


def _row_hash(row: dict[str, Any]) -> str:
    """What changed means: any stored content column, not when it was seen or how it was judged."""
    return hashlib.blake2b(orjson.dumps(list(row.values())), digest_size=12).hexdigest()


def row_assessment(row: dict[str, Any]) -> Assessment | None:
    if not row.get("crowd"):
        return None
    return Assessment(
        crowd=row["crowd"],
        kind=row["kind"],
        confidence=row["confidence"] or 0,
        access=orjson.loads(row["access"] or "[]"),
        reasons=orjson.loads(row["reasons"] or "[]"),
        targets=orjson.loads(row["targets"] or "[]"),
        classifier_version=row["classifier_version"] or "",
        basis=row.get("assessment_basis") or "classifier",
    )


def row_venue(row: dict[str, Any]) -> Venue | None:
    fields = {name: row["venue_" + name] for name in _NO_VENUE}
    return Venue(**fields) if any(v is not None for v in fields.values()) else None


def row_fee(row: dict[str, Any]) -> Fee | None:
    if row["fee_free"] is None:
        return None
    return Fee(amount=row["fee_amount"], currency=row["fee_currency"], free=bool(row["fee_free"]))


def row_event(row: dict[str, Any]) -> Event:
    return Event(
        id=row["id"],
        source=row["source"],
        url=row["url"],
        title=row["title"],
        description=row["description"],
        starts_at=from_iso(row["starts_at"]),
        ends_at=from_iso(row["ends_at"]),
        timezone=row["timezone"],
        group_id=row["group_id"],
        group_name=row["group_name"],
        organizer=row["organizer"],
        venue=row_venue(row),
        is_online=None if row["is_online"] is None else bool(row["is_online"]),
        fee=row_fee(row),
        attendee_count=row["attendee_count"],
        status=Status(row["status"]),
        topics=orjson.loads(row["topics"] or "[]"),
        first_seen=from_iso(row["first_seen"]),
        last_seen=from_iso(row["last_seen"]),
        assessment=row_assessment(row),
    )


def row_group(row: dict[str, Any]) -> Group:
    return Group(
        id=row["id"],
        source=row["source"],
        url=row["url"],
        name=row["name"],
        urlname=row["urlname"],
        city=row["city"],
        region=row["region"],
        country=row["country"],
        timezone=row["timezone"],
        member_count=row["member_count"],
        topics=orjson.loads(row["topics"] or "[]"),
        description=row["description"],
        first_seen=from_iso(row["first_seen"]),
        last_seen=from_iso(row["last_seen"]),
        assessment=row_assessment(row),
    )
