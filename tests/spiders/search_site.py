"""A local Meetup search page that loads results by script while it scrolls, and event pages."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from meetscout.demo.localsite import Reply

from .meetup_site import ROBOTS, event_page

FIND = Path(__file__).parent.parent / "fixtures" / "meetup" / "find" / "find.html"
GROUP = ("NYC Professional Networking & Careers", "nyc-career-networking")
TOTAL = 25
FIRST = 9  # results in the server's HTML
BATCH = 10
OVERLAP = 2  # each batch repeats the last results of the one before


def search_events() -> list[dict]:
    return [
        dict(id=str(317000000 + n), title=f"Product Management Networking Night {n}",
             start=f"2031-05-{n + 1:02d}T18:00:00-04:00", end=f"2031-05-{n + 1:02d}T20:00:00-04:00",
             description=f"Evening {n} for working product managers.",
             venue=("WeWork", "115 W 18th St", "New York", "NY"), fee=None, going=10 + n)
        for n in range(TOTAL)
    ]  # fmt: skip


def _link(e: dict) -> str:
    # Search results carry tracking parameters; the stored URL must not.
    return f"/{GROUP[1]}/events/{e['id']}/?recId=r{e['id']}&eventOrigin=find_page%24all"


def batch(page: int) -> tuple[list[dict], bool]:
    events = search_events()
    if page == 1:
        return events[:FIRST], True
    start = FIRST + (page - 2) * BATCH - OVERLAP
    chunk = events[start : start + BATCH + OVERLAP]
    return chunk, start + BATCH + OVERLAP < TOTAL


def find_page(path: str) -> Reply:
    cards = "\n".join(
        f'<a class="card" style="display:block" href="{_link(e)}">{e["title"]}</a>'
        for e in batch(1)[0]
    )
    return Reply(FIND.read_text().replace("<!--CARDS-->", cards))


def find_api(path: str) -> Reply:
    page = int(parse_qs(urlsplit(path).query).get("page", ["2"])[0])
    events, more = batch(page)
    body = {"events": [{"url": _link(e), "title": e["title"]} for e in events], "hasNextPage": more}
    return Reply(json.dumps(body), content_type="application/json")


def routes() -> dict:
    table = {
        "/robots.txt": Reply(ROBOTS, content_type="text/plain"),
        "/find/": find_page,
        "/find/api": find_api,
    }
    for e in search_events():
        table[f"/{GROUP[1]}/events/{e['id']}/"] = Reply(event_page(*GROUP, e))
    return table
