"""Start one crawl in this process: the one place that does, for every command, the demo and tests.

A crawl runs one of three ways, and the first two come here:

- in process: `meetscout crawl meetup|meetup-search|calendar|linkedin` (commands/crawl_run.py);
- in a process of its own per crawl, when `meetscout schedule` (or `meetscout crawl` with no
  source named) runs those same commands under the source's lock (scheduling/processes.py);
- inside Scrapyd, which runs the deployed spiders with this project's settings (the `scrapy`
  entry point in pyproject.toml) and the same store pipeline.

Scrapy's reactor cannot restart, so call `crawl` once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from meetscout.paths import default_db_path
from meetscout.store import Store
from meetscout.terminal import clean_logs


def project_settings(db: Path | None = None, **overrides: Any) -> Settings:
    settings = Settings()
    settings.setmodule("meetscout.spiders.settings", priority="project")
    settings.set("MEETSCOUT_DB", str(db or default_db_path()), priority="cmdline")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    return settings


@dataclass
class Crawl:
    spider: Spider  # after the crawl, with what it found out on the way (its report)
    run: dict[str, Any] | None  # the run row the store pipeline wrote; None if it never started
    signal: int | None = None  # the signal that stopped it (SIGTERM, SIGINT), if one did


class _Process(CrawlerProcess):
    """Scrapy's process, remembering which signal asked it to stop (for the exit status)."""

    received: int | None = None

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        self.received = self.received or signum
        super()._signal_shutdown(signum, frame)


def crawl(
    spider_cls: type[Spider],
    db: Path | None = None,
    settings: dict[str, Any] | None = None,
    *,
    signals: dict[object, Callable[..., None]] | None = None,
    **kwargs: Any,
) -> Crawl:
    """Crawl with `spider_cls(**kwargs)` into `db` until it ends; `signals` maps Scrapy signals to
    handlers (a progress line)."""
    process = _Process(project_settings(db, **(settings or {})))
    clean_logs()  # Scrapy's log lines may quote a crawled page
    crawler = process.create_crawler(spider_cls)
    for signal, handler in (signals or {}).items():
        crawler.signals.connect(handler, signal=signal)
    process.crawl(crawler, **kwargs)
    process.start()
    run_id = getattr(crawler.spider, "run_id", None)
    if run_id is None:
        return Crawl(crawler.spider, None, process.received)
    with Store(db) as store:
        return Crawl(crawler.spider, store.get_run(run_id), process.received)


def run_spider(
    spider_cls: type[Spider],
    db: Path | None = None,
    settings: dict[str, Any] | None = None,
    **kwargs,
) -> dict[str, Any] | None:
    """`crawl`, for callers that want only the run row."""
    return crawl(spider_cls, db, settings, **kwargs).run
