"""One real meetscout API for the whole session: uvicorn on 127.0.0.1, a SQLite file on disk."""

from __future__ import annotations

import base64
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from meetscout.api.app import create_app
from meetscout.api.extension_id import extension_id_from_key
from meetscout.api.settings import ApiSettings

from meetscout.classify import classify_event, classify_group
from meetscout.model import Assessment, Group
from meetscout.sources.linkedin import parse_event_page
from meetscout.sources.meetup_nextdata import parse_next_data
from meetscout.store import Store
from tests.conftest import make_event

TOKEN = "test-pairing-token-0123456789abcdef"
# Any bytes do for a test key: Chrome hashes the DER bytes whatever they hold.
EXTENSION_KEY = base64.b64encode(b"meetscout test extension public key").decode()
EXTENSION_ID = extension_id_from_key(EXTENSION_KEY)
EXTENSION_ORIGIN = f"chrome-extension://{EXTENSION_ID}"

EMPLOYED = Assessment(
    crowd="employed",
    kind="professional_association",
    confidence=0.9,
    access=["guest_pass"],
    reasons=["Hosted by a professional association chapter: HDI New Jersey"],
    classifier_version="test",
)
SEEKERS = Assessment(
    crowd="job_seekers",
    kind="job_seeker_group",
    confidence=0.85,
    access=["free"],
    reasons=["A support group for people looking for work"],
    classifier_version="test",
)
LINKEDIN_ID = "7212345678901234567"


def soon(days: int) -> datetime:
    return datetime.now(UTC) + timedelta(days=days, hours=1)


def this_month() -> datetime:
    """A time in this calendar month (local), so "I'm going" counts towards this month."""
    now = datetime.now(UTC)
    later = now + timedelta(hours=1)
    return later if later.astimezone().month == now.astimezone().month else now - timedelta(hours=1)


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LINKEDIN_PARSED = "7123456789012345678"  # tests/fixtures/linkedin/event_en_US_in_person.html


def seed_from_fixtures(store: Store) -> None:
    """What a crawl stores: the real parsers over frozen pages, judged by the real classifier."""
    events, groups = [], []
    for name in ("nextdata_group_events_2026-11.json", "nextdata_group_about_2024-10.json"):
        page = parse_next_data((FIXTURES / "meetup" / name).read_text(), url=None)
        group = page.group.model_copy(update={"assessment": classify_group(page.group)})
        groups.append(group)
        events += [
            e.model_copy(update={"assessment": classify_event(e, group)}) for e in page.events
        ]
    linkedin = parse_event_page(
        (FIXTURES / "linkedin" / "event_en_US_in_person.html").read_text(),
        url=f"https://www.linkedin.com/events/{LINKEDIN_PARSED}/",
        now=datetime(2026, 11, 20, tzinfo=UTC),
    )
    events.append(linkedin.model_copy(update={"assessment": classify_event(linkedin)}))
    store.upsert_groups(groups)
    store.upsert_events(events)


def seed(store: Store) -> None:
    seed_from_fixtures(store)
    store.upsert_groups(
        [
            Group(
                id="meetup-group:hdi-nj",
                source="meetup",
                url="https://www.meetup.com/hdi-nj/",
                name="HDI New Jersey Chapter",
                urlname="hdi-nj",
                assessment=EMPLOYED,
            ),
            Group(
                id="meetup-group:nj-job-club",
                source="meetup",
                url="https://www.meetup.com/nj-job-club/",
                name="NJ Job Club",
                urlname="nj-job-club",
                assessment=SEEKERS,
            ),
        ]
    )
    employed = [
        make_event(n, starts_at=soon(n), assessment=EMPLOYED) for n in range(1, 6)
    ]  # meetup:300000001..5, group hdi-nj
    seekers = [
        make_event(
            n,
            title=f"Job club: resume review {n}",
            description="Support group for job seekers in career transition.",
            group_id="meetup-group:nj-job-club",
            group_name="NJ Job Club",
            url=f"https://www.meetup.com/nj-job-club/events/{300000000 + n}/",
            starts_at=this_month(),
            is_online=True,
            assessment=SEEKERS,
        )
        for n in range(11, 16)
    ]
    linkedin = make_event(
        0,
        id=f"linkedin:{LINKEDIN_ID}",
        source="linkedin",
        url=f"https://www.linkedin.com/events/{LINKEDIN_ID}/",
        title="Cloud Security Leaders Roundtable",
        group_id=None,
        group_name=None,
        assessment=EMPLOYED,
    )
    store.upsert_events([*employed, *seekers, linkedin])


@dataclass
class Api:
    base_url: str
    db: Path
    token: str = TOKEN

    def client(self, token: str | None = TOKEN, **kwargs) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=10, **kwargs)

    def store(self) -> Store:
        """A second connection to the server's database, to seed or check rows."""
        return Store(self.db)


def serve_in_thread(app) -> tuple[uvicorn.Server, threading.Thread, int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    return server, thread, port


@contextmanager
def seeded_api(db: Path) -> Iterator[Api]:
    """The real service on a free port, over a database seeded with the sample meetings."""
    with Store(db) as store:
        seed(store)
    settings = ApiSettings(token=TOKEN, db_path=db, extension_ids=(EXTENSION_ID,))
    server, thread, port = serve_in_thread(create_app(settings))
    try:
        yield Api(base_url=f"http://127.0.0.1:{port}", db=db)
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def api(tmp_path_factory) -> Iterator[Api]:
    """One service for the tests of this folder: each puts back what it changes."""
    with seeded_api(tmp_path_factory.mktemp("api") / "api.db") as running:
        yield running


@pytest.fixture
def own_api(tmp_path) -> Iterator[Api]:
    """A service of its own, for a test that changes what it likes (the fuzzing): its profile,
    marks and kept pages never reach the other tests, whichever runs first."""
    with seeded_api(tmp_path / "api.db") as running:
        yield running


@pytest.fixture
def client(api):
    with api.client() as c:
        yield c
