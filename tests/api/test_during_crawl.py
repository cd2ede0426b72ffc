"""A crawl writing to the database does not hold up the extension's requests.

A crawl in another process holds SQLite's write lock for as long as a batch takes. Each thread
of the service reads through its own connection (which in WAL mode never waits for a writer),
the routes that write run in the thread pool, and pages kept by capture are written after the
answer: so flags come back while the lock is held.
"""

from __future__ import annotations

import sqlite3

from tests.api.test_flags import HDI_1, flags, wait_for

NEW_PAGE = "https://www.meetup.com/devops-nj/events/317000002/"


def test_flags_are_answered_while_a_crawl_holds_the_write_lock(api, client):
    profile = client.get("/v1/profile").json()
    page = {"url": NEW_PAGE, "title": "DevOps NJ: GitOps night", "text": "Talks and pizza."}
    assert client.put("/v1/profile", json={**profile, "capture_opt_in": True}).status_code == 200
    crawl = sqlite3.connect(api.db, isolation_level=None)
    try:
        crawl.execute("BEGIN IMMEDIATE")  # what a crawl's batch holds while it writes
        crawl.execute("UPDATE events SET last_seen = last_seen WHERE id = 'meetup:300000001'")
        try:
            known, new = flags(client, {"url": HDI_1}, page)
            assert crawl.in_transaction  # answered while the crawl still holds the lock
        finally:
            crawl.execute("COMMIT")
        assert known["known"] is True and known["crowd"] == "employed"
        assert new["known"] is False and new["title"] == "DevOps NJ: GitOps night"
        # The page is kept once the lock is free (opted in to capture).
        assert wait_for(lambda: client.get("/v1/events/meetup:317000002").status_code == 200)
    finally:
        crawl.close()
        client.put("/v1/profile", json=profile)
