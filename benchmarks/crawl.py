"""Crawl speed: meetscout's Meetup event-page crawl against a bare Scrapy spider, same pages.

Generates N event pages (about 30 KB each, with a realistic `__NEXT_DATA__` Apollo cache), serves
them from a LocalSite on 127.0.0.1, then in the same run crawls them twice, each crawl in its own
process (Scrapy's reactor cannot restart): a bare spider that only downloads, and meetscout's
`meetup_events` spider that parses every page and stores the events in SQLite. Prints pages/s of
both and the ratio (target: meetscout at least 60% of bare).

    python benchmarks/crawl.py --pages 2000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "LOG_LEVEL": "ERROR",
}
WORDS = (
    "chapter meeting networking dinner speaker members guests service desk metrics project "
    "management agile cloud security audit career panel mentoring workshop leadership data"
).split()


IMAGES = "https://secure-content.meetupstatic.com/images/classic-member/"


def _member(state: dict, n: int, m: int) -> dict:
    """An RSVP with its member and photo, as the cache holds them; returns the edge."""
    member, photo, rsvp = (
        f"Member:{9000000 + n * 60 + m}",
        f"PhotoInfo:{5000000 + m}",
        f"Rsvp:{n}{m}",
    )
    state[photo] = {"__typename": "PhotoInfo", "id": photo[10:], "baseUrl": IMAGES,
                    "highResUrl": f"{IMAGES}{m}/highres_{m}.jpeg"}  # fmt: skip
    state[member] = {"__typename": "Member", "id": member[7:], "name": f"Member {m}",
                     "memberPhoto": {"__ref": photo}, "isOrganizer": False}  # fmt: skip
    state[rsvp] = {"__typename": "Rsvp", "id": rsvp[5:], "member": {"__ref": member}}
    return {"__typename": "RsvpEdge", "node": {"__ref": rsvp}}


def event_page(n: int) -> bytes:
    """One event page shaped like Meetup's 2024 pages, about 30 KB."""
    event_id = str(320000000 + n)
    urlname = f"bench-group-{n % 50}"
    gref, vref, eref = f"Group:{700000 + n % 50}", f"Venue:{800000 + n}", f"Event:{event_id}"
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(900)]
    description = (
        f"**Welcome to meeting {n}\\!** " + " ".join(words[:300]) + "\n\n\\- Agenda\\: "
        + " ".join(words[300:600]) + "\n\n" + " ".join(words[600:])
    )  # fmt: skip
    counts = {"__typename": "GroupMemberCounts", "all": 1000 + n % 50}
    state: dict = {
        "ROOT_QUERY": {"__typename": "Query", f'event:{{"id":"{event_id}"}}': {"__ref": eref}},
        gref: {"__typename": "Group", "id": gref[6:], "name": f"Bench Professionals {n % 50}",
               "urlname": urlname, "timezone": "America/New_York", "city": "Newark",
               "state": "NJ", "country": "us",
               "stats": {"__typename": "GroupStats", "memberCounts": counts}},
        vref: {"__typename": "Venue", "id": vref[6:], "name": f"Hotel {n % 20}",
               "address": f"{n} Broad St", "city": "Newark", "state": "NJ", "country": "us",
               "lat": 40.73, "lng": -74.17},
    }  # fmt: skip
    rsvps = [_member(state, n, m) for m in range(40)]
    fee = None if n % 3 else {"__typename": "FeeSettings", "amount": 20, "currency": "USD"}
    state[eref] = {
        "__typename": "Event", "id": event_id,
        "title": f"Chapter Meeting {n}: {WORDS[n % len(WORDS)].title()} \\u0026 Networking",
        "eventUrl": f"https://www.meetup.com/{urlname}/events/{event_id}/",
        "description": description, "group": {"__ref": gref}, "venue": {"__ref": vref},
        "feeSettings": fee, "dateTime": "2031-06-04T18:00:00-04:00",
        "endTime": "2031-06-04T20:30:00-04:00", "isOnline": False, "eventType": "PHYSICAL",
        "going": {"__typename": "EventRsvpConnection", "totalCount": 40}, "status": "ACTIVE",
        'rsvps({"first":40})': {"__typename": "RsvpConnection", "edges": rsvps},
    }  # fmt: skip
    labels = {f"k{i}": f"Label number {i}" for i in range(40)}
    props = {"eventId": event_id, "localeMessages": labels, "__APOLLO_STATE__": state}
    data = {"props": {"pageProps": props}, "page": "/[slug]/events/[eventId]", "buildId": "b"}
    head = "<!DOCTYPE html><html><head><title>Meetup</title>" + "<link rel='preload'>" * 40
    return (
        f'{head}</head><body><div id="__next"><h1>Chapter Meeting {n}</h1></div>'
        '<script id="__NEXT_DATA__" type="application/json">'
        f"{json.dumps(data)}</script></body></html>"
    ).encode()


