"""Every way LinkedIn says no is "blocked", with what to do and how long to wait."""

from datetime import timedelta

import pytest

from meetscout.sources.linkedin import blocked_answer, detect_blocked

from .conftest import page

EVENT = "https://www.linkedin.com/events/7123456789012345678/"


@pytest.mark.parametrize(
    ("status", "url", "html", "words", "wait"),
    [
        (999, EVENT, page("denied_999.html"), "999", timedelta(hours=24)),
        (999, EVENT, "", "999", timedelta(hours=24)),
        (429, EVENT, "", "429", timedelta(hours=24)),
        (200, "https://www.linkedin.com/authwall?trk=bf&sessionRedirect=x", page("authwall.html"),
         "sign-in wall", timedelta(hours=24)),
        (200, "https://www.linkedin.com/checkpoint/challenge/AgHx?ut=1", page("checkpoint.html"),
         "security check", timedelta(hours=24)),
        (200, "https://www.linkedin.com/login?session_redirect=x", page("login.html"),
         "login page", timedelta(0)),
        (200, "https://www.linkedin.com/uas/login?trk=x", "", "login page", timedelta(0)),
        (403, EVENT, "<html><body>Forbidden</body></html>", "refused", timedelta(hours=24)),
        # Served at the event's own address, recognised by what the page holds.
        (200, EVENT, page("authwall.html"), "sign-in wall", timedelta(hours=24)),
        (200, EVENT, page("checkpoint.html"), "security check", timedelta(hours=24)),
        (200, EVENT, page("login.html"), "login page", timedelta(0)),
        (200, EVENT, page("empty_shell.html"), "empty page", timedelta(hours=24)),
        (200, EVENT, "", "empty page", timedelta(hours=24)),
    ],
)  # fmt: skip
def test_blocked_answers(status, url, html, words, wait):
    found = blocked_answer(status, url, html)
    assert words in found.reason and found.wait == wait
    assert detect_blocked(status, url, html) == found.reason
    assert "wait" in found.reason or "login" in found.reason


def test_reasons_say_how_long_to_wait():
    assert "wait 24 hours" in detect_blocked(999, EVENT, "")


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (EVENT, "event_en_US_in_person.html"),
        (EVENT, "event_de_DE_online.html"),
        # A guest page carries a hidden sign-in pop-up with a password field: still a real page.
        (EVENT, "event_guest_jsonld.html"),
        (EVENT, "event_guest_meta_only.html"),
        ("https://www.linkedin.com/search/results/events/?keywords=pmi", "search_2021_en_GB.html"),
        (
            "https://www.linkedin.com/search/results/events/?keywords=pmi",
            "search_current_de_DE.html",
        ),
    ],
)
def test_real_pages_are_not_blocked(url, name):
    assert detect_blocked(200, url, page(name)) is None


def test_a_missing_page_is_not_a_refusal():
    assert detect_blocked(404, EVENT, "<html><body>Page not found</body></html>") is None
