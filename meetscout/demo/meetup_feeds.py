"""Meetup's per-group calendar feed (iCalendar) and RSS feed for the sample.

The iCalendar feed is written with the `icalendar` library (CRLF, folded lines) in the two eras of
docs/formats.md: "2022" (`-//Meetup//RemoteApi//EN`, LOCATION, a description cut short) and "2026"
(`-//Meetup//Meetup Calendar 1.0//EN`, NAME, `URL;VALUE=URI`, no location, a header line after the
events).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur
from icalendar.parser import Contentline, Parameters

from .meetup_pages import MeetupRenderer, event_url, group_url
from .sample import SampleEvent, SampleGroup


def us_timezone(tzid: str, now: datetime) -> Timezone:
    """A VTIMEZONE with yearly rules, as Meetup writes it (US daylight-saving rules)."""
    zone = now.tzinfo
    winter = datetime(now.year, 1, 15, tzinfo=zone)
    summer = datetime(now.year, 7, 15, tzinfo=zone)
    std, dst = winter.utcoffset(), summer.utcoffset()
    tz = Timezone()
    tz.add("tzid", tzid)
    tz.add("tzurl", f"http://tzurl.org/zoneinfo-outlook/{tzid}")
    tz.add("x-lic-location", tzid)
    if std == dst:
        part = TimezoneStandard()
        part.add("tzoffsetfrom", std)
        part.add("tzoffsetto", std)
        part.add("tzname", winter.tzname())
        part.add("dtstart", datetime(1970, 1, 1))
        tz.add_component(part)
        return tz
    daylight = TimezoneDaylight()
    daylight.add("tzoffsetfrom", std)
    daylight.add("tzoffsetto", dst)
    daylight.add("tzname", summer.tzname())
    daylight.add("dtstart", datetime(1970, 3, 8, 2))
    daylight.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="2SU"))
    standard = TimezoneStandard()
    standard.add("tzoffsetfrom", dst)
    standard.add("tzoffsetto", std)
    standard.add("tzname", winter.tzname())
    standard.add("dtstart", datetime(1970, 11, 1, 2))
    standard.add("rrule", vRecur(freq="YEARLY", bymonth=11, byday="1SU"))
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def _when_line(start: datetime) -> str:
    return start.strftime("%A, %B ") + str(start.day) + start.strftime(" at %-I:%M %p")


def _truncated(text: str, limit: int = 180) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


def ical_feed(r: MeetupRenderer, group: SampleGroup) -> bytes:
    modern = group.feed_style == "2026"
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add(
        "prodid", "-//Meetup//Meetup Calendar 1.0//EN" if modern else "-//Meetup//RemoteApi//EN"
    )
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if modern:
        cal.add("name", group.name)
        cal.add("x-wr-calname", group.name)
    else:
        cal.add("x-original-url", f"{group_url(group)}events/ical/")
        cal.add("x-wr-calname", f"Events - {group.name}")
        cal.add("x-ms-olk-forceinspectoropen", "TRUE")
    cal.add_component(us_timezone(r.sample.timezone, r.now))
    stamp = r.now.astimezone(UTC).replace(microsecond=0)
    for event in sorted(group.events, key=r.start):
        cal.add_component(_vevent(r, group, event, stamp, modern))
    text = cal.to_ical()
    if modern:  # 2026 feeds carry some header properties after the events
        url = f"{group_url(group)}events/ical/"
        tail = Contentline.from_parts("X-ORIGINAL-URL", Parameters(), url).to_ical() + b"\r\n"
        text = text.replace(b"END:VCALENDAR\r\n", tail + b"END:VCALENDAR\r\n")
    return text


def _vevent(
    r: MeetupRenderer, group: SampleGroup, event: SampleEvent, stamp: datetime, modern: bool
) -> Event:
    url = event_url(group, event)
    created = (r.now - timedelta(days=21)).astimezone(UTC).replace(microsecond=0)
    ve = Event()
    ve.add("uid", f"event_{event.id}@meetup.com")
    ve.add("dtstamp", stamp)
    ve.add("dtstart", r.start(event))
    ve.add("dtend", r.end(event))
    ve.add("summary", event.title)
    ve.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    ve.add("class", "PUBLIC")
    ve.add("created", created)
    ve.add("last-modified", created)
    if modern:
        ve.add("sequence", 1)
        # Some 2026 feeds carry the full Markdown, others only the group name.
        ve.add("description", event.description.strip() if event.id % 2 else group.name)
        ve.add("url", url, parameters={"VALUE": "URI"})
    else:
        description = (
            f"{group.name}\n{_when_line(r.start(event))}\n\n"
            f"{_truncated(event.description)}\n\n{url}"
        )
        ve.add("description", description)
        if event.online:
            ve.add("location", "Online event")
        else:
            v = r.sample.venues[event.venue or ""]
            ve.add("location", f"{v.name} ({v.address}, {v.city}, {v.state})")
        ve.add("url", url)
    return ve


def rss_feed(r: MeetupRenderer, group: SampleGroup) -> bytes:
    """RSS 2.0 as Meetup serves it: `pubDate` is when the event was posted, not when it is."""
    items = []
    for event in sorted(group.events, key=r.start):
        url = event_url(group, event)
        where = "Online event" if event.online else r.sample.venues[event.venue or ""].name
        body = (
            f"<p>{html.escape(group.name)}</p><p>{html.escape(where)}</p>"
            f"<p>{_when_line(r.start(event))}</p>"
            f"<p>{html.escape(_truncated(event.description))}</p>"
            f"<p>{event.going} RSVPs</p>"
        )
        posted = (r.now - timedelta(days=21 - event.id % 5)).astimezone(UTC)
        items.append(
            "<item>"
            f"<title>{escape(event.title)}</title><link>{url}</link>"
            f"<description>{escape(body)}</description>"
            f'<guid isPermaLink="true">{url}</guid>'
            f"<pubDate>{format_datetime(posted)}</pubDate>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{escape(group.name)} Events</title><link>{group_url(group)}events/</link>"
        f"<description>{escape(group.description.strip())}</description>"
        f"{''.join(items)}</channel></rss>\n"
    ).encode()
