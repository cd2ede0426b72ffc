"""Target matching against the length of the person's target list (issue 17.4).

A 3,000-company target list once made a 100-item /v1/flags take 61 s: every flag tried every
name. This times find_targets over the same 100 event texts with 3,000 target names and with
one, in one run, and prints the ratio (the bare baseline is one name). With one automaton the
ratio stays near 1 whatever the list's length.

    .venv/bin/python benchmarks/targets.py [--names 3000] [--events 100] [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meetscout.classify.classifier import find_targets  # noqa: E402
from meetscout.model import Profile  # noqa: E402


def texts(n: int) -> list[list[str]]:
    return [
        [f"Insurance Analytics Meetup {i} at Prudential",
         "Monthly chapter meeting with dinner and a speaker from ADP. Members and guests "
         "welcome; networking for data and analytics professionals in New Jersey. " * 3,
         f"Data Professionals of New Jersey {i}"]
        for i in range(n)
    ]  # fmt: skip


def best(profile: Profile, events: list[list[str]], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        find_targets(profile, events[0])  # whatever is built once per list, built
        start = time.process_time()
        for event in events:
            find_targets(profile, event)
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=3000)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    events = texts(args.events)
    many = [f"Company Number {i} Holdings" for i in range(args.names - 1)] + ["Prudential"]
    # Built without validation: the list may be longer than a profile accepts.
    long = Profile.model_construct(target_companies=many, target_industries=[])
    one = Profile.model_construct(target_companies=["Prudential"], target_industries=[])
    base = best(one, events, args.rounds)
    timed = best(long, events, args.rounds)
    print(f"find_targets over {args.events} events: 1 name {base * 1000:.2f} ms, "
          f"{args.names} names {timed * 1000:.2f} ms, ratio {timed / base:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
