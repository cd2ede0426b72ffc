"""The demo's sample history goes in through the networking log and reports as it should."""

from __future__ import annotations

from datetime import UTC, datetime

from meetscout.demo.history import fill_history, load_history
from meetscout.demo.sample import load_sample
from meetscout.log import read_log
from meetscout.log_report import build_report
from meetscout.model import Profile

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def test_the_sample_history_fills_the_log(store):
    store.save_profile(Profile(target_companies=["Prudential", "ADP"]))
    filled = fill_history(store, load_sample(), now=NOW)
    assert filled == {
        "meetings attended": 8,
        "meetings skipped": 1,
        "contacts": 7,
        "follow-ups done": 5,
        "outcomes": 4,
    }
    history = load_history()
    assert all(c.name.endswith(" Sample") for m in history.meetings for c in m.contacts)
    report = build_report(
        read_log(store),
        NOW,
    )
    assert report.total.attended == 8 and report.total.at_targets == 4
    kinds = {t.key: t for t in report.by_kind}
    # The chapter meetings brought the contacts at target companies, the job-seeker ones none.
    assert kinds["professional_association"].at_targets >= 2
    assert kinds["job_seeker_group"].at_targets == 0
    assert [m.month for m in report.months] == ["2026-10", "2026-11", "2026-12"]
    assert sum(m.job_seekers for m in report.months) == 3  # two ministry meetings and a job fair
