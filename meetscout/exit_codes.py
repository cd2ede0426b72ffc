"""What a command's exit status means, the same on every crawl command.

`meetscout crawl` (each source, and all of them), `meetscout schedule --once` and
`meetscout calendar find` end with one of these; the README's "When something goes wrong" lists
them for people and for scripts.
"""

from __future__ import annotations

OK = 0  # done; a `partial` crawl too (its summary names what it could not read)
FAILED = 1  # the crawl ran and failed, or was stopped before it finished: its summary says why
USAGE = 2  # nothing was crawled: the command, meetscout.toml, or something the crawl needs
# (a LinkedIn session, a browser) is wrong or missing; the message says what to do
BLOCKED = 3  # a site refused (a login wall, HTTP 999 or 403, robots.txt): wait, then try again
NOT_FOUND = 4  # a Meetup group named does not exist ("Group not found"): check its name
# A crawl stopped by a signal exits 128 + its number, as a shell reports it: 130 for Ctrl-C
# (SIGINT), 143 for SIGTERM (see for_signal).
BUSY = 75  # another crawl of the same source is running (sysexits' EX_TEMPFAIL): try again later

# A crawl-run's status -> the exit status. "skipped" is a scheduled turn that found another crawl
# of the source running: that crawl is the run, so the turn itself went as it should.
_BY_STATUS = {
    "ok": OK,
    "partial": OK,
    "skipped": OK,
    "not_found": NOT_FOUND,
    "blocked": BLOCKED,
    "interrupted": FAILED,
    "failed": FAILED,
}


def for_status(status: str | None) -> int:
    """The exit status for a crawl that ended with run status `status` (unknown: FAILED)."""
    return _BY_STATUS.get(status or "", FAILED)


def for_signal(signum: int) -> int:
    """The exit status of a crawl a signal stopped: 128 + the signal, the shell's convention."""
    return 128 + signum
