"""POST /v1/flags, the extension's hot path, and the records that change what it says."""

from __future__ import annotations

import time

from meetscout.api.schemas import Flag, FlagsResponse

from meetscout.classify import classify_event
from meetscout.model import Profile
from meetscout.sources.page import event_from_page
from tests.api.conftest import EMPLOYED, LINKEDIN_ID
from tests.conftest import make_event

HDI_1 = "https://www.meetup.com/hdi-nj/events/300000001/"


def flags(client, *items):
    r = client.post("/v1/flags", json={"items": list(items)})
    assert r.status_code == 200, r.text
    # The route writes its JSON itself (the hot path): it must still be the documented model.
    FlagsResponse.model_validate_json(r.content, strict=False)
    assert set(r.json()["flags"][0]) == set(Flag.model_fields) if items else True
    return r.json()["flags"]


def test_a_known_event_gets_its_stored_judgement(client):
    [flag] = flags(client, {"url": HDI_1})
    assert flag["known"] is True
    assert flag["id"] == "meetup:300000001"
    assert flag["subject"] == "event"
    assert flag["crowd"] == "employed"
    assert flag["kind"] == "professional_association"
    assert flag["label"] == "Where the employed go"
    assert flag["access"] == ["guest_pass"]
    assert flag["reasons"] == EMPLOYED.reasons
    assert flag["job_seeker_count"] is None
    assert flag["url"] == HDI_1


def test_tracking_parameters_and_fragments_do_not_hide_a_known_event(client):
    url = (
        "https://meetup.com/hdi-nj/events/300000001?recId=abc&recSource=ml"
        "&eventOrigin=find_page%24all&utm_source=newsletter#attendees"
    )
    [flag] = flags(client, {"url": url})
    assert flag["known"] is True
    assert flag["id"] == "meetup:300000001"
    assert flag["url"] == HDI_1


def test_linkedin_slug_glued_ids_and_theater_pages_are_understood(client):
    urls = [
        f"https://www.linkedin.com/events/{LINKEDIN_ID}/",
        f"https://www.linkedin.com/events/cloud-security-roundtable{LINKEDIN_ID}/theater/",
        f"https://linkedin.com/events/cloudsec{LINKEDIN_ID}/comments/?trk=public_event&lipi=x",
    ]
    got = flags(client, *({"url": u} for u in urls))
    assert {f["id"] for f in got} == {f"linkedin:{LINKEDIN_ID}"}
    assert all(f["known"] and f["crowd"] == "employed" for f in got)
    assert {f["url"] for f in got} == {f"https://www.linkedin.com/events/{LINKEDIN_ID}/"}


def test_a_known_group_page_gets_the_groups_judgement(client):
    [flag] = flags(client, {"url": "https://www.meetup.com/nj-job-club/events/"})
    assert flag["known"] is True
    assert flag["subject"] == "group"
    assert flag["id"] == "meetup-group:nj-job-club"
    assert flag["crowd"] == "job_seekers"
    assert flag["label"] == "Job-seeker meeting"
    assert flag["job_seeker_count"]["limit"] == 2


def test_an_unknown_event_is_judged_on_the_spot_from_the_page(client):
    item = {
        "url": "https://www.meetup.com/some-new-group/events/312345678/?recId=x",
        "title": "Career transition support circle for job seekers | Meetup",
        "text": "Out of work? Join our weekly job search support group: resume help, "
        "interview practice and encouragement from others in career transition.",
        "group_name": "Career Changers Circle",
    }
    [flag] = flags(client, item)
    page = event_from_page(
        item["url"], title=item["title"], text=item["text"], group_name=item["group_name"]
    )
    expected = classify_event(page, None, Profile())
    assert flag["known"] is False
    assert flag["id"] == "meetup:312345678"
    assert flag["title"] == "Career transition support circle for job seekers"
    assert flag["crowd"] == expected.crowd.value
    assert flag["kind"] == expected.kind.value
    assert flag["reasons"] == expected.reasons
    assert flag["label"] in (
        "Where the employed go",
        "Job-seeker meeting",
        "Not networking",
    )
    # Not stored: the person has not opted in to capture.
    assert flags(client, {"url": item["url"]})[0]["known"] is False


def test_a_page_with_nothing_to_judge_says_so(client):
    got = flags(
        client,
        {"url": "https://www.meetup.com/some-new-group/events/399999999/"},
        {"url": "https://www.meetup.com/find/?keywords=devops&source=EVENTS"},
        {"url": "https://example.org/calendar/"},
    )
    for flag in got:
        assert flag["known"] is False
        assert flag["crowd"] is None
        assert flag["label"] == "Not enough to tell"
        assert flag["reasons"]
    assert got[0]["id"] == "meetup:399999999"
    assert "search" in got[1]["reasons"][0]


