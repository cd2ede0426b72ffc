"""An event-like JSON object (from `meetscout classify`, a test corpus or a tool) as an Event.

Any of title, description, group_name, organizer, url, source, is_online, fee (text or number),
starts_at (ISO 8601), timezone and topics; anything else is ignored. The rules are forgiving,
because these come from people and scripts: a missing title is allowed (the group name stands in),
a fee of "Free" or "$25" is read, a start time with an offset keeps its local hour.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from ..model import Event, Fee

_AMOUNT = re.compile(r"(\d+(?:[.,]\d{1,2})?)")
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "usd": "USD", "eur": "EUR", "gbp": "GBP"}


class ListingError(ValueError):
    """The object cannot be read as an event; the message says which field and why."""


def _text(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str | int | float):
        return str(value)
    raise ListingError(f"{field} should be text, not {type(value).__name__}")


def parse_fee(value: Any) -> Fee | None:
    """A fee as a number (0 = free), text ("Free", "$25", "25 USD") or {amount, currency, free}."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ListingError("fee should be a number or text, not true/false")
    if isinstance(value, int | float):
        return Fee(amount=float(value), free=value == 0)
    if isinstance(value, dict):
        try:
            return Fee.model_validate(value)
        except ValueError as exc:
            raise ListingError(f"fee object not understood: {exc}") from None
    if not isinstance(value, str):
        raise ListingError(f"fee should be a number or text, not {type(value).__name__}")
    text = value.strip().lower()
    amount = _AMOUNT.search(text)
    currency = next((code for sign, code in _CURRENCIES.items() if sign in text), None)
    if amount and float(amount.group(1).replace(",", ".")) > 0:
        return Fee(amount=float(amount.group(1).replace(",", ".")), currency=currency)
    if "free" in text or amount:
        return Fee(amount=0.0, currency=currency, free=True)
    return None


def parse_start(value: Any) -> tuple[datetime | None, str | None]:
    """UTC start and a zone that keeps the local hour: an offset of whole hours becomes Etc/GMT±N;
    a time without an offset is taken as local time in an unnamed zone (kept as UTC)."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        raise ListingError("starts_at should be ISO 8601 text, like 2026-03-18T17:30:00-04:00")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ListingError(
            f"starts_at {value!r} is not ISO 8601 (like 2026-03-18T17:30:00-04:00)"
        ) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC), "UTC"
    offset = parsed.utcoffset() or timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    zone = None
    if rest == 0 and -12 <= hours <= 14:
        # POSIX-style names invert the sign: UTC-4 is Etc/GMT+4.
        zone = "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return parsed.astimezone(UTC), zone


def listing_event(obj: dict[str, Any]) -> Event:
    if not isinstance(obj, dict):
        raise ListingError(f"expected a JSON object, got {type(obj).__name__}")
    title = _text(obj.get("title"), "title")
    group_name = _text(obj.get("group_name"), "group_name")
    if not (title and title.strip()) and not (group_name and group_name.strip()):
        raise ListingError("needs a title or a group_name")
    starts_at, zone = parse_start(obj.get("starts_at"))
    topics = obj.get("topics") or []
    if not isinstance(topics, list):
        topics = [str(topics)]
    is_online = obj.get("is_online")
    url = _text(obj.get("url"), "url") or ""
    ident = _text(obj.get("id"), "id")
    digest = hashlib.blake2b(f"{url}|{title}|{group_name}".encode(), digest_size=8).hexdigest()
    return Event(
        id=ident or f"listing:{digest}",
        source=_text(obj.get("source"), "source") or "listing",
        url=url,
        title=(title or group_name or "").strip(),
        description=_text(obj.get("description"), "description"),
        group_name=group_name,
        organizer=_text(obj.get("organizer"), "organizer"),
        starts_at=starts_at,
        timezone=_text(obj.get("timezone"), "timezone") or zone,
        is_online=bool(is_online) if is_online is not None else None,
        fee=parse_fee(obj.get("fee")),
        topics=[str(t) for t in topics],
    )
