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


def written_report(name):
    with open(HERE / name, encoding="utf-8") as lines:
        return evaluate_lines(lines)


@pytest.mark.parametrize("name, size", [("holdout.jsonl", 60), ("holdout2.jsonl", 30)])
def test_holdout_generalises(name, size):
    """Listings written after the lexicon was tuned, in other words: a check on memorising.

    First passes, before any change they suggested: holdout 93.5% crowd / 91.9% kind, holdout2
    (written after the changes the first one led to) 97.2% / 94.4%. The learned model (trained
    on real listings and corpus.jsonl, never on these) is more careful with a short listing: of
    its misses on the holdouts all but one are "Not sure" (88.7% and 94.4% crowd)."""
    report = written_report(name)
    assert report.total >= size and not report.unreadable
    assert report.crowd_accuracy >= 0.85, render(report)
    sure_and_wrong = [j for j in report.judged if j.got[0] != j.expected[0] and j.confidence >= 0.7]
    assert len(sure_and_wrong) <= 1, render(report)


def test_the_written_cases_stay_right():
    """Issue 19: the cases we wrote (corpus and holdouts, about 300) stay at least 95% right."""
    reports = [written_report(n) for n in ("corpus.jsonl", "holdout.jsonl", "holdout2.jsonl")]
    right = sum(r.crowd_accuracy * r.total for r in reports)
    total = sum(r.total for r in reports)
    assert total >= 300 and right / total >= 0.95
