"""Every form of LinkedIn event URL lands on one canonical URL and one id."""

import pytest

from meetscout.identify import identify, linkedin_event_id
from meetscout.sources.linkedin.common import event_identity

CANONICAL = "https://www.linkedin.com/events/7123456789012345678/"
ID = "linkedin:7123456789012345678"

SAME_EVENT = [
    "https://www.linkedin.com/events/7123456789012345678/",
    "https://www.linkedin.com/events/7123456789012345678",
    "http://linkedin.com/events/7123456789012345678/",
    "https://de.linkedin.com/events/7123456789012345678/",
    "https://www.linkedin.com/events/pmi-nj-chapter-night7123456789012345678/",
    "https://www.linkedin.com/events/pminjchapternight-agileatscale7123456789012345678/?trk=public_event",
    "https://www.linkedin.com/events/summit20267123456789012345678/",  # slug ending in digits
    "https://www.linkedin.com/events/7123456789012345678/theater/",
    "https://www.linkedin.com/events/7123456789012345678/comments/",
    "https://www.linkedin.com/events/7123456789012345678/about/",
    "https://www.linkedin.com/events/7123456789012345678/attendees/",
    "https://www.linkedin.com/events/pmi-nj7123456789012345678/comments/?lipi=urn%3Ali%3Apage&midToken=x",
    "https://www.linkedin.com/events/7123456789012345678/#about",
]


@pytest.mark.parametrize("url", SAME_EVENT)
def test_every_form_is_one_event(url):
    found = identify(url)
    assert (found.source, found.kind, found.id, found.url) == ("linkedin", "event", ID, CANONICAL)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "https://www.linkedin.com/events/isacanjfall/",
            "https://www.linkedin.com/events/isacanjfall/",
        ),
        (
            "https://www.linkedin.com/events/isacanjfall/about/",
            "https://www.linkedin.com/events/isacanjfall/",
        ),
        (
            "https://www.linkedin.com/events/pmi2021gala/theater/",
            "https://www.linkedin.com/events/pmi2021gala/",
        ),
    ],
)
def test_legacy_vanity_urls_have_no_id_until_the_page_says(url, canonical):
    found = identify(url)
    assert (found.kind, found.id, found.url) == ("event", None, canonical)


@pytest.mark.parametrize(
    "value",
    [
        "7123456789012345678",
        "urn:li:fsd_professionalEvent:7123456789012345678",
        "urn:li:fs_event:(7123456789012345678,PUBLIC)",
        "pmi-nj-chapter-night7123456789012345678",
    ],
)
def test_ids_from_urns_and_attributes(value):
    assert linkedin_event_id(value) == ID


@pytest.mark.parametrize("value", [None, "", "123", "urn:li:company:1234", "events"])
def test_no_id_in_other_values(value):
    assert linkedin_event_id(value) is None


@pytest.mark.parametrize(
    "href",
    [
        "/events/7123456789012345678/",  # relative, as cards sometimes print it
        "http://127.0.0.1:8123/events/pmi7123456789012345678/",  # a local copy of the site
        "https://www.linkedin.com/events/7123456789012345678/?trackingId=Zx9%2Fab",
    ],
)
def test_links_in_pages_and_local_copies(href):
    found = event_identity(href)
    assert (found.id, found.url) == (ID, CANONICAL)


@pytest.mark.parametrize(
    "href",
    [
        "https://www.linkedin.com/company/pmi-new-jersey-chapter/",
        "https://www.linkedin.com/feed/",
        "https://www.linkedin.com/events/",
        "https://www.linkedin.com/search/results/events/?keywords=pmi",
        "javascript:void(0)",
        "#",
        None,
    ],
)
def test_links_that_are_not_events(href):
    assert event_identity(href) is None
