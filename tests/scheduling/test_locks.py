"""One crawl per source: overlapping crawls are refused, and a killed crawl leaves no stuck lock."""

from __future__ import annotations

import os
import signal
import threading

from meetscout.demo.localsite import LocalSite
from meetscout.scheduling.locks import SourceLock
from meetscout.scheduling.processes import run_crawl
from meetscout.store import Store

from .conftest import CHILD_ENV, Gate, events_page, tiny


def test_lock_is_exclusive_per_source(db):
    first = SourceLock(db, "meetup")
    assert first.acquire()
    assert not SourceLock(db, "meetup").acquire()
    assert SourceLock(db, "meetup").holder() == os.getpid()
    other = SourceLock(db, "linkedin")
    assert other.acquire()  # another source is not held up
    other.release()
    first.release()
    assert SourceLock(db, "meetup").holder() is None
    assert SourceLock(db, "meetup").acquire()


def _run_in_thread(command, db):
    box = {}
    thread = threading.Thread(
        target=lambda: box.setdefault("outcome", run_crawl(command, db, env=CHILD_ENV))
    )
    thread.start()
    return thread, box


def test_overlapping_crawl_is_refused_and_others_go_on(db):
    gate = Gate(events_page(1, 2))
    with LocalSite({"/slow.json": gate, "/b.json": events_page(3)}) as site:
        thread, box = _run_in_thread(tiny("meetup", site.url("/slow.json"), db), db)
        assert gate.reached.wait(30), "the first crawl never reached the site"
        holder = SourceLock(db, "meetup").holder()
        assert holder is not None

        second = run_crawl(tiny("meetup", site.url("/b.json"), db), db, env=CHILD_ENV)
        assert second.status == "skipped"
        assert f"pid {holder}" in second.error
        # Another source crawls meanwhile.
        other = run_crawl(tiny("linkedin", site.url("/b.json"), db), db, env=CHILD_ENV)
        assert other.status == "ok" and other.counts["new"] == 1

        gate.opened.set()
        thread.join(60)
    assert box["outcome"].status == "ok" and box["outcome"].counts["new"] == 2
    assert SourceLock(db, "meetup").holder() is None
    with Store(db) as store:
        # The refused crawl started nothing: one run row per crawl that ran.
        assert len(store.recent_runs(10)) == 2


def test_kill_9_of_a_crawl_leaves_no_stuck_lock(db):
    gate = Gate(events_page(1))
    with LocalSite({"/slow.json": gate, "/a.json": events_page(5)}) as site:
        thread, box = _run_in_thread(tiny("meetup", site.url("/slow.json"), db), db)
        assert gate.reached.wait(30)
        pid = SourceLock(db, "meetup").holder()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        thread.join(30)
        crashed = box["outcome"]
        assert crashed.status == "failed"
        assert "SIGKILL" in crashed.error

        assert SourceLock(db, "meetup").holder() is None
        again = run_crawl(tiny("meetup", site.url("/a.json"), db), db, env=CHILD_ENV)
        gate.opened.set()
    assert again.status == "ok" and again.counts["new"] == 1
    with Store(db) as store:
        runs = {r["id"]: r for r in store.recent_runs(10)}
    # The killed crawl's own run row was finished for it, not left open.
    assert runs[crashed.run_ids[0]]["status"] == "failed"
    assert runs[crashed.run_ids[0]]["finished"] is not None
    assert runs[again.run_ids[0]]["status"] == "ok"


def test_crawl_that_breaks_before_starting_is_recorded(db, site):
    outcome = run_crawl(tiny("meetup", site.url("/a.json"), db, "--crash"), db, env=CHILD_ENV)
    assert outcome.status == "failed"
    assert "broke before it could start" in outcome.error
    with Store(db) as store:
        (row,) = store.recent_runs(5)
    assert (row["spider"], row["status"]) == ("meetup", "failed")


def test_a_symlinked_database_path_shares_the_lock(tmp_path):
    """Issue 17.7: the lock is named after the real file, not the path as given."""
    real = tmp_path / "data" / "meetscout.db"
    real.parent.mkdir()
    Store(real).close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "other-name.db"
    link.symlink_to(real)
    held = SourceLock(real, "meetup")
    assert held.acquire()
    try:
        assert not SourceLock(link, "meetup").acquire()
        assert SourceLock(link, "meetup").holder() == os.getpid()
    finally:
        held.release()
