"""Commands that serve until stopped (`meetscout serve`, `meetscout demo --serve`), run by tests."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Sequence


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serving(args: Sequence[str], url: str, timeout: float = 60, **popen) -> subprocess.Popen:
    """Start `args` and return it once `url` answers 200; its output if it stops or never answers.
    The caller stops it (terminate, or SIGTERM and communicate)."""
    proc = subprocess.Popen(
        list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **popen
    )
    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, f"`{' '.join(args)}` stopped: {proc.stdout.read()}"
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                assert answer.status == 200
                return proc
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"`{' '.join(args)}` did not answer at {url}") from None
            time.sleep(0.2)
