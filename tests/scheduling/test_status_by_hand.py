"""Issue 18.4: `meetscout status` shows a crawl started by hand that ran after the scheduler's
last one, and its note is never cut mid-word."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.commands.status import _note
from meetscout.scheduling.processes import CrawlOutcome
from meetscout.scheduling.state import Policy, load_state, save_state
from meetscout.scheduling.status import SourceStatus
from meetscout.store import Store, UpsertCounts


def test_a_crawl_by_hand_after_a_failed_scheduled_one_shows(tmp_path, monkeypatch):
    db = tmp_path / "m.db"
    config = tmp_path / "meetscout.toml"
    config.write_text('[meetup]\ngroups = ["hdi-new-jersey"]\n')
    monkeypatch.setenv("MEETSCOUT_CONFIG", str(config))
    earlier = datetime.now(UTC) - timedelta(hours=2)
    with Store(db) as store:
        state = load_state(store, "meetup")
        failed = CrawlOutcome("failed", error="the site did not answer")
        state.record(failed, earlier, earlier + timedelta(minutes=1), Policy())
        save_state(store, state)
        run_id = store.start_run("meetup_group", {})
        store.finish_run(run_id, "ok", UpsertCounts(new=3))
    result = CliRunner().invoke(app, ["status", "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    meetup = next(s for s in map(json.loads, result.output.splitlines()) if s["source"] == "meetup")
    assert meetup["last_status"] == "ok" and meetup["counts"]["new"] == 3
    assert meetup["error"] is None


def test_a_long_note_is_shortened_at_a_word():
    words = "Run `meetscout linkedin login` to save a new session, then crawl again " * 4
    note = _note(SourceStatus("linkedin", "daily", True, last_status="failed", error=words))
    assert note.endswith("…")
    assert words.startswith(note[:-1].rstrip())
    assert (words + " ")[len(note[:-1].rstrip())] == " "  # cut between words
