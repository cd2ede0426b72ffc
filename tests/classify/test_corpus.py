"""The classifier on the labelled corpus (written for tuning) and the holdout (written after)."""

from pathlib import Path

import pytest

from meetscout.classify.evaluate import evaluate_lines, render

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def corpus_report():
    with open(HERE / "corpus.jsonl", encoding="utf-8") as lines:
        return evaluate_lines(lines)


def test_corpus_is_big_and_readable(corpus_report):
    assert corpus_report.total >= 200
    assert not corpus_report.unreadable


def test_corpus_crowd_accuracy(corpus_report):
    assert corpus_report.crowd_accuracy >= 0.95, render(corpus_report)


def test_corpus_kind_accuracy(corpus_report):
    assert corpus_report.kind_accuracy >= 0.85, render(corpus_report)


def test_holdout_generalises():
    """Listings written after the lexicon was tuned, in other words: a check on memorising."""
    with open(HERE / "holdout.jsonl", encoding="utf-8") as lines:
        report = evaluate_lines(lines)
    assert report.total >= 50 and not report.unreadable
    assert report.crowd_accuracy >= 0.90, render(report)
