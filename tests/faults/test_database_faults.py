"""Issues 17.8 and 18.6: database faults are one clear message (CLI) or a 503 (API), never a
traceback or a 500; `meetscout doctor` checks the file; reading commands never create one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from meetscout.api.app import create_app
from meetscout.api.settings import ApiSettings
from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.exit_codes import FAILED, USAGE
from meetscout.store import Store
from tests.conftest import make_event
from tests.spiders.conftest import ROOT
from tests.spiders.meetup_site import HDI

TOKEN = "test-pairing-token-0123456789abcdef"


@pytest.fixture
def damaged(tmp_path):
    """A database whose header and schema are whole and whose first tables' pages (events,
    groups, runs and their indexes: pages 2-12) are garbage: it opens, and their queries fail."""
    db = tmp_path / "damaged.db"
    with Store(db) as store:
        store.upsert_events([make_event(n) for n in range(1, 40)])
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for at in range(page, 12 * page):
        data[at] = (at * 7 + 13) % 256
    db.write_bytes(bytes(data))
    return db


def test_the_api_answers_503_with_a_reason_on_a_damaged_database(damaged):
    settings = ApiSettings(token=TOKEN, db_path=damaged)
    client = TestClient(
        create_app(settings), base_url="http://127.0.0.1:8765", raise_server_exceptions=False
    )
    headers = {"Authorization": f"Bearer {TOKEN}"}
    for path in ("/v1/events", "/v1/runs", "/v1/status"):
        answer = client.get(path, headers=headers)
        assert answer.status_code == 503, (path, answer.text)
        assert "meetscout doctor" in answer.json()["detail"]


def test_doctor_says_a_damaged_database_is_damaged_and_what_to_do(damaged):
    result = CliRunner().invoke(app, ["doctor", "--db", str(damaged)])
    assert result.exit_code == FAILED, result.output
    assert "damaged" in result.output and ".recover" in result.output


def test_doctor_says_a_whole_database_is_ok(disk_store, tmp_path):
    result = CliRunner().invoke(app, ["doctor", "--db", str(tmp_path / "meetscout.db")])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


def test_a_crawl_into_a_damaged_database_is_one_message(damaged, tmp_path):
    env = {**os.environ, "MEETSCOUT_CONFIG": "/nonexistent/meetscout.toml"}
    done = subprocess.run(
        [sys.executable, "-m", "meetscout.cli", "crawl", "meetup", HDI, "--db", str(damaged),
         "--base-url", "http://127.0.0.1:9"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == FAILED, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert "meetscout doctor" in output


@pytest.mark.parametrize("command", [["events"], ["reclassify"]])
def test_reading_commands_never_create_a_database(tmp_path, command):
    missing = tmp_path / "nope" / "missing.db"
    result = CliRunner().invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == USAGE, result.output
    assert "does not exist" in result.output and str(missing) in result.output
    assert not missing.exists() and not missing.parent.exists()


def test_an_empty_file_is_said_not_silently_a_new_database(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    result = CliRunner().invoke(app, ["events", "--db", str(empty)])
    assert result.exit_code == USAGE and "empty file (0 bytes)" in result.output
    assert empty.stat().st_size == 0
