"""Run one spider in this process and hand back its crawl-run row.

Scrapy's reactor cannot restart, so call this once per process (the CLI does; the scheduler starts
a process per crawl).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from meetscout.paths import default_db_path
from meetscout.store import Store


def project_settings(db: Path | None = None, **overrides: Any) -> Settings:
    settings = Settings()
    settings.setmodule("meetscout.spiders.settings", priority="project")
    settings.set("MEETSCOUT_DB", str(db or default_db_path()), priority="cmdline")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_spider(
    spider_cls, db: Path | None = None, settings: dict[str, Any] | None = None, **kwargs
):
    """Crawl with `spider_cls(**kwargs)` into `db`; return the run row the pipeline wrote."""
    process = CrawlerProcess(project_settings(db, **(settings or {})))
    crawler = process.create_crawler(spider_cls)
    process.crawl(crawler, **kwargs)
    process.start()
    run_id = getattr(crawler.spider, "run_id", None)
    if run_id is None:
        return None
    with Store(db) as store:
        return store.get_run(run_id)
