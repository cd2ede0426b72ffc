"""LinkedIn fixtures: frozen pages and a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def frozen():
    """Freeze the clock at a moment given as an ISO string; yields datetime.now(UTC) under it."""
    travellers = []

    def freeze(moment: str) -> datetime:
        traveller = time_machine.travel(datetime.fromisoformat(moment), tick=False)
        traveller.start()
        travellers.append(traveller)
        return datetime.now(UTC)

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()
