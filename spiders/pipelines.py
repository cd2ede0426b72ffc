"""Items to the store, in batches, with a crawl-run row for every crawl."""

from __future__ import annotations

import os

from scrapy import signals

from meetscout.config import ConfigError
from meetscout.judge import Corrections, judge_event, judge_group
from meetscout.model import Event, Group
from meetscout.profile import load_and_sync
from meetscout.store import Store, UpsertCounts

from .report import CrawlReport

FLUSH_EVERY = 500


class StorePipeline:
    """Buffers Events and Groups and writes them in batches; records the run when the spider closes.

    Nothing is deleted: a crawl that fails half-way leaves what was stored before, and what it
    gathered up to then.
    """

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        # The close reason ("finished", "shutdown", …) only reaches the spider_closed signal.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider=None) -> None:
        # Scrapy 2.13+ stops passing the spider to pipelines; it lives on the crawler.
        spider = spider or self.crawler.spider
        self.spider = spider
        self.store = Store(database_path(spider))
        if not hasattr(spider, "report"):
            spider.report = CrawlReport()
        self.counts = UpsertCounts()
        self.events: list[Event] = []
        self.groups: list[Group] = []
        self.run_id = self.store.start_run(spider.name, run_args(spider))
        spider.run_id = self.run_id
        # Everything is judged before it is stored, with the person's profile (meetscout.toml's
        # [profile] copied in if it changed) and corrections.
        try:
            self.profile = load_and_sync(self.store)
        except ConfigError as exc:
            self.profile = self.store.get_profile()
            spider.report.warnings.append(f"the profile in meetscout.toml was not read: {exc}")
        self.known_groups: dict[str, Group | None] = {}

    def process_item(self, item, spider=None):
        if isinstance(item, Event):
            self.events.append(item)
        elif isinstance(item, Group):
            self.groups.append(item)
        else:
            self.spider.report.invalid += 1
            return item
        if len(self.events) + len(self.groups) >= FLUSH_EVERY:
            self.flush()
        return item

    def flush(self) -> None:
        # Read at every batch: the person may correct a flag while a long crawl runs.
        self.corrections = Corrections.load(self.store)
        if self.groups:
            groups = [self._assess_group(g) for g in self.groups]
            self.counts.add(self.store.upsert_groups(groups))
            self.groups = []
        if self.events:
            events = [self._assess_event(e) for e in self.events]
            self.counts.add(self.store.upsert_events(events))
            self.events = []

    def _assess_group(self, group: Group) -> Group:
        try:
            assessment = judge_group(group, self.profile, self.corrections, fresh=True)
            group = group.model_copy(update={"assessment": assessment})
        except Exception as exc:  # a classifier fault must not lose what was crawled
            self.spider.report.problems.append(f"could not classify group {group.id}: {exc}")
        self.known_groups[group.id] = group
        return group

    def _group_of(self, event: Event) -> Group | None:
        """The event's group: from this crawl, else as stored (looked up once per crawl)."""
        if not event.group_id:
            return None
        if event.group_id not in self.known_groups:
            self.known_groups[event.group_id] = self.store.get_group(event.group_id)
        return self.known_groups[event.group_id]

    def _assess_event(self, event: Event) -> Event:
        try:
            group = self._group_of(event)
            assessment = judge_event(event, group, self.profile, self.corrections, fresh=True)
            return event.model_copy(update={"assessment": assessment})
        except Exception as exc:  # a classifier fault must not lose what was crawled
            self.spider.report.problems.append(f"could not classify event {event.id}: {exc}")
            return event

    def spider_closed(self, spider, reason: str) -> None:
        report: CrawlReport = spider.report
        try:
            self.flush()
            self.counts.cancelled += self.store.mark_cancelled(report.cancelled_ids)
            # Upcoming events a group's complete listing no longer shows were called off.
            for group_id, listed in report.listed.items():
                self.counts.cancelled += self.store.cancel_vanished(group_id, listed)
            self.counts.invalid += report.invalid
            status = report.status
            if reason != "finished" and status == "ok":
                status = "interrupted" if reason == "shutdown" else "partial"
                report.problems.append(f"crawl ended early: {reason}")
            self.store.finish_run(self.run_id, status, self.counts, report.error_text())
        finally:
            self.store.close()


def database_path(spider) -> str | None:
    """A `db` spider argument (Scrapyd: `-a db=…`, or `db=` in schedule.json), else the setting
    MEETSCOUT_DB (`-s MEETSCOUT_DB=…`), else None: the per-user data folder."""
    return getattr(spider, "db", None) or spider.settings.get("MEETSCOUT_DB") or None


def run_args(spider) -> dict:
    """What the run row records about how the crawl was started; the tags let a scheduler or a
    Scrapyd server find the rows of the crawl it started."""
    args = dict(getattr(spider, "run_args", {}) or {})
    if os.environ.get("MEETSCOUT_JOB"):
        args["job"] = os.environ["MEETSCOUT_JOB"]
    scrapyd_job = getattr(spider, "_job", None) or os.environ.get("SCRAPY_JOB")
    if scrapyd_job:
        args["scrapyd_job"] = scrapyd_job
    return args
