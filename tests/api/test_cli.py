"""`meetscout serve` and `meetscout token` as a person runs them."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time

import httpx
from typer.testing import CliRunner

from meetscout.cli import app

runner = CliRunner()


def test_the_cli_does_not_load_the_web_stack():
    code = (
        "import sys, meetscout.cli;"
        "bad = [m for m in ('fastapi', 'uvicorn', 'starlette', 'meetscout.api') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_token_prints_the_same_private_token(tmp_path, monkeypatch):
    monkeypatch.setenv("MEETSCOUT_CONFIG_DIR", str(tmp_path))
    first = runner.invoke(app, ["token"])
    assert first.exit_code == 0, first.output
    token = first.stdout.strip()
    assert len(token) >= 32
    assert (tmp_path / "token").read_text().strip() == token
    assert stat.S_IMODE((tmp_path / "token").stat().st_mode) == 0o600
    assert runner.invoke(app, ["token"]).stdout.strip() == token
    renewed = runner.invoke(app, ["token", "--new"]).stdout.strip()
    assert renewed != token


def test_serve_refuses_to_listen_beyond_this_machine(tmp_path):
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 2
    assert "this machine only" in result.output


def test_serve_says_when_the_port_is_taken(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 2
    assert "already running" in result.output
    assert "Traceback" not in result.output


def test_serve_runs_the_api_with_the_token_it_made(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "MEETSCOUT_CONFIG_DIR": str(tmp_path / "config")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "meetscout.cli",
            "serve",
            "--port",
            str(port),
            "--db",
            str(tmp_path / "m.db"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "meetscout serve did not start"
            time.sleep(0.1)
        token = (tmp_path / "config" / "token").read_text().strip()
        assert stat.S_IMODE((tmp_path / "config" / "token").stat().st_mode) == 0o600
        assert httpx.get(f"{base}/v1/status").status_code == 401
        r = httpx.get(f"{base}/v1/status", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200
        assert r.json()["events"] == 0
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=15)
    assert "Traceback" not in out
    assert token not in out  # the token is shown by `meetscout token`, not in logs