def child(kind: str, urls_file: str, db: str, base_url: str) -> None:
    """One crawl, timed from spider open to spider close; prints JSON."""
    import scrapy
    from meetscout.spiders.meetup_events import MeetupEventsSpider
    from meetscout.spiders.run import crawl
    from scrapy import signals

    class BareSpider(scrapy.Spider):
        name = "bare"

        async def start(self):
            for url in Path(urls_file).read_text().split():
                yield scrapy.Request(base_url + url.removeprefix("https://www.meetup.com"))

        def parse(self, response):
            return None

    settings = {**SETTINGS, "ITEM_PIPELINES": {}} if kind == "bare" else SETTINGS
    times: dict[str, float] = {}
    pages = [0]

    # Named functions: Scrapy holds signal receivers weakly, so a lambda would be dropped.
    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def opened(**_):
        times["open"], times["cpu_open"] = time.perf_counter(), cpu()

    def closed(**_):
        times["close"], times["cpu_close"] = time.perf_counter(), cpu()

    def received(**_):
        pages[0] += 1

    timing = {
        signals.spider_opened: opened,
        signals.spider_closed: closed,
        signals.response_received: received,
    }
    kwargs = {} if kind == "bare" else {"urls_file": urls_file, "base_url": base_url}
    spider = BareSpider if kind == "bare" else MeetupEventsSpider
    crawl(spider, Path(db), settings, signals=timing, **kwargs)
    print(
        json.dumps(
            {
                "pages": pages[0],
                "seconds": times["close"] - times["open"],
                "cpu": times["cpu_close"] - times["cpu_open"],
            }
        )
    )


def run_child(kind: str, urls_file: Path, db: Path, base_url: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(urls_file), str(db), base_url],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"{kind} crawl failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument(
        "--rounds", type=int, default=2, help="alternate the two crawls this many times; best kept"
    )
    args = parser.parse_args()

    from meetscout.demo.localsite import LocalSite, Reply
    from meetscout.store import Store

    built = time.perf_counter()
    routes = {
        "/robots.txt": Reply("User-agent: *\nDisallow: /members/\n", content_type="text/plain")
    }
    urls = []
    for n in range(args.pages):
        path = f"/bench-group-{n % 50}/events/{320000000 + n}/"
        routes[path] = Reply(event_page(n))
        urls.append("https://www.meetup.com" + path)
    size = sum(len(r.body) for r in routes.values()) / args.pages
    print(f"generated {args.pages} event pages, {size / 1024:.1f} KB each on average "
          f"({time.perf_counter() - built:.1f}s)")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp, LocalSite(routes) as site:
        urls_file = Path(tmp) / "urls.txt"
        urls_file.write_text("\n".join(urls))
        # Alternate the crawls so that neither always runs on a cold (or a warm) server.
        bares, oursl, stored = [], [], 0
        for round_ in range(args.rounds):
            bares.append(run_child("bare", urls_file, Path(tmp) / "bare.db", site.base_url))
            db = Path(tmp) / f"meetscout-{round_}.db"
            oursl.append(run_child("meetscout", urls_file, db, site.base_url))
            with Store(db) as store:
                stored = store.count("events")
        bare = min(bares, key=lambda r: r["seconds"])
        ours = min(oursl, key=lambda r: r["seconds"])
    bare_rate = bare["pages"] / bare["seconds"]
    our_rate = ours["pages"] / ours["seconds"]
    print(f"bare Scrapy (download only): {bare['pages']} pages in {bare['seconds']:.2f}s"
          f" = {bare_rate:.0f} pages/s")  # fmt: skip
    print(f"meetscout (parse + store):   {ours['pages']} pages in {ours['seconds']:.2f}s"
          f" = {our_rate:.0f} pages/s, {stored} events stored")  # fmt: skip
    print(f"ratio meetscout/bare: {our_rate / bare_rate:.0%} (target >= 60%)")  # fmt: skip
    # The server shares the machine: CPU per page in the crawling process tells the crawler's own
    # cost apart from the server's.
    bare_ms, our_ms = (1000 * r["cpu"] / r["pages"] for r in (bare, ours))
    print(f"crawler CPU per page: bare {bare_ms:.2f} ms, meetscout {our_ms:.2f} ms"
          f" (CPU-bound ceiling ratio {bare_ms / our_ms:.0%})")  # fmt: skip
    if stored != args.pages:
        sys.exit(f"expected {args.pages} events stored, found {stored}")


if __name__ == "__main__":
    main()
