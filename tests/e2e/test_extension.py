"""The extension in a real headless Chromium, talking to the real API over a real store, on copies
of Meetup and LinkedIn pages served under the sites' own addresses."""

from __future__ import annotations

import re
import time

import httpx
import pytest

from .harness import EXTENSION_ID, configure, free_port, service_worker
from .site import (
    CHAPTER,
    LINKEDIN,
    MEETUP,
    PMI,
    SUPPORT,
    UNSEEN,
    XSS,
    XSS_TITLE,
    chapter_series,
)

pytestmark = pytest.mark.e2e

SERIES = chapter_series(25)
EMPLOYED = "Where the employed go"
JOB_SEEKERS = "Job-seeker meeting"

BADGES_JS = """() => [...document.querySelectorAll('[data-meetscout-badge]')].map((h) => ({
    url: h.dataset.meetscoutUrl,
    crowd: h.dataset.meetscoutCrowd,
    label: h.shadowRoot.querySelector('.label').textContent,
    count: (h.shadowRoot.querySelector('.count') || {}).textContent || null,
    chips: [...h.shadowRoot.querySelectorAll('.chip')].map((c) => c.textContent),
    reasons: [...h.shadowRoot.querySelectorAll('.reasons li')].map((c) => c.textContent),
    name: h.shadowRoot.querySelector('.badge').getAttribute('aria-label'),
    after: (h.previousElementSibling || {}).tagName || null,
    images: h.shadowRoot.querySelectorAll('img').length,
}))"""


def badges(page) -> list[dict]:
    return page.evaluate(BADGES_JS)


def wait_for_badges(page, count: int) -> list[dict]:
    """Wait until `count` badges are on the page, then let any late scan finish and look again."""
    page.wait_for_function(
        "n => document.querySelectorAll('[data-meetscout-badge]').length >= n", arg=count
    )
    page.wait_for_timeout(250)
    return badges(page)


def health(page) -> str | None:
    worker = service_worker(page.context)
    return worker.evaluate(
        "async () => ((await chrome.storage.session.get('health')).health || {}).state"
    )


PAGES = [
    # url, badges expected, (url, label) of the first badge
    (CHAPTER.url, 1, CHAPTER.url, EMPLOYED),
    (f"{MEETUP}/isaca-nj/", 4, f"{MEETUP}/isaca-nj/", EMPLOYED),
    (f"{MEETUP}/isaca-nj/events/", 11, f"{MEETUP}/isaca-nj/", EMPLOYED),
    (f"{MEETUP}/find/?source=EVENTS&keywords=networking", 4, SUPPORT.url, JOB_SEEKERS),
    (f"{LINKEDIN}/events/pmi-nj-spring-symposium7234567890123456789/", 1, PMI.url, EMPLOYED),
    (f"{LINKEDIN}/search/results/events/?keywords=pmi", 3, PMI.url, EMPLOYED),
]


@pytest.mark.parametrize(("url", "count", "first_url", "first_label"), PAGES)
def test_right_badges_on_each_page_type(page, url, count, first_url, first_label):
    page.goto(url)
    found = wait_for_badges(page, count)
    assert len(found) == count
    assert len({b["url"] for b in found}) == count  # one badge per card, not one per link
    assert (found[0]["url"], found[0]["label"]) == (first_url, first_label)
    assert all(b["name"].startswith("meetscout: ") for b in found)


def test_badge_content_by_crowd(page):
    page.goto(f"{MEETUP}/find/?source=EVENTS&keywords=networking")
    by_url = {b["url"]: b for b in wait_for_badges(page, 4)}
    chapter = by_url[CHAPTER.url]
    assert set(chapter["chips"]) == {"Guest pass", "Cash bar only", "Target: Prudential"}
    assert "Hosted by a professional association chapter: ISACA New Jersey" in chapter["reasons"]
    support = by_url[SUPPORT.url]
    assert support["label"] == JOB_SEEKERS
    assert support["chips"] == ["Free for job seekers"]
    hike = by_url[f"{MEETUP}/isaca-nj/events/301000004/"]
    assert hike["crowd"] == "not_networking" and hike["chips"] == []  # quiet


def test_reasons_on_keyboard_focus(page):
    page.goto(CHAPTER.url)
    wait_for_badges(page, 1)
    panel = page.locator("[data-meetscout-badge] .panel")
    assert not panel.is_visible()
    page.locator("h1").click()  # start the tab order at the title
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-meetscout-badge')")
    assert panel.is_visible()
    assert "Guests may attend their first meeting free" in panel.inner_text()
    page.keyboard.press("Enter")  # pins the panel open; Escape closes it again
    badge = page.locator("[data-meetscout-badge] .badge")
    assert badge.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert badge.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Tab")  # into the panel: it stays open
    assert page.locator("[data-meetscout-badge] button.wrong").evaluate(
        "b => b.getRootNode().activeElement === b"
    )


