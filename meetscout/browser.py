"""Find a Chromium for Playwright: the one place that knows where browsers live.

Order: Playwright's own downloaded Chromium, then the system's (`/usr/bin/chromium` and friends).
With neither, say what is missing and how to get it. Only an explicit request installs a system
package: `meetscout browser --install` or `python -m meetscout.browser --install` (which `make`
runs), as root on Debian, install Debian's `chromium` package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

SYSTEM_CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
)

# Flags that keep Chromium quiet on a machine with no route to Google's services.
QUIET_ARGS = [
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-gpu",
]


class BrowserNotFound(RuntimeError):
    pass


def playwright_browsers_dir() -> Path:
    env = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if env and env != "0":
        return Path(env)
    return Path.home() / ".cache" / "ms-playwright"


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def playwright_chromium(browsers_dir: Path) -> Path | None:
    """The newest `chromium-<revision>` that Playwright downloaded into `browsers_dir`, if any."""
    if not browsers_dir.is_dir():
        return None
    builds = sorted(
        (d for d in browsers_dir.glob("chromium-*") if d.name.split("-", 1)[1].isdigit()),
        key=lambda d: int(d.name.split("-", 1)[1]),
        reverse=True,
    )
    for build in builds:
        for rel in ("chrome-linux64/chrome", "chrome-linux/chrome", "chrome-mac/Chromium.app"):
            candidate = build / rel
            if _executable(candidate) or (candidate.suffix == ".app" and candidate.exists()):
                return candidate
    return None


def find_chromium(
    browsers_dir: Path | None = None, system_candidates: Sequence[str] | None = None
) -> Path | None:
    """The browser to use, or None. `MEETSCOUT_CHROMIUM` overrides the search."""
    override = os.environ.get("MEETSCOUT_CHROMIUM")
    if override:
        return Path(override) if _executable(Path(override)) else None
    found = playwright_chromium(browsers_dir or playwright_browsers_dir())
    if found:
        return found
    for candidate in SYSTEM_CANDIDATES if system_candidates is None else system_candidates:
        if _executable(Path(candidate)):
            return Path(candidate)
    return None


def can_apt_install() -> bool:
    return (
        hasattr(os, "geteuid")
        and os.geteuid() == 0
        and Path("/etc/debian_version").exists()
        and shutil.which("apt-get") is not None
    )


def ensure_chromium(install: bool = False) -> Path:
    """Find a Chromium, else explain what to install. `install=True` (only for the person's
    explicit `--install`) installs Debian's package when we run as root on Debian."""
    found = find_chromium()
    if found:
        return found
    if install and can_apt_install():
        print(
            "meetscout: no Chromium found; installing Debian's chromium package…", file=sys.stderr
        )
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], check=True, env=env)
        found = find_chromium()
        if found:
            return found
    raise BrowserNotFound(
        "meetscout needs a Chromium browser and found none. Install one of: Debian/Ubuntu "
        "`sudo apt-get install chromium`, Fedora `sudo dnf install chromium`, macOS "
        "`brew install --cask chromium`; or set MEETSCOUT_CHROMIUM to a Chrome or Chromium binary. "
        "As root on Debian, `meetscout browser --install` installs it for you."
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        path = ensure_chromium(install="--install" in args)
    except (BrowserNotFound, subprocess.CalledProcessError) as exc:
        print(f"meetscout: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
