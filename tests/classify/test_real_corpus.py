"""The real-listings corpus (tests/classify/real): well formed, spread over many sources, labelled
with the project's words, and split by the rule written in its README."""

import re
from collections import Counter
from datetime import datetime

import pytest

from meetscout.classify.classifier import KINDS_OF
from meetscout.classify.listing import listing_event
from meetscout.model import Access
from tests.classify.real import is_sealed, load_real_listings

# Recorded when the corpus was built (README.md, "The sealed split"); update both when adding rows.
SEALED_ROWS = 249
FIELDS = {
    "id", "title", "description", "group_name", "organizer", "url", "is_online", "fee",
    "starts_at", "origin", "expect", "doubtful", "note",
}  # fmt: skip
COMMIT = re.compile(r"[0-9a-f]{40}")
REPOSITORY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*")
TAG = re.compile(r"<[a-zA-Z/][^>]*>")


@pytest.fixture(scope="module")
def rows():
    return load_real_listings("all", include_doubtful=True)


def test_every_row_has_the_fields_in_their_types(rows):
    for row in rows:
        assert set(row) == FIELDS, row["id"]
        assert isinstance(row["title"], str) and row["title"].strip(), row["id"]
        text = row["description"]
        assert text is None or (len(text) <= 1500 and not TAG.search(text)), row["id"]
        assert row["is_online"] in (True, False, None), row["id"]
        assert row["fee"] is None or isinstance(row["fee"], str), row["id"]
        if row["starts_at"] is not None:
            assert datetime.fromisoformat(row["starts_at"]).utcoffset() is not None, row["id"]
        assert isinstance(row["doubtful"], bool), row["id"]


def test_every_row_says_where_it_was_read(rows):
    for row in rows:
        origin = row["origin"]
        assert REPOSITORY.fullmatch(origin["repository"]), row["id"]
        assert origin["path"], row["id"]
        assert COMMIT.fullmatch(origin["commit"]), row["id"]


def test_labels_are_the_projects_words(rows):
    access = {a.value for a in Access}
    for row in rows:
        expect = row["expect"]
        assert expect["kind"] in KINDS_OF[expect["crowd"]], row["id"]
        assert set(expect["access"]) <= access, row["id"]


def test_ids_unique_and_no_exact_duplicates(rows):
    assert len({row["id"] for row in rows}) == len(rows)
    keys = Counter((row["title"].casefold(), row["starts_at"]) for row in rows)
    assert not [key for key, n in keys.items() if n > 1]


def test_big_enough_and_spread_over_many_sources(rows):
    assert sum(not row["doubtful"] for row in rows) >= 1000
    sources = Counter((row["origin"]["repository"], row["origin"]["path"]) for row in rows)
    repositories = Counter(row["origin"]["repository"] for row in rows)
    assert len(sources) >= 20
    assert max(sources.values()) <= 0.10 * len(rows), sources.most_common(1)
    assert max(repositories.values()) <= 0.40 * len(rows), repositories.most_common(1)


def test_every_kind_is_there(rows):
    kinds = Counter(row["expect"]["kind"] for row in rows if not row["doubtful"])
    assert set(kinds) == {kind for kinds_of in KINDS_OF.values() for kind in kinds_of}


def test_the_sealed_rule_picks_the_recorded_rows(rows):
    assert sum(is_sealed(row["id"]) for row in rows) == SEALED_ROWS
    sealed = load_real_listings("sealed", include_doubtful=True)
    tune = load_real_listings("tune", include_doubtful=True)
    assert len(sealed) == SEALED_ROWS and len(sealed) + len(tune) == len(rows)
    assert not {row["id"] for row in sealed} & {row["id"] for row in tune}


def test_the_loader_leaves_doubtful_rows_out_unless_asked(rows):
    scored = load_real_listings()
    assert len(scored) == sum(not row["doubtful"] for row in rows)
    assert not any(row["doubtful"] for row in scored)
    with pytest.raises(ValueError):
        load_real_listings("train")


def test_every_row_reads_as_a_classify_listing(rows):
    for row in rows:
        event = listing_event(row)
        assert event.title == row["title"], row["id"]