def test_open_reasons_cover_nothing_of_the_meeting(page):
    """Issue 18: the open reasons panel covered the meeting's date, venue and price."""
    page.goto(CHAPTER.url)
    wait_for_badges(page, 1)
    below = page.locator("main p.meta").first
    before = below.bounding_box()
    page.locator("[data-meetscout-badge] .badge").click()
    panel = page.locator("[data-meetscout-badge] .panel")
    assert panel.is_visible()
    page.mouse.move(0, 0)  # the panel stays open without the pointer on it
    assert panel.is_visible()
    box, text = panel.bounding_box(), below.bounding_box()
    assert box["y"] + box["height"] <= text["y"], (box, text)  # above it, not over it
    assert text["y"] > before["y"]  # the page moved down to make room


def test_infinite_scroll_cards_get_badges_in_batches(page, flag_requests):
    page.goto(f"{MEETUP}/isaca-nj/events/")
    assert len(wait_for_badges(page, 11)) == 11
    for total in (21, 26):
        page.locator("#load-more").scroll_into_view_if_needed()
        page.wait_for_function(
            "n => document.querySelectorAll('#event-list > a').length >= n", arg=total - 1
        )
        found = wait_for_badges(page, total)
        assert len(found) == total
    cards = page.locator("#event-list > a").count()
    assert cards == 25
    assert sorted(b["url"] for b in found[1:]) == sorted(e.url for e in SERIES)
    # One request per burst of cards (seen from the worker's own fetches), not one per card.
    assert [len(items) for items in flag_requests] == [11, 10, 5]


def test_single_page_navigation_and_back_forward(page):
    page.goto(f"{MEETUP}/isaca-nj/events/")
    wait_for_badges(page, 11)
    page.locator("#event-card-e-1 h2.ds-font-title-3").click()
    page.wait_for_url(re.compile(re.escape(SERIES[0].url)))
    page.wait_for_function(f"document.querySelector('h1').textContent === {SERIES[0].title!r}")
    found = wait_for_badges(page, 1)
    assert [(b["url"], b["after"]) for b in found] == [(SERIES[0].url, "H1")]
    for _ in range(2):
        page.go_back()
        page.wait_for_url(f"{MEETUP}/isaca-nj/events/")
        page.wait_for_function("document.querySelectorAll('#event-list > a').length === 10")
        found = wait_for_badges(page, 11)
        assert len(found) == 11 and len({b["url"] for b in found}) == 11
        page.go_forward()
        page.wait_for_url(re.compile(re.escape(SERIES[0].url)))
        page.wait_for_function("!document.getElementById('event-list')")
        found = wait_for_badges(page, 1)
        assert [b["url"] for b in found] == [SERIES[0].url]


def test_xss_title_is_text(page):
    page.goto(XSS.url)
    (badge,) = wait_for_badges(page, 1)
    assert page.locator("h1").inner_text() == XSS_TITLE
    assert f"Target: {XSS_TITLE}Corp" in badge["chips"]
    assert f"Title says {XSS_TITLE}" in badge["reasons"]
    assert badge["images"] == 0
    assert page.evaluate("document.images.length") == 0
    assert page.dialogs == []


def test_feedback_changes_the_flag(page):
    event = SERIES[2]
    page.goto(event.url)
    (badge,) = wait_for_badges(page, 1)
    assert badge["label"] == EMPLOYED
    host = page.locator("[data-meetscout-badge]")
    host.locator(".badge").click()
    host.locator("button.wrong").click()
    host.locator("button.choice[data-crowd='job_seekers']").click()
    page.wait_for_function(
        "() => document.querySelector('[data-meetscout-badge]').dataset.meetscoutCrowd === 'job_seekers'"
    )
    assert badges(page)[0]["label"] == JOB_SEEKERS
    page.reload()  # remembered by meetscout, not only by the page
    (badge,) = wait_for_badges(page, 1)
    assert badge["label"] == JOB_SEEKERS


def test_im_going_marks_attendance(page, api):
    page.goto(f"{MEETUP}/find/?source=EVENTS&keywords=networking")
    wait_for_badges(page, 4)
    host = page.locator(f"[data-meetscout-url='{SUPPORT.url}']")
    host.locator(".badge").click()
    host.locator("button.going").click()
    page.wait_for_function(
        f"() => document.querySelector(\"[data-meetscout-url='{SUPPORT.url}']\")"
        ".shadowRoot.querySelector('.status').textContent === 'Marked as going.'"
    )
    # The month the meeting is in, in the person's zone (this computer's: the profile names none).
    assert host.locator(".count").inner_text().endswith(f"in {SUPPORT.starts_at.astimezone():%B}")


def test_api_down_leaves_page_clean_and_popup_explains(page, api):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    configure(page.context, f"http://127.0.0.1:{free_port()}", api.token)
    page.goto(CHAPTER.url)
    page.wait_for_function("document.readyState === 'complete'")
    worker = service_worker(page.context)
    worker.evaluate("() => chrome.storage.session.remove('health')")
    page.reload()
    page.wait_for_timeout(200)
    for _ in range(50):
        if health(page) == "down":
            break
        page.wait_for_timeout(100)
    assert health(page) == "down"
    assert badges(page) == [] and errors == []
    page.goto(f"chrome-extension://{EXTENSION_ID}/popup.html")
    page.locator("body[data-state='down']").wait_for()
    assert "Start meetscout with `meetscout serve`" in page.locator("#help").inner_text()

    configure(page.context, api.base, "not-the-token")
    page.goto(CHAPTER.url)
    page.goto(f"chrome-extension://{EXTENSION_ID}/popup.html")
    page.locator("body[data-state='token']").wait_for()
    assert "Paste the token from `meetscout token`" in page.locator("#help").inner_text()
    assert badges(page) == []


