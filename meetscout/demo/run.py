"""`meetscout demo`: the whole of meetscout on the bundled sample, offline, in one command.

1. render the sample (dated from today), serve it on 127.0.0.1 and crawl it with the real spiders
   into `demo-output/demo.db` (never the person's own database): Meetup groups, LinkedIn event
   pages, and two chapters' own sites (an iCalendar feed, schema.org events), one of whose
   meetings is on Meetup too and is stored as one meeting with two listings;
2. print what was found: meetings where the employed go, and job-seeker meetings;
3. print the person's plan for the next four weeks, as `meetscout plan` does;
4. start the API, open Chromium with the extension on the sample under its real Meetup and
   LinkedIn addresses, and screenshot the flagged pages and the popup with this week's plan;
5. fill a sample history of five weeks' networking (made-up people) and print the report on
   it, saving its chart (PNG and SVG) in `report/`;
6. print the next steps for real use.

Everything the demo writes stays under the output folder; `summary.json` there records the counts,
the crawl runs and the badges seen on each screenshot.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from rich.console import Console

from ..browser import BrowserNotFound, ensure_chromium
from ..commands.plan import show_plan
from ..model import Profile
from ..plan import plan_from_store
from ..store import Store
from ..terminal import safe
from .api_process import ApiProcess, isolated_env
from .browser_tour import BrowserTour, Shot, Stop
from .localsite import LocalSite
from .render import RenderedSample, render_sample, site_routes
from .report import crowd_tables, print_next_steps, print_tables, show_runs

MEETUP = "https://www.meetup.com"
LINKEDIN = "https://www.linkedin.com"


class DemoError(RuntimeError):
    """A step of the demo could not run; the message says which and why."""


@dataclass
class DemoSummary:
    output: str
    database: str
    started: str
    seconds: float = 0.0
    events: int = 0
    groups: int = 0
    employed: list[str] = field(default_factory=list)
    job_seekers: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    chapter_events: list[str] = field(default_factory=list)  # read from chapters' own sites
    # Meetings listed on several sites, each shown once: {"id", "title", "also_at": [ids]}.
    same_meetings: list[dict] = field(default_factory=list)
    runs: list[dict] = field(default_factory=list)
    plan: list[list[str]] = field(default_factory=list)  # each week's picks
    screenshots: list[dict] = field(default_factory=list)
    plan_screenshot: str | None = None
    history: dict[str, int] = field(default_factory=dict)
    report_chart: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def tour_stops(rendered: RenderedSample) -> list[Stop]:
    """The pages to show: a group's meetings, employed and job-seeker meetings on both sites."""
    sample = rendered.sample
    by_name = {g.urlname: g for g in sample.groups}
    hdi = by_name["hdi-new-jersey"].events[0]  # also on the chapter's own site
    stops = [
        Stop(
            "meetup-group-events",
            f"{MEETUP}/hdi-new-jersey/events/",
            "a chapter's upcoming meetings, one flag per meeting",
        ),
        Stop(
            "meetup-search",
            f"{MEETUP}/find/?source=EVENTS&keywords=networking&location=Morristown%2C+NJ",
            "a search: the employed's meetings and the job seekers' side by side",
        ),
        Stop(
            "meetup-event-employed",
            f"{MEETUP}/pmi-nj-chapter/events/{by_name['pmi-nj-chapter'].events[0].id}/",
            "a professional association's dinner meeting",
            hover=True,
        ),
        Stop(
            "meetup-event-job-seekers",
            f"{MEETUP}/st-barnabas-career-ministry/events/"
            f"{by_name['st-barnabas-career-ministry'].events[0].id}/",
            "a job-seeker group's meeting",
            hover=True,
        ),
    ]
    stops.append(
        Stop(
            "meetup-event-also-on-chapter-site",
            f"{MEETUP}/hdi-new-jersey/events/{hdi.id}/",
            "a chapter meeting on Meetup that its chapter's site lists too",
            hover=True,
        )
    )
    cancelled = next(((g, e) for g, e in sample.all_events() if e.cancelled), None)
    if cancelled:
        group, event = cancelled
        stops.append(
            Stop(
                "meetup-event-cancelled",
                f"{MEETUP}/{group.urlname}/events/{event.id}/",
                "a cancelled workshop: flagged cancelled, not where the employed go",
            )
        )
    for event in sample.linkedin[:2]:
        stops.append(
            Stop(f"linkedin-{event.slug.rstrip('-')}", LINKEDIN + event.path, "LinkedIn", True)
        )
    return stops


