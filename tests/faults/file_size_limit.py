"""A full disk without filling one: a file-size limit (RLIMIT_FSIZE) on a child process, with
SIGXFSZ ignored as a shell's `ulimit -f` leaves it, so a write past the limit fails with EFBIG
(which SQLite reports as a full disk or a disk I/O error). Used by tests/faults/test_full_disk.py
and scripts/audit_full_disk.py."""

from __future__ import annotations

import signal


def limit_file_size(limit: int):
    """A `preexec_fn` for subprocess: the child may write no file past `limit` bytes."""

    def apply() -> None:
        import resource  # POSIX only: the callers skip where it is missing

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply
