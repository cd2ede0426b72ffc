"""The real scheduler (APScheduler, a process per crawl) with short intervals against local sites."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from meetscout.demo.localsite import LocalSite, Reply
from meetscout.scheduling.processes import Stopper
from meetscout.scheduling.scheduler import Scheduler, run_once
from meetscout.scheduling.state import Policy, load_state
from meetscout.store import Store

from .conftest import CHILD_ENV, Gate, events_page, plan, tiny

FAST_RETRY = Policy(retry_base=timedelta(seconds=0.5), retry_cap=timedelta(seconds=1))


def poll(condition, timeout=60.0, every=0.05):
    """Wait until `condition()` holds; fail (not hang) when it never does."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting for the scheduler")
        time.sleep(every)


def of(scheduler, source, status=None):
    return [
        r
        for r in list(scheduler.results)
        if r.source == source and (status is None or r.outcome.status == status)
    ]


@pytest.fixture
def running():
    started = []

    def start(*plans, db, **kwargs):
        scheduler = Scheduler(list(plans), db, env=CHILD_ENV, **kwargs)
        scheduler.start()
        started.append(scheduler)
        return scheduler

    yield start
    for scheduler in started:
        scheduler.stop(now=True)
        scheduler.wait()


def test_due_sources_run_on_their_own_schedules(db, site, running):
    scheduler = running(
        plan("meetup", "every 2 seconds", tiny("meetup", site.url("/a.json"), db)),
        plan("linkedin", "every 1 hour", tiny("linkedin", site.url("/b.json"), db)),
        db=db,
    )
    # Both never ran, so both are due at once; then meetup comes round again, linkedin does not.
    poll(lambda: len(of(scheduler, "meetup", "ok")) >= 2 and of(scheduler, "linkedin"))
    assert [r.outcome.status for r in of(scheduler, "linkedin")] == ["ok"]
    first, second = of(scheduler, "meetup")[:2]
    assert first.outcome.counts["new"] == 2
    assert second.outcome.counts["unchanged"] == 2 and second.outcome.counts["new"] == 0
    assert second.started >= first.finished  # never two of one source at once
    next_linkedin = scheduler.next_runs()["linkedin"]
    assert next_linkedin >= of(scheduler, "linkedin")[0].started + timedelta(minutes=59)
    with Store(db) as store:
        assert store.count("events") == 3
        assert load_state(store, "linkedin").last_status == "ok"


def test_once_runs_only_what_is_due(db, site):
    plans = [
        plan("meetup", "every 1 hour", tiny("meetup", site.url("/a.json"), db)),
        plan("linkedin", "0 7 * * *", tiny("linkedin", site.url("/b.json"), db)),
    ]
    first = run_once(plans, db, env=CHILD_ENV)
    assert sorted((r.source, r.outcome.status) for r in first) == [
        ("linkedin", "ok"),
        ("meetup", "ok"),
    ]
    assert run_once(plans, db, env=CHILD_ENV) == []  # both ran just now: nothing due
    forced = run_once(plans[:1], db, env=CHILD_ENV, force=True)
    assert [(r.source, r.outcome.counts["unchanged"]) for r in forced] == [("meetup", 2)]


def test_failing_source_backs_off_while_others_go_on(db, site, running):
    scheduler = running(
        plan("meetup", "every 1 hour", tiny("meetup", site.url("/a.json"), db, "--crash")),
        plan("linkedin", "every 1 second", tiny("linkedin", site.url("/b.json"), db)),
        db=db,
        policy=FAST_RETRY,
    )
    poll(lambda: len(of(scheduler, "meetup")) >= 3 and len(of(scheduler, "linkedin", "ok")) >= 2)
    failures = of(scheduler, "meetup")[:3]
    assert all(r.outcome.status == "failed" for r in failures)
    assert [r.state.failures for r in failures] == [1, 2, 3]
    waits = [(r.state.retry_at - r.finished).total_seconds() for r in failures]
    assert waits == [0.5, 1.0, 1.0]  # doubling, capped
    for before, after in zip(failures, failures[1:], strict=False):
        assert after.started >= before.state.retry_at  # each retry waited its turn
    # The hourly schedule alone would not have retried for an hour: the retries came from back-off.
    assert all(r.outcome.status == "ok" for r in of(scheduler, "linkedin"))


