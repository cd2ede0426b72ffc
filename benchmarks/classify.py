"""Classifier speed: events classified per second on one core, next to a bare baseline.

The events are the labelled listings of tests/classify (realistic titles, group names and
descriptions of 100-400 characters), cycled up to --n with the group names varied so that no
cache sees the same listing twice in a row. A second run pads every description to about
--long characters (a long Meetup description) to show the cost of length.

Baseline in the same run: the least any classifier must do, joining the same texts and lowering
their case. Times are CPU time of this process (one core), so other work on the machine does not
count against either. Target: at least 20,000 events per second, in plain Python. Each figure
is the best of --rounds.

    .venv/bin/python benchmarks/classify.py [--n 20000] [--long 2000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402

from meetscout.classify import classify_event, load_lexicon  # noqa: E402
from meetscout.classify.listing import listing_event  # noqa: E402
from meetscout.model import Event  # noqa: E402


def listings() -> list[Event]:
    events = []
    for name in ("corpus.jsonl", "holdout.jsonl"):
        for line in (ROOT / "tests" / "classify" / name).read_text().splitlines():
            events.append(listing_event(orjson.loads(line)))
    return events


def make_events(n: int, pad_to: int = 0) -> list[Event]:
    base = listings()
    out = []
    for i in range(n):
        e = base[i % len(base)]
        description = e.description or ""
        if pad_to:
            filler = " Our members share news, introductions and announcements each month."
            description = (description + filler * (pad_to // len(filler) + 1))[:pad_to]
        group = f"{e.group_name or ''} {i % 500}".strip()
        out.append(e.model_copy(update={"group_name": group, "description": description}))
    return out


def baseline(events: list[Event]) -> float:
    start = time.process_time()
    for e in events:
        " ".join(x for x in (e.title, e.group_name, e.organizer, e.description) if x).lower()
    return time.process_time() - start


def classified(events: list[Event]) -> float:
    start = time.process_time()
    for e in events:
        classify_event(e)
    return time.process_time() - start


def report(label: str, events: list[Event], rounds: int) -> float:
    chars = sum(len(e.title) + len(e.group_name or "") + len(e.description or "") for e in events)
    base = min(baseline(events) for _ in range(rounds))
    spent = min(classified(events) for _ in range(rounds))
    rate, base_rate = len(events) / spent, len(events) / base
    print(
        f"{label}: {len(events)} events, {chars / len(events):.0f} characters each\n"
        f"  classify_event: {rate:>12,.0f} events/s ({spent * 1e6 / len(events):.1f} µs each)\n"
        f"  bare baseline:  {base_rate:>12,.0f} events/s (join + lower-case the same texts)\n"
        f"  ratio: the classifier costs {base_rate / rate:.1f}x the baseline"
    )
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="events per run")
    parser.add_argument("--long", type=int, default=2000, help="padded description length")
    parser.add_argument("--rounds", type=int, default=3, help="take the best of this many")
    args = parser.parse_args()
    start = time.process_time()
    load_lexicon.cache_clear()
    load_lexicon()
    print(f"lexicon read in {(time.process_time() - start) * 1000:.0f} ms (once per process)")
    start = time.process_time()
    for e in listings():  # warm: each pattern group is compiled the first time it is needed
        classify_event(e)
    print(f"first pass over the listings (compiling patterns): {time.process_time() - start:.2f} s")
    rate = report("typical listings", make_events(args.n), args.rounds)
    if args.long:
        report(
            f"descriptions padded to {args.long} characters",
            make_events(args.n // 4, args.long),
            args.rounds,
        )
    target = 20000
    print(f"target {target:,}/s on typical listings: {'met' if rate >= target else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
