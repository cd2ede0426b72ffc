"""`meetscout demo` end to end, headless, as `make demo` runs it: real crawl, API and Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meetscout.demo.sample import load_sample
from meetscout.store import Store

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo")
    out = home / "demo-output"
    # The person's own places: the demo must leave them alone.
    env = {
        **os.environ,
        "COLUMNS": "160",
        "MEETSCOUT_DB": str(home / "person.db"),
        "MEETSCOUT_DATA_DIR": str(home / "person-data"),
        "MEETSCOUT_CONFIG_DIR": str(home / "person-config"),
    }
    env.pop("DISPLAY", None)
    env.pop("MEETSCOUT_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "meetscout.cli", "demo", "--headless", "--output", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return out, done


def test_demo_finishes_cleanly(demo_run):
    out, done = demo_run
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["missing"] == [], summary["missing"]


def test_tables_show_both_crowds(demo_run):
    _, done = demo_run
    text = done.stdout
    assert "Where the employed go" in text and "Job-seeker meetings" in text
    employed_table, seekers_table = text.split("Job-seeker meetings", 1)
    seekers_table = seekers_table.split("Your plan for the next four weeks", 1)[0]
    employed_table = employed_table.split("Where the employed go", 1)[1]
    seekers_table, cancelled_table = seekers_table.split("Cancelled (1)", 1)
    # Table cells wrap, so look for single words of each row.
    assert "Rescuing" in employed_table and "Waterfront" in employed_table
    assert "Guest pass" in employed_table and "Cash bar only" in employed_table
    # Issue 18 item 9: the cancelled ISACA workshop is kept, marked, and counted in no crowd.
    assert "Third-Party Risk" in cancelled_table and "Third-Party Risk" not in employed_table
    assert "CANCELLED" in cancelled_table
    assert "Elevator" in seekers_table and "Career Fair" in seekers_table
    assert "job seeker" in seekers_table and "Rescuing" not in seekers_table
    assert "Pyramid Mountain" not in text  # the hike is not networking: in neither table
    assert "Use it for real" in text


def test_database_holds_the_sample_classified(demo_run):
    out, _ = demo_run
    sample = load_sample()
    by_title = {}
    with Store(out / "demo.db") as store:
        for group, event in sample.all_events():
            stored = store.get_event(f"meetup:{event.id}")
            assert stored is not None, f"{event.title} was not crawled"
            assert stored.url == f"https://www.meetup.com/{group.urlname}/events/{event.id}/"
            by_title[event.title] = stored
        cancelled = next(e for _, e in sample.all_events() if e.cancelled)
        assert store.get_event(f"meetup:{cancelled.id}").status == "cancelled"
        for event in sample.linkedin:
            stored = store.get_event(f"linkedin:{event.id}")
            assert stored is not None, f"LinkedIn {event.title} is missing"
    crowd = {title: e.assessment.crowd.value for title, e in by_title.items() if e.assessment}
    assert crowd["Dinner Meeting: Rescuing a Troubled Program"] == "employed"
    assert crowd["Alumni Networking Night on the Waterfront"] == "employed"
    assert crowd["Job Seekers Meeting: Your 30-Second Elevator Pitch"] == "job_seekers"
    assert crowd["Career Fair: 40+ Employers Hiring in Healthcare, Finance and IT"] == "job_seekers"
    assert crowd["Saturday Hike: Pyramid Mountain and Tripod Rock"] == "not_networking"


def test_screenshots_show_badges(demo_run):
    out, done = demo_run
    shots = json.loads((out / "summary.json").read_text())["screenshots"]
    assert {s["name"].split("-")[0] for s in shots} == {"meetup", "linkedin"}
    for shot in shots:
        path = Path(shot["path"])
        assert path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot
        assert shot["error"] is None, shot
        assert shot["badges"] >= 1, f"no badge on {shot['url']}"
        assert str(path) in done.stdout.replace("\n", "")
    by_name = {s["name"]: s for s in shots}
    group_page = by_name["meetup-group-events"]
    # The group's own flag plus one per listed meeting.
    listed = len(next(g for g in load_sample().groups if g.urlname == "hdi-new-jersey").events)
    assert group_page["badges"] >= listed
    assert any("Where the employed go" in label for label in group_page["labels"])
    search = by_name["meetup-search"]
    assert search["badges"] >= 5
    assert any("Where the employed go" in label for label in search["labels"])
    assert any("Job-seeker meeting" in label for label in search["labels"])
    seekers = by_name["meetup-event-job-seekers"]
    assert any("Job-seeker meeting" in label for label in seekers["labels"])
    # Issue 18 item 9: the cancelled workshop's page showed "Where the employed go".
    cancelled = by_name["meetup-event-cancelled"]["labels"]
    assert cancelled and all(label.startswith("Cancelled") for label in cancelled), cancelled


def test_demo_never_touches_the_persons_database_or_token(demo_run):
    out, _ = demo_run
    home = out.parent
    assert (out / "demo.db").is_file()
    assert not (home / "person.db").exists()
    assert not (home / "person-data").exists()
    assert not (home / "person-config").exists()


def test_chapter_sites_are_crawled_and_a_meeting_on_two_sites_shows_once(demo_run):
    out, done = demo_run
    summary = json.loads((out / "summary.json").read_text())
    sample = load_sample()
    # Both chapters' sites were read: the iCalendar feed and the page of schema.org events.
    assert len(summary["chapter_events"]) == sum(len(c.events) for c in sample.chapters)
    runs = {r["spider"]: r for r in summary["runs"]}
    assert runs["calendar_feed"]["status"] == "ok", runs["calendar_feed"]
    # The HDI meeting on its chapter's site and on Meetup is one meeting with two listings.
    twin = next(e for c in sample.chapters for e in c.events if e.meetup)
    [linked] = summary["same_meetings"]
    assert linked["id"] == f"meetup:{twin.meetup}"
    [chapter_listing] = linked["also_at"]
    assert chapter_listing in summary["chapter_events"]
    assert chapter_listing not in summary["employed"] and linked["id"] in summary["employed"]
    employed_table = done.stdout.split("Where the employed go", 1)[1].split("Job-seeker")[0]
    assert (
        employed_table.count("Shift-Left") == 1 and "Also on the chapter's site" in employed_table
    )
    # The other chapter meetings are there too, judged like Meetup's.
    assert "Microlearning" in employed_table
    with Store(out / "demo.db") as store:
        assert store.count_meetings() == store.count("events") - 1
    # On the Meetup page, the flag links the chapter's own page.
    shot = next(
        s for s in summary["screenshots"] if s["name"] == "meetup-event-also-on-chapter-site"
    )
    assert "Also on the chapter's site" in shot["links"], shot


def test_the_demo_shows_a_plan_and_the_popup_with_it(demo_run):
    out, done = demo_run
    text = done.stdout
    assert "Your plan for the next four weeks" in text
    assert "Week 1 ·" in text and "Week 4 ·" in text
    assert "job-seeker meetings:" in text
    summary = json.loads((out / "summary.json").read_text())
    assert len(summary["plan"]) == 4
    picked = [title for week in summary["plan"] for title in week]
    assert picked, "the demo's plan picked nothing in four weeks"
    assert "Saturday Hike: Pyramid Mountain and Tripod Rock" not in picked
    popup = Path(summary["plan_screenshot"])
    assert popup.is_file() and popup.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Store(out / "demo.db") as store:
        assert store.get_profile().free_times  # the plan's settings were the demo's own


def test_a_sample_history_and_the_reports_chart(demo_run):
    from PIL import Image

    from meetscout.demo.history import load_history

    out, done = demo_run
    assert "Per kind of meeting" in done.stdout and "Month by month" in done.stdout
    summary = json.loads((out / "summary.json").read_text())
    assert summary["history"]["contacts"] >= 5
    png, svg = (Path(p) for p in summary["report_chart"])
    assert png == out / "report" / "networking.png"
    with Image.open(png) as image:
        image.load()
        assert image.format == "PNG"
    assert svg.read_text().lstrip().startswith("<?xml")
    # The made-up people are in the demo's database, for the report, and nowhere it shows.
    names = [c.name for m in load_history().meetings for c in m.contacts]
    shown = done.stdout + done.stderr + (out / "summary.json").read_text()
    shown += "".join(p.read_text(errors="replace") for p in (out / "logs").glob("*.log"))
    assert names and not [n for n in names if n in shown]
