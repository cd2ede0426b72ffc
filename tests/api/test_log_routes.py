"""The networking log over the real API: attended or skipped, people met, follow-ups, and the
contacts kept to the paired extension and out of every log line and error."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from tests.api.conftest import EMPLOYED
from tests.conftest import make_event

NAME = "Marisol Quintanilla-Reyes"


@pytest.fixture(scope="module")
def past(api):
    """Two meetings two days ago, stored as a crawl would."""
    now = datetime.now(UTC).replace(microsecond=0)
    events = [
        make_event(
            n,
            starts_at=now - timedelta(days=2),
            ends_at=now - timedelta(days=2) + timedelta(hours=2),
            url=f"https://www.meetup.com/hdi-nj/events/{300000000 + n}/",
            assessment=EMPLOYED,
        )
        for n in (901, 902)
    ]
    with api.store() as store:
        store.upsert_events(events)
    return events


def test_from_attended_to_follow_up_done(client, past):
    first, _ = past
    r = client.post("/v1/attendance/presence", json={"url": first.url, "presence": "attended"})
    assert r.status_code == 200, r.text
    assert r.json() == {"event_id": first.id, "title": first.title, "presence": "attended"}
    (flag,) = client.post("/v1/flags", json={"items": [{"url": first.url}]}).json()["flags"]
    assert (flag["going"], flag["presence"]) == (True, "attended")
    meetings = client.get("/v1/log").json()["meetings"]
    assert [m["id"] for m in meetings if m["id"] == first.id] == [first.id]

    r = client.post(
        "/v1/contacts",
        json={"id": first.id, "name": NAME, "company": "Acme", "how": "email", "note": "x"},
    )
    assert r.status_code == 201, r.text
    contact = r.json()
    # Due 48 hours after the meeting's end, which was 46 hours ago: due within the day.
    assert contact["followup"]["state"] == "due"
    assert contact["meeting"] == first.title
    listed = client.get("/v1/followups").json()
    assert listed["open"] >= 1
    mine = [f for f in listed["followups"] if f["contact_id"] == contact["id"]]
    assert [(f["name"], f["state"]) for f in mine] == [(NAME, "due")]
    assert client.get("/v1/status").json()["followups_open"] == listed["open"]
    assert any(c["id"] == contact["id"] for c in client.get("/v1/contacts").json()["contacts"])

    fid = contact["followup"]["id"]
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    moved = client.put(f"/v1/followups/{fid}", json={"due_at": later})
    assert moved.status_code == 200 and moved.json()["state"] == "later"
    done = client.post(f"/v1/followups/{fid}/done", json={})
    assert done.status_code == 200 and done.json()["state"] == "done"
    assert client.get("/v1/followups").json()["open"] == listed["open"] - 1
    r = client.post("/v1/attendance/presence", json={"id": first.id, "presence": "skipped"})
    assert r.status_code == 422 and "so you were there" in r.json()["detail"]


def test_bad_input_is_a_4xx_sentence_without_the_name(client, past, caplog):
    caplog.set_level(logging.DEBUG)
    _, second = past
    cases = [
        ({"id": "meetup:404", "name": NAME}, 404, "knows no meeting"),
        ({"id": second.id, "name": "Marisol"}, 422, "full name"),
        ({"id": second.id, "name": NAME, "due_at": "2020-01-01T00:00:00Z"}, 422, "in the past"),
        ({"id": second.id, "name": NAME, "due_at": "2031-01-01T00:00:00Z"}, 422, "a year ahead"),
        ({"id": second.id, "name": NAME, "due_at": "2026-12-04T10:00:00"}, 422, "due_at"),
        ({"url": "https://example.org/x", "name": NAME}, 404, "not a meeting"),
    ]
    for body, status, words in cases:
        r = client.post("/v1/contacts", json=body)
        assert r.status_code == status, (body, r.text)
        assert words in r.json()["detail"], r.text
        assert "Marisol" not in r.text and "Quintanilla" not in r.text
    assert client.post("/v1/contacts", json={"id": second.id, "name": NAME}).status_code == 201
    again = client.post("/v1/contacts", json={"id": second.id, "name": NAME.upper()})
    assert again.status_code == 422 and "already recorded" in again.json()["detail"]
    assert "Quintanilla" not in again.text.title()
    upcoming = "meetup:300000001"  # a meeting still ahead
    r = client.post("/v1/attendance/presence", json={"id": upcoming, "presence": "attended"})
    assert r.status_code == 422 and "still ahead" in r.json()["detail"]
    assert client.post("/v1/followups/999999/done").status_code == 404
    assert client.put("/v1/followups/0", json={"due_at": "2026-12-04T10:00:00Z"}).status_code == 422
    assert client.post("/v1/followups/99999999999999999999/done").status_code == 422
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Quintanilla" not in logged and "Marisol" not in logged


def test_contacts_only_with_the_token(api, past):
    with api.client(token=None) as anonymous:
        assert anonymous.get("/v1/contacts").status_code == 401
        assert anonymous.get("/v1/followups").status_code == 401
        r = anonymous.post("/v1/contacts", json={"id": past[0].id, "name": "Ann Other"})
        assert r.status_code == 401
    with api.client(token="not-the-token") as wrong:
        assert wrong.get("/v1/contacts").status_code == 401


def test_the_report_counts_what_each_kind_of_meeting_brought_naming_no_one(api, client):
    """The popup's "where networking has worked": figures per kind and month, without names."""
    now = datetime.now(UTC).replace(microsecond=0)
    chapter = make_event(
        903,
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=2),
        url="https://www.meetup.com/hdi-nj/events/300000903/",
        assessment=EMPLOYED,
    )
    with api.store() as store:
        store.upsert_events([chapter])
    kept = client.get("/v1/profile").json()
    wanted = {**kept, "target_companies": ["Prudential"]}
    assert client.put("/v1/profile", json=wanted).status_code == 200
    try:
        before = client.get("/v1/report").json()
        mine = {"id": chapter.id, "company": "Prudential Financial"}
        assert client.post("/v1/contacts", json={**mine, "name": "Odalys Brandvold"}).is_success
        r = client.get("/v1/report")
        assert r.status_code == 200, r.text
        after = r.json()
        kind = EMPLOYED.kind.value

        def tally(report, key):
            return next((t for t in report["by_kind"] if t["key"] == key), {"at_targets": 0})

        assert tally(after, kind)["at_targets"] == tally(before, kind)["at_targets"] + 1
        assert after["total"]["contacts"] == before["total"]["contacts"] + 1
        assert sum(m["employed"] for m in after["months"]) >= 1  # met someone: attended
        assert "Odalys" not in r.text and "Brandvold" not in r.text
        recent = client.get("/v1/report", params={"days": 1}).json()
        assert tally(recent, kind)["at_targets"] == 0  # the meeting was three days ago
        assert client.get("/v1/report", params={"days": 0}).status_code == 422
    finally:
        client.put("/v1/profile", json=kept)
    with api.client(token=None) as anonymous:
        assert anonymous.get("/v1/report").status_code == 401
