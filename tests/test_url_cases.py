"""meetscout/identify.py answers every case of the table the extension's detectors answer too."""

import json
from pathlib import Path

import pytest

from meetscout.identify import identify
from meetscout.labels import ACCESS_LABELS, LABELS, LABELS_PATH, UNJUDGED
from meetscout.model import Access, Crowd

ROOT = Path(__file__).resolve().parents[1]

CASES = json.loads((ROOT / "browser_extension" / "shared" / "url_cases.json").read_text())["cases"]


def test_the_table_is_shared():
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c["url"] for c in CASES])
def test_identify_answers_as_the_table_says(case):
    found = identify(case["url"])
    assert (found.kind if found else None) == case["kind"]
    if "canonical" in case:
        assert found.url == case["canonical"]
    if case["kind"] in ("event", "group"):
        assert found.id == case.get("id")


def test_labels_come_from_the_file_the_extension_reads():
    words = json.loads(LABELS_PATH.read_text())
    assert LABELS_PATH.is_relative_to(ROOT / "browser_extension")
    assert {c.value: w for c, w in LABELS.items()} == words["crowd"]
    assert {a.value: w for a, w in ACCESS_LABELS.items()} == words["access"]
    assert set(LABELS) == set(Crowd) and set(ACCESS_LABELS) == set(Access)
    assert words["unjudged"] == UNJUDGED
