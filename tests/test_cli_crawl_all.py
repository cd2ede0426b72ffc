"""`meetscout crawl` with no source named crawls what meetscout.toml lists."""

from __future__ import annotations

import os
import subprocess
import sys

from meetscout.demo.localsite import LocalSite
from meetscout.demo.render import render_sample, site_routes
from meetscout.store import Store


def run(args, cwd, env):
    return subprocess.run(
        [sys.executable, "-m", "meetscout.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def sandbox_env(tmp_path, **extra):
    env = {**os.environ, "MEETSCOUT_CONFIG_DIR": str(tmp_path / "config"), **extra}
    env["MEETSCOUT_DATA_DIR"] = str(tmp_path / "data")
    env.pop("MEETSCOUT_CONFIG", None)
    env.pop("MEETSCOUT_DB", None)
    return env


def test_crawl_alone_crawls_the_configured_groups(tmp_path):
    rendered = render_sample(tmp_path / "site")
    (tmp_path / "meetscout.toml").write_text(
        '[meetup]\ngroups = ["hdi-new-jersey", "ramapo-weekend-hikers"]\n'
    )
    with LocalSite(site_routes(rendered.meetup_root)) as site:
        env = sandbox_env(tmp_path, MEETSCOUT_MEETUP_BASE_URL=site.base_url)
        done = run(["crawl", "--db", str(tmp_path / "m.db")], tmp_path, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    with Store(tmp_path / "m.db") as store:
        groups = {row["id"] for row in store.db["groups"].rows}
    assert groups == {"meetup-group:hdi-new-jersey", "meetup-group:ramapo-weekend-hikers"}
    assert {hit.path for hit in site.hits} >= {
        "/hdi-new-jersey/events/ical/",
        "/ramapo-weekend-hikers/events/",
    }


def test_crawl_alone_without_a_config_says_what_to_do(tmp_path):
    done = run(["crawl", "--db", str(tmp_path / "m.db")], tmp_path, sandbox_env(tmp_path))
    assert done.returncode != 0
    assert "meetscout.toml" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