def test_popup_summary_when_running(page):
    page.goto(f"chrome-extension://{EXTENSION_ID}/popup.html")
    page.locator("body[data-state='ok']").wait_for()
    text = page.locator("body").inner_text()
    assert "meetscout is running" in text
    assert "Job-seeker meetings this month" in text
    assert PMI.title in page.locator("#next").inner_text()  # the soonest employed-crowd meeting
    # One rule for times (issue 18 item 5): the person's zone, named on each time and once below.
    zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert f"Times in your zone, {zone}." in text
    short = page.evaluate(
        "at => new Date(at).toLocaleString(undefined, {timeZoneName: 'short'}).split(' ').pop()",
        PMI.starts_at.isoformat(),
    )
    assert page.locator("#next li").first.inner_text().endswith(short)


def test_unknown_page_sends_its_data_when_capture_is_on(page, api, flag_requests):
    auth = {"Authorization": f"Bearer {api.token}"}
    profile = httpx.get(f"{api.base}/v1/profile", headers=auth).json()
    httpx.put(f"{api.base}/v1/profile", headers=auth, json={**profile, "capture_opt_in": True})
    configure(page.context, api.base, api.token, capture=True)
    try:
        page.goto(UNSEEN.url)
        # The first ask is by URL and title only; the API does not know it, so the page's
        # JSON-LD and __NEXT_DATA__ follow, and meetscout keeps the meeting.
        wait_for_badges(page, 1)
        assert [("next_data" in item, "jsonld" in item) for (item,) in flag_requests] == [
            (False, False),
            (True, True),
        ]
        # Kept just after the flag was answered (a background task): wait for it, boundedly.
        url = f"{api.base}/v1/events/{UNSEEN.id}"
        deadline = time.monotonic() + 30
        while (stored := httpx.get(url, headers=auth)).status_code == 404:
            assert time.monotonic() < deadline, "the captured page was never stored"
            time.sleep(0.05)
        assert stored.status_code == 200
        assert stored.json()["title"] == UNSEEN.title
    finally:
        httpx.put(f"{api.base}/v1/profile", headers=auth, json={**profile, "capture_opt_in": False})


def test_options_page_saves_profile(page, api):
    auth = {"Authorization": f"Bearer {api.token}"}
    before = httpx.get(f"{api.base}/v1/profile", headers=auth).json()
    # A field the page does not edit survives its save.
    httpx.put(
        f"{api.base}/v1/profile", headers=auth, json={**before, "timezone": "America/Chicago"}
    )
    page.goto(f"chrome-extension://{EXTENSION_ID}/options.html")
    page.locator("body[data-loaded='true']").wait_for()
    assert page.locator("#apiBase").input_value() == api.base
    try:
        page.fill("#home_area", "Newark, NJ")
        page.fill("#radius_km", "25")
        page.fill("#target_companies", "Prudential\nADP, Merck")
        page.fill("#target_industries", "cybersecurity")
        page.fill("#job_seeker_monthly_limit", "1")
        page.fill("#employed_per_week", "2")
        page.fill("#free_times", "Tue,Thu 18:00-21:30\nSat 08:00-14:00")
        page.click("#save")
        page.locator("#result", has_text="Saved.").wait_for()
        saved = httpx.get(f"{api.base}/v1/profile", headers=auth).json()
        assert saved["home_area"] == "Newark, NJ"
        assert saved["radius_km"] == 25
        assert saved["target_companies"] == ["Prudential", "ADP", "Merck"]
        assert saved["target_industries"] == ["cybersecurity"]
        assert saved["job_seeker_monthly_limit"] == 1
        assert (saved["employed_per_week"], saved["employed_weekly_max"]) == (2, 2)
        assert saved["free_times"] == ["Tue,Thu 18:00-21:30", "Sat 08:00-14:00"]
        assert saved["timezone"] == "America/Chicago"
        page.reload()
        page.locator("body[data-loaded='true']").wait_for()
        assert page.locator("#target_companies").input_value() == "Prudential\nADP\nMerck"
    finally:  # the other tests' flags follow the profile
        httpx.put(f"{api.base}/v1/profile", headers=auth, json=before)


def test_no_badge_on_other_sites_or_other_pages(page):
    page.goto(f"{MEETUP}/")  # Meetup's home page is not one the extension flags
    page.wait_for_timeout(400)
    assert badges(page) == []
    page.goto("https://www.example.org/events/")
    page.wait_for_timeout(400)
    assert badges(page) == []
    page.goto(CHAPTER.url)  # and the same browser does flag a flaggable page
    assert len(wait_for_badges(page, 1)) == 1
