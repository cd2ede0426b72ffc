"""Running the real pieces together: `meetscout serve` over a real store, and a headless Chromium
with the extension loaded and pointed at it. Shared by the e2e tests, the benchmark and the
screenshot script, so all three drive the extension the same way.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from meetscout.browser import QUIET_ARGS, ensure_chromium

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "browser_extension"
EXTENSION_ID = "bmieadenendlipphpemhpkgdohpbbmjb"  # from the manifest's "key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ApiServer:
    """`meetscout serve` in a child process, with its own config folder (and so its own token)."""

    def __init__(self, db: Path, workdir: Path):
        self.db = Path(db)
        self.workdir = Path(workdir)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "MEETSCOUT_CONFIG_DIR": str(self.workdir / "config"),
            "MEETSCOUT_DATA_DIR": str(self.workdir / "data"),
            "MEETSCOUT_DB": str(self.db),
        }
        self.token = self._cli("token").strip().splitlines()[-1].strip()
        self.process: subprocess.Popen | None = None

    def _cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "meetscout.cli", *args],
            env=self.env,
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout

    def start(self) -> ApiServer:
        cmd = [sys.executable, "-m", "meetscout.cli", "serve", "--host", "127.0.0.1"]
        cmd += ["--port", str(self.port), "--db", str(self.db)]
        self.log = open(self.workdir / "serve.log", "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            cmd, env=self.env, cwd=self.workdir, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"meetscout serve exited: {self.read_log()}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"meetscout serve did not answer: {self.read_log()}")

    def read_log(self) -> str:
        return (self.workdir / "serve.log").read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()

    def __enter__(self) -> ApiServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch(playwright, user_dir: str | Path | None = None, extension: bool = True):
    """A persistent Chromium context, with the extension loaded unless `extension=False`."""
    args = [*QUIET_ARGS, "--blink-settings=imagesEnabled=false"]
    if extension:
        args = [f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}", *args]
    return playwright.chromium.launch_persistent_context(
        str(user_dir or tempfile.mkdtemp(prefix="meetscout-chromium-")),
        executable_path=str(ensure_chromium()),
        headless=True,
        args=args,
        viewport={"width": 1100, "height": 800},
    )


def service_worker(context):
    for worker in context.service_workers:
        if worker.url.startswith(f"chrome-extension://{EXTENSION_ID}/"):
            return worker
    return context.wait_for_event("serviceworker", timeout=15000)


def configure(context, api_base: str, token: str, capture: bool = False) -> None:
    """Point the extension at an API (as the options page would) and forget cached flags."""
    worker = service_worker(context)
    worker.evaluate(
        """async ([apiBase, token, capture]) => {
            await chrome.storage.local.set({apiBase, token, capture});
            await chrome.storage.session.clear();  // the worker forgets cached flags too
        }""",
        [api_base, token, capture],
    )


@contextmanager
def extension_context(playwright, site=None):
    context = launch(playwright)
    try:
        if site is not None:
            site.attach(context)
        yield context
    finally:
        context.close()
