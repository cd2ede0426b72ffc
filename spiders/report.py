"""What a crawl found out about its sources, beyond the items themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class CrawlReport:
    """Attached to each spider as `spider.report`; the store pipeline turns it into a run row.

    `blocked` and `problems` hold sentences a person can read ("login wall at …").
    """

    invalid: int = 0
    blocked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Groups the site says do not exist (Meetup's 404 "Group not found"): the person's mistake,
    # not the site's, so the run says so with a status (and exit status) of its own.
    missing_groups: list[str] = field(default_factory=list)
    # Worth a look but nothing was lost (a listed time its description contradicts): recorded
    # with the run, without making it partial.
    warnings: list[str] = field(default_factory=list)
    # What the crawl found out on the way ("found an iCalendar feed at …"), for the person.
    notes: list[str] = field(default_factory=list)
    # Upcoming events a source listed, per group id, for marking vanished ones cancelled.
    listed: dict[str, set[str]] = field(default_factory=dict)
    # The days a group's listing covers (a calendar is read some days ahead), when bounded.
    listed_window: dict[str, tuple[datetime, datetime]] = field(default_factory=dict)
    cancelled_ids: set[str] = field(default_factory=set)
    # Meetings a listing no longer showed whose own pages show them still on.
    still_on: set[str] = field(default_factory=set)
    # Groups that used up their time (spiders/group_time.py): their listings cancel nothing.
    out_of_time: set[str] = field(default_factory=set)
    # Set when not even the run's end could be stored (the disk is full): the crawl failed.
    store_error: str | None = None

    def group_missing(self, urlname: str) -> None:
        if urlname not in self.missing_groups:
            self.missing_groups.append(urlname)

    @property
    def status(self) -> str:
        if self.blocked:
            return "blocked"
        if self.missing_groups:
            return "not_found"
        if self.problems:
            return "partial"
        return "ok"

    def error_text(self) -> str | None:
        missing = [
            f"Meetup group '{name}' does not exist (meetup.com answered \"Group not found\"): "
            "check its name, the part of its address after meetup.com/"
            for name in self.missing_groups
        ]
        lines = self.blocked + missing + self.problems + [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines) if lines else None
