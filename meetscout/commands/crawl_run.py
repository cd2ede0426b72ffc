"""Running one crawl in this process for a crawl command: its lock, progress and summary.

Scrapy is imported only when a crawl starts, so the rest of the CLI stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ..exit_codes import FAILED, OK, for_signal, for_status
from ..scheduling.processes import COUNT_FIELDS
from ..terminal import safe, say
from .common import console, err_console, fail, source_lock, writable_store


def crawl_in_process(
    spider_cls, db: Path | None, label: str, *, source: str = "meetup", **kwargs: Any
) -> None:
    """Run one crawl of `source` here, under its lock, with a progress line on a terminal;
    then print what it found out on the way and what it did, and exit with its run status's
    code (meetscout/exit_codes.py)."""
    from scrapy import signals

    from meetscout.spiders.run import crawl

    writable_store(db).close()  # a database we cannot write is a message, before any crawling
    seen = {"pages": 0, "items": 0}
    status = console.status(f"{label}: starting…") if console.is_terminal else None

    def on_response(**_):
        seen["pages"] += 1
        if status:
            status.update(f"{label}: {seen['pages']} pages read, {seen['items']} items")

    def on_item(**_):
        seen["items"] += 1

    progress = {signals.response_received: on_response, signals.item_scraped: on_item}
    with source_lock(db, source):
        try:
            if status:
                status.start()
            done = crawl(spider_cls, db, signals=progress, **kwargs)
        finally:
            if status:
                status.stop()
    report = getattr(done.spider, "report", None)
    if done.run is None:
        why = getattr(report, "store_error", None) or "see the messages above"
        fail(f"{label}: the crawl did not start ({why})", code=FAILED)
    for note in getattr(report, "notes", []):
        say(console, f"  {note}")
    if done.run["status"] is None:  # the store could not record how the crawl ended
        reason = getattr(report, "store_error", None) or "the crawl's end was not recorded"
        done.run = {**done.run, "status": "failed", "error": reason}
    _summary(label, done.run)
    code = for_signal(done.signal) if done.signal else for_status(done.run["status"])
    if code != OK:
        raise typer.Exit(code)


def _summary(label: str, run: dict[str, Any]) -> None:
    colour = {"ok": "green", "partial": "yellow"}.get(run["status"], "red")
    counts = ", ".join(f"{run.get(name) or 0} {name}" for name in COUNT_FIELDS)
    console.print(
        f"{safe(label)}: [{colour}]{run['status']}[/{colour}] — {counts}",
        highlight=False,
        soft_wrap=True,
    )
    # The reasons: which source is blocked and why, which group does not exist, …
    target = err_console if for_status(run["status"]) != OK else console
    for line in (run.get("error") or "").splitlines():
        say(target, f"  {line}")
