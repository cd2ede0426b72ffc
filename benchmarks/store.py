"""Store speed: upserts of 100,000 events, and full-text query latency at 100,000 and 1,000,000.

Baseline in the same run: a bare `executemany` INSERT of the same rows into a plain table (no
hash check, no full-text index). Targets: 100,000 upserts under 5 s; FTS p95 under 50 ms at 1M.
Each round writes both databases afresh; the best round of each is reported (the machine is shared,
so the best round is the one least disturbed), with every round's figures beside it.

    .venv/bin/python benchmarks/store.py [--rounds 3] [--big 1000000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meetscout.model import Event, Venue  # noqa: E402
from meetscout.store import EventQuery, Store, event_row  # noqa: E402

WORDS = """
project management chapter meeting help desk service leaders audit security cloud data python
agile scrum networking breakfast alumni career resume hiring panel speaker dinner members guests
workshop seminar transition support group volunteer guest pass virtual zoom hiking wine tasting
analytics product design marketing finance accounting nursing
""".split()
QUERIES = [
    "project",
    "audit AND security",
    '"help desk"',
    "alumni",
    "hiking",
    "resume OR hiring",
    "zoom",
    "kubernetes",
    "scrum master",
    "networking",
]


def make_events(n: int, seed: int = 1) -> list[Event]:
    rnd = random.Random(seed)
    start = datetime(2026, 12, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        words = rnd.choices(WORDS, k=60)
        out.append(
            Event(
                id=f"meetup:{10_000_000 + i}",
                source="meetup",
                url=f"https://www.meetup.com/group-{i % 5000}/events/{10_000_000 + i}/",
                title=" ".join(words[:6]).title(),
                description=" ".join(words[6:]),
                starts_at=start + timedelta(minutes=37 * i),
                timezone="America/New_York",
                group_id=f"meetup-group:group-{i % 5000}",
                group_name=f"Group {i % 5000} {words[0]}",
                venue=Venue(name="Hall", city="Newark", country="us"),
                is_online=bool(i % 3 == 0),
            )
        )
    return out


def bare_insert(path: Path, events: list[Event]) -> float:
    rows = [event_row(e) for e in events]
    cols = list(rows[0])
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE events ({', '.join(cols)}, PRIMARY KEY(id))")
    t = time.perf_counter()
    for i in range(0, len(rows), 500):
        with conn:
            conn.executemany(
                f"INSERT INTO events VALUES ({','.join('?' * len(cols))})",
                [list(r.values()) for r in rows[i : i + 500]],
            )
    elapsed = time.perf_counter() - t
    conn.close()
    path.unlink()
    return elapsed


def query_times(store: Store, rounds: int = 5) -> list[float]:
    times = []
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            store.search_events(EventQuery(text=q, limit=20))
            times.append((time.perf_counter() - t) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def fmt(times: list[float]) -> str:
    return " / ".join(f"{t:.2f}" for t in times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="meetscout-bench-"))
    events = make_events(args.n)

    bares, ours, reruns = [], [], []
    store = None
    for r in range(args.rounds):
        bares.append(bare_insert(tmp / f"bare{r}.db", events))
        if store is not None:  # only the last round's store goes on to the queries
            store.close()
            shutil.rmtree(tmp / f"round{r - 1}")
        store = Store(tmp / f"round{r}" / "store.db")
        t = time.perf_counter()
        counts = store.upsert_events(events)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        again = store.upsert_events(events)
        reruns.append(time.perf_counter() - t)
        assert counts.new == args.n and again.unchanged == args.n
        assert store.count() == args.n
    bare, best, rerun = min(bares), min(ours), min(reruns)
    print(
        f"upsert {args.n:,} new events: {best:.2f} s = {args.n / best:,.0f} events/s "
        f"(bare insert {bare:.2f} s = {args.n / bare:,.0f}/s; ratio {bare / best:.2f}) "
        f"target < 5 s"
    )
    print(f"  rounds: upsert {fmt(ours)} s; bare insert {fmt(bares)} s")
    print(f"re-upsert {args.n:,} unchanged: {rerun:.2f} s = {args.n / rerun:,.0f} events/s")
    small = query_times(store)
    median = statistics.median(small)
    print(f"FTS query at {args.n:,}: median {median:.1f} ms, p95 {p95(small):.1f} ms")

    if args.big > args.n:
        t = time.perf_counter()
        step = 100_000
        for start in range(args.n, args.big, step):
            chunk = make_events(step, seed=start)
            for j, e in enumerate(chunk):
                e.id = f"meetup:{10_000_000 + start + j}"
            store.upsert_events(chunk)
        print(f"filled to {store.count():,} events in {time.perf_counter() - t:.0f} s")
        big = query_times(store)
        print(
            f"FTS query at {args.big:,}: median {statistics.median(big):.1f} ms, "
            f"p95 {p95(big):.1f} ms (target p95 < 50 ms)"
        )
    store.close()
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
