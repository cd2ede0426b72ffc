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


@pytest.mark.parametrize("name, size", [("holdout.jsonl", 60), ("holdout2.jsonl", 30)])
def test_holdout_generalises(name, size):
    """Listings written after the lexicon was tuned, in other words: a check on memorising.

    First passes, before any change they suggested: holdout 93.5% crowd / 91.9% kind, holdout2
    (written after the changes the first one led to) 97.2% / 94.4%."""
    with open(HERE / name, encoding="utf-8") as lines:
        report = evaluate_lines(lines)
    assert report.total >= size and not report.unreadable
    assert report.crowd_accuracy >= 0.90, render(report)