def demo_config(
    rendered: RenderedSample, meetup_base: str, linkedin_base: str, chapters_base: str
) -> str:
    """A meetscout.toml for the sample, as a person would write one for their own groups."""
    groups = ", ".join(f'"{name}"' for name in rendered.urlnames)
    events = ", ".join(f'"{LINKEDIN}{e.path}"' for e in rendered.sample.linkedin)
    chapters = ", ".join(f'"{chapters_base}{path}"' for path in rendered.chapter_paths)
    return (
        "# Written by `meetscout demo`: the sample's groups, crawled from a local copy.\n"
        "[profile]\n"
        'home_area = "Morristown, NJ"\n'
        'target_companies = ["Prudential", "ADP"]\n\n'
        "[meetup]\n"
        f'base_url = "{meetup_base}"\n'
        f"groups = [{groups}]\n\n"
        "[calendars]\n"
        f"urls = [{chapters}]\n\n"
        "[linkedin]\n"
        "enabled = true\n"
        f'base_url = "{linkedin_base}"\n'
        f"events = [{events}]\n"
    )


def demo_profile(zone: str) -> Profile:
    """The person the demo plans for: the profile of the demo's meetscout.toml, with the plan's
    settings: one meeting where the employed go a week, evenings and Saturday mornings free."""
    return Profile(
        home_area="Morristown, NJ",
        target_companies=["Prudential", "ADP"],
        employed_per_week=1,
        employed_weekly_max=2,
        free_times=["Mon-Fri 17:30-22:00", "Sat 08:00-14:00"],
        timezone=zone,
    )


