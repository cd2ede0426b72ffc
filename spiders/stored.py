"""What the database already holds, as a spider may ask during its crawl: read only, and never
a reason to stop (a read the database refuses answers "nothing known")."""

from __future__ import annotations

import sqlite3

from meetscout.model import Event
from meetscout.store import Store


class StoredMeetings:
    """Set on the spider by the store pipeline as `spider.stored` once the run has started."""

    def __init__(self, store: Store, run_started: str):
        self.store = store
        self.run_started = run_started

    def event(self, event_id: str) -> Event | None:
        try:
            return self.store.get_event(event_id)
        except sqlite3.Error:
            return None

    def upcoming_ids(self, group_id: str) -> set[str]:
        """The group's upcoming scheduled meetings stored before this crawl began."""
        try:
            return self.store.upcoming_ids(group_id, first_seen_before=self.run_started)
        except sqlite3.Error:
            return set()
