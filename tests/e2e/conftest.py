"""One Chromium with the extension for the whole session, the real API over a real store."""

from __future__ import annotations

import pytest

from meetscout.store import Store

from .harness import ApiServer, configure, launch, service_worker
from .site import fill_store, standard_site


@pytest.fixture(scope="session")
def site_and_events():
    return standard_site(series_count=25)


@pytest.fixture(scope="session")
def api(tmp_path_factory, site_and_events):
    _, events = site_and_events
    work = tmp_path_factory.mktemp("api")
    db = work / "meetscout.db"
    with Store(db) as store:
        fill_store(store, events)
    with ApiServer(db, work) as server:
        yield server


@pytest.fixture(scope="session")
def playwright_session():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_session, tmp_path_factory, site_and_events, api):
    site, _ = site_and_events
    context = launch(playwright_session, tmp_path_factory.mktemp("chromium"))
    site.attach(context)
    context.route(
        "https://www.example.org/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body='<h1>Other site</h1><a href="https://www.meetup.com/isaca-nj/events/301000001/">x</a>',
        ),
    )
    service_worker(context)
    yield context
    context.close()


@pytest.fixture
def page(browser, api):
    """A fresh tab on an extension talking to the running API, with no flags cached."""
    configure(browser, api.base, api.token)
    tab = browser.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.dialogs = dialogs
    yield tab
    tab.close()


@pytest.fixture
def flag_requests(browser):
    """The items of each POST /v1/flags the service worker sends during the test."""
    sent: list[list[dict]] = []

    def note(request):
        if request.url.endswith("/v1/flags"):
            sent.append(request.post_data_json["items"])

    browser.on("request", note)
    yield sent
    browser.remove_listener("request", note)
