"""A Meetup group with many upcoming events, all shown in full on its events page: a crawl of it
stores hundreds of events in a few requests, which is what a disk-full test needs."""

from __future__ import annotations

from meetscout.demo.localsite import Reply
from tests.spiders.meetup_site import ROBOTS, group_events_page, ical_2026

URLNAME = "big-chapter"
NAME = "Big Chapter of Service Professionals"


def big_events(count: int) -> list[dict]:
    events = []
    for n in range(count):
        month, day = 1 + n // 28 % 12, 1 + n % 28
        events.append(
            dict(id=f"3120{n:05d}", title=f"Chapter meeting {n}: service desk metrics, part {n}",
                 start=f"2031-{month:02d}-{day:02d}T18:00:00-05:00",
                 end=f"2031-{month:02d}-{day:02d}T20:30:00-05:00",
                 description=f"Dinner, networking and talk number {n} for service professionals. "
                 + "Members free, guests $25. " * 8,
                 venue=("Hilton Woodbridge", "120 Wood Ave S", "Iselin", "NJ"), fee=25, going=n)
        )  # fmt: skip
    return events


def big_routes(count: int = 400) -> dict[str, Reply]:
    events = big_events(count)
    return {
        "/robots.txt": Reply(ROBOTS, content_type="text/plain"),
        f"/{URLNAME}/events/ical/": Reply(
            ical_2026(NAME, URLNAME, events), content_type="text/calendar; charset=utf-8"
        ),
        f"/{URLNAME}/events/": Reply(group_events_page(NAME, URLNAME, events)),
    }
