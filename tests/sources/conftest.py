"""Parser tests read frozen pages with the clock frozen, so no result depends on today."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "meetup"
FROZEN_NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(FROZEN_NOW, tick=False)


def fixture_text(name: str) -> str:
    # newline="" keeps the feeds' CRLF line endings as served.
    with open(FIXTURES / name, encoding="utf-8", newline="") as f:
        return f.read()
