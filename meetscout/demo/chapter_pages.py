"""The sample chapters' own websites: a home page, and their meetings as The Events Calendar's
iCalendar feed or as schema.org events in the page (the two forms most chapter sites publish).

Each site is served under `/<slug>/` of one local server, so its links are written relative to
that folder; the feed and the events still name the chapter's own address (`site`), as a real
feed names its site, so what is stored does not depend on the local port.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime

from icalendar import Calendar, Event

from .meetup_feeds import us_timezone
from .sample import Sample, SampleChapter, SampleChapterEvent

PRODID = "-//{name} - ECPv6.8.2.1//NONSGML v1.0//EN"  # The Events Calendar's
ROBOTS = "User-agent: *\nDisallow: /wp-admin/\nAllow: /\n"


class ChapterRenderer:
    def __init__(self, sample: Sample, now: datetime):
        self.sample = sample
        self.zone = sample.zone
        self.today = now.astimezone(self.zone).date()
        self.now = now

    def event_url(self, chapter: SampleChapter, event: SampleChapterEvent) -> str:
        return f"{chapter.site}/event/{event.slug}/"

    def home_page(self, chapter: SampleChapter) -> str:
        name = html.escape(chapter.name)
        items = "\n".join(
            f'<li class="tribe-events-list-event">'
            f'<a href="{html.escape(self.event_url(chapter, e))}">{html.escape(e.title)}</a> '
            f"<time>{self._start(e):%A %B %-d, %-I:%M %p}</time></li>"
            for e in chapter.events
        )
        if chapter.form == "ics":
            head = (
                '<link rel="alternate" type="text/calendar" '
                f'title="{name} &raquo; iCal Feed" href="/{chapter.slug}/events/?ical=1">'
            )
            foot = (
                f'<a class="tribe-events-c-subscribe-dropdown__export-link" '
                f'href="/{chapter.slug}/events/?ical=1">Export Events (.ics)</a>'
            )
        else:
            data = json.dumps([self._jsonld(chapter, e) for e in chapter.events], indent=1)
            data = data.replace("</", "<\\/")  # nothing in it may close the script
            head = f'<script type="application/ld+json">{data}</script>'
            foot = ""
        return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>Upcoming Events &#8211; {name}</title>
<meta property="og:site_name" content="{name}">
{head}
</head><body class="tribe-events-page-template">
<h1>{name}</h1>
<p>{html.escape(chapter.description)}</p>
<h2>Upcoming events</h2>
<ul>
{items}
</ul>
{foot}
</body></html>
"""

    def ics_feed(self, chapter: SampleChapter) -> bytes:
        host = chapter.site.split("://", 1)[1]
        cal = Calendar()
        cal.add("version", "2.0")
        cal.add("prodid", PRODID.format(name=chapter.name))
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", chapter.name)
        cal.add("x-original-url", chapter.site)
        cal.add("x-wr-caldesc", f"Events for {chapter.name}")
        cal.add_component(us_timezone(self.sample.timezone, self.now.astimezone(self.zone)))
        for event in chapter.events:
            start, end = self._start(event), event.ends(self.today, self.zone)
            entry = Event()
            entry.add("dtstart", start)
            entry.add("dtend", end)
            entry.add("dtstamp", self.now.astimezone(UTC))
            # {post}-{start}-{end}@host: the epochs change when a meeting moves, the post does not.
            entry.add("uid", f"{event.post}-{int(start.timestamp())}-{int(end.timestamp())}@{host}")
            entry.add("summary", event.title)
            entry.add("description", event.description)
            entry.add("url", self.event_url(chapter, event))
            entry.add("location", self._place(event))
            entry.add("categories", "Chapter Meetings")
            cal.add_component(entry)
        return cal.to_ical()

    def _start(self, event: SampleChapterEvent) -> datetime:
        return event.starts(self.today, self.zone)

    def _place(self, event: SampleChapterEvent) -> str:
        if event.online:
            return "Online (Zoom link sent after registration)"
        v = self.sample.venues[event.venue]
        return f"{v.name}, {v.address}, {v.city}, {v.state}"

    def _jsonld(self, chapter: SampleChapter, event: SampleChapterEvent) -> dict:
        node = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "url": self.event_url(chapter, event),
            "startDate": self._start(event).isoformat(),
            "endDate": event.ends(self.today, self.zone).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "description": event.description,
            "organizer": {"@type": "Organization", "name": chapter.name, "url": chapter.site},
        }
        if event.online:
            node["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
            node["location"] = {"@type": "VirtualLocation", "url": self.event_url(chapter, event)}
        else:
            v = self.sample.venues[event.venue]
            node["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
            node["location"] = {
                "@type": "Place",
                "name": v.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": v.address,
                    "addressLocality": v.city,
                    "addressRegion": v.state,
                    "addressCountry": "US",
                },
            }
        if event.fee:
            node["offers"] = {"@type": "Offer", "price": f"{event.fee:.2f}", "priceCurrency": "USD"}
        return node
