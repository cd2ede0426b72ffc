"""The networking log in a real Chromium: the flag's menu after a meeting, and the popup's
follow-ups at a phone's width, with the count on the toolbar icon and what each kind of meeting
brought."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from meetscout.model import Access, Crowd, Kind
from meetscout.store import Store

from .harness import EXTENSION_ID, service_worker
from .site import NOW, _assessment, meetup_event, meetup_event_page

pytestmark = pytest.mark.e2e

# Two days ago, two hours long: its follow-ups fall due within the day.
PAST = meetup_event(
    301000950,
    "ISACA NJ Evening Roundtable: Audit Careers",
    _assessment(
        Crowd.employed,
        Kind.professional_association,
        [Access.guest_pass],
        ["Hosted by a professional association chapter: ISACA New Jersey"],
    ),
).model_copy(
    update={"starts_at": NOW - timedelta(days=2), "ends_at": NOW - timedelta(days=2, hours=-2)}
)
POPUP = f"chrome-extension://{EXTENSION_ID}/popup.html"


@pytest.fixture
def past(api, site_and_events):
    site, _ = site_and_events
    site.add(PAST.url, meetup_event_page(PAST))
    with Store(api.db) as store:
        store.upsert_events([PAST])
    yield PAST
    with Store(api.db) as store:  # leave the other tests' database as it was
        for contact in store.contacts_at(PAST.id):
            store.forget_contact(contact["id"])
        store.conn.execute("DELETE FROM attendance WHERE event_id = ?", [PAST.id])


def toolbar_count(page) -> str:
    return service_worker(page.context).evaluate("() => chrome.action.getBadgeText({})")


def test_the_flags_menu_asks_whether_you_went(page, api, past):
    page.goto(past.url)
    page.wait_for_function("document.querySelectorAll('[data-meetscout-badge]').length === 1")
    host = page.locator("[data-meetscout-badge]")
    host.locator(".badge").click()
    assert host.locator("button.going").count() == 0  # it is over: no "I'm going"
    host.locator("button.presence.attended").click()
    page.wait_for_function(
        "() => document.querySelector('[data-meetscout-badge]').shadowRoot"
        ".querySelector('.status').textContent === 'You went.'"
    )
    assert host.locator("button.presence.attended").get_attribute("aria-pressed") == "true"
    auth = {"Authorization": f"Bearer {api.token}"}
    (meeting,) = [
        m
        for m in httpx.get(f"{api.base}/v1/log", headers=auth).json()["meetings"]
        if m["id"] == past.id
    ]
    assert meeting["presence"] == "attended"


def test_popup_records_who_you_met_and_the_follow_up(page, api, past):
    page.set_viewport_size({"width": 360, "height": 740})  # a phone's width
    with Store(api.db) as store:
        store.mark_going(past.id, "employed", meeting=past)
    # Nothing new in the plan either, so the toolbar's number is the follow-ups' alone.
    auth = {"Authorization": f"Bearer {api.token}"}
    assert httpx.post(f"{api.base}/v1/plan/looked", headers=auth).status_code == 200
    page.goto(POPUP)
    page.locator("body[data-log='ready']").wait_for()
    assert toolbar_count(page) == ""
    card = page.locator(f"#meeting-list li[data-meeting='{past.id}']")
    assert past.title in card.inner_text()
    card.locator("button.add-contact").click()
    page.locator("#met-name").fill("Dana")
    page.locator("#met-save").click()
    page.locator("#log-result.error").wait_for()
    assert "full name, first and last" in page.locator("#log-result").inner_text()

    page.locator("#met-name").fill("Dana Whitfield")
    page.locator("#met-company").fill("Prudential")
    page.locator("#met-how").fill("email")
    page.locator("#met-note").press("Control+Enter")  # nothing: a note may hold lines
    page.locator("#met-save").click()
    page.locator("#log-result:not(.error)", has_text="Saved.").wait_for()
    text = page.locator("#log-result").inner_text()
    assert "At a target company: Prudential." in text and "Follow up by" in text
    assert page.locator("#met-form").is_hidden()

    due = page.locator("#followup-list li")
    due.first.wait_for()
    assert due.count() == 1
    assert "Dana Whitfield · Prudential" in due.inner_text() and "Due by" in due.inner_text()
    assert page.locator("#followups-count").inner_text() == "1"
    assert toolbar_count(page) == "1"
    assert "1 person met" in card.inner_text()
    # Where networking has worked: the chapter meeting brought a contact at a target company.
    row = page.locator("#worked-kinds tr[data-kind='professional_association']")
    row.wait_for()
    assert row.locator("td.targets").inner_text() == "1"
    assert "Dana" not in page.locator("#worked").inner_text()
    assert card.locator("button.presence.attended").get_attribute("aria-pressed") == "true"
    # Nothing sticks out sideways at a phone's width.
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )

    due.locator("button.done").click()
    page.locator("#log-result", has_text="Follow-up done.").wait_for()
    page.locator("#followups").wait_for(state="hidden")
    assert toolbar_count(page) == ""
