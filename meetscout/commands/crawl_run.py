"""Running one crawl in this process for a crawl command: its lock, progress and summary.

Scrapy is imported only when a crawl starts, so the rest of the CLI stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from .common import console, err_console, fail, open_store, source_lock


def crawl_in_process(
    spider_cls, db: Path | None, label: str, *, source: str = "meetup", **kwargs: Any
) -> None:
    """Run one crawl of `source` here, under its lock, with a progress line on a terminal;
    then print what it found out on the way and what it did. Exits 1 when blocked or failed."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from meetscout.spiders.run import project_settings

    open_store(db).close()  # a database we cannot open is a message, before any crawling
    process = CrawlerProcess(project_settings(db))
    crawler = process.create_crawler(spider_cls)
    seen = {"pages": 0, "items": 0}
    status = console.status(f"{label}: starting…") if console.is_terminal else None

    def on_response(**_):
        seen["pages"] += 1
        if status:
            status.update(f"{label}: {seen['pages']} pages read, {seen['items']} items")

    def on_item(**_):
        seen["items"] += 1

    crawler.signals.connect(on_response, signal=signals.response_received)
    crawler.signals.connect(on_item, signal=signals.item_scraped)
    with source_lock(db, source):
        try:
            if status:
                status.start()
            process.crawl(crawler, **kwargs)
            process.start()
        finally:
            if status:
                status.stop()
    run_id = getattr(crawler.spider, "run_id", None)
    store = open_store(db)
    try:
        run = store.get_run(run_id) if run_id is not None else None
    finally:
        store.close()
    if run is None:
        fail(f"{label}: the crawl did not start (see the messages above)", code=1)
    for note in getattr(getattr(crawler.spider, "report", None), "notes", []):
        console.print(f"  {note}", highlight=False, markup=False, soft_wrap=True)
    _summary(label, run)
    if run["status"] in ("blocked", "failed"):
        raise typer.Exit(1)


def _summary(label: str, run: dict[str, Any]) -> None:
    colour = {"ok": "green", "partial": "yellow"}.get(run["status"], "red")
    counts = ", ".join(
        f"{run.get(name) or 0} {name}"
        for name in ("new", "updated", "unchanged", "cancelled", "invalid")
    )
    console.print(
        f"{escape(label)}: [{colour}]{run['status']}[/{colour}] — {counts}",
        highlight=False,
        soft_wrap=True,
    )
    # The reasons: which source is blocked and why, which group was not found, …
    target = err_console if run["status"] in ("blocked", "failed") else console
    for line in (run.get("error") or "").splitlines():
        target.print(f"  {line}", highlight=False, markup=False, soft_wrap=True)
