"""A local copy of a few Meetup groups, in the real shapes, that tests can change between crawls.

- `hdi-new-jersey` (2026 shapes): the feed lists 401, 402 and 403 with no text or place; the events
  page shows 401 and 402 in full, so only 403's own page is read.
- `pmi-amsterdam` (2022-23 shapes): the feed cuts texts short; the events page shows 501 of more
  (`hasNextPage`), so 502's page (the 2022 denormalised layout) is read; 503 is online and whole.
- `no-such-group` answers 404 `Group not found`; `walled-group` redirects to a login page.
"""

from __future__ import annotations

import json

from meetscout.demo.localsite import Reply

ROBOTS = "User-agent: *\nDisallow: /members/\nDisallow: /messages/\n"
NEW_YORK_TZ = """BEGIN:VTIMEZONE\r
TZID:America/New_York\r
X-LIC-LOCATION:America/New_York\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
TZNAME:EDT\r
DTSTART:19700308T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
TZNAME:EST\r
DTSTART:19701101T020000\r
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
END:STANDARD\r
END:VTIMEZONE\r
"""
LOGIN = (
    "<!DOCTYPE html><html><head><title>Login to Meetup | Meetup</title></head><body>"
    '<form action="/login/" method="post"><input type="email" name="email">'
    '<input type="password" name="password"><button>Log in</button></form></body></html>'
)

HDI = "hdi-new-jersey"
PMI = "pmi-amsterdam"


def hdi_events(changed: bool = False, vanished: bool = False) -> list[dict]:
    events = [
        dict(id="311000401", title="January Chapter Meeting: Service Desk Metrics",
             start="2031-01-16T18:00:00-05:00", end="2031-01-16T20:30:00-05:00",
             description="Dinner, networking and a talk\\. Members free\\, guests $25\\.",
             venue=("Hilton Woodbridge", "120 Wood Ave S", "Iselin", "NJ"), fee=25, going=38),
        dict(id="311000402", title="February Chapter Meeting: Knowledge Management",
             start="2031-02-20T18:00:00-05:00", end="2031-02-20T20:30:00-05:00",
             description="Talk and networking. First visit free for job seekers.",
             venue=("Hilton Woodbridge", "120 Wood Ave S", "Iselin", "NJ"), fee=None, going=21),
        dict(id="311000403", title="Spring Networking Mixer",
             start="2031-03-20T18:00:00-04:00", end="2031-03-20T21:00:00-04:00",
             description="Drinks-only mixer for service management professionals. Cash bar.",
             venue=("The Brass Rail", "135 Washington St", "Hoboken", "NJ"), fee=None, going=9),
    ]  # fmt: skip
    if changed:
        events[0]["title"] = "January Chapter Meeting: Service Desk Metrics (new room)"
    if vanished:
        events = [e for e in events if e["id"] != "311000402"]
    return events


def ical_2026(name: str, urlname: str, events: list[dict]) -> str:
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Meetup//Meetup Calendar 1.0//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"NAME:{name}", f"X-WR-CALNAME:{name}",
    ]  # fmt: skip
    text = "\r\n".join(lines) + "\r\n" + NEW_YORK_TZ
    for e in events:
        local = e["start"][:19].replace("-", "").replace(":", "")
        local_end = e["end"][:19].replace("-", "").replace(":", "")
        text += (
            f"BEGIN:VEVENT\r\nUID:event_{e['id']}@meetup.com\r\nSEQUENCE:1\r\n"
            "DTSTAMP:20301201T000000Z\r\n"
            f"DTSTART;TZID=America/New_York:{local}\r\nDTEND;TZID=America/New_York:{local_end}\r\n"
            f"SUMMARY:{e['title']}\r\nDESCRIPTION:{name}\r\n"
            f"URL;VALUE=URI:https://www.meetup.com/{urlname}/events/{e['id']}/\r\n"
            "STATUS:CONFIRMED\r\nCLASS:PUBLIC\r\nEND:VEVENT\r\n"
        )
    return (
        text + f"X-ORIGINAL-URL:https://www.meetup.com/{urlname}/events/ical/\r\nEND:VCALENDAR\r\n"
    )


def apollo_event(e: dict, group_ref: str, urlname: str) -> tuple[dict, dict]:
    """(the Event object, the cache entries it points at) in the 2026 shape."""
    extra = {}
    venue = None
    if e.get("venue"):
        name, address, city, state = e["venue"]
        key = f"Venue:{e['id']}"
        extra[key] = {"__typename": "Venue", "id": e["id"], "name": name, "address": address,
                      "city": city, "state": state, "country": "us"}  # fmt: skip
        venue = {"__ref": key}
    fee = None
    if e.get("fee"):
        fee = {"__typename": "FeeSettings", "amount": e["fee"], "currency": "USD"}
    event = {
        "__typename": "Event", "id": e["id"], "title": e["title"],
        "eventUrl": f"https://www.meetup.com/{urlname}/events/{e['id']}/",
        "description": e["description"], "group": {"__ref": group_ref}, "feeSettings": fee,
        "venue": venue, "dateTime": e["start"], "endTime": e["end"],
        "going": {"__typename": "EventRsvpConnection", "totalCount": e.get("going", 0)},
        "isOnline": False, "eventType": "PHYSICAL", "status": e.get("status", "ACTIVE"),
    }  # fmt: skip
    return event, extra


