"""`/v1/plan` and its choices, the calendar subscription address, and the job-seeker budget of
a flag counted in the meeting's own month: over a frozen database and a frozen clock."""

from __future__ import annotations

from datetime import timedelta

import httpx
import icalendar
import pytest
from meetscout.api.app import create_app
from meetscout.api.settings import ApiSettings

from meetscout.model import Crowd
from meetscout.store import Store
from tests.api.conftest import serve_in_thread
from tests.plan import conftest as plan_fixtures
from tests.plan.conftest import event_id, fill
from tests.plan.meetings import NOW, at, meeting

frozen = plan_fixtures.frozen  # the clock stopped where the plan's tests stop it

TOKEN = "plan-test-token-0123456789"


@pytest.fixture
def store(tmp_path, frozen):
    with Store(tmp_path / "api.db") as s:
        fill(s)
        yield s


@pytest.fixture
def app_client(store):
    app = create_app(ApiSettings(token=TOKEN, db_path=store.path))
    server, thread, port = serve_in_thread(app)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as c:
        yield c
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def client(app_client):
    app_client.headers["Authorization"] = f"Bearer {TOKEN}"
    return app_client


def test_the_plan_for_the_extension(client):
    r = client.get("/v1/plan")
    assert r.status_code == 200, r.text
    plan = r.json()
    week = plan["weeks"][0]
    assert week["label"] == "Mon 30 Nov – Sun 6 Dec"
    assert [(p["title"], p["when"], p["state"]) for p in week["picks"]] == [
        ("Insurance analytics at Prudential", "Thu 3 Dec 18:00", "suggested"),
        ("Job club", "Sat 5 Dec 09:00", "suggested"),
    ]
    assert week["picks"][0]["why"].startswith("professional association; targets: Prudential")
    assert plan["budgets"][1]["line"] == (
        "job-seeker meetings: 0 of 2 in December (1 more in this plan)"
    )
    assert client.get("/v1/plan", params={"weeks": 9}).status_code == 422
    assert client.get("/v1/plan", params={"weeks": 2}).json()["weeks"][-1]["number"] == 2


