"""The local SQLite store: events, groups, crawl runs and the person's own data.

Writes go in batches with a content hash, so a re-crawl of unchanged pages only moves `last_seen`;
the full-text index is kept in step by set-based statements rather than per-row triggers, which is
what keeps 100,000 upserts within a few seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson
import sqlite_utils

from .model import Assessment, Crowd, Event, Fee, Group, Kind, Profile, Status, Venue
from .paths import default_db_path

# Rows per transaction. Each commit flushes the full-text index's pending terms as one new
# segment, and FTS5 later merges segments; fewer, larger batches mean less merging.
BATCH = 50000
# Ids travel as one JSON array, so a batch is not bound by SQLite's limit on bound variables.
_IDS = "(SELECT value FROM json_each(?))"
MAX_ROWID = 2**63 - 1
# Memory the full-text index may use for one batch's terms before it writes a segment (see
# _migrate_3); a 50,000-event batch of typical length fits.
FTS_HASH_BYTES = 32 * 1024 * 1024
# A text search ranks or sorts at most this many of the newest matches, so a common word at a
# million rows stays fast; filters apply inside that window.
SEARCH_WINDOW = 5000
FTS_COLUMNS = ("title", "description", "group_name")
SORTS = ("soonest", "latest", "newest", "relevance")


class QueryError(ValueError):
    """A search the person typed that SQLite cannot run; the message says how to fix it."""


@dataclass
class UpsertCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    cancelled: int = 0

    def add(self, other: UpsertCounts) -> None:
        for name in ("new", "updated", "unchanged", "invalid", "cancelled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class EventQuery:
    text: str | None = None
    crowd: str | None = None
    kind: str | None = None
    access: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    online: bool | None = None
    group_id: str | None = None
    status: str | None = None
    limit: int = 20
    offset: int = 0
    sort: str = "soonest"
    extra: dict[str, Any] = field(default_factory=dict)


def now_utc() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | None) -> str | None:
    # orjson writes a UTC datetime exactly as isoformat(timespec="seconds") does
    # ("2026-12-01T23:00:00+00:00"), several times faster: it runs twice per stored event.
    if not value:
        return None
    return orjson.dumps(value.astimezone(UTC), option=orjson.OPT_OMIT_MICROSECONDS)[1:-1].decode()


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


# --- schema -------------------------------------------------------------------------------------

EVENT_COLUMNS = {
    "id": str,
    "source": str,
    "url": str,
    "title": str,
    "description": str,
    "starts_at": str,
    "ends_at": str,
    "timezone": str,
    "group_id": str,
    "group_name": str,
    "organizer": str,
    "venue_name": str,
    "venue_address": str,
    "venue_city": str,
    "venue_region": str,
    "venue_country": str,
    "venue_lat": float,
    "venue_lon": float,
    "is_online": int,
    "fee_amount": float,
    "fee_currency": str,
    "fee_free": int,
    "attendee_count": int,
    "status": str,
    "topics": str,
    "first_seen": str,
    "last_seen": str,
    "content_hash": str,
    "crowd": str,
    "kind": str,
    "confidence": float,
    "access": str,
    "reasons": str,
    "targets": str,
    "classifier_version": str,
}

GROUP_COLUMNS = {
    "id": str,
    "source": str,
    "url": str,
    "name": str,
    "urlname": str,
    "city": str,
    "region": str,
    "country": str,
    "timezone": str,
    "member_count": int,
    "topics": str,
    "description": str,
    "first_seen": str,
    "last_seen": str,
    "content_hash": str,
    "crowd": str,
    "kind": str,
    "confidence": float,
    "access": str,
    "reasons": str,
    "targets": str,
    "classifier_version": str,
}


def _migrate_1(db: sqlite_utils.Database) -> None:
    """The first schema: events, groups, runs, feedback and a full-text index."""
    db["events"].create(EVENT_COLUMNS, pk="id", not_null={"source", "url", "title"})
    db["groups"].create(GROUP_COLUMNS, pk="id", not_null={"source", "url", "name"})
    db["runs"].create(
        {
            "id": int,
            "spider": str,
            "args": str,
            "started": str,
            "finished": str,
            "status": str,
            "new": int,
            "updated": int,
            "unchanged": int,
            "invalid": int,
            "error": str,
        },
        pk="id",
    )
    db["feedback"].create(
        {
            "id": int,
            "scope": str,  # "event" or "group"
            "event_id": str,
            "group_id": str,
            "crowd": str,
            "kind": str,
            "note": str,
            "created": str,
        },
        pk="id",
    )
    db["events"].create_index(["starts_at"])
    db["events"].create_index(["group_id"])
    db["events"].create_index(["url"])
    db["groups"].create_index(["url"])
    db["runs"].create_index(["spider", "started"])
    db.execute(
        "CREATE VIRTUAL TABLE events_fts USING fts5("
        + ", ".join(FTS_COLUMNS)
        + ", content='events', content_rowid='rowid',"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )


def _migrate_2(db: sqlite_utils.Database) -> None:
    """Adds how an assessment was reached, cancelled counts, attendance, contacts, profile."""
    db["events"].add_column("assessment_basis", str)
    db["groups"].add_column("assessment_basis", str)
    db["runs"].add_column("cancelled", int)
    db["attendance"].create({"id": int, "event_id": str, "crowd": str, "marked_at": str}, pk="id")
    db["attendance"].create_index(["event_id"], unique=True)
    db["contacts"].create(
        {
            "id": int,
            "name": str,
            "company": str,
            "role": str,
            "event_id": str,
            "notes": str,
            "created": str,
        },
        pk="id",
    )
    db["settings"].create({"key": str, "value": str}, pk="key")


def _migrate_3(db: sqlite_utils.Database) -> None:
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
        db.execute(
            "INSERT INTO events_fts(events_fts, rank) VALUES ('hashsize', ?)", [FTS_HASH_BYTES]
        )


MIGRATIONS = [_migrate_1, _migrate_2, _migrate_3]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database, target: int = SCHEMA_VERSION) -> int:
    """Bring an older database up to `target`; each step runs in its own transaction."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"this database was made by a newer meetscout (schema {current}, "
            f"this one knows {SCHEMA_VERSION}); upgrade meetscout"
        )
    for version in range(current + 1, target + 1):
        MIGRATIONS[version - 1](db)
        db.execute(f"PRAGMA user_version = {version}")
    return max(current, target)


