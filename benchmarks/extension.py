"""How fast the extension flags a page, in a real headless Chromium against the real API.

Measures, from the page's DOMContentLoaded: the first badge on a Meetup event page and all badges on
a Meetup group events page with N cards (default 50), with the flag cache cold (cleared before each
load) and warm. Next to it, the same pages in the same browser build without the extension, so the
cost to the page's own load shows as a ratio. Targets: first badge < 300 ms, 50 cards < 500 ms.

    .venv/bin/python benchmarks/extension.py [--cards 50] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meetscout.store import Store  # noqa: E402
from tests.e2e.harness import ApiServer, configure, launch, service_worker  # noqa: E402
from tests.e2e.site import (  # noqa: E402
    CHAPTER,
    GROUP,
    MEETUP,
    FixtureSite,
    chapter_series,
    fill_store,
    meetup_event_page,
    meetup_group_events_page,
)

# Runs in the page before its own scripts: note when each badge host is put in the page.
RECORDER = """
window.__badges = [];
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes)
    if (n.nodeType === 1 && n.hasAttribute('data-meetscout-badge'))
      window.__badges.push(performance.now());
}).observe(document, {childList: true, subtree: true});
"""

TIMINGS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {dcl: nav.domContentLoadedEventStart, load: nav.loadEventEnd, badges: window.__badges};
}"""


def measure(context, url: str, badges: int, runs: int, cold: bool) -> dict[str, list[float]]:
    page = context.new_page()
    out: dict[str, list[float]] = {"dcl": [], "load": [], "first": [], "all": []}
    worker = service_worker(context) if badges else None
    for _ in range(runs):
        if worker and cold:
            worker.evaluate("() => chrome.storage.session.clear()")
        page.goto(url)
        if badges:
            page.wait_for_function("n => window.__badges.length >= n", arg=badges)
        else:
            page.wait_for_load_state("load")
        t = page.evaluate(TIMINGS)
        out["dcl"].append(t["dcl"])
        out["load"].append(t["load"])
        if badges:
            out["first"].append(t["badges"][0] - t["dcl"])
            out["all"].append(t["badges"][badges - 1] - t["dcl"])
    page.close()
    return out


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    series = chapter_series(args.cards)
    site = FixtureSite(series=series)
    event_url = CHAPTER.url
    list_url = f"{MEETUP}/isaca-nj/events/"
    site.add(event_url, meetup_event_page(CHAPTER))
    site.add(list_url, meetup_group_events_page(GROUP, series, first=args.cards))

    work = Path(tempfile.mkdtemp(prefix="meetscout-bench-"))
    with Store(work / "meetscout.db") as store:
        fill_store(store, [CHAPTER, *series])
    results = {}
    with ApiServer(work / "meetscout.db", work) as api, sync_playwright() as p:
        plain = launch(p, work / "plain", extension=False)
        site.attach(plain)
        plain.add_init_script(RECORDER)
        # A first load of each warms the browser's own caches for both contexts alike.
        for url in (event_url, list_url):
            results[("bare", url)] = measure(plain, url, 0, 1, False)
            results[("bare", url)] = measure(plain, url, 0, args.runs, False)
        plain.close()

        ext = launch(p, work / "ext")
        site.attach(ext)
        ext.add_init_script(RECORDER)
        configure(ext, api.base, api.token)
        for url, n in ((event_url, 1), (list_url, args.cards + 1)):
            measure(ext, url, n, 1, True)
            results[("cold", url)] = measure(ext, url, n, args.runs, True)
            results[("warm", url)] = measure(ext, url, n, args.runs, False)
        ext.close()

    print(f"meetscout extension benchmark: median of {args.runs} loads, real Chromium, real API")
    for url, label, n, target in (
        (event_url, "event page", 1, 300),
        (list_url, f"list page, {args.cards} cards", args.cards + 1, 500),
    ):
        bare, cold, warm = (results[(k, url)] for k in ("bare", "cold", "warm"))
        print(f"\n{label}:")
        print(
            f"  without extension: DOMContentLoaded {med(bare['dcl']):6.1f} ms, "
            f"load {med(bare['load']):6.1f} ms"
        )
        print(
            f"  with extension:    DOMContentLoaded {med(cold['dcl']):6.1f} ms, "
            f"load {med(cold['load']):6.1f} ms "
            f"(load ratio {med(cold['load']) / med(bare['load']):.2f}x)"
        )
        first, last = med(cold["first"]), med(cold["all"])
        print(
            f"  DOMContentLoaded -> first badge: {first:6.1f} ms cold, "
            f"{med(warm['first']):6.1f} ms warm (target < 300 ms)"
        )
        if n > 1:
            print(
                f"  DOMContentLoaded -> all {n} badges: {last:6.1f} ms cold, "
                f"{med(warm['all']):6.1f} ms warm (target < {target} ms)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
