"""Wild Apricot's public event RSS (`{site}/events/RSS`, which redirects to
`/page-N/EventModule/N/RSS`) -> meetings.

Unlike most RSS, `pubDate` is the meeting's start, in UTC; titles end with the local date,
"Chapter Breakfast (10/21/2026)", which is dropped. The description's "Location:" line names the
place. Event addresses (`/event-6512345`) are stable and key the meeting.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime

from pydantic import ValidationError

from ...identify import canonical_url
from ...model import Event
from ..meetup_rss import rss_channel
from ..text import clean_text, first_line, html_to_text
from .common import (
    SOURCE,
    WINDOW_DAYS,
    CalendarRead,
    Entry,
    NotACalendar,
    calendar_group,
    entry_id,
    is_notice,
    place,
    settle,
    within,
)

_DATE_SUFFIX = re.compile(r"\s*\(\d{1,2}/\d{1,2}/\d{4}\)\s*$")
_LOCATION = re.compile(r"^\s*Location:\s*(.+)$", re.I | re.M)
_CHANNEL_AFFIXES = re.compile(
    r"^\s*(?:upcoming\s+)?events\s*[-–:]\s*|\s*[-–:]\s*(?:upcoming\s+)?events\s*$", re.I
)


def parse_wild_apricot_rss(
    text: str, *, url: str, now: datetime | None = None, days: int = WINDOW_DAYS
) -> CalendarRead:
    """The meetings a Wild Apricot event RSS feed lists from a day ago to `days` ahead. Raises
    NotACalendar for other text."""
    try:
        channel = rss_channel(text)
    except ValueError as exc:
        raise NotACalendar(str(exc)) from None
    name = clean_text(_CHANNEL_AFFIXES.sub("", channel.findtext("title") or ""))
    home = (channel.findtext("link") or "").strip() or url
    read = CalendarRead("wild_apricot", group=calendar_group(home, name))
    entries, skipped = [], []
    for item in channel.findall("item"):
        try:
            entries.append(_entry(item, read))
        except (ValidationError, ValueError, TypeError) as exc:
            skipped.append(f"{item.findtext('link') or '?'}: {first_line(exc)}")
    if skipped:
        read.problems.append(f"{name or url}: skipped {len(skipped)} items ({skipped[0]})")
    return settle(read, within(entries, now, days), label=name or url)


def _entry(item: ET.Element, read: CalendarRead) -> Entry:
    link = (item.findtext("link") or item.findtext("guid") or "").strip()
    title = clean_text(_DATE_SUFFIX.sub("", item.findtext("title") or "")) or ""
    text = html_to_text(item.findtext("description") or "") or None
    found = _LOCATION.search(text or "")
    venue, online = place(found.group(1) if found else None)
    published = item.findtext("pubDate")
    starts_at = parsedate_to_datetime(published.strip()) if published else None
    group = read.group
    event = Event(
        id=entry_id(f"url:{canonical_url(link)}"),
        source=SOURCE,
        url=link,
        title=title,
        description=text,
        starts_at=starts_at,
        group_id=group.id if group else None,
        group_name=group.name if group else None,
        venue=venue,
        is_online=online,
    )
    return Entry(event, notice=is_notice(title))
