"""How many pages a careful crawl may still fetch from a site today, and when a site that said
"no" may be asked again. Both live in the store's `settings` table, so they hold across runs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from .store import Store


class PageBudget:
    """Pages fetched from `site` on the person's local calendar day, counted across runs."""

    def __init__(self, store: Store, site: str, limit: int, today: date | None = None):
        self.store, self.site, self.limit = store, site, limit
        self.key = f"{site}.pages.{(today or datetime.now().astimezone().date()).isoformat()}"

    def used(self) -> int:
        row = self.store.db.execute("SELECT value FROM settings WHERE key = ?", [self.key])
        found = row.fetchone()
        return int(found[0]) if found else 0

    def left(self) -> int:
        return max(0, self.limit - self.used())

    def spend(self) -> int:
        """Count one page; the count is kept even if the crawl stops right after."""
        self.store.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE "
            "SET value = CAST(value AS INTEGER) + 1",
            [self.key],
        )
        return self.used()


def blocked_until(store: Store, site: str) -> datetime | None:
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [f"{site}.blocked_until"])
    found = row.fetchone()
    if not found:
        return None
    try:
        return datetime.fromisoformat(found[0])
    except ValueError:
        return None


def block_until(store: Store, site: str, until: datetime | None) -> None:
    """Remember not to ask `site` again before `until` (None: forget it)."""
    key = f"{site}.blocked_until"
    if until is None:
        store.db.execute("DELETE FROM settings WHERE key = ?", [key])
        return
    store.db["settings"].upsert(
        {"key": key, "value": until.astimezone(UTC).isoformat(timespec="seconds")}, pk="key"
    )