def test_flags_come_back_in_the_order_sent_up_to_100(client):
    items = [
        {"url": f"https://www.meetup.com/hdi-nj/events/{300000001 + i % 5}/"} for i in range(100)
    ]
    got = flags(client, *items)
    assert [f["id"] for f in got] == [f"meetup:{300000001 + i % 5}" for i in range(100)]
    assert flags(client) == []


def test_101_items_is_a_clear_4xx(client):
    r = client.post("/v1/flags", json={"items": [{"url": HDI_1}] * 101})
    assert r.status_code == 422
    assert r.json()["detail"] == "At most 100 items per request (got 101); split the batch."


def test_bad_input_is_a_4xx_with_a_message(client):
    r = client.post("/v1/flags", json={"items": [{"url": HDI_1}, {"url": "meetup event"}]})
    assert r.status_code == 422
    assert r.json()["detail"].startswith("items[1].url: not a web address: 'meetup event'")
    r = client.post(
        "/v1/flags", content=b'{"items": [', headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400
    assert "not valid JSON" in r.json()["detail"]
    r = client.post("/v1/flags", json={"items": "https://www.meetup.com/"})
    assert r.status_code == 422
    assert r.json()["detail"].startswith("items:")
    r = client.post("/v1/flags", json={"item": []})
    assert r.status_code == 422
    assert r.json()["detail"] == "items is required."
    r = client.post("/v1/flags", json={"items": [{"url": "http://[::1/"}]})
    assert r.status_code == 422


def test_feedback_on_an_event_changes_its_next_flag(client):
    url = "https://www.meetup.com/hdi-nj/events/300000003/"
    assert flags(client, {"url": url})[0]["crowd"] == "employed"
    r = client.post(
        "/v1/feedback",
        json={
            "url": url + "?recId=1",
            "scope": "event",
            "crowd": "job_seekers",
            "note": "all job hunters",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["event_id"] == "meetup:300000003"
    assert body["flag"]["crowd"] == "job_seekers"
    [flag] = flags(client, {"url": url})
    assert flag["crowd"] == "job_seekers"
    assert flag["basis"] == "feedback"
    assert flag["label"] == "Job-seeker meeting"
    assert flag["job_seeker_count"] is not None
    assert flag["reasons"][0].startswith("You marked this meeting")
    assert '"all job hunters"' in flag["reasons"][0]
    assert sum(r.startswith("You marked") for r in flag["reasons"]) == 1
    shown = client.get("/v1/events/meetup:300000003").json()
    assert shown["assessment"]["reasons"] == flag["reasons"]
    assert shown["label"] == "Job-seeker meeting"
    # Only that event: its neighbour in the same group is unchanged.
    assert (
        flags(client, {"url": "https://www.meetup.com/hdi-nj/events/300000004/"})[0]["crowd"]
        == "employed"
    )


def test_feedback_for_a_group_changes_every_event_of_it(api, client):
    with api.store() as store:
        store.upsert_events(
            [
                make_event(
                    n,
                    group_id="meetup-group:ux-nj",
                    group_name="UX NJ",
                    url=f"https://www.meetup.com/ux-nj/events/{300000000 + n}/",
                    assessment=EMPLOYED,
                )
                for n in (41, 42)
            ]
        )
    urls = [f"https://www.meetup.com/ux-nj/events/{300000000 + n}/" for n in (41, 42)]
    r = client.post(
        "/v1/feedback",
        json={
            "url": urls[0],
            "scope": "group",
            "crowd": "not_networking",
            "kind": "not_networking",
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["group_id"] == "meetup-group:ux-nj"
    got = flags(client, *({"url": u} for u in urls))
    assert [f["crowd"] for f in got] == ["not_networking", "not_networking"]
    assert [f["label"] for f in got] == ["Not networking"] * 2
    assert all(f["reasons"][0].startswith("You marked every meeting of this group") for f in got)


def test_feedback_on_a_group_page_changes_the_groups_flag(client):
    url = "https://www.meetup.com/hdi-nj/"
    assert flags(client, {"url": url})[0]["crowd"] == "employed"
    r = client.post(
        "/v1/feedback", json={"url": url, "scope": "group", "crowd": "employed", "kind": "alumni"}
    )
    assert r.status_code == 200, r.text
    [flag] = flags(client, {"url": url})
    assert flag["subject"] == "group"
    assert flag["kind"] == "alumni"
    assert flag["basis"] == "feedback"


def test_feedback_needs_something_it_can_name(client):
    r = client.post("/v1/feedback", json={"crowd": "employed"})
    assert r.status_code == 422
    assert "url" in r.json()["detail"]
    r = client.post(
        "/v1/feedback",
        json={"url": "https://www.meetup.com/find/?keywords=x", "crowd": "employed"},
    )
    assert r.status_code == 422
    r = client.post(
        "/v1/feedback",
        json={
            "url": f"https://www.linkedin.com/events/{'9' * 19}/",
            "scope": "group",
            "crowd": "employed",
        },
    )
    assert r.status_code == 422
    assert "which group" in r.json()["detail"]
    r = client.post("/v1/feedback", json={"id": "meetup:1", "crowd": "everyone"})
    assert r.status_code == 422


def test_going_counts_job_seeker_meetings_this_month(client):
    url = "https://www.meetup.com/nj-job-club/events/300000011/"
    [before] = flags(client, {"url": url})
    assert before["crowd"] == "job_seekers"
    assert before["going"] is False
    count = before["job_seeker_count"]
    assert count["limit"] == 2
    r = client.post("/v1/attendance", json={"url": url})
    assert r.status_code == 200, r.text
    assert r.json()["job_seeker_count"] == {**count, "marked": count["marked"] + 1}
    # Marking twice is still one meeting.
    assert client.post("/v1/attendance", json={"id": "meetup:300000011"}).status_code == 200
    [after] = flags(client, {"url": url})
    assert after["going"] is True
    assert after["job_seeker_count"]["marked"] == count["marked"] + 1
    status = client.get("/v1/status").json()
    assert status["job_seeker_count"]["marked"] == count["marked"] + 1
    r = client.delete("/v1/attendance", params={"url": url})
    assert r.status_code == 200, r.text
    assert r.json()["going"] is False
    assert r.json()["job_seeker_count"]["marked"] == count["marked"]
    # An employed-crowd meeting does not count towards the job-seeker limit.
    r = client.post("/v1/attendance", json={"id": "meetup:300000005"})
    assert r.json()["job_seeker_count"]["marked"] == count["marked"]


def test_the_limit_comes_from_the_profile(client):
    profile = client.get("/v1/profile").json()
    try:
        r = client.put("/v1/profile", json={**profile, "job_seeker_monthly_limit": 1})
        assert r.status_code == 200
        [flag] = flags(client, {"url": "https://www.meetup.com/nj-job-club/events/300000012/"})
        assert flag["job_seeker_count"]["limit"] == 1
    finally:
        client.put("/v1/profile", json=profile)


def test_attendance_for_a_meeting_not_gathered_stores_it_from_the_page(client):
    url = "https://www.meetup.com/cloud-nj/events/318000001/"
    r = client.post("/v1/attendance", json={"url": url})
    assert r.status_code == 404
    assert "title or text" in r.json()["detail"]
    r = client.post(
        "/v1/attendance",
        json={
            "url": url,
            "title": "Cloud Native NJ: Kubernetes in production",
            "text": "Talks and networking.",
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["event_id"] == "meetup:318000001"
    [flag] = flags(client, {"url": url})
    assert flag["known"] is True
    assert flag["going"] is True


def test_capture_stores_browsed_meetings_only_when_opted_in(client):
    url = "https://www.meetup.com/devops-nj/events/317000001/"
    item = {"url": url, "title": "DevOps NJ monthly meetup", "text": "Lightning talks, pizza."}
    assert flags(client, item)[0]["known"] is False
    assert flags(client, {"url": url})[0]["known"] is False
    profile = client.get("/v1/profile").json()
    try:
        assert (
            client.put("/v1/profile", json={**profile, "capture_opt_in": True}).status_code == 200
        )
        first = flags(client, item)[0]
        assert first["known"] is False
        # Kept once the answer has gone (so a crawl holding the write lock cannot delay it).
        assert wait_for(lambda: flags(client, {"url": url})[0]["known"])
        again = flags(client, {"url": url})[0]
        assert again["known"] is True
        assert again["crowd"] == first["crowd"]
        assert (
            client.get("/v1/events/meetup:317000001").json()["title"] == "DevOps NJ monthly meetup"
        )
    finally:
        client.put("/v1/profile", json=profile)


def test_targets_follow_the_profile_without_a_command(api, client):
    """Issue 18: after the profile gains a target, the next flag of a stored meeting that
    mentions it shows the target, with no `meetscout reclassify`."""
    event = make_event(
        31,
        url="https://www.meetup.com/hdi-nj/events/300000031/",
        description="This month's meeting is hosted at Prudential's Newark offices.",
        assessment=EMPLOYED,
    )
    with api.store() as store:
        store.upsert_events([event])
    url = event.url
    assert flags(client, {"url": url})[0]["targets"] == []
    profile = client.get("/v1/profile").json()
    try:
        wanted = {**profile, "target_companies": ["Prudential"]}
        assert client.put("/v1/profile", json=wanted).status_code == 200
        [flag] = flags(client, {"url": url})
        assert flag["known"] is True
        assert flag["targets"] == ["Prudential"]
        assert client.get(f"/v1/events/{event.id}").json()["assessment"]["targets"] == [
            "Prudential"
        ]
    finally:
        client.put("/v1/profile", json=profile)
    assert flags(client, {"url": url})[0]["targets"] == []


def wait_for(check, timeout: float = 30.0) -> bool:
    """Poll until `check()` is true (a generous bound, not a speed assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_a_meeting_on_the_chapters_site_and_on_meetup_is_flagged_with_both(api, client):
    from tests.api.conftest import soon

    webinar = dict(
        starts_at=soon(40), is_online=True, venue=None, assessment=EMPLOYED,
        title="Chapter Webinar: Zero Trust for the Service Desk",
    )  # fmt: skip
    chapter = make_event(
        70, **webinar, id="ical:zero-trust", source="calendar",
        url="https://www.hdi-nj.example/events/zero-trust-webinar/",
        group_id="calendar:hdi-nj.example", group_name="HDI New Jersey",
    )  # fmt: skip
    on_meetup = make_event(71, **{**webinar, "title": "HDI NJ: Zero Trust for the Service Desk"})
    with api.store() as store:
        before = client.get("/v1/status").json()["events"]
        store.upsert_events([chapter])
        store.upsert_events([on_meetup])
    [flag] = flags(client, {"url": on_meetup.url})
    assert flag["known"] and flag["id"] == on_meetup.id
    assert [(x["source"], x["url"]) for x in flag["also_at"]] == [("calendar", chapter.url)]
    [back] = flags(client, {"url": chapter.url})
    assert [x["url"] for x in back["also_at"]] == [on_meetup.url]
    assert flags(client, {"url": HDI_1})[0]["also_at"] == []
    # Counted once, and listed once (as the chapter's own listing, stored first).
    assert client.get("/v1/status").json()["events"] == before + 1
    found = client.get("/v1/events", params={"q": "zero trust"}).json()["events"]
    assert [e["id"] for e in found] == [chapter.id]
    assert found[0]["also_at"][0]["url"] == on_meetup.url


def test_a_cancelled_meeting_is_flagged_cancelled(api, client):
    """Issue 18 item 9: a cancelled workshop showed "Where the employed go" with no mark."""
    url = "https://www.meetup.com/hdi-nj/events/300000091/"
    with api.store() as store:
        store.upsert_events([make_event(91, url=url, status="cancelled", assessment=EMPLOYED)])
    [flag] = flags(client, {"url": url})
    assert (flag["cancelled"], flag["label"]) == (True, "Cancelled")
    assert flag["crowd"] == "employed"  # who would have gone stays known
    [open_one] = flags(client, {"url": HDI_1})
    assert (open_one["cancelled"], open_one["label"]) == (False, "Where the employed go")
    listed = client.get("/v1/events", params={"q": "meeting 91"}).json()["events"]
    assert [e["label"] for e in listed if e["url"] == url] == ["Cancelled"]


def test_a_page_that_says_cancelled_is_flagged_cancelled(client):
    """A meeting meetscout has not stored, judged from its page (JSON-LD EventCancelled)."""
    url = "https://www.meetup.com/hdi-nj/events/300000092/"
    jsonld = (
        '{"@context": "https://schema.org", "@type": "Event", "name": "Risk workshop",'
        ' "startDate": "2026-12-10T18:00:00-05:00",'
        ' "eventStatus": "https://schema.org/EventCancelled",'
        ' "organizer": {"@type": "Organization", "name": "ISACA New Jersey Chapter"}}'
    )
    [flag] = flags(client, {"url": url, "title": "Risk workshop", "jsonld": jsonld})
    assert flag["known"] is False
    assert (flag["cancelled"], flag["label"]) == (True, "Cancelled")
