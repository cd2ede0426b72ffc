"""Calendar parser tests read frozen feeds as of 1 October 2026, noon UTC (the clock frozen too)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "calendars"
NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def fixture_text(name: str) -> str:
    # newline="" keeps CRLF line endings and encoding="utf-8" keeps a BOM, as served.
    with open(FIXTURES / name, encoding="utf-8", newline="") as f:
        return f.read()


def by_title(events) -> dict:
    found = {}
    for event in events:
        found.setdefault(event.title, []).append(event)
    return found
