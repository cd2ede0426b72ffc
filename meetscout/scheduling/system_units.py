"""Ready-to-install systemd units and a crontab line that run `meetscout schedule --once`.

The system's scheduler wakes meetscout every quarter of an hour; `--once` crawls only the sources
that are due by their own schedules (and honours back-off and blocked waits), so one timer serves
every source.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from .processes import TERM_TIMEOUT

WAKE_MINUTES = 15


def meetscout_command() -> list[str]:
    """The real path of the `meetscout` program running now, else this Python with `-m`."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "meetscout" and argv0.exists():
        return [str(argv0.absolute())]
    found = shutil.which("meetscout")
    if found:
        return [str(Path(found).absolute())]
    return [sys.executable, "-m", "meetscout.cli"]


def _once_command(db: Path, config: Path | None) -> str:
    parts = [*meetscout_command(), "schedule", "--once", "--db", str(db)]
    if config:
        parts += ["--config", str(config)]
    return shlex.join(parts)


SERVICE = "meetscout-crawl.service"
TIMER = "meetscout-crawl.timer"
INSTALL = f"systemctl --user daemon-reload && systemctl --user enable --now {TIMER}"


def user_units_dir() -> Path:
    """Where systemd looks for a user's own units ($XDG_CONFIG_HOME/systemd/user)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def systemd_files(db: Path, config: Path | None, grace: float = 60) -> dict[str, str]:
    """The service and the timer, by file name."""
    command = _once_command(db.absolute(), config.absolute() if config else None)
    workdir = (config.absolute().parent if config else db.absolute().parent).as_posix()
    service = f"""\
[Unit]
Description=meetscout: crawl the sources that are due
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
WorkingDirectory={workdir}
ExecStart={command}
# On stop, a running crawl gets {grace:g}s to finish, then records itself as interrupted.
KillSignal=SIGTERM
KillMode=mixed
TimeoutStopSec={int(grace + TERM_TIMEOUT) + 10}
Nice=10
"""
    timer = f"""\
[Unit]
Description=meetscout: look for due crawls every {WAKE_MINUTES} minutes

[Timer]
OnCalendar=*:0/{WAKE_MINUTES}
RandomizedDelaySec=60
Persistent=true

[Install]
WantedBy=timers.target
"""
    return {SERVICE: service, TIMER: timer}


def systemd_units(db: Path, config: Path | None, grace: float = 60) -> str:
    """Both units in one text to read, each under the path it belongs at."""
    where = user_units_dir()
    parts = [
        "# Install for your user (no root needed): meetscout schedule --write-systemd writes\n"
        f"# these two files into {where}; then:\n"
        f"#   {INSTALL}\n"
        '#   loginctl enable-linger "$USER"   # keep crawling while you are logged out\n'
        f"# Logs: journalctl --user -u {SERVICE}\n"
    ]
    for name, text in systemd_files(db, config, grace).items():
        parts.append(f"# ---- {where / name} ----\n{text}")
    return "\n".join(parts)


def write_systemd(folder: Path, db: Path, config: Path | None, grace: float = 60) -> list[Path]:
    """Write the service and the timer into `folder` (made if missing); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in systemd_files(db, config, grace).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def cron_line(db: Path, config: Path | None) -> str:
    command = _once_command(db.absolute(), config.absolute() if config else None)
    log = shlex.quote(str(db.absolute().parent / "logs" / "cron.log"))
    return (
        f"# meetscout: every {WAKE_MINUTES} minutes crawl the sources that are due "
        "(install: crontab -e, paste the lines below)\n"
        f"*/{WAKE_MINUTES} * * * * mkdir -p {shlex.quote(str(db.absolute().parent / 'logs'))} "
        f"&& {command} >> {log} 2>&1\n"
    )
