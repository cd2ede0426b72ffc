"""The secret the browser extension shows to the local API: made once, kept private (mode 0600).

Lives in the core package so `meetscout token` can print it without loading the web stack.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from .paths import config_dir

PAIRING_HINT = "run `meetscout token` and paste it in the extension's options"


def token_path() -> Path:
    return config_dir() / "token"


def _write_private(path: Path, token: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Created 0600 from the start: no moment where another user could read it.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, (token + "\n").encode())
    finally:
        os.close(fd)
    os.replace(tmp, path)


def load_or_create_token(path: Path | None = None) -> str:
    """The stored token; a new one the first time. A readable-by-others file is tightened."""
    path = path or token_path()
    with contextlib.suppress(FileNotFoundError):
        token = path.read_text(encoding="utf-8").strip()
        if token:
            if stat.S_IMODE(path.stat().st_mode) & 0o077:
                path.chmod(0o600)
            return token
    return rotate_token(path)


def rotate_token(path: Path | None = None) -> str:
    """A fresh token; the extension must be paired again."""
    path = path or token_path()
    token = secrets.token_urlsafe(32)
    _write_private(path, token)
    return token
