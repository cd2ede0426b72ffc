"""The query routes: events, groups, profile, runs, status."""

from __future__ import annotations

from meetscout.store import UpsertCounts


def test_events_search_with_words_and_filters(client):
    r = client.get("/v1/events", params={"q": "resume", "crowd": "job_seekers", "limit": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["events"]) == 2
    assert all("resume" in e["title"].lower() for e in body["events"])
    assert all(e["label"] == "Job-seeker meeting" for e in body["events"])
    assert body["next_offset"] == 2
    page2 = client.get(
        "/v1/events", params={"q": "resume", "crowd": "job_seekers", "limit": 2, "offset": 2}
    ).json()
    assert not {e["id"] for e in page2["events"]} & {e["id"] for e in body["events"]}
    online = client.get("/v1/events", params={"online": "true", "limit": 100}).json()["events"]
    assert online and all(e["is_online"] for e in online)
    grouped = client.get("/v1/events", params={"group": "meetup-group:hdi-nj", "limit": 100}).json()
    assert grouped["events"] and all(
        e["group_id"] == "meetup-group:hdi-nj" for e in grouped["events"]
    )
    guest = client.get("/v1/events", params={"access": "guest_pass", "limit": 100}).json()["events"]
    assert guest and all("guest_pass" in e["assessment"]["access"] for e in guest)


def test_events_date_range_and_sort(client):
    all_events = client.get("/v1/events", params={"limit": 100, "sort": "soonest"}).json()["events"]
    starts = [e["starts_at"] for e in all_events if e["starts_at"]]
    assert starts == sorted(starts)
    latest = client.get("/v1/events", params={"limit": 100, "sort": "latest"}).json()["events"]
    assert [e["starts_at"] for e in latest if e["starts_at"]] == sorted(starts, reverse=True)
    middle = starts[len(starts) // 2]
    later = client.get("/v1/events", params={"from": middle, "limit": 100}).json()["events"]
    assert later and all(e["starts_at"] >= middle for e in later)
    earlier = client.get("/v1/events", params={"to": middle, "limit": 100}).json()["events"]
    assert earlier and all(e["starts_at"] < middle for e in earlier)


def test_a_query_sqlite_cannot_parse_is_a_400_with_advice(client):
    for q in ['"unbalanced', "AND", "title:x OR", "(((", "NEAR("]:
        r = client.get("/v1/events", params={"q": q})
        assert r.status_code in (200, 400), (q, r.text)
        if r.status_code == 400:
            assert "double quotes" in r.json()["detail"]
    r = client.get("/v1/events", params={"q": '"unbalanced'})
    assert r.status_code == 400


def test_bad_query_parameters_are_4xx(client):
    for params in (
        {"crowd": "everyone"},
        {"limit": 0},
        {"limit": 101},
        {"from": "next tuesday"},
        {"from": "0001-01-01T00:00:00"},
        {"sort": "random"},
        {"online": "perhaps"},
    ):
        r = client.get("/v1/events", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.json()["detail"]


def test_one_event_and_a_missing_one(client):
    r = client.get("/v1/events/meetup:300000002")
    assert r.status_code == 200
    event = r.json()
    assert event["title"] == "HDI New Jersey chapter meeting 2"
    assert event["label"] == "Where the employed go"
    r = client.get("/v1/events/meetup:1")
    assert r.status_code == 404
    assert "POST /v1/flags" in r.json()["detail"]


def test_a_group_with_its_upcoming_meetings(client):
    r = client.get("/v1/groups/meetup-group:hdi-nj")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["group"]["name"] == "HDI New Jersey Chapter"
    assert body["label"] == "Where the employed go"
    assert {e["id"] for e in body["upcoming"]} >= {f"meetup:30000000{n}" for n in (1, 2, 4, 5)}
    assert client.get("/v1/groups/meetup-group:nope").status_code == 404


def test_profile_round_trip_and_validation(client):
    original = client.get("/v1/profile").json()
    try:
        wanted = {
            **original,
            "home_area": "Newark, NJ",
            "radius_km": 25,
            "target_companies": ["Prudential", "ADP"],
            "target_industries": ["insurance"],
        }
        r = client.put("/v1/profile", json=wanted)
        assert r.status_code == 200, r.text
        assert client.get("/v1/profile").json() == {**wanted, "radius_km": 25.0}
        for bad in ({"job_seeker_monthly_limit": -1}, {"radius_km": "far"}, {"password": "x"}):
            r = client.put("/v1/profile", json={**original, **bad})
            assert r.status_code == 422, bad
            assert r.json()["detail"]
        assert client.get("/v1/profile").json()["home_area"] == "Newark, NJ"
    finally:
        client.put("/v1/profile", json=original)


def test_runs_and_status(api, client):
    with api.store() as store:
        run = store.start_run("meetup_group", {"groups": ["hdi-nj"]})
        store.finish_run(run, "ok", UpsertCounts(new=5))
    runs = client.get("/v1/runs").json()["runs"]
    assert runs[0]["spider"] == "meetup_group"
    assert runs[0]["status"] == "ok"
    assert runs[0]["args"] == {"groups": ["hdi-nj"]}
    assert runs[0]["new"] == 5
    status = client.get("/v1/status").json()
    assert status["reachable"] is True
    assert status["last_crawl"]["id"] == runs[0]["id"]
    assert status["events"] >= 11
    assert status["job_seeker_count"]["limit"] >= 0
    assert 1 <= len(status["next_employed"]) <= 3
    assert all(u["label"] == "Where the employed go" for u in status["next_employed"])
    soonest = [u["starts_at"] for u in status["next_employed"]]
    assert soonest == sorted(soonest)


def test_openapi_documents_every_route(api):
    with api.client(token=None) as c:
        schema = c.get("/openapi.json").json()
        assert c.get("/docs").status_code == 404  # its page loads a CDN script: off by default
    paths = schema["paths"]
    for path in (
        "/v1/flags",
        "/v1/events",
        "/v1/events/{event_id}",
        "/v1/groups/{group_id}",
        "/v1/feedback",
        "/v1/attendance",
        "/v1/profile",
        "/v1/runs",
        "/v1/status",
        "/healthz",
    ):
        assert path in paths, path
        for method, op in paths[path].items():
            assert "200" in op["responses"], (path, method)
            content = op["responses"]["200"].get("content", {}).get("application/json", {})
            assert content.get("schema"), f"{method} {path} has no response model"
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
