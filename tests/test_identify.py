import pytest

from meetscout.identify import identify

CASES = [
    # Meetup events: tracking parameters and suffixes do not change the id.
    ("https://www.meetup.com/hdi-nj/events/301234567/", "event", "meetup:301234567",
     "https://www.meetup.com/hdi-nj/events/301234567/"),
    ("https://www.meetup.com/hdi-nj/events/301234567?recId=x&eventOrigin=find_page$all", "event",
     "meetup:301234567", "https://www.meetup.com/hdi-nj/events/301234567/"),
    ("https://meetup.com/hdi-nj/events/301234567/attendees/", "event", "meetup:301234567",
     "https://www.meetup.com/hdi-nj/events/301234567/"),
    ("https://www.meetup.com/hdi-nj/events/pwdqjtygcnbfb/", "event", "meetup:pwdqjtygcnbfb",
     "https://www.meetup.com/hdi-nj/events/pwdqjtygcnbfb/"),
    # Meetup groups.
    ("https://www.meetup.com/HDI-NJ/", "group", "meetup-group:hdi-nj", "https://www.meetup.com/HDI-NJ/"),
    ("https://www.meetup.com/hdi-nj/events/", "group", "meetup-group:hdi-nj",
     "https://www.meetup.com/hdi-nj/"),
    ("https://www.meetup.com/hdi-nj/about/?_xtd=abc", "group", "meetup-group:hdi-nj",
     "https://www.meetup.com/hdi-nj/"),
    ("https://www.meetup.com/find/?source=EVENTS&keywords=pmi", "search", None,
     "https://www.meetup.com/find/?source=EVENTS&keywords=pmi"),
    # LinkedIn events in every form.
    ("https://www.linkedin.com/events/7123456789012345678/", "event", "linkedin:7123456789012345678",
     "https://www.linkedin.com/events/7123456789012345678/"),
    ("https://www.linkedin.com/events/pmi-nj-chapter-night7123456789012345678/theater/", "event",
     "linkedin:7123456789012345678", "https://www.linkedin.com/events/7123456789012345678/"),
    ("https://linkedin.com/events/7123456789012345678/comments/?trk=x", "event",
     "linkedin:7123456789012345678", "https://www.linkedin.com/events/7123456789012345678/"),
    ("https://www.linkedin.com/events/isacanjfall/", "event", None,
     "https://www.linkedin.com/events/isacanjfall/"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "kind", "id_", "canonical"), CASES)
def test_identify(url, kind, id_, canonical):
    found = identify(url)
    assert (found.kind, found.id, found.url) == (kind, id_, canonical)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.meetup.com/",
        "https://www.meetup.com/find/",  # search, not a group called "find"
        "https://www.example.com/hdi-nj/events/301234567/",
        "https://www.linkedin.com/feed/",
        "not a url",
        "",
    ],
)
def test_not_an_event_or_group(url):
    found = identify(url)
    assert found is None or found.kind == "search"


def test_local_copy_reads_as_the_real_site():
    found = identify("http://127.0.0.1:8123/hdi-nj/events/301234567/", assume="meetup")
    assert found.id == "meetup:301234567"
    assert found.url == "https://www.meetup.com/hdi-nj/events/301234567/"
