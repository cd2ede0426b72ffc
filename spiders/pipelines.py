"""Items to the store, in batches, with a crawl-run row for every crawl."""

from __future__ import annotations

import os
import sqlite3

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from meetscout.config import ConfigError
from meetscout.judge import Corrections, judge_event, judge_group
from meetscout.model import Event, Group
from meetscout.profile import load_and_sync
from meetscout.store import Store, UpsertCounts

from .report import CrawlReport
from .stored import StoredMeetings

FLUSH_EVERY = 500  # items a batch; the setting MEETSCOUT_FLUSH_EVERY changes it
# The close reason of a crawl the store stopped, because the database refused a write.
STORE_FAILED = "store_failed"


class StorePipeline:
    """Buffers Events and Groups and writes them in batches; records the run when the spider closes.

    Nothing is deleted: a crawl that fails half-way leaves what was stored before, and what it
    gathered up to then. A write the database refuses (a full disk, a read-only or damaged file)
    stops the crawl at once and fails its run: every later batch would fail the same way.
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
        self.store: Store | None = None
        if not hasattr(spider, "report"):
            spider.report = CrawlReport()
        self.counts = UpsertCounts()
        self.flush_every = spider.settings.getint("MEETSCOUT_FLUSH_EVERY", FLUSH_EVERY)
        self.store_error: str | None = None
        self.events: list[Event] = []
        self.groups: list[Group] = []
        try:
            self.store = Store(database_path(spider))
            self.run_id = self.store.start_run(spider.name, run_args(spider))
            spider.run_id = self.run_id
            spider.stored = StoredMeetings(self.store, self.store.get_run(self.run_id)["started"])
        except sqlite3.Error as exc:  # a damaged, read-only or full database: nothing to crawl for
            spider.report.store_error = (
                f"cannot use the database: {exc}. `meetscout doctor` checks it and says what to do"
            )
            self.store_error = spider.report.store_error
            self.spider.logger.error("%s", self.store_error)
            # Once the engine has finished opening the spider (closing it now confuses Scrapy).
            self.crawler.signals.connect(self._stop, signal=signals.spider_opened)
            return
        # Everything is judged before it is stored, with the person's profile (meetscout.toml's
        # [profile] copied in if it changed) and corrections.
        try:
            self.profile = load_and_sync(self.store)
        except ConfigError as exc:
            self.profile = self.store.get_profile()
            spider.report.warnings.append(f"the profile in meetscout.toml was not read: {exc}")
        self.known_groups: dict[str, Group | None] = {}

    def process_item(self, item, spider=None):
        if self.store_error:
            return item  # the crawl is stopping: nothing more can be stored
        if isinstance(item, Event):
            self.events.append(item)
        elif isinstance(item, Group):
            self.groups.append(item)
        else:
            self.spider.report.invalid += 1
            return item
        if len(self.events) + len(self.groups) >= self.flush_every:
            self.flush()
        return item

    def flush(self) -> None:
        if self.store_error:
            return
        try:
            self._write_batch()
        except sqlite3.Error as exc:
            self.events, self.groups = [], []
            self.store_error = (
                f"could not store the crawl: the database refused a write ({exc}); "
                "what was stored before is kept. Free some disk space (or check the database "
                "with `meetscout doctor`), then crawl again."
            )
            self.spider.logger.error("stopping the crawl: the database refused a write (%s)", exc)
            self._stop()

    def _stop(self, **_) -> None:
        """Close the spider: the store can take nothing more."""
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=STORE_FAILED))

    def _write_batch(self) -> None:
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
        if self.store is None or not hasattr(self, "run_id"):  # the store never opened
            if self.store is not None:
                self.store.close()
            return
        try:
            self.flush()
            if not self.store_error:
                self.counts.cancelled += self.store.mark_cancelled(report.cancelled_ids)
                self._cancel_vanished(report)
            self.counts.invalid += report.invalid
            status = report.status
            if self.store_error:
                status = "failed"
                report.problems.insert(0, self.store_error)
            elif reason == "shutdown":  # a signal stopped it: whatever else it found
                status = "interrupted"
                report.problems.append("crawl ended early: shutdown (SIGTERM or Ctrl-C)")
            elif reason != "finished" and status == "ok":
                status = "partial"
                report.problems.append(f"crawl ended early: {reason}")
            self.store.finish_run(self.run_id, status, self.counts, report.error_text())
        except sqlite3.Error as exc:
            # Not even the run's end could be written: the crawl command reports it from here,
            # and the run is recorded as failed the next time the runs are read.
            report.store_error = self.store_error or f"could not store the crawl: {exc}"
            self.spider.logger.error("could not record the end of the crawl: %s", exc)
        finally:
            self.store.close()

    def _cancel_vanished(self, report: CrawlReport) -> None:
        """Upcoming events a group's complete listing no longer shows were called off, when the
        listing is believable: it still shows some of the group's other stored upcoming
        meetings. A listing that suddenly shows none of them (empty, or nothing readable) is
        no evidence: they are kept as they are, and the run says so."""
        started = self.store.get_run(self.run_id)["started"]
        for group_id, listed in report.listed.items():
            # A listing of some days (a calendar) speaks of those days only.
            start, until = report.listed_window.get(group_id, (None, None))
            known = self.store.upcoming_ids(
                group_id, first_seen_before=started, now=start, until=until
            )
            if not known - listed:
                continue
            if known & listed:
                self.counts.cancelled += self.store.cancel_vanished(
                    group_id, listed, now=start, until=until
                )
            else:
                on = len((known - listed) & report.still_on)
                pages = f" ({on} still on by their own pages)" if on else ""
                report.problems.append(
                    f"{group_id}: its listing showed none of its {len(known)} stored upcoming "
                    f"meetings; kept them as they were{pages} until a later crawl shows them "
                    "again or their own pages say they were cancelled"
                )


def database_path(spider) -> str | None:
    """A `db` spider argument (Scrapyd: `-a db=…`, or `db=` in schedule.json), else the setting
    MEETSCOUT_DB (`-s MEETSCOUT_DB=…`), else None: the per-user data folder."""
    return getattr(spider, "db", None) or spider.settings.get("MEETSCOUT_DB") or None


def run_args(spider) -> dict:
    """What the run row records about how the crawl was started; the tags let a scheduler or a
    Scrapyd server find the rows of the crawl it started."""
    args = dict(getattr(spider, "run_args", {}) or {})
    # The crawl's process: a run left without an end whose process is gone was killed.
    args["pid"] = os.getpid()
    if os.environ.get("MEETSCOUT_JOB"):
        args["job"] = os.environ["MEETSCOUT_JOB"]
    scrapyd_job = getattr(spider, "_job", None) or os.environ.get("SCRAPY_JOB")
    if scrapyd_job:
        args["scrapyd_job"] = scrapyd_job
    return args
