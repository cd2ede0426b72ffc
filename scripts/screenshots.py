"""Screenshots of real meetscout badges for the README, made the same way the e2e tests run:
`meetscout serve` over a store filled with the fixture events, a headless Chromium with the
extension, and copies of Meetup and LinkedIn pages served under the sites' own addresses.

    .venv/bin/python scripts/screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meetscout.store import Store  # noqa: E402
from tests.e2e.harness import ApiServer, configure, launch  # noqa: E402
from tests.e2e.site import LINKEDIN, MEETUP, fill_store, standard_site  # noqa: E402

SHOTS = [
    # file, page, how many badges to wait for, which badge to open (shows the reasons)
    ("meetscout-meetup.png", f"{MEETUP}/find/?source=EVENTS&keywords=networking", 4, 3),
    ("meetscout-linkedin.png", f"{LINKEDIN}/search/results/events/?keywords=pmi", 3, 1),
]


def shoot(context, out: Path) -> list[Path]:
    written = []
    page = context.new_page()
    for name, url, count, open_index in SHOTS:
        page.goto(url)
        page.wait_for_function(
            "n => document.querySelectorAll('[data-meetscout-badge]').length >= n", arg=count
        )
        page.locator("[data-meetscout-badge] .badge").nth(open_index).focus()
        page.wait_for_timeout(150)  # let the panel paint
        box = page.locator("main").bounding_box()
        clip = {
            "x": max(box["x"] - 16, 0),
            "y": max(box["y"] - 16, 0),
            "width": box["width"] + 32,
            "height": min(box["height"] + 140, 900),
        }
        path = out / name
        page.screenshot(path=str(path), clip=clip)
        written.append(path)
    page.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    site, events = standard_site(series_count=5)
    work = Path(tempfile.mkdtemp(prefix="meetscout-shots-"))
    with Store(work / "meetscout.db") as store:
        fill_store(store, events)
    with ApiServer(work / "meetscout.db", work) as api, sync_playwright() as p:
        context = launch(p, work / "chromium")
        try:
            site.attach(context)
            configure(context, api.base, api.token)
            for path in shoot(context, args.out):
                print(path)
        finally:
            context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
