"""Meetup pages of the sample, in the shapes of the real site (see docs/formats.md).

Each page is HTML with a `<script id="__NEXT_DATA__">` holding the Apollo cache, as Meetup's Next.js
app serves it, plus a little visible markup so the browser extension has titles and cards to flag.
Two eras are mimicked: "2024" group pages (`groupByUrlname({...})` keys, denormalised event pages
with `Event:<id>!chp`) and "2026" ones (`groupByUrlname:{...}` keys, normalised event pages).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import datetime, timedelta
from typing import Any

from .sample import Sample, SampleEvent, SampleGroup

MEETUP = "https://www.meetup.com"
BUILD_ID = "meetscout-demo-build"
STYLE = """
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f8;color:#212121}
header.top{background:#fff;border-bottom:1px solid #ddd;padding:12px 24px;font-weight:700;
color:#f65858}
main{max-width:860px;margin:0 auto;padding:16px 24px}
.card{display:block;background:#fff;border:1px solid #e0e0e0;border-radius:8px;
padding:14px 16px;margin:10px 0;color:inherit;text-decoration:none}
.card time,.when{color:#8a5a00;font-size:.85rem;text-transform:uppercase;font-weight:600}
.title{font-size:1.1rem;font-weight:700;display:block;margin:4px 0}
.muted{color:#666;font-size:.9rem}
.card .muted{display:block;margin-top:2px}
h1{font-size:1.7rem;margin:8px 0}
.description{white-space:pre-wrap;background:#fff;border:1px solid #e0e0e0;border-radius:8px;
padding:16px}
"""


def event_url(group: SampleGroup, event: SampleEvent) -> str:
    return f"{MEETUP}/{group.urlname}/events/{event.id}/"


def group_url(group: SampleGroup) -> str:
    return f"{MEETUP}/{group.urlname}/"


def _number(text: str, digits: int = 8) -> str:
    """A stable made-up id for things the sample names only by key (venues, topics)."""
    return str(int(hashlib.sha256(text.encode()).hexdigest(), 16) % 10**digits)


def _iso(moment: datetime, seconds: bool = True) -> str:
    text = moment.isoformat(timespec="seconds" if seconds else "minutes")
    return text


def _markdown_lite(text: str) -> str:
    """The Markdown the sample uses (bold, bullets) as HTML, as Meetup shows descriptions."""
    out = html.escape(text.strip())
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"^\* ", "• ", out, flags=re.M)


def _compact(data: Any) -> str:
    """JSON as Apollo writes it inside cache keys: no spaces."""
    return json.dumps(data, separators=(",", ":"))


def _dumps(data: Any) -> str:
    # Next.js escapes "<" so the JSON cannot close its own script tag.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


class MeetupRenderer:
    """Renders one sample's Meetup pages for a given moment ("now")."""

    def __init__(self, sample: Sample, now: datetime):
        self.sample = sample
        self.zone = sample.zone
        self.now = now.astimezone(self.zone)
        self.today = self.now.date()

    # ------------------------------------------------------------------ Apollo pieces

    def start(self, event: SampleEvent) -> datetime:
        return event.starts(self.today, self.zone)

    def end(self, event: SampleEvent) -> datetime:
        return event.ends(self.today, self.zone)

    def venue_key(self, event: SampleEvent) -> str:
        return f"Venue:{_number('online' if event.online else event.venue or '')}"

    def venue_object(self, event: SampleEvent) -> dict[str, Any]:
        if event.online:  # Meetup's placeholder for online events: a venue with empty fields
            return {
                "__typename": "Venue",
                "id": _number("online"),
                "name": "Online event",
                "address": "",
                "city": "",
                "state": "",
                "country": "",
            }
        v = self.sample.venues[event.venue or ""]
        return {
            "__typename": "Venue",
            "id": _number(event.venue or ""),
            "name": v.name,
            "address": v.address,
            "city": v.city,
            "state": v.state,
            "country": "us",
        }

    def fee_settings(self, event: SampleEvent) -> dict[str, Any] | None:
        if not event.fee:
            return None  # Meetup sends null for free events
        return {
            "__typename": "FeeSettings",
            "amount": event.fee,
            "currency": "USD",
            "accepts": "CASH",
            "refundPolicy": None,
        }

    def event_object(self, group: SampleGroup, event: SampleEvent) -> dict[str, Any]:
        online = event.online
        obj: dict[str, Any] = {
            "__typename": "Event",
            "id": str(event.id),
            "token": str(event.id),
            "title": event.title,
            "eventUrl": event_url(group, event),
            "description": event.description.strip(),
            "dateTime": _iso(self.start(event)),
            "endTime": _iso(self.end(event)),
            "createdTime": _iso(self.now - timedelta(days=21, hours=event.id % 7)),
            "group": {"__ref": f"Group:{group.id}"},
            "eventHosts": [{"__typename": "EventHost", "memberId": _number(group.urlname, 9)}],
            "feeSettings": self.fee_settings(event),
            "venue": {"__ref": self.venue_key(event)},
            "isOnline": online,
            "eventType": "ONLINE" if online else "PHYSICAL",
            "status": "CANCELLED" if event.cancelled else "ACTIVE",
            "series": None,
            "featuredEventPhoto": None,
            "isAttending": False,
            "rsvpSettings": {"__typename": "RsvpOpenSettings", "rsvpsClosed": event.cancelled},
        }
        if group.page_style == "2024":
            obj["going"] = {"__typename": "GoingRsvpConnection", "totalCount": event.going}
        else:
            obj["rsvps"] = {"__typename": "EventRsvpConnection", "yesCount": event.going}
            obj["rsvpState"] = "CLOSED" if event.cancelled else "JOIN_OPEN"
            obj["maxTickets"] = 0
            obj["socialProofInsights"] = None
        return obj

    def topic_objects(self, group: SampleGroup) -> dict[str, dict[str, Any]]:
        topics = {}
        for name in group.topics:
            tid = _number(name, 6)
            topics[f"Topic:{tid}"] = {
                "__typename": "Topic",
                "id": tid,
                "name": name,
                "urlkey": name.lower().replace(" ", "-").replace("&", "and"),
            }
        return topics

    def category_key(self, group: SampleGroup) -> str:
        return f"TopicCategory:{_number(group.category, 3)}"

    def group_object(self, group: SampleGroup, with_events: bool) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "__typename": "Group",
            "id": str(group.id),
            "name": group.name,
            "urlname": group.urlname,
            "link": group_url(group).rstrip("/"),
            "description": group.description.strip(),
            "timezone": self.sample.timezone,
            "city": group.city,
            "state": "NJ",
            "country": "us" if group.page_style == "2024" else "US",
            "isPrivate": False,
            "joinMode": "OPEN",
            "stats": {
                "__typename": "GroupStats",
                "memberCounts": {"__typename": "GroupMemberCounts", "all": group.members},
            },
            "topicCategory": {"__ref": self.category_key(group)},
            "activeTopics": [{"__ref": key} for key in self.topic_objects(group)],
            "calendarFeeds": (
                {
                    "__typename": "CalendarFeeds",
                    "rss": f"{group_url(group)}events/rss/",
                    "ical": f"{group_url(group)}events/ical/",
                }
                if group.page_style == "2024"
                else None  # 2026: not shown to anonymous visitors
            ),
            "isMember": False,
            "duesSettings": None,
        }
        if with_events:
            upcoming = sorted(group.events, key=self.start)
            after = self.now.replace(microsecond=0).isoformat()
            args = {
                "filter": {"afterDateTime": after, "status": ["ACTIVE", "CANCELLED"]},
                "first": 30,
                "sort": "ASC",
            }
            key = f"events({_compact(args)})"
            obj[key] = {
                "__typename": "GroupEventConnection",
                "totalCount": len(upcoming),
                "pageInfo": {
                    "__typename": "PageInfo",
                    "endCursor": _number(group.urlname + "cursor", 12),
                    "hasNextPage": False,
                },
                "edges": [
                    {"__typename": "EventEdge", "node": {"__ref": f"Event:{e.id}"}}
                    for e in upcoming
                ],
            }
        return obj

    def _root_key(self, group: SampleGroup) -> str:
        arg = _compact({"urlname": group.urlname})
        if group.page_style == "2024":
            return f"groupByUrlname({arg})"
        return f"groupByUrlname:{arg}"

    def group_apollo(self, group: SampleGroup, with_events: bool) -> dict[str, Any]:
        state: dict[str, Any] = {
            "ROOT_QUERY": {
                "__typename": "Query",
                self._root_key(group): {"__ref": f"Group:{group.id}"},
                "self": None,
            },
            f"Group:{group.id}": self.group_object(group, with_events),
            self.category_key(group): {
                "__typename": "TopicCategory",
                "id": self.category_key(group).split(":")[1],
                "name": group.category,
            },
        }
        state.update(self.topic_objects(group))
        if with_events:
            for event in sorted(group.events, key=self.start):
                state[self.venue_key(event)] = self.venue_object(event)
                state[f"Event:{event.id}"] = self.event_object(group, event)
        return state

    def next_data(self, page: str, query: dict[str, str], page_props: dict[str, Any]) -> str:
        data = {
            "props": {
                "pageProps": {
                    "isMobile": False,
                    "showMobileBanner": False,
                    "memberLocale": "en-US",
                    **page_props,
                },
                "__N_SSP": True,
            },
            "page": page,
            "query": query,
            "buildId": BUILD_ID,
            "isFallback": False,
            "gssp": True,
            "locale": "en-US",
            "locales": ["en-US", "de-DE", "es-ES", "fr-FR"],
            "defaultLocale": "en-US",
            "scriptLoader": [],
        }
        return _dumps(data)

    # ------------------------------------------------------------------ visible markup

    def when_text(self, event: SampleEvent) -> str:
        start = self.start(event)
        return start.strftime("%a, %b ") + str(start.day) + start.strftime(" · %-I:%M %p %Z")

    def _page(
        self,
        *,
        title: str,
        canonical: str,
        description: str,
        body: str,
        next_data: str,
        jsonld: list[dict[str, Any]],
    ) -> str:
        ld = "".join(
            f'<script type="application/ld+json">{_dumps(item)}</script>' for item in jsonld
        )
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en-US"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>"
            f'<meta name="description" content="{html.escape(description[:160])}">'
            f'<meta property="og:title" content="{html.escape(title)}">'
            f'<meta property="og:url" content="{html.escape(canonical)}">'
            f'<link rel="canonical" href="{html.escape(canonical)}">'
            f"{ld}<style>{STYLE}</style></head>\n"
            f'<body><div id="__next"><header class="top">meetup</header>'
            f"<main>{body}</main></div>\n"
            f'<script id="__NEXT_DATA__" type="application/json">{next_data}</script>\n'
            "</body></html>\n"
        )

    def _group_header(self, group: SampleGroup) -> str:
        return (
            f'<section id="group-header"><a id="group-name-link" href="{group_url(group)}">'
            f'<h1 class="group-name">{html.escape(group.name)}</h1></a>'
            f'<p class="muted">{html.escape(group.city)}, NJ · {group.members:,} members · '
            f"Public group</p>"
            f'<nav class="muted"><a href="{group_url(group)}">About</a> · '
            f'<a href="{group_url(group)}events/">Events</a></nav></section>'
        )

    def _card(self, group: SampleGroup, event: SampleEvent, n: int) -> str:
        state = ' <span class="muted">Cancelled</span>' if event.cancelled else ""
        where = "Online event" if event.online else self.sample.venues[event.venue or ""].name
        return (
            f'<a id="event-card-e-{n}" data-event-label="event-card-{n}" class="card" '
            f'href="{event_url(group, event)}">'
            f'<time datetime="{int(self.start(event).timestamp() * 1000)}">'
            f"{html.escape(self.when_text(event))}</time>"
            f'<span class="title">{html.escape(event.title)}</span>'
            f'<span class="muted">{html.escape(where)} · {event.going} attendees</span>{state}</a>'
        )

    def _organization_ld(self, group: SampleGroup) -> list[dict[str, Any]]:
        return [
            {
                "@context": "https://schema.org",
                "@type": "Organization",
                "name": group.name,
                "url": group_url(group),
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": group.city,
                    "addressRegion": "NJ",
                    "addressCountry": "us",
                },
            },
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Meetup", "item": MEETUP},
                    {
                        "@type": "ListItem",
                        "position": 2,
                        "name": group.name,
                        "item": group_url(group),
                    },
                ],
            },
        ]

    # ------------------------------------------------------------------ pages

    def group_events_page(self, group: SampleGroup) -> str:
        events = sorted(group.events, key=self.start)
        body = (
            self._group_header(group)
            + '<h2>Upcoming events</h2><div id="event-list">'
            + "".join(self._card(group, e, n) for n, e in enumerate(events, 1))
            + "</div>"
        )
        props = {"urlname": group.urlname, "__APOLLO_STATE__": self.group_apollo(group, True)}
        return self._page(
            title=f"{group.name} Events | Meetup",
            canonical=f"{group_url(group)}events/",
            description=group.description.strip(),
            body=body,
            next_data=self.next_data("/[slug]/events", {"slug": group.urlname}, props),
            jsonld=self._organization_ld(group),
        )

    def group_home_page(self, group: SampleGroup) -> str:
        body = (
            self._group_header(group) + f'<h2>What we\'re about</h2><div class="description">'
            f"{html.escape(group.description.strip())}</div>"
        )
        props = {"urlname": group.urlname, "__APOLLO_STATE__": self.group_apollo(group, False)}
        return self._page(
            title=f"{group.name} | Meetup",
            canonical=group_url(group),
            description=group.description.strip(),
            body=body,
            next_data=self.next_data("/[slug]", {"slug": group.urlname}, props),
            jsonld=self._organization_ld(group),
        )

    def event_page(self, group: SampleGroup, event: SampleEvent) -> str:
        url = event_url(group, event)
        where = (
            "Online event"
            if event.online
            else "{0.name}, {0.address}, {0.city}, {0.state}".format(
                self.sample.venues[event.venue or ""]
            )
        )
        fee = f"${event.fee:.2f}" if event.fee else "FREE"
        body = (
            '<div data-event-label="top">'
            + ('<p class="when">Cancelled</p>' if event.cancelled else "")
            + f"<h1>{html.escape(event.title)}</h1>"
            f'<p class="muted">Hosted by <a data-event-label="event-home-group-name-link" '
            f'href="{group_url(group)}">{html.escape(group.name)}</a></p></div>'
            f'<p><time class="when" datetime="{_iso(self.start(event))}">'
            f"{html.escape(self.when_text(event))}</time></p>"
            f'<p class="muted">{html.escape(where)} · {fee} · {event.going} attendees</p>'
            f'<h2>Details</h2><div id="event-details" class="description">'
            f"{_markdown_lite(event.description)}</div>"
        )
        if group.page_style == "2024":
            props = self._event_props_denormalised(group, event)
            jsonld: list[dict[str, Any]] = []
        else:
            props = self._event_props_normalised(group, event)
            jsonld = [self._event_ld(group, event)]
        return self._page(
            title=f"{event.title} | Meetup",
            canonical=url,
            description=event.description.strip(),
            body=body,
            next_data=self.next_data(
                "/[slug]/events/[eventId]", {"slug": group.urlname, "eventId": str(event.id)}, props
            ),
            jsonld=jsonld,
        )

    def _event_props_normalised(self, group: SampleGroup, event: SampleEvent) -> dict[str, Any]:
        state = self.group_apollo(group, False)
        state["ROOT_QUERY"] = {
            "__typename": "Query",
            f"event({_compact({'id': str(event.id)})})": {"__ref": f"Event:{event.id}"},
        }
        state[self.venue_key(event)] = self.venue_object(event)
        state[f"Event:{event.id}"] = self.event_object(group, event)
        return {"eventId": str(event.id), "__APOLLO_STATE__": state}

    def _event_props_denormalised(self, group: SampleGroup, event: SampleEvent) -> dict[str, Any]:
        """The older event page: `pageProps.event` plus an `Event:<id>!chp` Apollo key."""
        venue = self.venue_object(event)
        venue.pop("id")
        group_obj = {
            "__typename": "Group",
            "id": str(group.id),
            "name": group.name,
            "urlname": group.urlname,
            "link": group_url(group).rstrip("/"),
            "country": "us",
            "isPrivate": False,
            "joinMode": "OPEN",
            "stats": {
                "__typename": "GroupStats",
                "memberCounts": {"__typename": "GroupMemberCounts", "all": group.members},
            },
            "topics": list(self.topic_objects(group).values()),
        }
        ev = {
            "__typename": "Event",
            "id": str(event.id),
            "title": event.title,
            "eventUrl": event_url(group, event).rstrip("/"),
            "description": event.description.strip(),
            # Older pages: minutes only, and a separate zone name.
            "dateTime": _iso(self.start(event), seconds=False),
            "endTime": _iso(self.end(event), seconds=False),
            "timezone": "US/Eastern" if self.sample.timezone == "America/New_York" else None,
            "currency": "USD",
            "feeSettings": self.fee_settings(event),
            "going": event.going,
            "isOnline": event.online,
            "howToFindUs": "Zoom link after RSVP" if event.online else None,
            "status": "cancelled" if event.cancelled else "published",
            "timeStatus": "CANCELLED" if event.cancelled else "UPCOMING",
            "rsvpState": "CLOSED" if event.cancelled else "JOIN_OPEN",
            "venue": venue,
            "series": None,
            "maxTickets": 0,
            "guestsAllowed": True,
        }
        chp_key = f"Event:{event.id}!chp"
        state = {
            "ROOT_QUERY": {
                "__typename": "Query",
                f"event({_compact({'id': str(event.id)})})": {"__ref": chp_key},
            },
            chp_key: {**ev, "id": f"{event.id}!chp", "group": {"__ref": f"Group:{group.id}"}},
            f"Group:{group.id}": {
                **group_obj,
                "topics": [{"__ref": k} for k in self.topic_objects(group)],
            },
            **self.topic_objects(group),
        }
        return {
            "eventId": str(event.id),
            "slug": group.urlname,
            "event": {**ev, "group": group_obj},
            "__APOLLO_STATE__": state,
        }

    def _event_ld(self, group: SampleGroup, event: SampleEvent) -> dict[str, Any]:
        """schema.org Event as event pages have carried at times; its description is cut short."""
        v = self.venue_object(event)
        location: dict[str, Any] = (
            {"@type": "VirtualLocation", "url": event_url(group, event)}
            if event.online
            else {
                "@type": "Place",
                "name": v["name"],
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": v["address"],
                    "addressLocality": v["city"],
                    "addressRegion": v["state"],
                    "addressCountry": "US",
                },
            }
        )
        text = event.description.strip()
        return {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "url": event_url(group, event),
            "description": text[:140] + ("…" if len(text) > 140 else ""),
            "startDate": _iso(self.start(event)),
            "endDate": _iso(self.end(event)),
            "eventStatus": (
                "https://schema.org/EventCancelled"
                if event.cancelled
                else "https://schema.org/EventScheduled"
            ),
            "eventAttendanceMode": (
                "https://schema.org/OnlineEventAttendanceMode"
                if event.online
                else "https://schema.org/OfflineEventAttendanceMode"
            ),
            "location": location,
            "organizer": {"@type": "Organization", "name": group.name, "url": group_url(group)},
            "offers": {
                "@type": "Offer",
                "price": f"{event.fee or 0:.2f}",
                "priceCurrency": "USD",
            },
        }

    def search_page(self) -> str:
        """`/find/?source=EVENTS&keywords=…`: results drawn by script from the query, as on Meetup.

        Every upcoming sample meeting is in the page's data; the script shows those whose text has
        all the keywords (the place is ignored: the whole sample is in one region).
        """
        items = []
        for group, event in self.sample.all_events():
            if event.cancelled:
                continue
            text = " ".join([event.title, event.description, group.name, *group.topics])
            items.append(
                {
                    "url": event_url(group, event),
                    "title": event.title,
                    "group": group.name,
                    "when": self.when_text(event),
                    "start": self.start(event).timestamp(),
                    "going": event.going,
                    "text": text.lower(),
                }
            )
        items.sort(key=lambda item: item["start"])
        script = SEARCH_SCRIPT.replace("__RESULTS__", _dumps(items))
        body = (
            '<h1 id="search-heading">Events near North Jersey</h1>'
            '<div id="results" data-testid="categoryResults-eventCard-list"></div>'
            f"<script>{script}</script>"
        )
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en-US"><head><meta charset="utf-8"><title>Find events | Meetup</title>'
            f"<style>{STYLE}</style></head>\n"
            f'<body><div id="__next"><header class="top">meetup</header><main>{body}</main>'
            "</div></body></html>\n"
        )


# Draws the result cards; text from the data goes in as textContent only.
SEARCH_SCRIPT = """
const RESULTS = __RESULTS__;
const params = new URLSearchParams(location.search);
const words = (params.get("keywords") || "").toLowerCase().split(/\\s+/).filter(Boolean);
const hits = RESULTS.filter((r) => words.every((w) => r.text.includes(w)));
document.getElementById("search-heading").textContent =
  `${hits.length} events for "${params.get("keywords") || ""}"`;
const list = document.getElementById("results");
for (const r of hits) {
  const card = document.createElement("div");
  card.dataset.testid = "categoryResults-eventCard";
  const a = document.createElement("a");
  a.href = r.url;
  a.className = "card";
  const when = document.createElement("time");
  when.textContent = r.when;
  const title = document.createElement("h2");
  title.className = "title";
  title.textContent = r.title;
  const group = document.createElement("span");
  group.className = "muted";
  group.textContent = `${r.group} · ${r.going} attendees`;
  a.append(when, title, group);
  card.append(a);
  list.append(card);
}
"""
