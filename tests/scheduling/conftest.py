"""Fixture sites and tiny crawl commands for the scheduler tests."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from meetscout.demo.localsite import LocalSite, Reply
from meetscout.scheduling.processes import CrawlCommand
from meetscout.scheduling.schedules import parse_schedule
from meetscout.scheduling.source_plans import SourcePlan

ROOT = Path(__file__).resolve().parents[2]
# The tiny crawl module lives under tests/: let the crawl processes import it.
CHILD_ENV = {"PYTHONPATH": str(ROOT)}


def events_page(*ids: int) -> Reply:
    body = json.dumps([{"id": 400000000 + n, "title": f"Tiny meetup {n}"} for n in ids])
    return Reply(body, content_type="application/json")


class Gate:
    """A page that answers only when the test opens the gate: a crawl that runs as long as needed."""

    def __init__(self, reply: Reply):
        self.reply = reply
        self.opened = threading.Event()
        self.reached = threading.Event()

    def __call__(self, path: str) -> Reply:
        self.reached.set()
        self.opened.wait(60)
        return self.reply


@pytest.fixture
def site():
    with LocalSite({"/a.json": events_page(1, 2), "/b.json": events_page(3)}) as s:
        yield s


def tiny(source: str, url: str, db: Path, *extra: str) -> CrawlCommand:
    return CrawlCommand(
        source, ("--url", url, "--db", str(db), *extra), module="tests.scheduling.tiny_crawl"
    )


def plan(name: str, schedule: str, *commands: CrawlCommand) -> SourcePlan:
    return SourcePlan(name, parse_schedule(schedule), list(commands))


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "meetscout.db"
