"""Ready-to-install systemd units and a crontab line that run `meetscout schedule --once`.

The system's scheduler wakes meetscout every quarter of an hour; `--once` crawls only the sources
that are due by their own schedules (and honours back-off and blocked waits), so one timer serves
every source.
"""

from __future__ import annotations

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


def systemd_units(db: Path, config: Path | None, grace: float = 60) -> str:
    command = _once_command(db.absolute(), config.absolute() if config else None)
    workdir = (config.absolute().parent if config else db.absolute().parent).as_posix()
    return f"""\
# Install for your user (no root needed):
#   mkdir -p ~/.config/systemd/user
#   meetscout schedule --print-systemd > /tmp/meetscout-units.txt   (then split as marked below)
#   systemctl --user daemon-reload && systemctl --user enable --now meetscout-crawl.timer
#   loginctl enable-linger "$USER"   # keep crawling while you are logged out
# Logs: journalctl --user -u meetscout-crawl.service

# ---- ~/.config/systemd/user/meetscout-crawl.service ----
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

# ---- ~/.config/systemd/user/meetscout-crawl.timer ----
[Unit]
Description=meetscout: look for due crawls every {WAKE_MINUTES} minutes

[Timer]
OnCalendar=*:0/{WAKE_MINUTES}
RandomizedDelaySec=60
Persistent=true

[Install]
WantedBy=timers.target
"""


def cron_line(db: Path, config: Path | None) -> str:
    command = _once_command(db.absolute(), config.absolute() if config else None)
    log = shlex.quote(str(db.absolute().parent / "logs" / "cron.log"))
    return (
        f"# meetscout: every {WAKE_MINUTES} minutes crawl the sources that are due "
        "(install: crontab -e, paste the lines below)\n"
        f"*/{WAKE_MINUTES} * * * * mkdir -p {shlex.quote(str(db.absolute().parent / 'logs'))} "
        f"&& {command} >> {log} 2>&1\n"
    )
