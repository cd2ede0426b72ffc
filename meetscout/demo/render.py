"""Write the demo sample as a site folder, dated from today, and serve it.

    python -m meetscout.demo.render demo-output/site

writes `meetup/` (group pages, event pages, iCal and RSS feeds, robots.txt), `linkedin/`
(event pages) and `chapters/` (the chapters' own sites, each under its slug: a home page, and an
iCalendar feed or schema.org events). Paths mirror the real sites:
`meetup/<urlname>/events/index.html` is what `https://www.meetup.com/<urlname>/events/` serves.
`site_routes()` turns a folder back into routes for `LocalSite`, with the right content type for
each feed.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .chapter_pages import ROBOTS as CHAPTER_ROBOTS
from .chapter_pages import ChapterRenderer
from .linkedin_pages import LinkedInRenderer
from .linkedin_pages import event_url as linkedin_event_url
from .localsite import Reply
from .meetup_feeds import ical_feed, rss_feed
from .meetup_pages import MeetupRenderer, event_url
from .sample import Sample, load_sample

MEETUP_ROBOTS = """\
# meetscout demo copy of meetup.com
User-agent: *
Disallow: /gql
Disallow: /gql2
Disallow: /api/
Disallow: /login/
Disallow: /messages/
Disallow: /*/members/
Allow: /
"""

# File name in the folder -> content type served for the directory path.
INDEX_FILES = {
    "index.html": "text/html; charset=utf-8",
    "index.ics": "text/calendar; charset=utf-8",
    "index.xml": "application/rss+xml; charset=utf-8",
}


@dataclass
class RenderedSample:
    root: Path
    sample: Sample
    now: datetime
    meetup_paths: list[str] = field(default_factory=list)
    linkedin_paths: list[str] = field(default_factory=list)
    chapter_paths: list[str] = field(default_factory=list)  # each chapter's home page
    # Public URL -> path on the local copy, for routing a browser to the sample.
    urls: dict[str, str] = field(default_factory=dict)

    @property
    def meetup_root(self) -> Path:
        return self.root / "meetup"

    @property
    def linkedin_root(self) -> Path:
        return self.root / "linkedin"

    @property
    def chapters_root(self) -> Path:
        return self.root / "chapters"

    @property
    def urlnames(self) -> list[str]:
        return [g.urlname for g in self.sample.groups]


def _write(root: Path, path: str, name: str, content: str | bytes) -> None:
    folder = root / path.strip("/")
    folder.mkdir(parents=True, exist_ok=True)
    data = content.encode() if isinstance(content, str) else content
    (folder / name).write_bytes(data)


def render_sample(
    dest: Path, now: datetime | None = None, sample: Sample | None = None
) -> RenderedSample:
    """Render the sample into `dest` (emptied first) with meetings counted from `now`."""
    sample = sample or load_sample()
    now = now or datetime.now(UTC)
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    out = RenderedSample(dest, sample, now)
    meetup = MeetupRenderer(sample, now)
    (out.meetup_root).mkdir(parents=True)
    (out.meetup_root / "robots.txt").write_text(MEETUP_ROBOTS)
    _write(out.meetup_root, "/find/", "index.html", meetup.search_page())
    out.meetup_paths.append("/find/")
    for group in sample.groups:
        base = f"/{group.urlname}/"
        pages = {
            base: ("index.html", meetup.group_home_page(group)),
            f"{base}events/": ("index.html", meetup.group_events_page(group)),
            f"{base}events/ical/": ("index.ics", ical_feed(meetup, group)),
            f"{base}events/rss/": ("index.xml", rss_feed(meetup, group)),
        }
        for event in group.events:
            pages[f"{base}events/{event.id}/"] = ("index.html", meetup.event_page(group, event))
            out.urls[event_url(group, event)] = f"{base}events/{event.id}/"
        out.urls[f"https://www.meetup.com{base}"] = base
        out.urls[f"https://www.meetup.com{base}events/"] = f"{base}events/"
        for path, (name, content) in pages.items():
            _write(out.meetup_root, path, name, content)
            out.meetup_paths.append(path)
    linkedin = LinkedInRenderer(sample, now)
    out.linkedin_root.mkdir(parents=True)
    for event in sample.linkedin:
        page = linkedin.event_page(event)
        _write(out.linkedin_root, event.path, "index.html", page)
        # LinkedIn answers the bare-id address with the same page.
        _write(out.linkedin_root, f"/events/{event.id}/", "index.html", page)
        out.linkedin_paths.append(event.path)
        out.urls[linkedin_event_url(event)] = event.path
    chapters = ChapterRenderer(sample, now)
    out.chapters_root.mkdir(parents=True)
    (out.chapters_root / "robots.txt").write_text(CHAPTER_ROBOTS)
    for chapter in sample.chapters:
        home = f"/{chapter.slug}/"
        _write(out.chapters_root, home, "index.html", chapters.home_page(chapter))
        if chapter.form == "ics":
            _write(out.chapters_root, f"{home}events/", "index.ics", chapters.ics_feed(chapter))
        out.chapter_paths.append(home)
    return out


def site_routes(folder: Path) -> dict[str, Reply]:
    """Routes for `LocalSite` serving a rendered folder: directory paths and plain files."""
    routes: dict[str, Reply] = {}
    folder = Path(folder)
    for file in sorted(folder.rglob("*")):
        if not file.is_file():
            continue
        rel = file.relative_to(folder).as_posix()
        if file.name in INDEX_FILES:
            path = "/" + rel[: -len(file.name)]
            routes[path] = Reply(file.read_bytes(), 200, INDEX_FILES[file.name])
        else:
            kind = "text/plain; charset=utf-8" if file.suffix == ".txt" else "text/html"
            routes["/" + rel] = Reply(file.read_bytes(), 200, kind)
    return routes


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m meetscout.demo.render DEST_FOLDER", file=sys.stderr)
        return 2
    out = render_sample(Path(args[0]))
    print(
        f"wrote {len(out.meetup_paths)} Meetup pages and feeds, "
        f"{len(out.linkedin_paths)} LinkedIn pages and {len(out.chapter_paths)} chapter sites "
        f"under {out.root}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
