"""Does a crawl writing to the database stall the extension's requests?

The real `meetscout serve` answers POST /v1/flags at a steady offered rate (open loop: latency is
counted from when each request was due, so a stalled server shows as late answers) twice: with
the database idle (the baseline), and while a second process writes to it the way a big crawl
does (the real `Store.upsert_events`, each batch one long write transaction). Two request mixes:

- reads only: each request names meetings meetscout has stored;
- with captures: the person opted in to capture, and one request in ten is a page meetscout has
  not seen, which the service stores (a write, so it needs the lock the crawl holds).

Prints p50/p95/max per case and the ratio of p95 during the crawl to the idle p95.

    .venv/bin/python benchmarks/api_during_crawl.py [--events 20000] [--seconds 6] [--rate 40]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from api import paced, requests_for, seed, serve_meetscout, wait_up  # noqa: E402


def crawl_writer(db: str, batch: int) -> None:
    """Upsert fresh batches until killed, as a crawl's pipeline would (its own process)."""
    from meetscout.model import Event
    from meetscout.store import Store

    start = datetime.now(UTC) + timedelta(days=2)
    store = Store(db)
    n = 0
    print("writing", flush=True)
    while True:
        events = [
            Event(
                id=f"meetup:{40_000_000 + n + i}",
                source="meetup",
                url=f"https://www.meetup.com/crawled/events/{40_000_000 + n + i}/",
                title=f"Crawled meeting {n + i}",
                description="A meeting found by the crawl, with a speaker and networking.",
                starts_at=start + timedelta(minutes=n + i),
                group_id="meetup-group:crawled",
                group_name="Crawled group",
            )
            for i in range(batch)
        ]
        store.upsert_events(events)
        n += batch


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def put_profile(port: int, token: str, capture: bool) -> None:
    body = json.dumps({"capture_opt_in": capture}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/profile",
        data=body,
        method="PUT",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=30).close()


def bodies(urls: list[str], captures: bool, rnd: random.Random, first: int) -> list[bytes]:
    out = []
    for i in range(400):
        items = [{"url": u} for u in rnd.sample(urls, 5)]
        if captures and i % 10 == 0:
            eid = first + i  # a page not seen before: each case has its own
            items.append(
                {
                    "url": f"https://www.meetup.com/new-group/events/{eid}/",
                    "title": f"Chapter meeting {eid}",
                    "text": "Monthly chapter meeting of the association, with a speaker.",
                    "group_name": "New Group",
                }
            )
        out.append(json.dumps({"items": items}).encode())
    return out


def measure(port: int, raws: list[str], seconds: float, rate: float) -> list[float]:
    """Latencies of requests at a steady rate; an error counts as the worst answer."""
    raw = [r.encode("latin-1") for r in raws]
    latencies, statuses, _ = asyncio.run(paced(port, raw, seconds, rate))
    return [t if s == 200 else float("inf") for t, s in zip(latencies, statuses, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000, help="events stored before")
    parser.add_argument("--seconds", type=float, default=6, help="length of each measurement")
    parser.add_argument("--rate", type=float, default=40, help="requests per second offered")
    parser.add_argument("--batch", type=int, default=20000, help="events per crawl transaction")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="meetscout-bench-crawl-"))
    db = tmp / "bench.db"
    urls = seed(db, args.events)
    server, port, _ = serve_meetscout(db, tmp)
    rnd = random.Random(7)
    results: dict[tuple[str, str], list[float]] = {}
    try:
        wait_up(port, server)
        token = (tmp / "config" / "token").read_text().strip()
        for mix in ("reads only", "with captures"):
            put_profile(port, token, capture=mix == "with captures")

            def raws(first: int, mix: str = mix) -> list[str]:
                return requests_for(port, token, bodies(urls, mix == "with captures", rnd, first))

            measure(port, raws(50_000_000)[:20], 0.5, args.rate)  # warm up
            results[(mix, "idle")] = measure(port, raws(51_000_000), args.seconds, args.rate)
            writer = subprocess.Popen(
                [sys.executable, __file__, "--writer", str(db), str(args.batch)],
                stdout=subprocess.PIPE,
                text=True,
            )
            try:
                writer.stdout.readline()  # it has opened the store and starts writing
                time.sleep(0.5)
                busy = measure(port, raws(52_000_000), args.seconds, args.rate)
                results[(mix, "crawl writing")] = busy
            finally:
                writer.kill()
                writer.wait()
    finally:
        server.terminate()
        server.wait(10)
    print(
        f"POST /v1/flags at {args.rate:g}/s for {args.seconds:g} s per case, "
        f"{args.events} events stored; crawl transactions of {args.batch} events"
    )
    print(f"{'mix':<14} {'database':<14} {'p50 ms':>8} {'p95 ms':>9} {'max ms':>9} {'errors':>6}")
    for (mix, state), lat in results.items():
        errors = sum(1 for x in lat if x == float("inf"))
        finite = [x for x in lat if x != float("inf")] or [float("nan")]
        print(
            f"{mix:<14} {state:<14} {pct(lat, 0.5):>8.1f} {pct(lat, 0.95):>9.1f} "
            f"{max(finite) * 1000:>9.1f} {errors:>6}"
        )
    for mix in ("reads only", "with captures"):
        idle, busy = results[(mix, "idle")], results[(mix, "crawl writing")]
        print(
            f"ratio p95 crawl writing / idle, {mix}: {pct(busy, 0.95) / pct(idle, 0.95):.1f} "
            f"(p50: {pct(busy, 0.5) / pct(idle, 0.5):.1f})"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--writer":
        crawl_writer(sys.argv[2], int(sys.argv[3]))
    else:
        main()
