"""Issue 17.11: the database and the crawl logs are the person's alone (0600, like the token),
and /docs, whose page loads a script from a CDN, is off unless asked for."""

from __future__ import annotations

import stat

from fastapi.testclient import TestClient
from meetscout.api.app import create_app
from meetscout.api.settings import ApiSettings

from meetscout.demo.localsite import LocalSite
from meetscout.scheduling.processes import run_crawl
from meetscout.store import Store
from tests.conftest import make_event
from tests.scheduling.conftest import CHILD_ENV, events_page, tiny


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_wal_are_private(tmp_path):
    db = tmp_path / "data" / "meetscout.db"
    with Store(db) as store:
        store.upsert_events([make_event(1)])
        wal = db.with_name(db.name + "-wal")
        assert _mode(db) == 0o600
        assert not wal.exists() or _mode(wal) == 0o600


def test_a_crawl_log_is_private(tmp_path):
    db = tmp_path / "m.db"
    log = tmp_path / "logs" / "meetup.log"
    with LocalSite({"/a.json": events_page(1)}) as site:
        outcome = run_crawl(tiny("meetup", site.url("/a.json"), db), db, env=CHILD_ENV,
                            log_path=log)  # fmt: skip
    assert outcome.status == "ok"
    assert _mode(log) == 0o600


def test_docs_are_off_unless_asked_for(tmp_path):
    def docs(**extra) -> int:
        settings = ApiSettings(token="t" * 32, db_path=tmp_path / "m.db", **extra)
        with TestClient(create_app(settings), base_url="http://127.0.0.1:8765") as client:
            assert client.get("/openapi.json").status_code == 200
            return client.get("/docs").status_code

    assert docs() == 404
    assert docs(docs=True) == 200
