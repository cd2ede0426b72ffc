"""`meetscout demo --serve`: keep the bundled sample's sites running on 127.0.0.1, so the normal
commands can be tried on it offline (`meetscout crawl meetup --base-url …`, `meetscout calendar
find …`, `meetscout crawl calendar …`).

One server holds the three copies, whose paths do not overlap: Meetup's groups and search,
LinkedIn's event pages, and the chapters' own sites under their slugs. It serves until Ctrl-C or
SIGTERM.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path

from rich.console import Console

from .localsite import LocalSite
from .render import render_sample, site_routes


def sample_site(output: Path, port: int = 0) -> tuple[LocalSite, list[str]]:
    """A server (not started) for the sample rendered into `output`, and the chapters' home paths.
    Raises OSError when the port is taken."""
    rendered = render_sample(Path(output) / "site")
    routes = {}
    # Meetup's last: its robots.txt is the one served (the chapters' allows everything anyway).
    for folder in (rendered.chapters_root, rendered.linkedin_root, rendered.meetup_root):
        routes.update(site_routes(folder))
    return LocalSite(routes, port=port), rendered.chapter_paths


def serve_sample(output: Path, port: int, console: Console) -> None:
    site, chapters = sample_site(output, port)
    base = site.base_url
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    site.start()
    try:
        console.print(
            f"The sample is served on {base} until Ctrl-C. In another terminal:\n"
            f"  Meetup's copy:    meetscout crawl meetup hdi-new-jersey --base-url {base}\n"
            f"  chapters' sites:  meetscout calendar find {base}{chapters[0]}\n"
            f"                    meetscout crawl calendar "
            + " ".join(f"{base}{path}" for path in chapters),
            highlight=False,
            soft_wrap=True,
        )
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()
