"""The same meeting on a chapter's site, Meetup and LinkedIn: pairs that are, and pairs that are not.

Titles and places are written as the sites write them (the chapter's own feed titles its meeting
in full and puts the whole address in one LOCATION line; Meetup keeps the venue's name and street
apart; LinkedIn says "Online").
"""

from datetime import UTC, datetime, timedelta

import pytest

from meetscout.model import Event, Venue
from meetscout.same_meeting import meeting_for, same_meeting, similar_titles
from meetscout.sources.calendars.common import place

SIX_PM = datetime(2026, 12, 8, 23, 0, tzinfo=UTC)  # 6:00 PM in New Jersey


def listing(source: str, title: str, *, at=SIX_PM, venue=None, online=None, n=1) -> Event:
    return Event(
        id=f"{source}:{n}",
        source=source,
        url=f"https://{source}.example/{n}",
        title=title,
        starts_at=at,
        venue=venue,
        is_online=online,
    )


def from_location(source: str, title: str, location: str, **kw) -> Event:
    """A calendar entry whose LOCATION line is read as the chapter's feed reader reads it."""
    venue, online = place(location)
    return listing(source, title, venue=venue, online=online, **kw)


HILTON = Venue(name="Parsippany Hilton", address="1 Hilton Ct", city="Parsippany", region="NJ")

PAIRS = [
    (  # the chapter's ICS feed and its Meetup group, half an hour apart (doors vs talk)
        from_location(
            "calendar",
            "HDI North Jersey December Chapter Meeting – Shift-Left Support with "
            "Knowledge-Centered Service",
            "Parsippany Hilton, 1 Hilton Ct, Parsippany, NJ 07054",
        ),
        listing(
            "meetup",
            "Chapter Meeting: Shift-Left Support with Knowledge-Centered Service",
            at=SIX_PM + timedelta(minutes=30),
            venue=HILTON,
        ),
    ),
    (  # both online: the chapter's webinar on its site and on LinkedIn
        from_location(
            "calendar",
            "PMI NJ Virtual Networking Hour",
            "Zoom (link sent after registration)",
        ),
        listing("linkedin", "Project Management Virtual Networking Hour", online=True),
    ),
    (  # the same hotel, named the other way round, without a street on one side
        listing(
            "calendar",
            "ISACA North Jersey: Auditing AI Systems (CPE Dinner Meeting)",
            venue=Venue(name="Hilton Parsippany"),
        ),
        listing("meetup", "Dinner Meeting: Auditing AI Systems", venue=HILTON),
    ),
    (  # a chamber on The Events Calendar and on Meetup, same street address
        from_location(
            "calendar",
            "Riverside Area Chamber Business After Hours at Iron Horse Brewpub",
            "Iron Horse Brewpub, 9 South St, Morristown, NJ 07960",
        ),
        listing(
            "meetup",
            "Business After Hours – Riverside Area Chamber",
            at=SIX_PM - timedelta(minutes=30),
            venue=Venue(name="Iron Horse", address="9 South Street", city="Morristown"),
        ),
    ),
]

NOT_PAIRS = [
    (  # two meetings of one chapter: same room, same hour, other talks
        listing("calendar", "Chapter Meeting: Measuring Customer Experience", venue=HILTON),
        listing("meetup", "Chapter Meeting: Shift-Left Support with KCS", venue=HILTON),
    ),
    (  # the same words, in two towns
        listing(
            "calendar",
            "Young Professionals Networking Happy Hour",
            venue=Venue(name="Pier View Tavern", address="300 Sinatra Dr", city="Hoboken"),
        ),
        listing(
            "meetup",
            "Young Professionals Networking Happy Hour",
            venue=Venue(name="Iron Horse Brewpub", address="9 South St", city="Morristown"),
        ),
    ),
    (  # the same series, but the morning and the evening session
        listing("calendar", "Resume Clinic for Tech Professionals", venue=HILTON),
        listing(
            "meetup",
            "Resume Clinic for Tech Professionals",
            at=SIX_PM - timedelta(hours=9),
            venue=HILTON,
        ),  # fmt: skip
    ),
    (  # one online, one in person: the virtual edition is another meeting
        listing("calendar", "Agile Contracts in Practice", venue=HILTON),
        listing("linkedin", "Agile Contracts in Practice", online=True),
    ),
    (  # a side without any place: cannot tell, so apart
        listing("calendar", "Agile Contracts in Practice", venue=HILTON),
        listing("linkedin", "Agile Contracts in Practice"),
    ),
    (  # titles of words every chapter uses: no telling them apart
        listing("calendar", "Monthly Chapter Meeting", venue=HILTON),
        listing("meetup", "Monthly Meeting", venue=HILTON),
    ),
    (  # one site, two listings: a site's own ids already say whether they are one
        listing("meetup", "Agile Contracts in Practice", venue=HILTON, n=1),
        listing("meetup", "Agile Contracts in Practice", venue=HILTON, n=2),
    ),
]


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=[p[1].source + ": " + p[1].title for p in PAIRS])
def test_the_same_meeting_on_two_sites_is_one(a, b):
    assert same_meeting(a, b) and same_meeting(b, a)


@pytest.mark.parametrize(("a", "b"), NOT_PAIRS, ids=[p[0].title for p in NOT_PAIRS])
def test_doubtful_or_different_listings_stay_apart(a, b):
    assert not same_meeting(a, b) and not same_meeting(b, a)


def test_one_shared_word_is_chance():
    assert not similar_titles("Networking Breakfast", "Networking Lunch and Learn")
    assert similar_titles("Holiday Networking Reception", "HDI NJ Holiday Networking Reception")


def test_a_listing_joins_the_one_meeting_it_fits_and_no_other():
    chapter = PAIRS[0][0]
    meetup = PAIRS[0][1]
    linkedin = listing(
        "linkedin", "Shift-Left Support with Knowledge-Centered Service (HDI NJ)", venue=HILTON
    )
    other = listing("calendar", "Holiday Networking Reception", venue=HILTON, n=2)
    meetings = {chapter.id: [chapter, meetup], other.id: [other]}
    assert meeting_for(linkedin, meetings) == chapter.id
    # The meeting has a Meetup listing already: a second Meetup listing is not joined to it.
    second = meetup.model_copy(update={"id": "meetup:2"})
    assert meeting_for(second, meetings) is None
    # A listing that fits two meetings is left apart: which one would be a guess.
    twin = chapter.model_copy(update={"id": "calendar:3"})
    assert meeting_for(linkedin, {chapter.id: [chapter], twin.id: [twin]}) is None
    assert meeting_for(other, {chapter.id: [chapter, meetup]}) is None
