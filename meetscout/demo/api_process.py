"""The demo's own meetscout API: `meetscout serve` in a child process on a free loopback port.

It runs with the demo's database and its own config folder, so the demo never touches the person's
database or token.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def meetscout_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "meetscout.cli", *args]


class ApiProcess:
    def __init__(self, db: Path, env: dict[str, str], log: Path, port: int | None = None):
        self.db = db
        self.env = env
        self.log_path = log
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> ApiProcess:
        self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            meetscout_command(
                "serve", "--host", "127.0.0.1", "--port", str(self.port), "--db", str(self.db)
            ),
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"`meetscout serve` stopped at start: {self.log_tail(1)} "
                    f"(the whole log: {self.log_path})"
                )
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError(
            f"`meetscout serve` did not answer in {timeout:.0f} s (its log: {self.log_path})"
        )

    def token(self) -> str:
        done = subprocess.run(
            meetscout_command("token"), env=self.env, capture_output=True, text=True, timeout=30
        )
        lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"`meetscout token` failed: {done.stderr.strip()}")
        return lines[-1]

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self) -> ApiProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def isolated_env(output: Path) -> dict[str, str]:
    """Environment for the demo's child processes: its own data and config folders."""
    env = dict(os.environ)
    env["MEETSCOUT_DATA_DIR"] = str(output / "data")
    env["MEETSCOUT_CONFIG_DIR"] = str(output / "config")
    env["MEETSCOUT_DB"] = str(output / "demo.db")
    env.pop("MEETSCOUT_CONFIG", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env
