"""The local SQLite store, and the only keeper of meetscout's SQL.

    from meetscout.store import Store, EventQuery

    with Store(path) as store:          # Store(":memory:") for tests, Store() for the person's own
        store.upsert_events(events)
        store.search_events(EventQuery(text="project management", crowd="employed"))

One module per topic, each a part of `Store`: events.py (bulk upsert, reading, cancellations),
search.py, groups.py, assessments.py (stored judgements), runs.py (crawl runs), personal.py (the
person's profile and corrections), log.py (the networking log: attendance, contacts, follow-ups,
outcomes), log_transfer.py (its export and merging import), crawl_state.py (schedule state, page
budgets, blocks), feeds.py (calendar feeds' validators), plan.py (the weekly plan's choices),
calendar.py (the calendar subscription); beneath them connection.py (a connection per thread),
schema.py (numbered migrations), rows.py (rows <-> models), upsert.py (the bulk upsert by content
hash) and same_meeting.py (one meeting listed on several sites).
"""

from __future__ import annotations

from .assessments import Assessments
from .calendar import CalendarFeed
from .crawl_state import CrawlState
from .events import Events
from .feeds import Feeds
from .groups import Groups
from .log import NetworkLog, name_key, same_person
from .log_transfer import LogTransfer
from .personal import Personal
from .plan import Plans
from .rows import (
    ASSESSMENT_COLUMNS,
    event_row,
    from_iso,
    group_row,
    now_utc,
    row_assessment,
    row_event,
    row_group,
)
from .runs import RUN_STATUSES, Runs
from .schema import FTS_HASH_BYTES, SCHEMA_VERSION
from .search import SORTS, EventQuery, QueryError
from .upsert import MAX_ROWID, UpsertCounts


class Store(
    Events,
    Groups,
    Assessments,
    Runs,
    Personal,
    NetworkLog,
    LogTransfer,
    CrawlState,
    Plans,
    CalendarFeed,
    Feeds,
):
    """One SQLite database. `Store(":memory:")` for tests, `Store()` for the person's own.

    Safe to share between threads: each thread gets its own connection to the file.
    """


__all__ = [
    "ASSESSMENT_COLUMNS",
    "FTS_HASH_BYTES",
    "MAX_ROWID",
    "NetworkLog",
    "RUN_STATUSES",
    "SCHEMA_VERSION",
    "SORTS",
    "EventQuery",
    "QueryError",
    "Store",
    "UpsertCounts",
    "event_row",
    "from_iso",
    "name_key",
    "group_row",
    "now_utc",
    "row_assessment",
    "row_event",
    "row_group",
    "same_person",
]
