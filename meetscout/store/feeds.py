"""Calendar feeds' validators: the ETag and Last-Modified their servers sent with the last answer
read in full, kept per feed address so the next crawl can ask "changed since?"."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from .connection import Connection
from .rows import iso, now_utc


class Feeds(Connection):
    def feed_validators(self, since: datetime) -> dict[str, dict[str, str]]:
        """{feed URL: {"etag": …, "last_modified": …}} for feeds read in full since `since`."""
        rows = self.rows(
            "SELECT url, etag, last_modified FROM feed_validators WHERE read_at >= ?",
            [iso(since)],
        )
        return {
            r["url"]: {k: r[k] for k in ("etag", "last_modified") if r[k]}
            for r in rows
            if r["etag"] or r["last_modified"]
        }

    def save_feed_validators(
        self, validators: Mapping[str, Mapping[str, str]], *, at: datetime | None = None
    ) -> None:
        """Keep what each feed's server sent with an answer read in full just now."""
        stamp = iso(at or now_utc())
        with self.writing() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO feed_validators (url, etag, last_modified, read_at) "
                "VALUES (?, ?, ?, ?)",
                [
                    (url, v.get("etag"), v.get("last_modified"), stamp)
                    for url, v in validators.items()
                ],
            )
