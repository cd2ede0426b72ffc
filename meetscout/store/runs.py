"""Crawl runs: one row per crawl, from its start to how it ended, with its counts."""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

from ..pids import pid_alive
from .connection import Connection
from .rows import iso, now_utc, to_json
from .upsert import UpsertCounts

RUN_STATUSES = ("ok", "partial", "not_found", "blocked", "failed", "interrupted")


class Runs(Connection):
    def start_run(self, spider: str, args: dict[str, Any] | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (spider, args, started) VALUES (?, ?, ?)",
            [spider, to_json(args or {}), iso(now_utc())],
        )
        return cur.lastrowid

    def finish_run(
        self, run_id: int, status: str, counts: UpsertCounts | None = None, error: str | None = None
    ) -> None:
        if status not in RUN_STATUSES:
            raise ValueError(f"unknown run status {status!r}")
        c = counts or UpsertCounts()
        self.conn.execute(
            "UPDATE runs SET finished = ?, status = ?, new = ?, updated = ?, unchanged = ?, "
            "invalid = ?, cancelled = ?, error = ? WHERE id = ?",
            [iso(now_utc()), status, c.new, c.updated, c.unchanged, c.invalid, c.cancelled, error,
             run_id],
        )  # fmt: skip

    def mend_ended_runs(self) -> int:
        """Record as failed every run left without an end whose crawl process is gone (killed
        with SIGKILL, or the machine stopped): nothing else would ever end it. Returns how many."""
        unended = self.conn.execute(
            "SELECT id, json_extract(args, '$.pid') FROM runs "
            "WHERE status IS NULL AND json_extract(args, '$.pid') > 0"
        ).fetchall()
        gone = [(run_id, pid) for run_id, pid in unended if not pid_alive(pid)]
        # A database opened read-only is read as it is.
        with contextlib.suppress(sqlite3.OperationalError):
            for run_id, pid in gone:
                self.conn.execute(
                    "UPDATE runs SET status = 'failed', finished = ?, error = ? "
                    "WHERE id = ? AND status IS NULL",
                    [iso(now_utc()), f"the crawl's process (pid {pid}) ended without recording "
                     "how the crawl went: it was killed or the machine stopped", run_id],
                )  # fmt: skip
            return len(gone)
        return 0

    def get_run(self, run_id: int) -> dict[str, Any] | None:
        self.mend_ended_runs()
        rows = self.rows("SELECT * FROM runs WHERE id = ?", [run_id])
        return rows[0] if rows else None

    def recent_runs(self, limit: int = 20, spider: str | None = None) -> list[dict[str, Any]]:
        self.mend_ended_runs()
        where, params = ("WHERE spider = ?", [spider]) if spider else ("", [])
        sql = f"SELECT * FROM runs {where} ORDER BY started DESC, id DESC LIMIT ?"
        return self.rows(sql, [*params, limit])

    def runs_of_job(self, job: str) -> list[dict[str, Any]]:
        """The runs a crawl process recorded under its job tag (a crawl may record several)."""
        # Not mended here: the process that started the job ends its runs, knowing how it died.
        sql = "SELECT * FROM runs WHERE json_extract(args, '$.job') = ? ORDER BY id"
        return self.rows(sql, [job])

    def last_run_of_source(self, source: str) -> dict[str, Any] | None:
        """The newest run of a source's spiders ("meetup" covers meetup_group, meetup_search)."""
        self.mend_ended_runs()
        sql = (
            "SELECT * FROM runs WHERE spider = ? OR spider LIKE ? ESCAPE '\\' "
            "ORDER BY started DESC, id DESC LIMIT 1"
        )
        rows = self.rows(sql, [source, f"{source}\\_%"])
        return rows[0] if rows else None