def next_data_page(data: dict, title: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><div id='__next'></div>"
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
        "</body></html>"
    )


def group_events_page(name: str, urlname: str, events: list[dict], more: bool = False) -> str:
    gref = "Group:900001"
    state: dict = {"ROOT_QUERY": {"__typename": "Query",
                                  f'groupByUrlname:{{"urlname":"{urlname}"}}': {"__ref": gref}}}  # fmt: skip
    edges = []
    for e in events:
        event, extra = apollo_event(e, gref, urlname)
        state[f"Event:{e['id']}"] = event
        state.update(extra)
        edges.append({"__typename": "EventEdge", "node": {"__ref": f"Event:{e['id']}"}})
    state[gref] = {
        "__typename": "Group", "id": "900001", "name": name, "urlname": urlname,
        "timezone": "America/New_York", "city": "Iselin", "state": "NJ", "country": "us",
        "description": "<p>The New Jersey chapter of HDI, the association of service and support professionals.</p>",
        "stats": {"__typename": "GroupStats", "memberCounts": {"__typename": "GroupMemberCounts", "all": 812}},
        "activeTopics": [{"__ref": "Topic:1"}],
        'events:{"filter":{"status":["ACTIVE","CANCELLED"]},"first":30,"sort":"ASC"}': {
            "__typename": "GroupEventConnection", "totalCount": len(edges) + (5 if more else 0),
            "pageInfo": {"__typename": "PageInfo", "endCursor": "x", "hasNextPage": more},
            "edges": edges},
    }  # fmt: skip
    state["Topic:1"] = {"__typename": "Topic", "id": "1", "name": "IT Service Management"}
    data = {"props": {"pageProps": {"urlname": urlname, "__APOLLO_STATE__": state}},
            "page": "/[slug]/events", "query": {"slug": urlname}}  # fmt: skip
    return next_data_page(data, f"{name} events | Meetup")


def event_page(name: str, urlname: str, e: dict) -> str:
    gref = "Group:900001"
    event, extra = apollo_event(e, gref, urlname)
    state = {"ROOT_QUERY": {"__typename": "Query", f'event:{{"id":"{e["id"]}"}}': {"__ref": f"Event:{e['id']}"}},
             gref: {"__typename": "Group", "id": "900001", "name": name, "urlname": urlname,
                    "timezone": "America/New_York"},
             f"Event:{e['id']}": event, **extra}  # fmt: skip
    data = {"props": {"pageProps": {"eventId": e["id"], "__APOLLO_STATE__": state}},
            "page": "/[slug]/events/[eventId]"}  # fmt: skip
    return next_data_page(data, f"{e['title']} | Meetup")


PMI_FEED = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Meetup//RemoteApi//EN\r
X-ORIGINAL-URL:https://www.meetup.com/pmi-amsterdam/events/ical/\r
X-WR-CALNAME:Events - PMI Netherlands Amsterdam Branch\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Amsterdam:20310123T183000\r
DTEND;TZID=Europe/Amsterdam:20310123T210000\r
STATUS:CONFIRMED\r
SUMMARY:PMI Chapter Evening: Agile Contracts\r
DESCRIPTION:PMI Netherlands Amsterdam Branch\\nThursday\\, January 23 at 6:30\r
  PM\\n\\nOur monthly chapter evening for project professionals. Members fre\r
 e\\, non-members EUR 15...\\n\\nhttps://www.meetup.com/pmi-amsterdam/events/5\r
 01/\r
LOCATION:Capgemini (Reykjavikplein 1\\, Utrecht\\, UT\\, Netherlands 3543 KA)\r
URL:https://www.meetup.com/pmi-amsterdam/events/501/\r
UID:event_501@meetup.com\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Amsterdam:20310403T183000\r
DTEND;TZID=Europe/Amsterdam:20310403T210000\r
STATUS:CONFIRMED\r
SUMMARY:Spring Borrel for Project Managers\r
DESCRIPTION:PMI Netherlands Amsterdam Branch\\nThursday\\, April 3 at 6:30 PM\r
 \\n\\nDrinks and networking for project and programme managers. Free for me\r
 mbers and for members in career transi...\\n\\nhttps://www.meetup.com/pmi-ams\r
 terdam/events/502/\r
