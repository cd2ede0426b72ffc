"""The audit's full-disk case, measured again: a 3,000-event crawl on loopback into a disk with
little room left (issue 17 item 1).

The disk is "full" through a file-size limit (RLIMIT_FSIZE) on the crawl's process, as in
tests/faults/test_full_disk.py: SIGXFSZ is ignored there, as a shell's `ulimit -f` leaves it, so
a write past the limit fails with EFBIG, which SQLite reports as a full disk. The crawl is the
real command (`meetscout crawl meetup`) against a local copy of one big Meetup group.

    .venv/bin/python scripts/audit_full_disk.py               # 3,000 events, 2 MiB of room
    .venv/bin/python scripts/audit_full_disk.py --events 3000 --room-kib 512

Prints the events stored, the error lines logged, the run's status and reason, the exit code
and SQLite's integrity check. Before the fix the audit saw 495 stored, 2,028 error lines, no
status and exit 0.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meetscout.demo.localsite import LocalSite  # noqa: E402
from meetscout.store import Store  # noqa: E402
from tests.faults.big_group import URLNAME, big_routes  # noqa: E402
from tests.faults.file_size_limit import limit_file_size  # noqa: E402

ERROR_WORDS = ("error", "disk is full", "cannot rollback", "traceback")


def audit(events: int, room_kib: int) -> int:
    with tempfile.TemporaryDirectory(prefix="meetscout-full-disk-") as folder:
        db = Path(folder) / "meetscout.db"
        Store(db).close()  # the empty database, then only `room` more bytes for any file
        limit = db.stat().st_size + room_kib * 1024
        env = {**os.environ, "MEETSCOUT_CONFIG": str(Path(folder) / "none.toml")}
        with LocalSite(big_routes(events)) as site:
            done = subprocess.run(
                [sys.executable, "-m", "meetscout.cli", "crawl", "meetup", URLNAME,
                 "--db", str(db), "--base-url", site.base_url],
                cwd=ROOT, capture_output=True, text=True, timeout=600, env=env,
                preexec_fn=limit_file_size(limit),
            )  # fmt: skip
        output = (done.stdout + done.stderr).splitlines()
        errors = [line for line in output if any(w in line.lower() for w in ERROR_WORDS)]
        conn = sqlite3.connect(db)
        try:
            stored = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            run = conn.execute(
                "SELECT status, error FROM runs ORDER BY id DESC LIMIT 1"
            ).fetchone() or (None, None)
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    print(f"crawl of {events:,} events into a disk with {room_kib:,} KiB of room left")
    print(f"events stored:      {stored:,}")
    print(f"error lines logged: {len(errors):,}")
    for line in errors[:5]:
        print(f"  {line.strip()[:160]}")
    print(f"run status:         {run[0]}")
    print(f"run reason:         {(run[1] or '').splitlines()[0] if run[1] else None}")
    print(f"exit code:          {done.returncode}")
    print(f"integrity check:    {integrity}")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=3000, help="events the group lists")
    parser.add_argument(
        "--room-kib", type=int, default=2048, help="room left on the 'disk', in KiB"
    )
    args = parser.parse_args()
    sys.exit(audit(args.events, args.room_kib))


if __name__ == "__main__":
    main()
