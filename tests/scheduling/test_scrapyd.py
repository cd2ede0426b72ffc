"""The Scrapy project on a real Scrapyd server: deploy with scrapyd-deploy, schedule the Meetup
spider through Scrapyd's HTTP API against a local copy of Meetup, find the events in the store."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from meetscout.demo.localsite import LocalSite
from meetscout.store import Store
from tests.project_files import copy_project
from tests.spiders.meetup_site import HDI, routes

from .test_scheduler import poll

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, path: str, data: dict | list | None = None) -> dict:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    # listspiders and schedule start a Python process that imports the project: slow on a busy machine.
    with urllib.request.urlopen(base + path, data=body, timeout=90) as reply:
        return json.loads(reply.read())


def answers(base: str) -> bool:
    try:
        return api(base, "daemonstatus.json")["status"] == "ok"
    except OSError:
        return False


@pytest.fixture
def scrapyd(tmp_path):
    """A Scrapyd of our own on 127.0.0.1, with its folders and config in tmp_path."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\npoll_interval = 0.2\nmax_proc = 2\n"
        f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\n"
        "items_dir =\njobs_to_keep = 5\n"
    )
    env = {**os.environ, "MEETSCOUT_CONFIG": str(tmp_path / "none.toml"), "HOME": str(home)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    proc = subprocess.Popen(
        [str(BIN / "scrapyd")], cwd=home, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        poll(lambda: proc.poll() is not None or answers(base), timeout=30)
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        yield base, home
    finally:
        proc.terminate()
        proc.wait(15)


def deploy(base: str, workdir: Path) -> None:
    """scrapyd-deploy, as a person would run it, from a copy of the project aimed at our server."""
    project = copy_project(workdir / "project", extra=("scrapy.cfg",))
    cfg = (project / "scrapy.cfg").read_text()
    assert "url = http://127.0.0.1:6800/" in cfg and "project = meetscout" in cfg
    (project / "scrapy.cfg").write_text(cfg.replace("http://127.0.0.1:6800/", base))
    done = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "--version", "1"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"status": "ok"' in done.stdout + done.stderr


def test_scrapyd_runs_the_meetup_spider_into_the_store(scrapyd, tmp_path):
    base, home = scrapyd
    deploy(base, tmp_path)
    assert "meetup_group" in api(base, "listspiders.json?project=meetscout")["spiders"]

    db = tmp_path / "data" / "meetscout.db"
    with LocalSite(routes()) as site:
        job = api(
            base,
            "schedule.json",
            [
                ("project", "meetscout"),
                ("spider", "meetup_group"),
                # Spider arguments: which groups, where the site is, which database.
                ("urlnames", HDI),
                ("base_url", site.base_url),
                ("db", str(db)),
                # Settings: a local site needs no politeness delay.
                ("setting", "DOWNLOAD_DELAY=0"),
                ("setting", "AUTOTHROTTLE_ENABLED=False"),
            ],
        )
        assert job["status"] == "ok", job
        jobid = job["jobid"]

        def finished() -> bool:
            jobs = api(base, "listjobs.json?project=meetscout")
            return any(j["id"] == jobid for j in jobs["finished"])

        poll(finished, timeout=120, every=0.2)
        assert any(hit.path == f"/{HDI}/events/ical/" for hit in site.hits)

    log = next((home / "logs").rglob(f"{jobid}.log")).read_text()
    assert db.exists(), log[-3000:]
    with Store(db) as store:
        (run,) = store.recent_runs(5)
        events = list(store.db.query("SELECT id, url FROM events ORDER BY id"))
    assert run["spider"] == "meetup_group" and run["status"] == "ok", log[-3000:]
    assert json.loads(run["args"])["scrapyd_job"] == jobid
    assert [e["id"] for e in events] == ["meetup:311000401", "meetup:311000402", "meetup:311000403"]
    assert all(e["url"].startswith("https://www.meetup.com/hdi-new-jersey/events/") for e in events)
