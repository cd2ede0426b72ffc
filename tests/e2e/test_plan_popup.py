"""The weekly plan in the extension, in a real Chromium over the real API: this week's picks in
the popup with accept, swap and drop; "Add to my plan" in a flag's menu; and the toolbar icon's
count of meetings that arrived since the person last looked."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from meetscout.store import Store

from .harness import EXTENSION_ID, service_worker
from .site import CHAPTER, START, meetup_event

pytestmark = pytest.mark.e2e

POPUP = f"chrome-extension://{EXTENSION_ID}/popup.html"


def plan_of(api) -> dict:
    r = httpx.get(f"{api.base}/v1/plan", headers={"Authorization": f"Bearer {api.token}"})
    assert r.status_code == 200, r.text
    return r.json()


def going(api, event_id: str) -> bool:
    auth = {"Authorization": f"Bearer {api.token}"}
    return httpx.get(f"{api.base}/v1/events/{event_id}", headers=auth).json()["going"]


def test_the_popup_shows_this_weeks_plan_and_a_pick_can_be_accepted(page, api):
    week = plan_of(api)["weeks"][0]
    assert week["picks"], week
    page.goto(POPUP)
    page.locator("#plan:not([hidden])").wait_for()
    shown = page.locator("#plan-picks li.pick")
    assert shown.count() == len(week["picks"])
    assert [shown.nth(i).locator(".title a").inner_text() for i in range(shown.count())] == [
        p["title"] for p in week["picks"]
    ]
    assert week["picks"][0]["why"] in page.locator("#plan-picks").inner_text()
    assert "job-seeker meetings:" in page.locator("#plan-budgets").inner_text()
    assert page.locator("#plan-week").inner_text() == week["label"]
    assert page.locator("#plan-picks img").count() == 0  # titles are text, never markup
    pick = next(p for p in week["picks"] if p["state"] == "suggested")
    page.locator(f"li.pick[data-id='{pick['id']}'] button.accept").click()
    page.locator(f"li.pick[data-id='{pick['id']}'][data-state='accepted']").wait_for()
    assert "Accepted" in page.locator("#plan-status").inner_text()
    assert going(api, pick["id"])
    # Swapped: it leaves the week, is no longer going, and the popup shows the week anew.
    page.locator(f"li.pick[data-id='{pick['id']}'] button.swap").click()
    page.locator(f"li.pick[data-id='{pick['id']}']").wait_for(state="detached")
    assert "Swapped out" in page.locator("#plan-status").inner_text()
    assert not going(api, pick["id"])
    after = plan_of(api)["weeks"][0]["picks"]
    assert pick["id"] not in [p["id"] for p in after]
    assert [shown.nth(i).get_attribute("data-id") for i in range(shown.count())] == [
        p["id"] for p in after
    ]
    # Dropped: the next suggested pick leaves the week, and no meeting where the employed go
    # takes its place (a job-seeker one it clashed with may now fit).
    other = next(p for p in after if p["state"] == "suggested" and p["crowd"] == "employed")
    page.locator(f"li.pick[data-id='{other['id']}'] button.drop").click()
    page.locator(f"li.pick[data-id='{other['id']}']").wait_for(state="detached")
    assert "Dropped" in page.locator("#plan-status").inner_text()
    employed = [p["id"] for p in after if p["crowd"] == "employed" and p["id"] != other["id"]]
    week = plan_of(api)["weeks"][0]["picks"]
    assert [p["id"] for p in week if p["crowd"] == "employed"] == employed


def test_add_to_my_plan_from_a_flags_menu(page, api):
    page.goto(CHAPTER.url)
    page.wait_for_function("document.querySelectorAll('[data-meetscout-badge]').length >= 1")
    host = page.locator(f"[data-meetscout-url='{CHAPTER.url}']")
    host.locator(".badge").click()
    host.locator("button.plan").click()
    page.wait_for_function(
        f"() => document.querySelector(\"[data-meetscout-url='{CHAPTER.url}']\")"
        ".shadowRoot.querySelector('.status').textContent.startsWith('Added to your plan')"
    )
    assert host.locator("button.plan").inner_text() == "In my plan"
    assert host.locator("button.going").inner_text() == "Marked as going"
    assert going(api, CHAPTER.id)
    in_plan = [(p["id"], p["state"]) for w in plan_of(api)["weeks"] for p in w["picks"]]
    if CHAPTER.starts_at < datetime.now(UTC) + timedelta(days=21):
        assert (CHAPTER.id, "accepted") in in_plan


def test_the_toolbar_icon_counts_what_is_new_until_the_popup_shows_it(page, api):
    auth = {"Authorization": f"Bearer {api.token}"}
    assert httpx.post(f"{api.base}/v1/plan/looked", headers=auth).status_code == 200
    fresh = meetup_event(301000777, "Brand-new chapter night", CHAPTER.assessment).model_copy(
        update={"starts_at": START + timedelta(days=2)}
    )
    with Store(api.db) as store:
        store.upsert_events([fresh], seen=datetime.now(UTC))
    time.sleep(1.1)  # times are kept to the second: the popup's look comes in a later one
    worker = service_worker(page.context)
    text = worker.evaluate(
        "async () => { await handlers.plan({}); return chrome.action.getBadgeText({}); }"
    )
    assert text == "1"
    page.goto(POPUP)
    page.locator("#plan-new:not([hidden])").wait_for()
    assert page.locator("#plan-new").inner_text() == (
        "1 new meeting where the employed go since you last looked"
    )
    # Shown once: the popup tells meetscout, and the icon's count goes.
    worker.evaluate(
        """async () => {
            for (let i = 0; i < 50 && await chrome.action.getBadgeText({}) !== ''; i++)
                await new Promise((r) => setTimeout(r, 100));
        }"""
    )
    assert worker.evaluate("() => chrome.action.getBadgeText({})") == ""
    assert plan_of(api)["new"] == []
