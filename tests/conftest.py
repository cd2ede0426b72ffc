"""Shared fixtures: an in-memory store and an event factory.

Every test runs with its own data and config folders, so no test reads or writes the
person's real database (a newer schema there once failed two tests that open it).
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, timedelta

import pytest

from meetscout.model import Event, Fee, Group, Venue
from meetscout.store import Store

# How `make test` shares the files between pytest-xdist workers.
pytest_plugins = ["tests.worker_groups"]


@pytest.fixture(autouse=True, scope="session")
def _private_folders():
    """Point the default database and config away from the person's (children inherit it too)."""
    saved = {
        k: os.environ.get(k) for k in ("MEETSCOUT_DATA_DIR", "MEETSCOUT_CONFIG_DIR", "MEETSCOUT_DB")
    }
    with tempfile.TemporaryDirectory(prefix="meetscout-test-home-") as home:
        os.environ["MEETSCOUT_DATA_DIR"] = os.path.join(home, "data")
        os.environ["MEETSCOUT_CONFIG_DIR"] = os.path.join(home, "config")
        os.environ.pop("MEETSCOUT_DB", None)
        yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def disk_store(tmp_path):
    with Store(tmp_path / "meetscout.db") as s:
        yield s


def make_event(n: int = 1, **overrides) -> Event:
    fields = dict(
        id=f"meetup:{300000000 + n}",
        source="meetup",
        url=f"https://www.meetup.com/hdi-nj/events/{300000000 + n}/",
        title=f"HDI New Jersey chapter meeting {n}",
        description="Monthly chapter meeting with dinner and a speaker. Members and guests welcome",
        starts_at=datetime(2026, 12, 1, 23, 0, tzinfo=UTC) + timedelta(days=n),
        timezone="America/New_York",
        group_id="meetup-group:hdi-nj",
        group_name="HDI New Jersey Chapter",
        venue=Venue(name="Hilton", city="Iselin", region="NJ", country="us"),
        is_online=False,
        fee=Fee(amount=25.0, currency="USD"),
        attendee_count=40,
    )
    fields.update(overrides)
    return Event(**fields)


def make_group(**overrides) -> Group:
    fields = dict(
        id="meetup-group:hdi-nj",
        source="meetup",
        url="https://www.meetup.com/hdi-nj/",
        name="HDI New Jersey Chapter",
        urlname="hdi-nj",
    )
    fields.update(overrides)
    return Group(**fields)