# --- rows <-> models ----------------------------------------------------------------------------


def _assessment_columns(a: Assessment | None) -> dict[str, Any]:
    if a is None:
        return {}
    return {
        "crowd": a.crowd.value,
        "kind": a.kind.value,
        "confidence": a.confidence,
        "access": _json(sorted(x.value for x in a.access)),
        "reasons": _json(a.reasons),
        "targets": _json(a.targets),
        "classifier_version": a.classifier_version,
        "assessment_basis": a.basis,
    }


_NO_VENUE: dict[str, Any] = dict.fromkeys(Venue.model_fields)


def event_row(event: Event) -> dict[str, Any]:
    # Reads the models' field dicts directly: attribute access and enum properties cost a
    # noticeable share of a 100,000-event upsert. Key order is the hash's input order.
    e = event.__dict__
    venue = e["venue"].__dict__ if e["venue"] is not None else _NO_VENUE
    fee = e["fee"].__dict__ if e["fee"] is not None else None
    online = e["is_online"]
    row = {
        "id": e["id"],
        "source": e["source"],
        "url": e["url"],
        "title": e["title"],
        "description": e["description"],
        "starts_at": _iso(e["starts_at"]),
        "ends_at": _iso(e["ends_at"]),
        "timezone": e["timezone"],
        "group_id": e["group_id"],
        "group_name": e["group_name"],
        "organizer": e["organizer"],
        "venue_name": venue["name"],
        "venue_address": venue["address"],
        "venue_city": venue["city"],
        "venue_region": venue["region"],
        "venue_country": venue["country"],
        "venue_lat": venue["lat"],
        "venue_lon": venue["lon"],
        "is_online": None if online is None else int(online),
        "fee_amount": fee["amount"] if fee else None,
        "fee_currency": fee["currency"] if fee else None,
        "fee_free": int(fee["free"]) if fee else None,
        "attendee_count": e["attendee_count"],
        "status": Status(e["status"]).value,
        "topics": _json(e["topics"]),
    }
    row["content_hash"] = _row_hash(row)
    if e["assessment"] is not None:
        row.update(_assessment_columns(e["assessment"]))
    return row


