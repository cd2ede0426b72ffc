"""Store.feed_validators: what a feed's server sent, kept per address, given back while fresh."""

from datetime import UTC, datetime, timedelta

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_validators_are_kept_per_feed_and_given_back_while_fresh(store):
    store.save_feed_validators(
        {"https://a.example/events/?ical=1": {"etag": '"v1"'}}, at=NOW - timedelta(days=2)
    )
    store.save_feed_validators(
        {
            "https://b.example/cal.ics": {"last_modified": "Mon, 30 Nov 2026 08:00:00 GMT"},
            "https://c.example/cal.ics": {"etag": 'W/"7"', "last_modified": "x"},
        },
        at=NOW,
    )
    fresh = store.feed_validators(since=NOW - timedelta(hours=20))
    assert fresh == {
        "https://b.example/cal.ics": {"last_modified": "Mon, 30 Nov 2026 08:00:00 GMT"},
        "https://c.example/cal.ics": {"etag": 'W/"7"', "last_modified": "x"},
    }
    # Read again in full: the new validators replace the old ones.
    store.save_feed_validators({"https://a.example/events/?ical=1": {"etag": '"v2"'}}, at=NOW)
    assert store.feed_validators(since=NOW)["https://a.example/events/?ical=1"] == {"etag": '"v2"'}