def test_blocked_source_waits_the_time_it_was_told(db, running):
    blocked = Reply('{"blocked": "LinkedIn answered 999; wait 3 hours"}')
    with LocalSite({"/blocked.json": blocked, "/b.json": events_page(3)}) as site:
        scheduler = running(
            plan("linkedin", "every 1 second", tiny("linkedin", site.url("/blocked.json"), db)),
            plan("meetup", "every 1 second", tiny("meetup", site.url("/b.json"), db)),
            db=db,
            policy=FAST_RETRY,
        )
        poll(lambda: of(scheduler, "linkedin") and len(of(scheduler, "meetup")) >= 2)
        hits = [h for h in site.hits if h.path == "/blocked.json"]
    (result,) = of(scheduler, "linkedin")
    assert result.outcome.status == "blocked"
    assert result.state.retry_at - result.finished == timedelta(hours=3)
    assert len(hits) == 1  # the every-second schedule did not knock again
    assert scheduler.next_runs()["linkedin"] == result.state.retry_at


def test_stop_lets_a_running_crawl_finish_within_the_grace(db, running):
    gate = Gate(events_page(1, 2))
    with LocalSite({"/slow.json": gate}) as site:
        scheduler = running(
            plan("meetup", "every 1 hour", tiny("meetup", site.url("/slow.json"), db)),
            db=db,
            stopper=Stopper(grace=60),
        )
        assert gate.reached.wait(30)
        scheduler.stop()
        gate.opened.set()  # the site answers after the stop request: the crawl may still finish
        scheduler.wait()
    (result,) = of(scheduler, "meetup")
    assert result.outcome.status == "ok" and result.outcome.counts["new"] == 2


def test_stop_past_the_grace_terminates_and_keeps_what_was_gathered(db, running):
    gate = Gate(events_page(1, 2))
    with LocalSite({"/slow.json": gate}) as site:
        stopper = Stopper(grace=0.2, term_timeout=30)
        scheduler = running(
            plan("meetup", "every 1 hour", tiny("meetup", site.url("/slow.json"), db)),
            db=db,
            stopper=stopper,
        )
        assert gate.reached.wait(30)
        scheduler.stop()
        # Past the grace the crawl gets SIGTERM; Scrapy then finishes the page it is reading.
        poll(lambda: time.monotonic() > stopper.term_deadline() + 0.3)
        gate.opened.set()
        scheduler.wait()
    (result,) = of(scheduler, "meetup")
    assert result.outcome.status == "interrupted"
    assert result.outcome.counts["new"] == 2
    with Store(db) as store:
        (row,) = store.recent_runs(5)
        assert row["status"] == "interrupted" and "shutdown" in row["error"]
        assert store.count("events") == 2


def test_stop_past_the_grace_records_a_stuck_crawl_as_interrupted(db, running):
    gate = Gate(events_page(1, 2))
    with LocalSite({"/slow.json": gate}) as site:
        scheduler = running(
            plan("meetup", "every 1 hour", tiny("meetup", site.url("/slow.json"), db)),
            db=db,
            stopper=Stopper(grace=0.2, term_timeout=1),
        )
        assert gate.reached.wait(30)
        scheduler.stop()
        scheduler.wait()
        gate.opened.set()
    (result,) = of(scheduler, "meetup")
    assert result.outcome.status == "interrupted"
    with Store(db) as store:
        (row,) = store.recent_runs(5)
        assert row["status"] == "interrupted" and row["finished"]
        assert "SIGKILL" in row["error"]  # stuck past SIGTERM too: ended, and said so
        # Cut short by a stop: due again as soon as the scheduler starts.
        assert load_state(store, "meetup").retry_at == result.finished
