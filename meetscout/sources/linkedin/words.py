"""The few interface words LinkedIn prints around its event data, in the languages it speaks.

Labels, not dates: dates go through dateparser. A language missing here costs a field (online or
organizer), never an event.
"""

from __future__ import annotations

import re

from .common import clean

_ONLINE = re.compile(
    r"^(?:online(?:[- ]?(?:event|veranstaltung|-event))?|virtual(?: event)?|en ligne|"
    r"événement en ligne|en línea|evento (?:en línea|online)|linkedin (?:live|audio(?: event)?)|"
    r"audio event|live event|virtueel|wirtualne|çevrimiçi)$",
    re.I,
)
_ORGANIZER = re.compile(
    r"^(?:event by|hosted by|organi[sz]ed by|by|veranstaltung von|veranstaltet von|event von|"
    r"événement (?:par|de)|organisé par|par|evento (?:de|di|organizado por)|organizado por|"
    r"organizzato da|evenement (?:van|door)|georganiseerd door|door|evento por)"
    r"\s*:?\s+(?P<name>.+)$",
    re.I,
)


def is_online_text(text: str | None) -> bool:
    return bool(_ONLINE.match(clean(text)))


def organizer_from_line(text: str | None) -> str | None:
    """ "Event by PMI New Jersey Chapter" -> "PMI New Jersey Chapter"."""
    m = _ORGANIZER.match(clean(text))
    return clean(m.group("name")) if m else None
