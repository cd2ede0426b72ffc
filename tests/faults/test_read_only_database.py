"""Issue 17.8: a database meetscout may read but not write (a read-only file in a read-only
folder, or an immutable one) is read as it is: reading commands and routes work; writing ones
are one clear message (CLI, exit 1) or a 503 with the reason (API), never a traceback or a 500;
`meetscout doctor` says it is read-only and what to do. Nothing in the file changes.

Root writes any file whatever its mode, so the commands run without root's privileges: as
another user when not root, else as root with every capability dropped (`nobody` cannot reach
this interpreter when it lives under /root). chattr's immutable flag binds root too.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from meetscout.exit_codes import FAILED
from meetscout.store import Store
from tests.conftest import make_event
from tests.spiders.conftest import ROOT
from tests.spiders.meetup_site import HDI

PR_CAPBSET_DROP = 24
TOKEN = "test-pairing-token-0123456789abcdef"
EVENT = make_event(10)


def _unprivileged() -> None:
    """In the child before exec: as root, drop every capability from the bounding set, so the
    program exec'd next runs as a root that file permissions bind."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for cap in range(last + 1):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _make_database(folder: Path) -> Path:
    db = folder / "meetscout.db"
    with Store(db) as store:
        store.upsert_events([make_event(n) for n in range(10, 15)])
        run = store.start_run("meetup_group", {"urlnames": [HDI]})
        store.finish_run(run, "ok")
    return db


def _read_only(folder: Path) -> Path:
    db = _make_database(folder)
    db.chmod(0o444)
    folder.chmod(0o555)
    probe = subprocess.run(
        [sys.executable, "-c", f"open({str(db)!r}, 'r+b')"],
        capture_output=True, text=True, preexec_fn=_unprivileged,
    )  # fmt: skip
    if "PermissionError" not in probe.stderr:
        pytest.skip("cannot run a process that file permissions bind here (root's privileges)")
    return db


def _immutable(folder: Path) -> Path:
    db = _make_database(folder)
    done = subprocess.run(["chattr", "+i", str(db)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {done.stderr.strip() or 'not supported'}")
    return db


@pytest.fixture(params=["read-only", "immutable"])
def locked(request):
    if request.param == "immutable" and not shutil.which("chattr"):
        pytest.skip("no chattr on this machine")
    # Not under pytest's own folder, which only its owner may enter.
    folder = Path(tempfile.mkdtemp(prefix="meetscout-ro-"))
    try:
        db = (_read_only if request.param == "read-only" else _immutable)(folder)
        digest = hashlib.sha256(db.read_bytes()).hexdigest()
        yield db
        assert hashlib.sha256(db.read_bytes()).hexdigest() == digest  # nothing was written
        assert sorted(p.name for p in folder.iterdir()) == ["meetscout.db"]
    finally:
        subprocess.run(["chattr", "-i", str(folder / "meetscout.db")], capture_output=True)
        folder.chmod(0o755)
        shutil.rmtree(folder)


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    folder = Path(tempfile.mkdtemp(prefix="meetscout-ro-config-"))
    folder.chmod(0o755)
    config = folder / "meetscout.toml"
    config.write_text("[meetup]\ngroups = []\n")
    env = {**os.environ, "MEETSCOUT_CONFIG": str(config), "MEETSCOUT_HOME": "/nonexistent"}
    try:
        return subprocess.run(
            [sys.executable, "-m", "meetscout.cli", *args, "--db", str(db)],
            cwd=ROOT, capture_output=True, text=True, timeout=120, env=env,
            preexec_fn=_unprivileged,
        )  # fmt: skip
    finally:
        shutil.rmtree(folder)


def test_reading_commands_read_it(locked):
    events = _cli(locked, "events")
    assert events.returncode == 0, events.stderr
    assert "HDI New Jersey chapter meeting 10" in events.stdout
    status = _cli(locked, "status")
    assert status.returncode == 0, status.stderr
    assert "ok" in status.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["crawl", "meetup", HDI, "--base-url", "http://127.0.0.1:9"],
        ["plan", "accept", EVENT.id],
        ["profile", "set", "home_area", "Newark, NJ"],
    ],
    ids=["crawl", "plan accept", "profile set"],
)
def test_writing_commands_say_so_once(locked, command):
    done = _cli(locked, *command)
    output = done.stdout + done.stderr
    assert done.returncode == FAILED, output
    assert "Traceback" not in output, output
    assert output.count(f"the database {locked} is read-only: ") == 1, output


def test_doctor_says_it_is_read_only_and_what_to_do(locked):
    done = _cli(locked, "doctor")
    assert done.returncode == FAILED, done.stdout + done.stderr
    assert "read-only" in done.stdout and "What to do" in done.stdout
    assert "damaged" not in done.stdout


API_PROBE = """
import json, sys
from fastapi.testclient import TestClient
from meetscout.api.app import create_app
from meetscout.api.settings import ApiSettings

token, db, url = sys.argv[1:4]
client = TestClient(create_app(ApiSettings(token=token, db_path=db)),
                    base_url="http://127.0.0.1:8765", raise_server_exceptions=False)
client.headers["Authorization"] = f"Bearer {token}"
answers = {
    "GET /v1/events": client.get("/v1/events"),
    "GET /v1/runs": client.get("/v1/runs"),
    "GET /v1/status": client.get("/v1/status"),
    "POST /v1/flags": client.post("/v1/flags", json={"items": [{"url": url}]}),
    "GET /v1/plan": client.get("/v1/plan"),
    "POST /v1/attendance": client.post("/v1/attendance", json={"url": url}),
    "POST /v1/feedback": client.post(
        "/v1/feedback", json={"url": url, "scope": "event", "crowd": "job_seekers"}),
    "PUT /v1/profile": client.put("/v1/profile", json={"home_area": "Newark, NJ"}),
}
print(json.dumps({k: [a.status_code, a.json().get("detail")] for k, a in answers.items()}))
"""


def test_the_api_reads_it_and_answers_writes_with_503(locked):
    done = subprocess.run(
        [sys.executable, "-c", API_PROBE, TOKEN, str(locked), EVENT.url],
        cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=_unprivileged,
        env={**os.environ, "MEETSCOUT_CONFIG": "/nonexistent/meetscout.toml"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads(done.stdout.splitlines()[-1])
    for route in ("GET /v1/events", "GET /v1/runs", "GET /v1/status", "POST /v1/flags",
                  "GET /v1/plan"):  # fmt: skip
        assert answers[route][0] == 200, (route, answers[route])
    for route in ("POST /v1/attendance", "POST /v1/feedback", "PUT /v1/profile"):
        status, detail = answers[route]
        assert status == 503, (route, answers[route])
        assert "read-only" in detail, (route, detail)
