"""The compiled classifier: used when built from the current sources, and judging exactly as the
plain Python does."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from meetscout.classify import RUNS, classify_event, native
from meetscout.classify.listing import listing_event

HERE = Path(__file__).parent
CAN_BUILD = shutil.which(os.environ.get("CC", "cc")) is not None

DUMP = """
import sys, orjson
from meetscout.classify import RUNS, classify_event
from meetscout.classify.listing import listing_event
print(RUNS)
for line in sys.stdin:
    print(classify_event(listing_event(orjson.loads(line))).model_dump_json())
"""


@pytest.mark.skipif(not CAN_BUILD, reason="no C compiler here: the classifier runs as Python")
@pytest.mark.skipif("MEETSCOUT_PURE_PYTHON" in os.environ, reason="plain Python asked for")
def test_the_classifier_runs_compiled_where_it_can_be_built():
    assert RUNS.startswith("compiled"), f"{RUNS}; `make setup` compiles it, and says why not"


@pytest.mark.skipif(not RUNS.startswith("compiled"), reason=f"classifier not compiled: {RUNS}")
def test_compiled_and_python_judge_alike():
    lines = (HERE / "corpus.jsonl").read_text() + (HERE / "holdout.jsonl").read_text()
    python = subprocess.run(
        [sys.executable, "-c", DUMP],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MEETSCOUT_PURE_PYTHON": "1"},
    ).stdout.splitlines()
    assert python[0].startswith("python")
    compiled = [
        classify_event(listing_event(orjson.loads(line))).model_dump_json()
        for line in lines.splitlines()
    ]
    assert python[1:] == compiled


def test_a_build_from_other_sources_is_not_loaded(tmp_path, monkeypatch):
    monkeypatch.delenv("MEETSCOUT_PURE_PYTHON", raising=False)
    assert native.load(tmp_path).startswith("python (not compiled")
    stale = {name: "0" * 64 for name in native.MODULES}
    (tmp_path / native.MANIFEST).write_text(
        json.dumps({"sources": stale, "python": native.build_tag(), "shared": "x", "files": {}})
    )
    assert native.load(tmp_path).startswith("python (compiled from other sources")
    assert not native.usable({"sources": native.source_hashes(), "python": "other"}, {})
    monkeypatch.setenv("MEETSCOUT_PURE_PYTHON", "1")
    assert native.load(tmp_path).startswith("python (MEETSCOUT_PURE_PYTHON")


def test_a_broken_build_leaves_the_python_in_place(tmp_path, monkeypatch):
    monkeypatch.delenv("MEETSCOUT_PURE_PYTHON", raising=False)
    manifest = {
        "sources": native.source_hashes(),
        "python": native.build_tag(),
        "shared": "meetscout_missing__mypyc",
        "files": {"meetscout_missing__mypyc": "missing.so"},
    }
    (tmp_path / native.MANIFEST).write_text(json.dumps(manifest))
    before = dict(sys.modules)
    assert native.load(tmp_path).startswith("python (compiled modules failed to load")
    assert "meetscout_missing__mypyc" not in sys.modules
    assert sys.modules["meetscout.classify.classifier"] is before["meetscout.classify.classifier"]
