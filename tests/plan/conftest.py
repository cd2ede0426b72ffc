"""A frozen database for the plan's store, CLI and API tests: a month of meetings in New Jersey,
the person's profile, and the clock stopped on Monday 30 November 2026, 3 pm there."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from meetscout.model import Access, Crowd
from meetscout.store import Store
from tests.plan.meetings import NOW, PROFILE, at, meeting

SCENARIO = {
    "target": meeting("Insurance analytics at Prudential", at(3, 18), group="analytics"),
    "breakfast": meeting("Business breakfast", at(2, 18), group="breakfast", access=(Access.free,)),
    "dinner": meeting("Chapter dinner", at(8, 18), group="pmi", access=(Access.guest_pass,)),
    "mixer": meeting("Mixer", at(9, 19), group="mixers", fee=15),
    "club": meeting(
        "Job club", at(5, 9), crowd=Crowd.job_seekers, group="club", access=(Access.free,)
    ),
    "cancelled": meeting("Called-off summit", at(10, 18), group="summit", status="cancelled"),
    "over": meeting("Last week's meeting", at(-3, 18), group="old"),
}


def fill(store: Store) -> None:
    store.save_profile(PROFILE)
    store.upsert_events(
        [m.event.model_copy(update={"assessment": m.assessment}) for m in SCENARIO.values()],
        seen=NOW - timedelta(days=20),
    )


def event_id(name: str) -> str:
    return SCENARIO[name].event.id


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def planned(tmp_path, frozen):
    path = tmp_path / "plan.db"
    with Store(path) as store:
        fill(store)
        yield store
