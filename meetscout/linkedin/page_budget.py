"""How many pages a careful crawl may still fetch from a site today, counted across runs in the
store (which also remembers when a site that said "no" may be asked again: `Store.block_until`).
"""

from __future__ import annotations

from datetime import date, datetime

from ..store import Store


class PageBudget:
    """Pages fetched from `site` on the person's local calendar day, counted across runs."""

    def __init__(self, store: Store, site: str, limit: int, today: date | None = None):
        self.store, self.site, self.limit = store, site, limit
        self.day = today or datetime.now().astimezone().date()

    def used(self) -> int:
        return self.store.pages_fetched(self.site, self.day)

    def left(self) -> int:
        return max(0, self.limit - self.used())

    def spend(self) -> int:
        """Count one page; the count is kept even if the crawl stops right after."""
        return self.store.count_page(self.site, self.day)