class Demo:
    def __init__(self, output: Path, headless: bool | None = None, console: Console | None = None):
        self.output = Path(output).resolve()
        self.console = console or Console()
        self.headless = (not os.environ.get("DISPLAY")) if headless is None else headless
        self.db = self.output / "demo.db"
        self.env = isolated_env(self.output)
        self.started = time.monotonic()
        self.sample_zone = "America/New_York"
        self.summary = DemoSummary(
            output=str(self.output),
            database=str(self.db),
            started=datetime.now(UTC).isoformat(timespec="seconds"),
        )

    # ------------------------------------------------------------------ set-up

    def prepare(self) -> None:
        """A fresh demo database and profile each run; screenshots of the last run are replaced."""
        self.output.mkdir(parents=True, exist_ok=True)
        for name in ("demo.db", "demo.db-wal", "demo.db-shm", "summary.json"):
            (self.output / name).unlink(missing_ok=True)
        for name in ("site", "browser-profile", "screenshots", "data", "logs", "report"):
            shutil.rmtree(self.output / name, ignore_errors=True)
        for name in ("screenshots", "logs", "config", "data"):
            (self.output / name).mkdir(parents=True, exist_ok=True)
        self.env["MEETSCOUT_CONFIG"] = str(self.output / "meetscout.toml")

    # ------------------------------------------------------------------ step 1

    def crawl(
        self,
        rendered: RenderedSample,
        meetup: LocalSite,
        linkedin: LocalSite,
        chapters: LocalSite,
    ) -> None:
        (self.output / "meetscout.toml").write_text(
            demo_config(rendered, meetup.base_url, linkedin.base_url, chapters.base_url)
        )
        self._run_crawl(
            "meetup",
            f"{len(rendered.urlnames)} Meetup groups with the real meetup_group spider",
            [sys.executable, "-m", "meetscout.demo.crawl", "meetup", *rendered.urlnames,
             "--db", str(self.db), "--base-url", meetup.base_url],
            self.env,
        )  # fmt: skip
        # LinkedIn: the real command, at its human pace, with a signed-out "session" (the copy
        # needs no sign-in), reading times in the sample's zone as a person there would.
        session = self.output / "config" / "linkedin-demo-session.json"
        session.write_text(json.dumps({"cookies": [], "origins": []}))
        events = [arg for p in rendered.linkedin_paths for arg in ("--event", LINKEDIN + p)]
        self._run_crawl(
            "linkedin",
            f"{len(rendered.linkedin_paths)} LinkedIn event pages at a person's pace "
            "(a few seconds apart)",
            [sys.executable, "-m", "meetscout.cli", "crawl", "linkedin", *events,
             "--base-url", linkedin.base_url, "--session", str(session), "--min-delay", "2",
             "--db", str(self.db)],
            {**self.env, "TZ": rendered.sample.timezone},
        )  # fmt: skip
        # The chapters' own sites, from their home pages as a person would give them: the
        # spider finds each one's calendar. After Meetup, so the chapter's listing of a meeting
        # on Meetup too joins it as one meeting.
        slugs = [c.slug for c in rendered.sample.chapters]
        self._run_crawl(
            "calendar",
            f"{len(slugs)} chapters' own websites (an iCalendar feed, schema.org events)",
            [sys.executable, "-m", "meetscout.demo.crawl", "calendar", *slugs,
             "--db", str(self.db), "--base-url", chapters.base_url],
            self.env,
        )  # fmt: skip

    def _run_crawl(self, source: str, what: str, command: list[str], env: dict) -> None:
        """A crawl in a child process (Scrapy's reactor cannot restart), logged to a file."""
        log = self.output / "logs" / f"crawl-{source}.log"
        self.console.print(f"  crawling {what}", highlight=False, soft_wrap=True)
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            self.summary.missing.append(f"crawl {source}: timed out")
            return
        log.write_text(done.stdout + done.stderr)
        if done.returncode != 0:
            last = (done.stdout + done.stderr).strip().splitlines()[-1:] or [""]
            self.summary.missing.append(f"crawl {source}: exit {done.returncode}")
            self.console.print(
                f"  [yellow]The {source} crawl did not finish:[/yellow] {safe(last[0])} "
                f"(log: {safe(log)})",
                soft_wrap=True,
            )

    # ------------------------------------------------------------------ step 2

    def report(self, zone: tzinfo) -> None:
        with Store(self.db) as store:
            found = crowd_tables(store)
            also = store.also_listed([e.id for events in found.values() for e in events])
            self.summary.events = store.count_meetings()
            self.summary.groups = store.count("groups")
            self.summary.runs = store.recent_runs(20)
            self.summary.chapter_events = [
                r["id"] for r in store.rows("SELECT id FROM events WHERE source = 'calendar'")
            ]
        self.summary.employed = [e.id for e in found["employed"]]
        self.summary.job_seekers = [e.id for e in found["job_seekers"]]
        self.summary.cancelled = [e.id for e in found["cancelled"]]
        self.summary.same_meetings = [
            {"id": e.id, "title": e.title, "also_at": [x["id"] for x in also[e.id]]}
            for events in found.values()
            for e in events
            if e.id in also
        ]
        show_runs(self.console, self.summary.runs)
        # The sample's people live in its zone: times read as theirs.
        print_tables(self.console, found, zone, also)

    # ------------------------------------------------------------------ step 3

    def plan(self) -> None:
        """The person's four weeks, as `meetscout plan` shows them, for the demo's profile."""
        with Store(self.db) as store:
            store.save_profile(demo_profile(self.sample_zone))
            made = plan_from_store(store, datetime.now(UTC))
        show_plan(made, self.console)
        self.summary.plan = [[p.title for p in week.picks] for week in made.weeks]

    # ------------------------------------------------------------------ step 4

    def browse(self, rendered: RenderedSample, keep_open: bool) -> list[Shot]:
        try:
            chromium = ensure_chromium()
        except BrowserNotFound as exc:
            self.summary.missing.append("browser: no Chromium found")
            self.console.print(f"  [yellow]Skipping the browser:[/yellow] {safe(exc)}")
            return []
        routes = {
            MEETUP: site_routes(rendered.meetup_root),
            LINKEDIN: site_routes(rendered.linkedin_root),
        }
        api = ApiProcess(self.db, self.env, self.output / "logs" / "api.log")
        shots: list[Shot] = []
        try:
            api.start()
        except RuntimeError as exc:
            self.summary.missing.append("api: `meetscout serve` did not start")
            self.console.print(f"  [yellow]Skipping the browser:[/yellow] {safe(exc)}")
            return []
        try:
            self.console.print(f"  API on {api.base_url} (log: {api.log_path})", highlight=False)
            token = api.token()
            try:
                shots = self._tour(rendered, chromium, routes, api.base_url, token, keep_open)
            except (PlaywrightError, OSError):
                if self.headless:
                    raise
                # A display that cannot be used (a stale DISPLAY): take the screenshots anyway.
                display = os.environ.get("DISPLAY", "")
                self.console.print(
                    f"  [yellow]Chromium cannot open a window on DISPLAY={display}; "
                    "taking the screenshots without one.[/yellow]"
                )
                self.headless = True
                shots = self._tour(rendered, chromium, routes, api.base_url, token, keep_open)
        except (PlaywrightError, OSError, RuntimeError) as exc:
            self.summary.missing.append(f"browser: {type(exc).__name__}")
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            self.console.print(f"  [yellow]The browser step failed:[/yellow] {safe(first_line)}")
        finally:
            api.stop()
        self.summary.screenshots = [asdict(s) for s in shots]
        return shots

    def _tour(self, rendered, chromium, routes, api_base: str, token: str, keep_open: bool):
        shots: list[Shot] = []
        tour = BrowserTour(
            chromium=chromium,
            profile_dir=self.output / "browser-profile",
            shots_dir=self.output / "screenshots",
            routes=routes,
            api_base=api_base,
            token=token,
            headless=self.headless,
            timezone=rendered.sample.timezone,
        )
        with tour:
            for stop in tour_stops(rendered):
                shot = tour.visit(stop)
                shots.append(shot)
                first = shot.labels[0] if shot.labels else "no badge"
                self.console.print(
                    f"  {shot.path}  [dim]{stop.url}[/dim]\n"
                    f"      {shot.badges} badge(s): {first}"
                    + (f"  [red]{shot.error}[/red]" if shot.error else ""),
                    highlight=False,
                    soft_wrap=True,
                )
            popup = tour.popup("popup-plan")
            if popup is None:
                self.summary.missing.append("screenshot: the popup's plan")
            else:
                self.summary.plan_screenshot = str(popup)
                self.console.print(f"  {popup}  [dim]the popup: this week's plan[/dim]")
            if keep_open and not self.headless:
                self.console.print(
                    "\nThe browser stays open: click around the sample (hover a badge for its "
                    "reasons). Press Ctrl-C here, or close the browser, to finish."
                )
                tour.wait_until_closed()
        return shots

    # ------------------------------------------------------------------ step 5

    def networking(self) -> None:
        """A sample history in the demo database, and the report on it: tables and a chart. The
        report counts the (made-up) people met; it never names them. The profile (its target
        companies) is the one the plan step saved."""
        from ..commands.report import print_report
        from ..log import read_log
        from ..log_charts import draw
        from ..log_report import build_report
        from ..store import now_utc
        from .history import fill_history
        from .sample import load_sample

        with Store(self.db) as store:
            filled = fill_history(store, load_sample())
            found = build_report(read_log(store), now_utc())
        self.summary.history = dict(filled)
        self.console.print(
            f"  {filled['meetings attended']} meetings attended and "
            f"{filled['meetings skipped']} skipped in the last five weeks, "
            f"{filled['contacts']} people met (all made up), {filled['outcomes']} outcomes",
            highlight=False,
        )
        print_report(found, self.console)
        paths = draw(found, self.output / "report" / "networking")
        self.summary.report_chart = [str(p) for p in paths]
        self.console.print(f"  Chart: {paths[0]}  and  {paths[1]}", highlight=False)

    # ------------------------------------------------------------------ the whole demo

    def run(self, keep_open: bool = True) -> DemoSummary:
        c = self.console
        self.prepare()
        c.rule("[bold]meetscout demo[/bold]: a dozen North Jersey groups and chapters, offline")
        c.print("[bold]1.[/bold] Rendering the sample and crawling it with the real spiders")
        rendered = render_sample(self.output / "site")
        meetup = LocalSite(site_routes(rendered.meetup_root)).start()
        linkedin = LocalSite(site_routes(rendered.linkedin_root)).start()
        chapters = LocalSite(site_routes(rendered.chapters_root)).start()
        try:
            c.print(
                f"  sample Meetup on {meetup.base_url}, LinkedIn on {linkedin.base_url}, "
                f"chapters' sites on {chapters.base_url}",
                highlight=False,
            )
            self.crawl(rendered, meetup, linkedin, chapters)
        finally:
            meetup.stop()
            linkedin.stop()
            chapters.stop()
        c.print("\n[bold]2.[/bold] What meetscout found")
        self.report(rendered.sample.zone)
        if not self.summary.events:
            raise DemoError(
                "the crawl stored no events, so there is nothing to show; its log is in "
                f"{self.output / 'logs'}"
            )
        c.print("\n[bold]3.[/bold] Your plan for the next four weeks (meetscout plan)")
        self.sample_zone = rendered.sample.timezone
        self.plan()
        c.print("\n[bold]4.[/bold] Flags in the browser (the extension on the sample pages)")
        self.browse(rendered, keep_open)
        c.print(
            "\n[bold]5.[/bold] After the meetings: a sample history, and where networking worked"
        )
        self.networking()
        c.print("\n[bold]6.[/bold] Next steps")
        print_next_steps(c)
        self.summary.seconds = round(time.monotonic() - self.started, 1)
        (self.output / "summary.json").write_text(json.dumps(asdict(self.summary), indent=2))
        c.print(
            f"Demo database: {self.db}\nSummary: {self.output / 'summary.json'} "
            f"({self.summary.seconds:.0f} s)",
            highlight=False,
        )
        return self.summary
