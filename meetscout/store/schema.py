"""The database's schema, as numbered migrations; `PRAGMA user_version` says how far a file is.

A migration is history: once released it never changes, or databases made before and after the
change would differ. A new column or table is a new migration at the end of MIGRATIONS (and, for
an event or group column, a field in rows.py: tests/test_store_schema.py holds the two together).
Each migration runs in one transaction with the version bump, so a failure leaves the file as it
was.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable

from .transaction import transaction

FTS_COLUMNS = ("title", "description", "group_name")
# Memory the full-text index may use for one batch's terms before it writes a segment (see
# fts_batch_memory); a 50,000-event batch of typical length fits.
FTS_HASH_BYTES = 32 * 1024 * 1024

_ASSESSMENT = """
   crowd TEXT,
   kind TEXT,
   confidence REAL,
   access TEXT,
   reasons TEXT,
   targets TEXT,
   classifier_version TEXT"""


def first_schema(conn: sqlite3.Connection) -> None:
    """Events, groups, crawl runs, the person's corrections and a full-text index of events."""
    conn.execute(
        f"""CREATE TABLE events (
   id TEXT PRIMARY KEY,
   source TEXT NOT NULL,
   url TEXT NOT NULL,
   title TEXT NOT NULL,
   description TEXT,
   starts_at TEXT,
   ends_at TEXT,
   timezone TEXT,
   group_id TEXT,
   group_name TEXT,
   organizer TEXT,
   venue_name TEXT,
   venue_address TEXT,
   venue_city TEXT,
   venue_region TEXT,
   venue_country TEXT,
   venue_lat REAL,
   venue_lon REAL,
   is_online INTEGER,
   fee_amount REAL,
   fee_currency TEXT,
   fee_free INTEGER,
   attendee_count INTEGER,
   status TEXT,
   topics TEXT,
   first_seen TEXT,
   last_seen TEXT,
   content_hash TEXT,{_ASSESSMENT}
)"""
    )
    conn.execute(
        f"""CREATE TABLE groups (
   id TEXT PRIMARY KEY,
   source TEXT NOT NULL,
   url TEXT NOT NULL,
   name TEXT NOT NULL,
   urlname TEXT,
   city TEXT,
   region TEXT,
   country TEXT,
   timezone TEXT,
   member_count INTEGER,
   topics TEXT,
   description TEXT,
   first_seen TEXT,
   last_seen TEXT,
   content_hash TEXT,{_ASSESSMENT}
)"""
    )
    conn.execute(
        """CREATE TABLE runs (
   id INTEGER PRIMARY KEY,
   spider TEXT,
   args TEXT,
   started TEXT,
   finished TEXT,
   status TEXT,
   new INTEGER,
   updated INTEGER,
   unchanged INTEGER,
   invalid INTEGER,
   error TEXT
)"""
    )
    conn.execute(
        """CREATE TABLE feedback (
   id INTEGER PRIMARY KEY,
   scope TEXT,  -- "event" or "group"
   event_id TEXT,
   group_id TEXT,
   crowd TEXT,
   kind TEXT,
   note TEXT,
   created TEXT
)"""
    )
    conn.execute("CREATE INDEX idx_events_starts_at ON events (starts_at)")
    conn.execute("CREATE INDEX idx_events_group_id ON events (group_id)")
    conn.execute("CREATE INDEX idx_events_url ON events (url)")
    conn.execute("CREATE INDEX idx_groups_url ON groups (url)")
    conn.execute("CREATE INDEX idx_runs_spider_started ON runs (spider, started)")
    conn.execute(
        f"CREATE VIRTUAL TABLE events_fts USING fts5({', '.join(FTS_COLUMNS)}, "
        "content='events', content_rowid='rowid', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )


def attendance_contacts_settings(conn: sqlite3.Connection) -> None:
    """How an assessment was reached, cancelled counts, attendance, contacts, settings."""
    conn.execute("ALTER TABLE events ADD COLUMN assessment_basis TEXT")
    conn.execute("ALTER TABLE groups ADD COLUMN assessment_basis TEXT")
    conn.execute("ALTER TABLE runs ADD COLUMN cancelled INTEGER")
    conn.execute(
        "CREATE TABLE attendance (id INTEGER PRIMARY KEY, event_id TEXT, crowd TEXT, "
        "marked_at TEXT)"
    )
    conn.execute("CREATE UNIQUE INDEX idx_attendance_event_id ON attendance (event_id)")
    # Not used yet: the networking log will keep the people met here.
    conn.execute(
        "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT, company TEXT, role TEXT, "
        "event_id TEXT, notes TEXT, created TEXT)"
    )
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")


def fts_batch_memory(conn: sqlite3.Connection) -> None:
    """Lets the full-text index keep a whole batch's terms in memory until the batch commits.

    FTS5 flushes its pending terms to a new segment whenever they pass `hashsize` (1 MiB by
    default), and every segment must later be merged again: at the default, one 10,000-event
    batch already made more than one segment. Measured on 100,000 events, 50,000-event batches
    with this setting cut the index's work by a third. The setting is stored in the index
    itself, so it holds on every connection. (FTS5 reads 'hashsize' as it reads 'pgsz'; it is
    missing from the documented list.)
    """
    # An SQLite without the option indexes as before, only slower in bulk.
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute(
            "INSERT INTO events_fts(events_fts, rank) VALUES ('hashsize', ?)", [FTS_HASH_BYTES]
        )


def state_tables(conn: sqlite3.Connection) -> None:
    """The `settings` table's four key schemes become tables of their own, their rows moved.

    'profile' -> profile; 'schedule:<source>' -> schedule_state; '<site>.pages.<day>' ->
    page_budget; '<site>.blocked_until' -> site_blocks. A schedule record that is not JSON was
    already read as "nothing known" and is not carried over.
    """
    conn.execute("CREATE TABLE profile (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL)")
    conn.execute(
        """CREATE TABLE schedule_state (
   source TEXT PRIMARY KEY,
   last_started TEXT,
   last_finished TEXT,
   last_status TEXT,
   counts TEXT NOT NULL DEFAULT '{}',
   error TEXT,
   run_ids TEXT NOT NULL DEFAULT '[]',
   failures INTEGER NOT NULL DEFAULT 0,
   retry_at TEXT
)"""
    )
    conn.execute(
        "CREATE TABLE page_budget (site TEXT NOT NULL, day TEXT NOT NULL, "
        "pages INTEGER NOT NULL, PRIMARY KEY (site, day))"
    )
    conn.execute("CREATE TABLE site_blocks (site TEXT PRIMARY KEY, until TEXT NOT NULL)")
    profile = "key = 'profile'"
    schedule = "key GLOB 'schedule:*'"
    pages = "key GLOB '*?.pages.[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
    blocked = "key GLOB '*?.blocked_until'"
    conn.execute(f"INSERT INTO profile (id, data) SELECT 1, value FROM settings WHERE {profile}")
    fields = ("last_started", "last_finished", "last_status", "error", "retry_at")
    conn.execute(
        f"INSERT INTO schedule_state (source, {', '.join(fields)}, counts, run_ids, failures) "
        "SELECT substr(key, 10), "
        + ", ".join(f"json_extract(value, '$.{f}')" for f in fields)
        + ", coalesce(json_extract(value, '$.counts'), '{}'),"
        " coalesce(json_extract(value, '$.run_ids'), '[]'),"
        " coalesce(json_extract(value, '$.failures'), 0)"
        f" FROM settings WHERE {schedule} AND json_valid(value)"
    )
    conn.execute(
        "INSERT INTO page_budget (site, day, pages) "
        "SELECT substr(key, 1, length(key) - 17), substr(key, -10), CAST(value AS INTEGER) "
        f"FROM settings WHERE {pages}"
    )
    conn.execute(
        "INSERT INTO site_blocks (site, until) SELECT substr(key, 1, length(key) - 14), value "
        f"FROM settings WHERE {blocked} AND value IS NOT NULL"
    )
    conn.execute(f"DELETE FROM settings WHERE {profile} OR {schedule} OR {pages} OR {blocked}")
    # meetscout never wrote another key; if something else did, its rows stay where they were.
    if conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0:
        conn.execute("DROP TABLE settings")


def plan_and_calendar(conn: sqlite3.Connection) -> None:
    """The weekly plan's choices and when the person last looked at it; the calendar
    subscription's secrets and what each calendar entry last said (for its SEQUENCE)."""
    conn.execute(
        "CREATE TABLE plan_choices (event_id TEXT PRIMARY KEY, "
        "choice TEXT NOT NULL CHECK (choice IN ('accepted', 'swapped', 'dropped')), "
        "at TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE plan_looked (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL)"
    )
    # Only a hash finds a secret, so a revoked one can still be told apart from a made-up one;
    # the secret itself is kept while it is current, for `meetscout calendar url` to print.
    conn.execute(
        "CREATE TABLE calendar_secrets (id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, "
        "secret TEXT, created TEXT NOT NULL, revoked TEXT)"
    )
    conn.execute(
        "CREATE TABLE calendar_versions (uid TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, "
        "sequence INTEGER NOT NULL, changed TEXT NOT NULL)"
    )


def feed_validators(conn: sqlite3.Connection) -> None:
    """What a calendar feed's server said identifies its answer (ETag, Last-Modified), so the
    next crawl can ask "changed since?" and an unchanged feed costs one small answer."""
    conn.execute(
        "CREATE TABLE feed_validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, "
        "read_at TEXT NOT NULL)"
    )


def same_meetings(conn: sqlite3.Connection) -> None:
    """One meeting listed on several sites (the chapter's own, Meetup, LinkedIn): each listing
    stays its own row, and a listing found to be another's meeting points at that one, the
    listing shown for the meeting (see meetscout/store/same_meeting.py)."""
    conn.execute(
        "CREATE TABLE same_meetings (event_id TEXT PRIMARY KEY, same_as TEXT NOT NULL, "
        "linked_at TEXT NOT NULL)"
    )
    conn.execute("CREATE INDEX idx_same_meetings_same_as ON same_meetings (same_as)")
    # Listings of other sources near a time: a range of this index per source.
    conn.execute("CREATE INDEX idx_events_source_starts_at ON events (source, starts_at)")


def networking_log(conn: sqlite3.Connection) -> None:
    """The networking log: attended or skipped, what each meeting marked was (kept should it
    vanish from its source or the file move to a machine that never crawled it), how to reach
    a contact, follow-ups and outcomes. Contacts, follow-ups and outcomes carry a random `uid`,
    so an export imported elsewhere merges with what is there instead of doubling it."""
    snapshot = ("title", "url", "starts_at", "group_id", "group_name", "kind")
    for column in ("outcome", "outcome_at", *snapshot):
        conn.execute(f"ALTER TABLE attendance ADD COLUMN {column} TEXT")
    conn.execute(
        "UPDATE attendance SET "
        + ", ".join(f"{c} = e.{c}" for c in snapshot)
        + " FROM events e WHERE e.id = attendance.event_id"
    )
    for column in ("how", "uid", "updated"):
        conn.execute(f"ALTER TABLE contacts ADD COLUMN {column} TEXT")
    conn.execute("UPDATE contacts SET uid = lower(hex(randomblob(16))), updated = created")
    conn.execute("CREATE UNIQUE INDEX idx_contacts_uid ON contacts (uid)")
    conn.execute("CREATE INDEX idx_contacts_event_id ON contacts (event_id)")
    conn.execute(
        """CREATE TABLE followups (
   id INTEGER PRIMARY KEY,
   uid TEXT NOT NULL UNIQUE,
   contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
   due_at TEXT NOT NULL,
   done_at TEXT,
   created TEXT NOT NULL,
   updated TEXT NOT NULL
)"""
    )
    conn.execute("CREATE INDEX idx_followups_contact_id ON followups (contact_id)")
    conn.execute("CREATE INDEX idx_followups_due_at ON followups (due_at)")
    conn.execute(
        """CREATE TABLE outcomes (
   id INTEGER PRIMARY KEY,
   uid TEXT NOT NULL UNIQUE,
   kind TEXT NOT NULL,
   contact_id INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
   event_id TEXT,
   happened_on TEXT NOT NULL,
   note TEXT,
   created TEXT NOT NULL
)"""
    )
    conn.execute("CREATE INDEX idx_outcomes_contact_id ON outcomes (contact_id)")


def profile_file_digest(conn: sqlite3.Connection) -> None:
    """Which `[profile]` section of meetscout.toml was last copied into the stored profile (a
    digest of the keys it set), so the file is copied again only when it changes and an edit
    made since (the extension's options, `meetscout profile set`) lasts until then."""
    conn.execute("ALTER TABLE profile ADD COLUMN file_digest TEXT")


def fts_found_by_tools(conn: sqlite3.Connection) -> None:
    """The full-text index again, declared as Datasette and sqlite-utils look for it.

    Both find a table's index by its SQL text, `content="events"` or `content=[events]`; the
    first schema wrote `content='events'`, so they saw no index and a search returned every row
    (issue 18 item 11). The index is rebuilt from the events, and keeps its batch memory.
    """
    conn.execute("DROP TABLE events_fts")
    conn.execute(
        f"CREATE VIRTUAL TABLE events_fts USING fts5({', '.join(FTS_COLUMNS)}, "
        'content="events", content_rowid="rowid", '
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    conn.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
    fts_batch_memory(conn)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    first_schema,
    attendance_contacts_settings,
    fts_batch_memory,
    state_tables,
    plan_and_calendar,
    feed_validators,
    same_meetings,
    networking_log,
    profile_file_digest,
    fts_found_by_tools,
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring an older database up to `target`; returns the version it is at.

    Each migration runs in one transaction with its version mark, under the write lock, so two
    processes opening a new file at once cannot both run it, and a crash leaves the file as it
    was. It runs idempotently too (see _Idempotent), so a file an older meetscout left with
    tables but no version mark is completed rather than refused.
    """
    current = _version(conn)
    while current < target:
        with transaction(conn):
            current = _version(conn)  # another process may have migrated it meanwhile
            if current < target:
                MIGRATIONS[current](_Idempotent(conn))  # type: ignore[arg-type]
                current += 1
                conn.execute(f"PRAGMA user_version = {current}")
    return current


_CREATE = re.compile(
    r"^\s*CREATE\s+(UNIQUE\s+INDEX|INDEX|VIRTUAL\s+TABLE|TABLE)\s+(?!IF\s+NOT\s+EXISTS)",
    re.IGNORECASE,
)
_ADD_COLUMN = re.compile(r"^\s*ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)", re.IGNORECASE)


class _Idempotent:
    """A connection on which a migration's CREATE and ADD COLUMN statements do nothing when
    what they make is already there; everything else passes through unchanged."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def execute(self, sql: str, params=()):
        sql = _CREATE.sub(lambda m: f"CREATE {m.group(1)} IF NOT EXISTS ", sql, count=1)
        added = _ADD_COLUMN.match(sql)
        if added:
            table, column = added.groups()
            have = {row[1].lower() for row in self._conn.execute(f"PRAGMA table_info({table})")}
            if column.lower() in have:
                return self._conn.execute("SELECT 1")
        return self._conn.execute(sql, params)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def _version(conn: sqlite3.Connection) -> int:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"this database was made by a newer meetscout (schema {current}, "
            f"this one knows {SCHEMA_VERSION}); upgrade meetscout"
        )
    return current
