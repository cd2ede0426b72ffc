"""The person's corrections override the classifier, and survive re-crawls and re-classifying."""

import subprocess
import sys
from pathlib import Path

import orjson

from meetscout.classify import classify_event
from meetscout.classify.feedback import Corrections, apply_feedback, correct
from meetscout.commands.classify import reclassify_store
from meetscout.localsite import LocalSite, Reply
from meetscout.model import Crowd, Kind
from meetscout.store import Store
from tests.conftest import make_event

ROOT = Path(__file__).resolve().parents[2]


def test_event_correction_beats_group_correction_beats_classifier(store):
    e = make_event(1)
    a = classify_event(e)
    assert a.crowd == Crowd.employed
    assert apply_feedback(store, e, a) == a

    store.add_feedback("group", "job_seekers", group_id=e.group_id)
    b = apply_feedback(store, e, a)
    assert (b.crowd, b.basis, b.confidence) == (Crowd.job_seekers, "feedback", 1.0)
    assert b.kind in (Kind.job_seeker_group, Kind.career_fair)
    assert b.reasons[0].startswith("You marked every meeting of this group")

    store.add_feedback("event", "not_networking", event_id=e.id, note="a purely social evening")
    c = apply_feedback(store, e, a)
    assert (c.crowd, c.kind) == (Crowd.not_networking, Kind.not_networking)
    assert "purely social" in c.reasons[0]
    # Another event of the group still follows the group correction.
    other = make_event(2)
    assert apply_feedback(store, other, classify_event(other)).crowd == Crowd.job_seekers


def test_newest_correction_of_a_scope_wins(store):
    e = make_event(1)
    store.add_feedback("event", "job_seekers", event_id=e.id)
    store.add_feedback("event", "employed", event_id=e.id, kind="alumni")
    a = Corrections.load(store).apply(e, classify_event(e))
    assert (a.crowd, a.kind) == (Crowd.employed, Kind.alumni)
    assert len(store.list_feedback(event_ids=[e.id])) == 2


def test_bad_corrections_are_refused(store):
    import pytest

    with pytest.raises(ValueError):
        store.add_feedback("everything", "employed", event_id="x")
    with pytest.raises(ValueError):
        store.add_feedback("event", "bored", event_id="x")
    with pytest.raises(ValueError):
        store.add_feedback("group", "employed")


def test_correction_survives_reupsert_and_reclassify(store):
    e = make_event(1)
    store.upsert_events([e.model_copy(update={"assessment": classify_event(e)})])
    assert correct(store, "event", "job_seekers", event_id=e.id) == 1
    assert store.get_event(e.id).assessment.basis == "feedback"
    # A re-crawl brings the same content with a fresh classifier judgement, feedback applied.
    again = classify_event(e)
    store.upsert_events(
        [e.model_copy(update={"assessment": Corrections.load(store).apply(e, again)})]
    )
    assert store.get_event(e.id).assessment.crowd == Crowd.job_seekers
    counts = reclassify_store(store, everything=True)
    assert counts["events"] == 1
    stored = store.get_event(e.id).assessment
    assert (stored.crowd, stored.basis) == (Crowd.job_seekers, "feedback")


def _crawl(db, url):
    done = subprocess.run(
        [sys.executable, "-m", "tests.classify.listing_spider", str(db), url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def test_pipeline_classifies_and_corrections_survive_a_recrawl(tmp_path):
    group = {
        "id": "meetup-group:psg-bucks",
        "source": "meetup",
        "url": "https://www.meetup.com/psg-bucks/",
        "name": "Professional Service Group of Bucks County",
        "description": "Helping unemployed professionals get back to work.",
    }
    events = [
        make_event(
            1,
            group_id="meetup-group:psg-bucks",
            group_name=None,
            title="Weekly meeting",
            description="Speakers and networking.",
        ).model_dump(mode="json"),
        make_event(2).model_dump(mode="json"),  # an HDI chapter meeting, with its group unseen
    ]
    page = orjson.dumps({"groups": [group], "events": events}).decode()
    db = tmp_path / "m.db"
    routes = {
        "/robots.txt": Reply("User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/listings.json": Reply(page, content_type="application/json"),
    }
    with LocalSite(routes) as site:
        assert _crawl(db, site.url("/listings.json")) == "ok"
        with Store(db) as store:
            first = store.get_event(events[0]["id"]).assessment
            assert first.crowd == Crowd.job_seekers and first.classifier_version
            assert store.get_group(group["id"]).assessment.kind == Kind.job_seeker_group
            assert store.get_event(events[1]["id"]).assessment.crowd == Crowd.employed
            correct(store, "event", "employed", event_id=events[0]["id"], kind="workshop_seminar")
            correct(store, "group", "not_networking", group_id="meetup-group:hdi-nj")
        assert _crawl(db, site.url("/listings.json")) == "ok"
    with Store(db) as store:
        a = store.get_event(events[0]["id"]).assessment
        assert (a.crowd, a.kind, a.basis) == (Crowd.employed, Kind.workshop_seminar, "feedback")
        b = store.get_event(events[1]["id"]).assessment
        assert (b.crowd, b.basis) == (Crowd.not_networking, "feedback")
        assert [r["status"] for r in store.recent_runs()] == ["ok", "ok"]
