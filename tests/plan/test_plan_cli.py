"""`meetscout plan` and `meetscout calendar export|url|revoke` over a frozen database and clock."""

from __future__ import annotations

import json

import icalendar
from typer.testing import CliRunner

from meetscout.cli import app
from tests.plan.conftest import event_id
from tests.plan.meetings import NOW

runner = CliRunner()


def run(planned, *args: str):
    return runner.invoke(app, [*args, "--db", str(planned.path)], env={"COLUMNS": "80"})


def test_the_plan_week_by_week(planned):
    result = run(planned, "plan")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Your plan, Mon 30 Nov – Sun 27 Dec" in out
    assert "job-seeker meetings: 0 of 2 in December (1 more in this plan)" in out
    assert "Week 1 · Mon 30 Nov – Sun 6 Dec" in out
    assert "+ Thu 3 Dec 18:00  Insurance analytics at Prudential [suggested]" in out
    assert "professional association; targets: Prudential, insurance; $25; in Newark" in out
    assert event_id("target") in out
    assert "Nothing suitable where the employed go this week." in out  # weeks 3 and 4
    assert max(len(line) for line in out.splitlines()) <= 100
    assert planned.plan_looked_at() == NOW  # the person has now seen it


def test_the_plan_as_json_leaves_what_is_new_alone(planned):
    result = run(planned, "plan", "--json", "--weeks", "2")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert len(plan["weeks"]) == 2
    assert plan["weeks"][1]["picks"][0]["title"] == "Chapter dinner"
    assert planned.plan_looked_at() is None


def test_accept_swap_drop_by_id_or_address(planned):
    result = run(planned, "plan", "accept", event_id("club"))
    assert result.exit_code == 0, result.output
    assert "Accepted: Job club" in result.output
    url = planned.get_event(event_id("target")).url
    result = run(planned, "plan", "swap", url)
    assert result.exit_code == 0, result.output
    assert "In its place: Wed 2 Dec 18:00 Business breakfast" in result.output
    result = run(planned, "plan", "swap", event_id("dinner"), "--for", event_id("mixer"))
    assert "In its place, accepted: Mixer" in result.output
    result = run(planned, "plan", "drop", event_id("breakfast"))
    assert "Dropped: Business breakfast" in result.output
    assert planned.plan_choices() == {
        event_id("club"): "accepted",
        event_id("target"): "swapped",
        event_id("dinner"): "swapped",
        event_id("mixer"): "accepted",
        event_id("breakfast"): "dropped",
    }


def test_bad_choices_are_messages(planned):
    for ref, words in (
        ("meetup:1", "has no meeting 'meetup:1'"),
        (event_id("cancelled"), "was cancelled by its organiser"),
        (event_id("over"), "ended on Fri 27 Nov 20:00; nothing changed"),
    ):
        result = run(planned, "plan", "accept", ref)
        assert result.exit_code == 2, result.output
        assert words in " ".join(result.output.split())
        assert "Traceback" not in result.output
    assert planned.plan_choices() == {}


def test_settings(planned):
    result = run(planned, "plan", "settings", "--per-week", "2", "--free", "Tue,Thu 18:00-21:30")
    assert result.exit_code == 0, result.output
    assert "2 a week, 2 at most" in result.output
    assert "Free: Tue,Thu 18:00-21:30" in result.output
    profile = planned.get_profile()
    assert (profile.employed_per_week, profile.free_times) == (2, ["Tue,Thu 18:00-21:30"])
    assert profile.target_companies == ["Prudential"]  # the rest of the profile is kept
    result = run(planned, "plan", "settings", "--per-week", "5")
    assert result.exit_code == 2
    assert "weekly maximum (2) is below" in " ".join(result.output.split())
    result = run(planned, "plan", "settings", "--free", "Tues 6pm")
    assert result.exit_code == 2
    assert planned.get_profile().employed_per_week == 2  # nothing was changed


def test_calendar_export_url_and_revoke(planned, tmp_path):
    run(planned, "plan", "accept", event_id("target"))
    file = tmp_path / "mine.ics"
    result = run(planned, "calendar", "export", "--file", str(file))
    assert result.exit_code == 0, result.output
    assert f"Wrote 1 entry to {file}" in " ".join(result.output.split())
    [event] = icalendar.Calendar.from_ical(file.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Insurance analytics at Prudential"
    printed = run(planned, "calendar", "export")
    assert printed.output.startswith("BEGIN:VCALENDAR")
    first = run(planned, "calendar", "url").output.splitlines()[0]
    assert first.startswith("http://127.0.0.1:8787/calendar/") and first.endswith(".ics")
    assert run(planned, "calendar", "url").output.splitlines()[0] == first  # kept
    result = run(planned, "calendar", "revoke")
    assert "closed" in result.output
    assert planned.calendar_secret_state(first.rsplit("/", 1)[1][:-4]) == "revoked"
    assert run(planned, "calendar", "url").output.splitlines()[0] != first
    run(planned, "calendar", "revoke")
    assert "no calendar address to close" in run(planned, "calendar", "revoke").output