def group_row(group: Group) -> dict[str, Any]:
    row = {
        "id": group.id,
        "source": group.source,
        "url": group.url,
        "name": group.name,
        "urlname": group.urlname,
        "city": group.city,
        "region": group.region,
        "country": group.country,
        "timezone": group.timezone,
        "member_count": group.member_count,
        "topics": _json(group.topics),
        "description": group.description,
    }
    row["content_hash"] = _row_hash(row)
    row.update(_assessment_columns(group.assessment))
    return row


def _row_hash(row: dict[str, Any]) -> str:
    """What changed means: any stored content column, not when it was seen or how it was judged."""
    return hashlib.blake2b(orjson.dumps(list(row.values())), digest_size=12).hexdigest()


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def row_assessment(row: dict[str, Any]) -> Assessment | None:
    if not row.get("crowd"):
        return None
    return Assessment(
        crowd=row["crowd"],
        kind=row["kind"],
        confidence=row["confidence"] or 0,
        access=orjson.loads(row["access"] or "[]"),
        reasons=orjson.loads(row["reasons"] or "[]"),
        targets=orjson.loads(row["targets"] or "[]"),
        classifier_version=row["classifier_version"] or "",
        basis=row.get("assessment_basis") or "classifier",
    )


def row_event(row: dict[str, Any]) -> Event:
    venue_fields = {k[6:]: row[k] for k in row if k.startswith("venue_")}
    fee = None
    if row["fee_free"] is not None:
        fee = Fee(
            amount=row["fee_amount"], currency=row["fee_currency"], free=bool(row["fee_free"])
        )
    return Event(
        id=row["id"],
        source=row["source"],
        url=row["url"],
        title=row["title"],
        description=row["description"],
        starts_at=_dt(row["starts_at"]),
        ends_at=_dt(row["ends_at"]),
        timezone=row["timezone"],
        group_id=row["group_id"],
        group_name=row["group_name"],
        organizer=row["organizer"],
        venue=Venue(**venue_fields) if any(v is not None for v in venue_fields.values()) else None,
        is_online=None if row["is_online"] is None else bool(row["is_online"]),
        fee=fee,
        attendee_count=row["attendee_count"],
        status=Status(row["status"]),
        topics=orjson.loads(row["topics"] or "[]"),
        first_seen=_dt(row["first_seen"]),
        last_seen=_dt(row["last_seen"]),
        assessment=row_assessment(row),
    )


def row_group(row: dict[str, Any]) -> Group:
    return Group(
        id=row["id"],
        source=row["source"],
        url=row["url"],
        name=row["name"],
        urlname=row["urlname"],
        city=row["city"],
        region=row["region"],
        country=row["country"],
        timezone=row["timezone"],
        member_count=row["member_count"],
        topics=orjson.loads(row["topics"] or "[]"),
        description=row["description"],
        first_seen=_dt(row["first_seen"]),
        last_seen=_dt(row["last_seen"]),
        assessment=row_assessment(row),
    )


# --- the store ----------------------------------------------------------------------------------


