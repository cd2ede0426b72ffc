"""The judge: the person's corrections override the classifier, and survive re-crawls and
re-classifying; targets follow the profile."""

import subprocess
import sys
from pathlib import Path

import orjson

from meetscout.classify import classify_event
from meetscout.commands.classify import reclassify_store
from meetscout.demo.localsite import LocalSite, Reply
from meetscout.judge import Corrections, correct, judge_event, judge_group
from meetscout.model import Crowd, Kind
from meetscout.store import Store
from tests.conftest import make_event

ROOT = Path(__file__).resolve().parents[1]


def apply_feedback(store, event, assessment):
    """What the person sees for `event` judged `assessment` by the classifier."""
    judged = event.model_copy(update={"assessment": assessment})
    return judge_event(judged, None, None, Corrections.load(store, [event]))


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
    a = judge_event(e, None, None, Corrections.load(store), fresh=True)
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
    store.upsert_events([e.model_copy(update={"assessment": apply_feedback(store, e, again)})])
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


def test_a_second_correction_of_a_group_keeps_the_target_chip(store):
    """Regression: correct() re-judged a corrected event without its group or the profile, so
    the second correction of a group dropped the "Target: Prudential" chip."""
    from meetscout.model import Group, Profile

    profile = Profile(target_companies=["Prudential"])
    store.save_profile(profile)
    group = Group(
        id="meetup-group:nj-insurance",
        source="meetup",
        url="https://www.meetup.com/nj-insurance/",
        name="NJ Insurance Professionals",
    )
    event = make_event(
        1,
        group_id=group.id,
        group_name=group.name,
        description="Our monthly meeting, hosted at Prudential in Newark.",
    )
    store.upsert_groups([group])
    store.upsert_events(
        [event.model_copy(update={"assessment": classify_event(event, group, profile)})]
    )
    assert store.get_event(event.id).assessment.targets == ["Prudential"]
    correct(store, "group", "job_seekers", group_id=group.id)
    assert store.get_event(event.id).assessment.targets == ["Prudential"]
    correct(store, "group", "employed", group_id=group.id, kind="professional_association")
    judged = store.get_event(event.id).assessment
    assert (judged.crowd, judged.basis) == (Crowd.employed, "feedback")
    assert judged.targets == ["Prudential"]


def test_targets_are_those_of_the_profile_now(store):
    from meetscout.model import Group, Profile

    event = make_event(1, organizer="Prudential Financial")
    stored = event.model_copy(update={"assessment": classify_event(event)})
    none = Corrections()
    assert judge_event(stored, None, Profile(), none).targets == []
    wanted = Profile(target_companies=["Prudential", "ADP"], target_industries=["help desk"])
    judged = judge_event(stored, None, wanted, none)
    assert judged.targets == ["Prudential"]
    # Everything else is the stored judgement: the classifier is not asked again.
    assert judged.model_dump(exclude={"targets"}) == stored.assessment.model_dump(
        exclude={"targets"}
    )
    group = Group(
        id="meetup-group:hdi-nj",
        source="meetup",
        url="https://www.meetup.com/hdi-nj/",
        name="HDI New Jersey Chapter",
        description="Help desk and service desk professionals.",
    )
    assert judge_group(group, wanted, none).targets == ["help desk"]


def test_a_group_correction_holds_for_the_group_and_its_events(store):
    from meetscout.model import Group

    group = Group(
        id="meetup-group:hdi-nj",
        source="meetup",
        url="https://www.meetup.com/hdi-nj/",
        name="HDI New Jersey Chapter",
    )
    store.add_feedback("group", "job_seekers", group_id=group.id, note="all job seekers")
    corrections = Corrections.load(store, groups=[group])
    judged = judge_group(group, None, corrections)
    assert (judged.crowd, judged.basis) == (Crowd.job_seekers, "feedback")
    assert judged.reasons[0] == (
        'You marked every meeting of this group as one for job seekers: "all job seekers"'
    )
    event = make_event(1)
    assert judge_event(event, group, None, Corrections.load(store, [event])).crowd == (
        Crowd.job_seekers
    )