LOCATION:NA\r
URL:https://www.meetup.com/pmi-amsterdam/events/502/\r
UID:event_502@meetup.com\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Amsterdam:20310410T190000\r
DTEND;TZID=Europe/Amsterdam:20310410T200000\r
STATUS:CONFIRMED\r
SUMMARY:Online: PMP Exam Study Group\r
DESCRIPTION:PMI Netherlands Amsterdam Branch\\nThursday\\, April 10 at 7:00 P\r
 M\\n\\nWeekly study group online.\\n\\nhttps://www.meetup.com/pmi-amsterdam/ev\r
 ents/503/\r
LOCATION:Online event\r
URL:https://www.meetup.com/pmi-amsterdam/events/503/\r
UID:event_503@meetup.com\r
END:VEVENT\r
END:VCALENDAR\r
"""

PMI_501 = dict(
    id="501", title="PMI Chapter Evening: Agile Contracts",
    start="2031-01-23T18:30:00+01:00", end="2031-01-23T21:00:00+01:00",
    description="Our monthly chapter evening for project professionals. Members free, "
    "non-members EUR 15. Networking with drinks from 18:30, talk at 19:15.",
    venue=("Capgemini", "Reykjavikplein 1", "Utrecht", "UT"), fee=15, going=40,
)  # fmt: skip


def pmi_502_page() -> str:
    """The 2022 event page layout: a denormalised `pageProps.event` and an `Event:<id>!chp` key."""
    event = {
        "__typename": "Event", "id": "502", "title": "Spring Borrel for Project Managers",
        "description": "Drinks and networking for project and programme managers\\. Free for "
        "members and for members in career transition\\; others EUR 10\\.",
        "eventUrl": "https://www.meetup.com/pmi-amsterdam/events/502",
        "dateTime": "2031-04-03T18:30+02:00", "endTime": "2031-04-03T21:00+02:00",
        "timezone": "Europe/Amsterdam", "status": "published", "isOnline": False, "going": 17,
        "venue": {"__typename": "Venue", "name": "Café de Jaren", "address": "Nieuwe Doelenstraat 20",
                  "city": "Amsterdam", "state": "NH", "country": "nl", "lat": 52.368, "lng": 4.895},
        "feeSettings": {"__typename": "FeeSettings", "amount": 10, "currency": "EUR"},
        "group": {"__typename": "Group", "id": "900002", "name": "PMI Netherlands Amsterdam Branch",
                  "urlname": "pmi-amsterdam", "country": "nl",
                  "stats": {"__typename": "GroupStats", "memberCounts": {"all": 2300}}},
    }  # fmt: skip
    chp = {**event, "id": "502!chp", "group": {"__ref": "Group:900002"}}
    data = {"props": {"pageProps": {"eventId": "502", "slug": "pmi-amsterdam", "event": event,
            "__APOLLO_STATE__": {"Group:900002": event["group"], "Event:502!chp": chp,
                                 "ROOT_QUERY": {"__typename": "Query", 'event({"id":"502"})': {"__ref": "Event:502!chp"}}}}},
            "page": "/[slug]/events/[eventId]"}  # fmt: skip
    return next_data_page(data, "Spring Borrel | Meetup")


def routes(changed: bool = False, vanished: bool = False) -> dict[str, Reply]:
    hdi_name = "HDI New Jersey Chapter"
    events = hdi_events(changed=changed, vanished=vanished)
    by_id = {e["id"]: e for e in events}
    table = {
        "/robots.txt": Reply(ROBOTS, content_type="text/plain"),
        f"/{HDI}/events/ical/": Reply(ical_2026(hdi_name, HDI, events), content_type="text/calendar; charset=utf-8"),
        f"/{HDI}/events/": Reply(group_events_page(hdi_name, HDI, [e for e in events if e["id"] != "311000403"])),
        f"/{PMI}/events/ical/": Reply(PMI_FEED, content_type="text/calendar; charset=utf-8"),
        f"/{PMI}/events/": Reply(group_events_page("PMI Netherlands Amsterdam Branch", PMI, [PMI_501], more=True)),
        f"/{PMI}/events/502/": Reply(pmi_502_page()),
        "/no-such-group/events/ical/": Reply('{"message":"Group not found"}', 404, "application/json"),
        "/no-such-group/events/": Reply('{"message":"Group not found"}', 404, "application/json"),
        "/walled-group/events/ical/": Reply("", 302, headers={"Location": "/login/?returnUri=%2Fwalled-group%2Fevents%2Fical%2F"}),
        "/walled-group/events/": Reply("", 302, headers={"Location": "/login/?returnUri=%2Fwalled-group%2Fevents%2F"}),
        "/login/": Reply(LOGIN),
    }  # fmt: skip
    if "311000403" in by_id:
        table[f"/{HDI}/events/311000403/"] = Reply(event_page(hdi_name, HDI, by_id["311000403"]))
    return table
