"""Schedules from meetscout.toml, and how long a failed or blocked source waits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from meetscout.config import ConfigError, load_config
from meetscout.scheduling.processes import CrawlOutcome
from meetscout.scheduling.schedules import parse_schedule
from meetscout.scheduling.source_plans import plan_sources
from meetscout.scheduling.state import Policy, SourceState

NOW = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("every 6 hours", 6 * 3600),
        ("Every 90 minutes", 5400),
        ("every hour", 3600),
        ("hourly", 3600),
        ("daily", 86400),
        ("weekly", 604800),
        ("every 2 days", 172800),
        ("every 2 seconds", 2),
        ("every 1.5 hours", 5400),
    ],
)
def test_intervals(text, seconds):
    schedule = parse_schedule(text)
    assert schedule.interval == timedelta(seconds=seconds)
    assert isinstance(schedule.trigger(start=NOW), IntervalTrigger)
    assert schedule.next_after(NOW, NOW) == NOW + timedelta(seconds=seconds)


def test_cron_and_time_of_day():
    cron = parse_schedule("0 */6 * * *")
    assert isinstance(cron.trigger(timezone=UTC), CronTrigger)
    assert cron.cron == "0 */6 * * *"
    at = parse_schedule("daily at 07:30")
    assert at.cron == "30 7 * * *"
    # Due at the first fire time after the last start.
    trigger = cron.trigger(timezone=UTC)
    assert trigger.get_next_fire_time(None, NOW) == datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_never_run_is_due_now():
    assert parse_schedule("0 7 * * *").next_after(None, NOW) == NOW


@pytest.mark.parametrize("text", ["sometimes", "every fortnight", "61 * * * *", "daily at 25:00"])
def test_unreadable_schedule_names_the_key(text):
    with pytest.raises(ConfigError, match="meetup.schedule"):
        parse_schedule(text, "meetup.schedule")


def test_config_plans(tmp_path):
    path = tmp_path / "meetscout.toml"
    path.write_text(
        '[meetup]\ngroups = ["hdi-nj", "pmi-nj"]\nschedule = "every 6 hours"\n'
        'base_url = "http://127.0.0.1:9"\n'
        '[[meetup.searches]]\nkeywords = "project management"\nlocation = "Newark, NJ"\n'
        '[linkedin]\nschedule = "daily"\n'
    )
    plans = {p.name: p for p in plan_sources(load_config(path), tmp_path / "m.db")}
    meetup, linkedin = plans["meetup"], plans["linkedin"]
    assert meetup.active and len(meetup.commands) == 2
    assert meetup.commands[0].argv[:4] == ("crawl", "meetup", "hdi-nj", "pmi-nj")
    assert "--base-url" in meetup.commands[0].argv
    assert meetup.commands[1].argv[:4] == (
        "crawl",
        "meetup-search",
        "--keywords",
        "project management",
    )
    assert not linkedin.active and "enabled" in linkedin.off_because
    assert not plans["calendars"].active and "[calendars]" in plans["calendars"].off_because

    path.write_text(
        '[calendars]\nurls = ["https://www.isaca-nj.example/", "webcal://x.example/c.ics"]\n'
        'days = 60\nschedule = "every 12 hours"\n'
    )
    calendars = {p.name: p for p in plan_sources(load_config(path), tmp_path / "m.db")}["calendars"]
    assert calendars.active and calendars.schedule.describe() == "every 12 hours"
    [command] = calendars.commands
    assert command.source == "calendars"
    assert command.argv == ("crawl", "calendar", "https://www.isaca-nj.example/",
                            "webcal://x.example/c.ics", "--days", "60", "--db", str(tmp_path / "m.db"))  # fmt: skip

    path.write_text('[meetup]\ngroups = ["x"]\n[linkedin]\nschedule = "now and then"\n')
    with pytest.raises(ConfigError, match="linkedin.schedule"):
        plan_sources(load_config(path), tmp_path / "m.db")


def test_backoff_doubles_and_is_capped():
    policy = Policy(retry_base=timedelta(minutes=5), retry_cap=timedelta(hours=1))
    waits = [policy.backoff(n).total_seconds() / 60 for n in range(1, 7)]
    assert waits == [5, 10, 20, 40, 60, 60]
    assert policy.backoff(500) == timedelta(hours=1)


@pytest.mark.parametrize(
    ("error", "wait"),
    [
        ("LinkedIn answered 999; wait 6 hours before trying again", timedelta(hours=6)),
        ("authwall at /events/; retry after 30 minutes", timedelta(minutes=30)),
        ("Too many requests. Try again in 2 days.", timedelta(days=2)),
        ("login wall on the iCal feed", timedelta(hours=12)),
        ("LinkedIn refused an earlier crawl; left alone until 2026-12-01 16:30 UTC.", None),
        (None, timedelta(hours=12)),
    ],
)
def test_blocked_wait_from_the_message(error, wait):
    policy = Policy(blocked_default=timedelta(hours=12))
    if wait is None:  # "until <local time>": the wait is the time left until then
        local = NOW.astimezone()
        error = error.replace(
            "2026-12-01 16:30", (local + timedelta(hours=6)).strftime("%Y-%m-%d %H:%M")
        )
        wait = timedelta(hours=6)
    assert policy.blocked_wait(error, NOW) == wait


def test_state_after_each_outcome():
    policy = Policy(retry_base=timedelta(seconds=10), retry_cap=timedelta(seconds=25))
    state = SourceState("meetup")
    schedule = parse_schedule("every 6 hours")
    later = NOW + timedelta(seconds=3)
    for n, wait in enumerate((10, 20, 25), start=1):
        state.record(CrawlOutcome("failed", error="boom"), NOW, later, policy)
        assert state.failures == n
        assert state.next_due(schedule, later) == later + timedelta(seconds=wait)
    state.record(CrawlOutcome("skipped"), NOW, later, policy)
    assert state.failures == 3  # another crawl held the lock: nothing learnt
    state.record(CrawlOutcome("ok"), NOW, later, policy)
    assert (state.failures, state.retry_at) == (0, None)
    assert state.next_due(schedule, later) == NOW + timedelta(hours=6)
    state.record(CrawlOutcome("blocked", error="wait 3 hours"), NOW, later, policy)
    assert state.next_due(schedule, later) == later + timedelta(hours=3)
    state.record(CrawlOutcome("interrupted"), NOW, later, policy)
    assert state.next_due(schedule, later) == later