def _chunks(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Store:
    """One SQLite database. `Store(":memory:")` for tests, `Store()` for the person's own."""

    def __init__(self, path: str | Path | None = None, *, migrate_to: int = SCHEMA_VERSION):
        path = default_db_path() if path is None else path
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.db = sqlite_utils.Database(conn)
        if str(path) != ":memory:":
            self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA cache_size=-65536")  # 64 MiB: keeps index pages hot on big crawls
        self.db.execute("PRAGMA busy_timeout=5000")
        self.db.execute("PRAGMA foreign_keys=ON")
        migrate(self.db, migrate_to)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- writing --

    def upsert_events(
        self, events: Iterable[Event], *, seen: datetime | None = None
    ) -> UpsertCounts:
        """Insert new events, update changed ones, and only touch `last_seen` on unchanged ones."""
        counts = UpsertCounts()
        stamp = _iso(seen or now_utc())
        for chunk in _chunks(events):
            counts.add(self._upsert_chunk("events", [event_row(e) for e in chunk], stamp, fts=True))
        return counts

    def upsert_groups(
        self, groups: Iterable[Group], *, seen: datetime | None = None
    ) -> UpsertCounts:
        counts = UpsertCounts()
        stamp = _iso(seen or now_utc())
        for chunk in _chunks(groups):
            counts.add(
                self._upsert_chunk("groups", [group_row(g) for g in chunk], stamp, fts=False)
            )
        return counts

    def _upsert_chunk(
        self, table: str, rows: list[dict[str, Any]], stamp: str, *, fts: bool
    ) -> UpsertCounts:
        # The last row wins when a batch names one id twice (overlapping search pages).
        by_id = {row["id"]: row for row in rows}
        conn = self.db.conn
        counts = UpsertCounts()
        conn.execute("BEGIN IMMEDIATE")
        try:
            known = dict(
                conn.execute(
                    f"SELECT id, content_hash FROM {table} WHERE id IN {_IDS}", [_json(list(by_id))]
                )
            )
            new = [r for i, r in by_id.items() if i not in known]
            changed = [r for i, r in by_id.items() if i in known and known[i] != r["content_hash"]]
            same = [r for i, r in by_id.items() if i in known and known[i] == r["content_hash"]]
            # New rows get rowids above the largest one (SQLite's rule until rowids run out), so
            # the full-text index reads them back as one range instead of looking up each id.
            top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
            # Parameters are generated row by row: a list of 50,000 lists would wake Python's
            # garbage collector again and again, each time walking every event in memory.
            for (cols, _nulls), shaped in _by_shape(new).items():
                values = _getter(cols)
                names = (*cols, "first_seen", "last_seen")  # a column left out is NULL
                sql = (
                    f"INSERT INTO {table} ({','.join(names)}) VALUES ({','.join('?' * len(names))})"
                )
                conn.executemany(sql, ((*values(r), stamp, stamp) for r in shaped))
            if fts and new:
                if top < MAX_ROWID:
                    self._fts_insert("rowid > ?", top)
                else:  # rowids ran out, so SQLite picked free ones at random
                    self._fts_insert(f"id IN {_IDS}", _json([r["id"] for r in new]))
            if changed:
                changed_ids = _json([r["id"] for r in changed])
                if fts:
                    self._fts_delete(changed_ids)
                for (cols, nulls), shaped in _by_shape(changed).items():
                    cols = tuple(c for c in cols if c != "id")
                    values = _getter(cols)
                    sets = [f"{c}=?" for c in cols] + [f"{c}=NULL" for c in nulls]
                    conn.executemany(
                        f"UPDATE {table} SET {','.join(sets)}, last_seen=? WHERE id=?",
                        ((*values(r), stamp, r["id"]) for r in shaped),
                    )
                if fts:
                    self._fts_insert(f"id IN {_IDS}", changed_ids)
            if same:
                conn.execute(
                    f"UPDATE {table} SET last_seen=? WHERE id IN {_IDS}",
                    [stamp, _json([r["id"] for r in same])],
                )
                # An assessment may arrive for unchanged content (a new classifier version).
                assessed = [r for r in same if "crowd" in r]
                if assessed:
                    cols = ASSESSMENT_COLUMNS
                    sets = ",".join(f"{c}=?" for c in cols)
                    conn.executemany(
                        f"UPDATE {table} SET {sets} WHERE id=?",
                        [[r[c] for c in cols] + [r["id"]] for r in assessed],
                    )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        counts.new, counts.updated, counts.unchanged = len(new), len(changed), len(same)
        return counts

    def _fts_delete(self, ids_json: str) -> None:
        """Take these events' text out of the index (external content needs the old text)."""
        cols = ",".join(FTS_COLUMNS)
        self.db.conn.execute(
            f"INSERT INTO events_fts(events_fts, rowid, {cols}) "
            f"SELECT 'delete', rowid, {cols} FROM events WHERE id IN {_IDS}",
            [ids_json],
        )

    def _fts_insert(self, where: str, param: Any) -> None:
        cols = ",".join(FTS_COLUMNS)
        self.db.conn.execute(
            f"INSERT INTO events_fts(rowid, {cols}) SELECT rowid, {cols} FROM events WHERE {where}",
            [param],
        )

    def rebuild_fts(self) -> None:
        self.db.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")

    def set_assessment(self, table: str, item_id: str, assessment: Assessment) -> None:
        if table not in ("events", "groups"):
            raise ValueError(table)
        cols = _assessment_columns(assessment)
        sets = ",".join(f"{c}=?" for c in cols)
        self.db.execute(f"UPDATE {table} SET {sets} WHERE id=?", [*cols.values(), item_id])

    def mark_cancelled(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        cur = self.db.execute(
            # Forget the hash too, so an event that comes back unchanged is stored as scheduled.
            "UPDATE events SET status='cancelled', content_hash=NULL "
            f"WHERE status != 'cancelled' AND id IN {_IDS}",
            [_json(ids)],
        )
        return cur.rowcount

    def cancel_vanished(
        self,
        group_id: str,
        listed_ids: Iterable[str],
        *,
        now: datetime | None = None,
        source: str = "meetup",
    ) -> int:
        """Mark cancelled the group's upcoming events that its complete listing no longer shows.

        Only events still ahead (after `now`) and still scheduled are touched; past ones simply
        drop off a listing. The content hash is cleared so that an event which comes back is
        stored again as scheduled rather than skipped as unchanged.
        """
        listed = list(dict.fromkeys(listed_ids))
        params: list[Any] = [group_id, source, _iso(now or now_utc())]
        sql = (
            "UPDATE events SET status = 'cancelled', content_hash = '' "
            "WHERE group_id = ? AND source = ? AND status = 'scheduled' AND starts_at > ?"
        )
        if listed:
            sql += " AND id NOT IN (SELECT value FROM json_each(?))"
            params.append(_json(listed))
        return self.db.execute(sql, params).rowcount

    # -- reading --

    def get_event(self, event_id: str) -> Event | None:
        rows = list(self.db.query("SELECT * FROM events WHERE id = ?", [event_id]))
        return row_event(rows[0]) if rows else None

    def get_group(self, group_id: str) -> Group | None:
        rows = list(self.db.query("SELECT * FROM groups WHERE id = ?", [group_id]))
        return row_group(rows[0]) if rows else None

    def find_by_url(self, url: str) -> Event | Group | None:
        """The event or group stored under this canonical URL."""
        for table, convert in (("events", row_event), ("groups", row_group)):
            rows = list(self.db.query(f"SELECT * FROM {table} WHERE url = ? LIMIT 1", [url]))
            if rows:
                return convert(rows[0])
        return None

    def count(self, table: str = "events") -> int:
        return self.db[table].count

    def search_events(self, query: EventQuery) -> list[Event]:
        sql, params = _search_sql(query)
        try:
            rows = list(self.db.query(sql, params))
        except sqlite3.OperationalError as exc:
            # With words given, a parse failure is the words' fault; a locked or broken file is not.
            if query.text and not any(w in str(exc) for w in ("locked", "disk", "no such table")):
                raise QueryError(
                    f"Cannot search for {query.text!r}: {exc}. Use plain words, put a phrase in "
                    'double quotes ("project management"), and join words with AND, OR or NOT '
                    "only between two words."
                ) from None
            raise
        return [row_event(r) for r in rows]

    # -- crawl runs --

    def start_run(self, spider: str, args: dict[str, Any] | None = None) -> int:
        table = self.db["runs"]
        table.insert({"spider": spider, "args": _json(args or {}), "started": _iso(now_utc())})
        return table.last_pk

    def finish_run(
        self, run_id: int, status: str, counts: UpsertCounts | None = None, error: str | None = None
    ) -> None:
        if status not in ("ok", "partial", "blocked", "failed", "interrupted"):
            raise ValueError(f"unknown run status {status!r}")
        counts = counts or UpsertCounts()
        self.db["runs"].update(
            run_id,
            {
                "finished": _iso(now_utc()),
                "status": status,
                "new": counts.new,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
                "invalid": counts.invalid,
                "cancelled": counts.cancelled,
                "error": error,
            },
        )

    def recent_runs(self, limit: int = 20, spider: str | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE spider = ?", [spider]) if spider else ("", [])
        return list(
            self.db.query(
                f"SELECT * FROM runs {where} ORDER BY started DESC, id DESC LIMIT ?",
                [*params, limit],
            )
        )

    # -- the person's corrections --

    def add_feedback(
        self,
        scope: str,
        crowd: str,
        *,
        event_id: str | None = None,
        group_id: str | None = None,
        kind: str | None = None,
        note: str | None = None,
    ) -> int:
        """Record the person's correction for one event (scope "event") or every event of a group
        (scope "group"). The newest correction of a scope wins; nothing is overwritten."""
        if scope not in ("event", "group"):
            raise ValueError(f"scope must be 'event' or 'group', not {scope!r}")
        if scope == "event" and not event_id:
            raise ValueError("an event correction needs the event's id")
        if scope == "group" and not group_id:
            raise ValueError("a group correction needs the group's id")
        Crowd(crowd)
        if kind is not None:
            Kind(kind)
        table = self.db["feedback"]
        table.insert(
            {
                "scope": scope,
                "event_id": event_id,
                "group_id": group_id,
                "crowd": crowd,
                "kind": kind,
                "note": note,
                "created": _iso(now_utc()),
            }
        )
        return table.last_pk

    def list_feedback(
        self, *, event_id: str | None = None, group_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Corrections, newest first; with ids, only those for that event or group."""
        where, params = [], []
        if event_id:
            where.append("(scope = 'event' AND event_id = ?)")
            params.append(event_id)
        if group_id:
            where.append("(scope = 'group' AND group_id = ?)")
            params.append(group_id)
        sql = "SELECT * FROM feedback"
        if where:
            sql += " WHERE " + " OR ".join(where)
        return list(self.db.query(sql + " ORDER BY id DESC", params))

    def set_assessments(self, table: str, pairs: Iterable[tuple[str, Assessment]]) -> int:
        """Store many assessments in one transaction (re-classifying a whole store)."""
        if table not in ("events", "groups"):
            raise ValueError(table)
        rows = [[*_assessment_columns(a).values(), item_id] for item_id, a in pairs]
        if not rows:
            return 0
        sets = ",".join(f"{c}=?" for c in ASSESSMENT_COLUMNS)
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(f"UPDATE {table} SET {sets} WHERE id=?", rows)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return len(rows)

    def iter_rows(self, table: str, size: int = 2000) -> Iterator[list[Event] | list[Group]]:
        """Every event or group, in batches, by rowid (for re-classifying a whole store)."""
        if table not in ("events", "groups"):
            raise ValueError(table)
        convert = row_event if table == "events" else row_group
        last = 0
        while True:
            sql = f"SELECT rowid AS _rowid, * FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?"
            rows = list(self.db.query(sql, [last, size]))
            if not rows:
                return
            last = rows[-1]["_rowid"]
            yield [convert({k: v for k, v in r.items() if k != "_rowid"}) for r in rows]

    # -- the person's profile --

    def get_profile(self) -> Profile:
        rows = list(self.db.query("SELECT value FROM settings WHERE key = 'profile'"))
        return Profile.model_validate_json(rows[0]["value"]) if rows else Profile()

    def save_profile(self, profile: Profile) -> None:
        self.db["settings"].upsert({"key": "profile", "value": profile.model_dump_json()}, pk="key")


ASSESSMENT_COLUMNS = (
    "crowd",
    "kind",
    "confidence",
    "access",
    "reasons",
    "targets",
    "classifier_version",
    "assessment_basis",
)


# (columns with a value, columns that are NULL)
Shape = tuple[tuple[str, ...], tuple[str, ...]]


def _by_shape(rows: list[dict[str, Any]]) -> dict[Shape, list[dict[str, Any]]]:
    """Rows grouped by which columns they fill and which they leave NULL.

    Rows without an assessment carry no assessment columns, so they must not blank a stored one.
    NULLs go into the SQL text rather than as parameters: Python's sqlite3 looks for an adapter
    before it binds None, which cost more than half of a plain insert of these rows.
    """
    shapes: dict[Shape, list[dict[str, Any]]] = {}
    for row in rows:
        nulls = tuple(k for k, v in row.items() if v is None)
        shapes.setdefault((tuple(row), nulls), []).append(row)
    return {
        (tuple(c for c in cols if c not in nulls), nulls): same
        for (cols, nulls), same in shapes.items()
    }


def _getter(cols: list[str] | tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A row's values for these columns, as a tuple even for one column."""
    get = itemgetter(*cols)
    return get if len(cols) > 1 else lambda row: (get(row),)


def _search_sql(q: EventQuery) -> tuple[str, list[Any]]:
    if q.sort not in SORTS:
        raise QueryError(f"Unknown sort {q.sort!r}; choose one of: {', '.join(SORTS)}")
    where: list[str] = []
    params: list[Any] = []
    source = "events e"
    if q.text and q.text.strip():
        # Bound the work: take the newest matches first (the index streams them in rowid order).
        # bm25 costs per row, so rank only when asked to.
        rank = "rank" if q.sort == "relevance" else "0"
        source = (
            f"(SELECT rowid AS fts_rowid, {rank} AS fts_rank FROM events_fts "
            f"WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT {SEARCH_WINDOW}) f "
            "JOIN events e ON e.rowid = f.fts_rowid"
        )
        params.append(q.text.strip())
    for column, value in (("crowd", q.crowd), ("kind", q.kind), ("status", q.status)):
        if value:
            where.append(f"e.{column} = ?")
            params.append(value)
    if q.group_id:
        where.append("e.group_id = ?")
        params.append(q.group_id)
    if q.access:
        where.append("EXISTS (SELECT 1 FROM json_each(e.access) WHERE value = ?)")
        params.append(q.access)
    if q.date_from:
        where.append("e.starts_at >= ?")
        params.append(_iso(q.date_from))
    if q.date_to:
        where.append("e.starts_at < ?")
        params.append(_iso(q.date_to))
    if q.online is not None:
        where.append("e.is_online = ?")
        params.append(int(q.online))
    order = {
        "soonest": "e.starts_at IS NULL, e.starts_at ASC, e.id",
        "latest": "e.starts_at DESC, e.id",
        "newest": "e.first_seen DESC, e.id",
        "relevance": "f.fts_rank, e.starts_at" if q.text else "e.starts_at",
    }[q.sort]
    # Sort narrow (rowid and sort keys), then fetch whole rows for the one page we return.
    inner = f"SELECT e.rowid AS hit, row_number() OVER (ORDER BY {order}) AS pos FROM {source}"
    if where:
        inner += " WHERE " + " AND ".join(where)
    inner += f" ORDER BY {order} LIMIT ? OFFSET ?"
    params += [max(0, min(q.limit, 1000)), max(0, q.offset)]
    sql = f"SELECT e.* FROM ({inner}) page JOIN events e ON e.rowid = page.hit ORDER BY page.pos"
    return sql, params
