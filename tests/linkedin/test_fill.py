"""A search card never blanks what an event page told us before."""

from datetime import UTC, datetime

from meetscout.spiders.linkedin_events import CARD_FRESH, fill

from meetscout.model import Event


def test_card_over_stored_page_keeps_details_and_takes_fresh_counts():
    page = Event(
        id="linkedin:7140000000000000001", source="linkedin",
        url="https://www.linkedin.com/events/7140000000000000001/", title="Demo Night",
        description="Five startups demo.", starts_at=datetime(2026, 1, 3, 15, tzinfo=UTC),
        organizer="NY Tech Alliance", attendee_count=10,
    )  # fmt: skip
    card = Event(
        id=page.id, source="linkedin", url=page.url, title="Demo Night (new date)",
        starts_at=datetime(2026, 1, 3, 5, tzinfo=UTC), attendee_count=13,
    )  # fmt: skip
    merged = fill(page, card, CARD_FRESH)
    assert merged.description == "Five startups demo."
    assert merged.organizer == "NY Tech Alliance"
    assert merged.starts_at == page.starts_at  # the page's time, not the card's day
    assert (merged.title, merged.attendee_count) == ("Demo Night (new date)", 13)
    # An event page read later wins over the card.
    assert fill(card, page).description == "Five startups demo."
    assert fill(card, page).starts_at == page.starts_at
