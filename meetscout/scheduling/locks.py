"""One crawl per source at a time: a lock file beside the database, held by the crawl process.

The lock is an `flock` on `<db folder>/locks/<db name>.<source>.lock`, which the kernel drops
when the holder exits for any reason (kill -9 included), so a crashed crawl never leaves it stuck.
The holder writes its PID into the file for people and for `meetscout status`; a PID that is no
longer alive is treated as free.

Run a command under the lock (the lock survives `exec`, so the crawl itself holds it):

    python -m meetscout.scheduling.locks meetup --db PATH -- meetscout crawl meetup ...

Exits with BUSY (75, meetscout/exit_codes.py) without running anything when another crawl
holds the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from pathlib import Path

from ..exit_codes import BUSY, USAGE
from ..pids import pid_alive


def lock_path(db: Path | str, source: str) -> Path:
    # The real file: a symlink (or another spelling) of the path names the same lock.
    db = Path(db).resolve()
    return db.parent / "locks" / f"{db.name}.{source}.lock"


class SourceLock:
    """Non-blocking lock for one source of one database."""

    def __init__(self, db: Path | str, source: str):
        self.source = source
        self.path = lock_path(db, source)
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock and record our PID; False when a live crawl holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing drops the flock
        self._fd = None

    def holder(self) -> int | None:
        """The PID of the live crawl holding the lock, or None when the source is free."""
        if not self.path.exists():
            return None
        fd = os.open(self.path, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                text = os.pread(fd, 32, 0).decode(errors="replace").strip()
                pid = int(text) if text.isdigit() else None
                # Held: report the recorded PID unless it is dead (a stale inherited descriptor).
                return pid if pid is None or pid_alive(pid) else None
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def __enter__(self) -> SourceLock:
        if not self.acquire():
            raise LockBusy(self.source, self.holder())
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def keep_across_exec(self) -> None:
        """Let the lock descriptor survive `exec` so the program we become keeps holding it."""
        if self._fd is not None:
            os.set_inheritable(self._fd, True)


class LockBusy(RuntimeError):
    def __init__(self, source: str, pid: int | None):
        self.source, self.pid = source, pid
        who = f" (pid {pid})" if pid else ""
        super().__init__(f"a {source} crawl is already running{who}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv or len(argv) < 4 or argv[1] != "--db":
        usage = "usage: python -m meetscout.scheduling.locks SOURCE --db PATH -- COMMAND..."
        print(usage, file=sys.stderr)
        return USAGE
    split = argv.index("--")
    source, db, command = argv[0], argv[2], argv[split + 1 :]
    if not command:
        print("meetscout.scheduling.locks: no command to run", file=sys.stderr)
        return USAGE
    lock = SourceLock(db, source)
    if not lock.acquire():
        print(
            f"meetscout: {LockBusy(source, lock.holder())}; not starting another", file=sys.stderr
        )
        return BUSY
    lock.keep_across_exec()
    # Tells the crawl command it already holds its source's lock (should it look for one).
    os.environ["MEETSCOUT_LOCK_HELD"] = source
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execvp(command[0], command)  # same PID: the crawl holds the lock until it exits
    except OSError as exc:
        print(f"meetscout: cannot start {command[0]}: {exc.strerror}", file=sys.stderr)
    return 127


if __name__ == "__main__":
    sys.exit(main())
