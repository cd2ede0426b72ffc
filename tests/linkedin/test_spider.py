"""The `linkedin_events` spider in real headless Chromium through scrapy-playwright, against a
local copy of LinkedIn's pages on 127.0.0.1, with a saved session file. Each crawl runs in its
own process; pace and budget are read from the site's request log, not the test's clock."""

from __future__ import annotations

import pytest

import meetscout.classify
from meetscout.demo.localsite import LocalSite, Reply
from meetscout.store import EventQuery, Store

from .conftest import SESSION_COOKIE, event_page, page, run_crawl, write_session

pytestmark = pytest.mark.e2e

SEARCH = "/search/results/events/"
IDS = ("7140000000000000001", "7140000000000000002", "7140000000000000003")
MIN_DELAY = 0.4


def site_routes(**overrides) -> dict:
    routes = {
        SEARCH: Reply(page("search_current_en_US.html")),
        f"/events/{IDS[0]}/": Reply(event_page("event_en_US_in_person.html", IDS[0])),
        f"/events/{IDS[1]}/": Reply(event_page("event_de_DE_online.html", IDS[1])),
        f"/events/{IDS[2]}/": Reply(event_page("event_fr_FR_in_person.html", IDS[2])),
    }
    routes.update(overrides)
    return routes


def crawl(site, tmp_path, **args):
    settings = dict(
        db=tmp_path / "meetscout.db",
        session=write_session(tmp_path / "linkedin-session.json"),
        keywords=["networking"],
        base_url=site.base_url,
        min_delay=MIN_DELAY,
        daily_budget=10,
        viewer_tz="America/New_York",
        settle_timeout=2,
    )
    settings.update(args)
    return run_crawl(**settings)


def stored(tmp_path):
    with Store(tmp_path / "meetscout.db") as store:
        return {e.id: e for e in store.search_events(EventQuery(limit=100))}


def paths(site):
    return [hit.path.split("?")[0] for hit in site.hits]


def test_gathers_search_results_and_event_pages_at_a_human_pace(tmp_path):
    with LocalSite() as elsewhere:  # stands in for every other server on the internet
        routes = site_routes()
        # A script from another host, as LinkedIn's pages load theirs from a CDN.
        routes[f"/events/{IDS[0]}/"] = Reply(
            event_page("event_en_US_in_person.html", IDS[0]).replace(
                "</head>",
                f'<script src="http://localhost:{elsewhere.base_url.rsplit(":", 1)[1]}/app.js"></script></head>',
            )
        )
        with LocalSite(routes) as site:
            run = crawl(site, tmp_path, events=[f"https://www.linkedin.com/events/{IDS[0]}/"])
        assert elsewhere.hits == []  # a local copy never reaches another server

    assert run["status"] == "ok", run["error"]
    assert run["new"] == 3
    # The search page first, then each event page once (the listed one is not fetched twice).
    assert paths(site) == [SEARCH, f"/events/{IDS[0]}/", f"/events/{IDS[1]}/", f"/events/{IDS[2]}/"]
    assert "keywords=networking" in site.hits[0].path
    # Every page was read in the person's saved session.
    assert all(SESSION_COOKIE in hit.headers.get("Cookie", "") for hit in site.hits), [
        h.headers.get("Cookie") for h in site.hits
    ]
    # One page at a time, at least the minimum delay apart (measured where the site sees it).
    gaps = [b.at - a.at for a, b in zip(site.hits, site.hits[1:], strict=False)]
    assert all(gap >= MIN_DELAY for gap in gaps), gaps

    events = stored(tmp_path)
    assert set(events) == {f"linkedin:{i}" for i in IDS}
    first = events[f"linkedin:{IDS[0]}"]
    assert first.url == f"https://www.linkedin.com/events/{IDS[0]}/"  # not the local address
    assert first.description.startswith("Join the PMI New Jersey Chapter")
    assert first.organizer == "PMI New Jersey Chapter" and first.attendee_count == 42
    assert events[f"linkedin:{IDS[1]}"].is_online is True  # from its (German) event page
    assert all(e.url.startswith("https://www.linkedin.com/events/") for e in events.values())
    if hasattr(meetscout.classify, "classify_event"):  # once the pipeline classifies
        assert all(e.assessment is not None for e in events.values())


def test_daily_page_budget_holds_across_runs(tmp_path):
    with LocalSite(site_routes()) as site:
        first = crawl(site, tmp_path, daily_budget=2)
        second = crawl(site, tmp_path, daily_budget=2)
    assert paths(site) == [SEARCH, f"/events/{IDS[0]}/"]  # two pages today, in all
    assert first["status"] == "partial"
    assert "page budget (2 pages); 2 more pages wait for tomorrow" in first["error"]
    assert second["status"] == "partial" and "page budget" in second["error"]
    # What the budget allowed is kept: three cards and one event page.
    events = stored(tmp_path)
    assert len(events) == 3
    assert events[f"linkedin:{IDS[0]}"].description.startswith("Join the PMI")


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (Reply(page("denied_999.html"), 999), "LinkedIn answered 999"),
        (
            Reply("", 302, headers={"Location": "/authwall?trk=bf&sessionRedirect=x"}),
            "sign-in wall",
        ),
    ],
    ids=["999", "authwall"],
)
def test_a_refusal_midway_ends_the_run_blocked_and_keeps_what_was_gathered(tmp_path, answer, words):
    routes = site_routes(
        **{f"/events/{IDS[1]}/": answer, "/authwall": Reply(page("authwall.html"))}
    )
    with LocalSite(routes) as site:
        run = crawl(site, tmp_path)
        assert run["status"] == "blocked"
        assert words in run["error"] and "wait 24 hours" in run["error"]
        # Stopped at the first refusal: the third event page was never asked for.
        assert f"/events/{IDS[2]}/" not in paths(site)
        events = stored(tmp_path)
        assert set(events) == {f"linkedin:{i}" for i in IDS}  # the search cards
        assert events[f"linkedin:{IDS[0]}"].description.startswith("Join the PMI")  # page 1
        assert events[f"linkedin:{IDS[1]}"].description is None

        if answer.status != 999:
            return
        # The next run leaves LinkedIn alone until the wait is over: not a single request.
        asked = len(site.hits)
        again = crawl(site, tmp_path)
        assert len(site.hits) == asked
        assert again["status"] == "blocked" and "leaves it alone until" in again["error"]