def test_accept_swap_and_drop(client, store):
    r = client.post("/v1/plan/accept", json={"id": event_id("club")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["choice"], body["title"]) == ("accepted", "Job club")
    assert ("Job club", "accepted") in [
        (p["title"], p["state"]) for p in body["plan"]["weeks"][0]["picks"]
    ]
    assert store.going_among([event_id("club")]) == {event_id("club")}
    url = store.get_event(event_id("target")).url
    r = client.post("/v1/plan/swap", json={"url": url})
    assert r.status_code == 200, r.text
    assert r.json()["plan"]["weeks"][0]["picks"][0]["title"] == "Business breakfast"
    r = client.post(
        "/v1/plan/swap", json={"id": event_id("dinner"), "instead": {"id": event_id("mixer")}}
    )
    assert [(p["title"], p["state"]) for p in r.json()["plan"]["weeks"][1]["picks"]] == [
        ("Mixer", "accepted")
    ]
    r = client.post("/v1/plan/drop", json={"id": event_id("breakfast")})
    assert r.json()["plan"]["weeks"][0]["picks"] == [
        {**r.json()["plan"]["weeks"][0]["picks"][0], "title": "Job club"}
    ]


def test_bad_choices_say_why_and_change_nothing(client, store):
    r = client.post("/v1/plan/accept", json={"id": event_id("cancelled")})
    assert r.status_code == 409
    assert "cancelled by its organiser" in r.json()["detail"]
    r = client.post("/v1/plan/accept", json={"id": event_id("over")})
    assert r.status_code == 409
    assert "ended on" in r.json()["detail"]
    r = client.post("/v1/plan/drop", json={"id": "meetup:1"})
    assert r.status_code == 404
    r = client.post("/v1/plan/accept", json={"url": "https://www.meetup.com/x/events/123456/"})
    assert r.status_code == 404
    assert "title or text" in r.json()["detail"]
    assert store.plan_choices() == {}


def test_add_to_my_plan_from_a_page_meetscout_has_not_gathered(client, store):
    url = "https://www.meetup.com/cloud-nj/events/318000001/"
    r = client.post(
        "/v1/plan/accept",
        json={"url": url, "title": "Cloud Native NJ: Kubernetes in production", "text": "Talks."},
    )
    assert r.status_code == 200, r.text
    assert store.going_among(["meetup:318000001"]) == {"meetup:318000001"}


def test_what_is_new_until_the_person_looks(client, store, frozen):
    store.mark_plan_looked(NOW - timedelta(days=1))
    fresh = meeting("New chapter night", at(9, 18), group="new-chapter", fee=5)
    store.upsert_events([fresh.event.model_copy(update={"assessment": fresh.assessment})], seen=NOW)
    assert [n["title"] for n in client.get("/v1/plan").json()["new"]] == ["New chapter night"]
    frozen.move_to(NOW + timedelta(seconds=1))  # the person looks a moment later
    r = client.post("/v1/plan/looked")
    assert r.status_code == 200
    assert client.get("/v1/plan").json()["new"] == []


def calendar_address(store) -> str:
    return f"/calendar/{store.calendar_secret() or store.new_calendar_secret(NOW)}.ics"


def test_the_calendar_address_opens_the_calendar_without_the_token(app_client, store):
    store.mark_going(event_id("target"), "employed", NOW)
    r = app_client.get(calendar_address(store))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(r.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Insurance analytics at Prudential"]
    assert app_client.head(calendar_address(store)).status_code == 200


def test_the_calendar_secret_opens_nothing_else_and_the_token_is_no_secret(app_client, store):
    secret = store.new_calendar_secret(NOW)
    # The secret is not a token for the extension's routes...
    for path in ("/v1/plan", "/v1/profile", "/v1/status"):
        r = app_client.get(path, headers={"Authorization": f"Bearer {secret}"})
        assert r.status_code == 401, path
    # ...and the extension's token opens no calendar, in the address or as a header.
    r = app_client.get(f"/calendar/{TOKEN}.ics")
    assert r.status_code == 404
    r = app_client.get("/calendar/nothing.ics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 404
    assert "meetscout calendar url" in r.json()["detail"]
    # Only the calendar: the secret does not open another path.
    assert app_client.get(f"/calendar/{secret}").status_code == 404
    assert app_client.get(f"/v1/calendar/{secret}.ics").status_code == 401


def test_a_revoked_address_says_so(app_client, store):
    old = calendar_address(store)
    store.revoke_calendar_secret(NOW)
    r = app_client.get(old)
    assert r.status_code == 404
    assert "revoked" in r.json()["detail"]
    new = calendar_address(store)
    assert new != old
    assert app_client.get(new).status_code == 200


def test_a_flag_counts_the_job_seeker_meetings_of_its_own_month(client, store):
    """Issue 18, item 3: marking three December job-seeker meetings on 30 November counted none
    ("0 of 2 this month"), since marks were counted by the month they were made in. Each
    flag now counts the month its meeting is in, in the person's zone, and names it."""
    clubs = [
        meeting(f"December job club {n}", at(3 + 7 * n, 9), crowd=Crowd.job_seekers, group="dc")
        for n in range(3)
    ]
    store.upsert_events([m.event.model_copy(update={"assessment": m.assessment}) for m in clubs])
    for m in clubs:
        assert client.post("/v1/attendance", json={"id": m.event.id}).status_code == 200
    # A job-seeker meeting on Tuesday 1 December, 00:30 in New Jersey (05:30 UTC): in December
    # for the person, though in November on some clocks further west.
    early = meeting("Midnight job club", at(1, 0, 30), crowd=Crowd.job_seekers, group="dc")
    store.upsert_events([early.event.model_copy(update={"assessment": early.assessment})])
    r = client.post("/v1/flags", json={"items": [{"url": early.event.url}]})
    count = r.json()["flags"][0]["job_seeker_count"]
    assert count == {"marked": 3, "limit": 2, "month": "2026-12-01", "month_name": "December"}
    status = client.get("/v1/status").json()
    assert (status["job_seeker_count"]["marked"], status["job_seeker_count"]["month_name"]) == (
        0,
        "November",
    )
