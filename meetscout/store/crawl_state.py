"""What crawling remembers between runs: each source's schedule state, the pages a careful crawl
fetched from a site per day, and until when a site that said "no" is left alone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import orjson

from .connection import Connection
from .rows import from_iso, iso, to_json

SCHEDULE_TIMES = ("last_started", "last_finished", "retry_at")


class CrawlState(Connection):
    # -- per source, for the scheduler --

    def schedule_state(self, source: str) -> dict[str, Any] | None:
        """The source's record as saved: times as datetimes, counts a dict, run_ids a list."""
        rows = self.rows("SELECT * FROM schedule_state WHERE source = ?", [source])
        if not rows:
            return None
        row = rows[0]
        for name in SCHEDULE_TIMES:
            row[name] = from_iso(row[name])
        row["counts"] = orjson.loads(row["counts"])
        row["run_ids"] = orjson.loads(row["run_ids"])
        return row

    def save_schedule_state(
        self,
        source: str,
        *,
        last_started: datetime | None,
        last_finished: datetime | None,
        last_status: str | None,
        counts: dict[str, int],
        error: str | None,
        run_ids: list[int],
        failures: int,
        retry_at: datetime | None,
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO schedule_state (source, last_started, last_finished, "
            "last_status, counts, error, run_ids, failures, retry_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [source, _exact(last_started), _exact(last_finished), last_status, to_json(counts),
             error, to_json(run_ids), failures, _exact(retry_at)],
        )  # fmt: skip

    # -- a site's daily page budget --

    def pages_fetched(self, site: str, day: date) -> int:
        row = self.conn.execute(
            "SELECT pages FROM page_budget WHERE site = ? AND day = ?", [site, day.isoformat()]
        ).fetchone()
        return row[0] if row else 0

    def count_page(self, site: str, day: date) -> int:
        """Count one page fetched from `site` on `day`; returns the day's count so far."""
        return self.conn.execute(
            "INSERT INTO page_budget (site, day, pages) VALUES (?, ?, 1) "
            "ON CONFLICT(site, day) DO UPDATE SET pages = pages + 1 RETURNING pages",
            [site, day.isoformat()],
        ).fetchall()[0][0]  # read to the end, so the statement (and its write) completes

    # -- a site that blocked us --

    def blocked_until(self, site: str) -> datetime | None:
        row = self.conn.execute("SELECT until FROM site_blocks WHERE site = ?", [site]).fetchone()
        try:
            return from_iso(row[0]) if row else None
        except ValueError:
            return None

    def block_until(self, site: str, until: datetime | None) -> None:
        """Remember not to ask `site` again before `until` (None: forget it)."""
        if until is None:
            self.conn.execute("DELETE FROM site_blocks WHERE site = ?", [site])
        else:
            self.conn.execute(
                "INSERT OR REPLACE INTO site_blocks (site, until) VALUES (?, ?)",
                [site, iso(until)],
            )


def _exact(value: datetime | None) -> str | None:
    """To the microsecond, unlike an event's time: the scheduler reads back what it wrote."""
    return value.isoformat() if value else None
