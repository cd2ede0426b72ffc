"""`meetscout demo --serve`: the sample stays up on 127.0.0.1 and the normal commands crawl it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys

import pytest

from meetscout.demo.sample import load_sample

from ..served import free_port, start_serving

CLI = [sys.executable, "-m", "meetscout.cli"]


@pytest.fixture
def env(tmp_path):
    env = {
        **os.environ,
        "COLUMNS": "160",
        "MEETSCOUT_DB": str(tmp_path / "person.db"),
        "MEETSCOUT_DATA_DIR": str(tmp_path / "data"),
        "MEETSCOUT_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("MEETSCOUT_MEETUP_BASE_URL", None)
    env.pop("MEETSCOUT_CONFIG", None)
    return env


def run(args, env, cwd):
    done = subprocess.run(
        [*CLI, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done


def test_the_served_sample_is_crawled_with_the_normal_commands(tmp_path, env):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_serving(
        [*CLI, "demo", "--serve", "--port", str(port), "--output", str(tmp_path / "out")],
        f"{base}/robots.txt",
        env=env,
        cwd=tmp_path,
    )
    try:
        sample = load_sample()
        twin = next(e for c in sample.chapters for e in c.events if e.meetup)
        group, listed_on_meetup = next(
            (g, e) for g, e in sample.all_events() if e.id == twin.meetup
        )
        chapter = next(c for c in sample.chapters if twin in c.events)
        db = str(tmp_path / "tried.db")

        # Meetup's copy, through --base-url, as the README shows.
        done = run(
            ["crawl", "meetup", group.urlname, "--base-url", base, "--db", db], env, tmp_path
        )
        assert done.returncode == 0, done.stdout + done.stderr
        # The chapter's site: found from its home page, then crawled.
        found = run(["calendar", "find", f"{base}/{chapter.slug}/"], env, tmp_path)
        assert found.returncode == 0 and f"{base}/{chapter.slug}/" in found.stdout, found.stdout
        done = run(["crawl", "calendar", f"{base}/{chapter.slug}/", "--db", db], env, tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr

        listed = run(["events", "--json", "--db", db], env, tmp_path)
        rows = [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]
        ids = {r["id"] for r in rows}
        # Addresses stay meetup.com's, and the meeting on both sites is listed once.
        assert all(
            r["url"].startswith("https://www.meetup.com/") for r in rows if "meetup:" in r["id"]
        )
        [linked] = [r for r in rows if r["also_at"]]
        assert linked["id"] == f"meetup:{twin.meetup}"
        [on_site] = linked["also_at"]
        assert on_site["source"] != "meetup" and on_site["id"] not in ids, on_site
        assert sum(r["title"] in (twin.title, listed_on_meetup.title) for r in rows) == 1
        # The person's own database was never touched.
        assert not (tmp_path / "person.db").exists()
    finally:
        server.send_signal(signal.SIGTERM)
        out, _ = server.communicate(timeout=20)
    assert server.returncode == 0, out
    assert f"served on {base}" in out and "Traceback" not in out


def test_a_taken_port_is_said_clearly(tmp_path, env):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run(
            ["demo", "--serve", "--port", str(port), "--output", str(tmp_path)], env, tmp_path
        )
    assert done.returncode != 0
    assert f"cannot serve the sample on 127.0.0.1:{port}" in done.stdout + done.stderr
