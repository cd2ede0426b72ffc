"""Train the classifier's weights from the labelled listings in the repository.

    python -m meetscout.classify.train                  # writes meetscout/classify/weights.json
    python -m meetscout.classify.train --cross-validate # and checks how well that generalises

The rows are the real listings outside the sealed split (tests/classify/real, "tune") and the
written cases of tests/classify/corpus.jsonl; the holdouts and the sealed split are never read
here. The model is a logistic regression over the features `features.py` reads (scikit-learn, a
development dependency only: meetscout reads the weights it writes in plain Python).

So that it learns what a listing says rather than which calendar it came from, a word counts only
when it appears in listings from at least MIN_SOURCES sources (calendar files; the written cases
count as one): a venue's or a feed's own words drop out, "résumé" and "hiring" stay. Very common
words and numbers (dates, years) are left out too. The lexicon's cues and the context features
are always kept.

`--cross-validate` prints two checks on the tune split: five-fold cross-validation, and leaving
out each repository in turn (trained on the others), which shows how the model does on a kind of
calendar it has never seen.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .evaluate import Report, evaluate_rows, in_split, summary
from .features import local_time, read_event
from .lexicon import Lexicon, load_lexicon
from .listing import listing_event
from .weights import KINDS, WEIGHTS_PATH, Weights, parse_weights

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "classify" / "real" / "listings.jsonl"
WRITTEN = ROOT / "tests" / "classify" / "corpus.jsonl"
C = 3.0  # inverse strength of the L2 penalty (scikit-learn's C)
MIN_SOURCES = 2
# A cue's features count this much where a word's count 1: the L2 penalty then lets one cue,
# which pools many phrases a maintainer chose, move the score further than a word seen a few times.
CUE_SCALE = 2.0
DIGITS = 3  # weights are written rounded to this many decimals
PRUNE = 0.1  # a feature whose weights differ by less across the kinds is left out


def training_rows() -> list[dict[str, Any]]:
    """The real listings outside the sealed split (not doubtful), then the written cases."""
    rows = []
    for path in (REAL, WRITTEN):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if path == WRITTEN or (not row["doubtful"] and in_split(row["id"], "tune")):
                    rows.append(row)
    return rows


def dump(data: dict[str, Any]) -> str:
    """JSON with one feature a line, in order, so that a retraining shows as a readable diff."""
    head = {k: v for k, v in data.items() if k != "weights"}
    lines = [json.dumps(head, sort_keys=True, ensure_ascii=False)[:-1] + ', "weights": {']
    rows = sorted(data["weights"].items())
    lines += [
        f"{json.dumps(f, ensure_ascii=False)}: {json.dumps(w)}{',' if i < len(rows) - 1 else ''}"
        for i, (f, w) in enumerate(rows)
    ]
    return "\n".join(lines) + "\n}}\n"


def source_of(row: dict[str, Any]) -> str:
    origin = row.get("origin")
    return f"{origin['repository']}/{origin['path']}" if origin else "written"


def repository_of(row: dict[str, Any]) -> str:
    origin = row.get("origin")
    return origin["repository"] if origin else "written"


def features_of(lex: Lexicon, row: dict[str, Any]) -> set[str]:
    event = listing_event(row)
    reading = read_event(lex, event, event.group_name, local_time(event, None))
    return set(reading.features).union(reading.words)


# Words too common to say anything about who goes (kept out of the weights).
STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or our the their this to "
    "us we will with you your com http https org www edu".split()
)


def word_of(feature: str) -> str | None:
    """The word a word feature stands for, or None for a cue or a context feature."""
    return None if ":" in feature else feature


def scale_of(feature: str, cue_scale: float) -> float:
    return cue_scale if feature.startswith(("cue:", "name-cue:")) else 1.0


def fit(
    lex: Lexicon,
    rows: Sequence[dict[str, Any]],
    c: float = C,
    cue_scale: float = CUE_SCALE,
) -> dict[str, Any]:
    """Weights as the JSON object `weights.json` holds."""
    from scipy.sparse import lil_matrix  # development dependencies, imported only to train
    from sklearn.linear_model import LogisticRegression

    features = [features_of(lex, row) for row in rows]
    sources: dict[str, set[str]] = defaultdict(set)
    for row, found in zip(rows, features, strict=True):
        for feature in found:
            if word_of(feature) is not None:
                sources[feature].add(source_of(row))
    dropped = {
        f
        for f, s in sources.items()
        if len(s) < MIN_SOURCES
        or word_of(f) in STOPWORDS
        or len(word_of(f) or "") < 2
        or (word_of(f) or "").isdigit()  # dates and years tell when a calendar was read
    }
    kept = sorted({f for found in features for f in found} - dropped)
    scale = [scale_of(f, cue_scale) for f in kept]
    column = {f: i for i, f in enumerate(kept)}
    matrix = lil_matrix((len(rows), len(kept)))
    for i, found in enumerate(features):
        for feature in found:
            if feature in column:
                matrix[i, column[feature]] = scale[column[feature]]
    labels = [row["expect"]["kind"] for row in rows]
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix.tocsr(), labels)
    order = [list(model.classes_).index(kind) for kind in KINDS if kind in model.classes_]
    if len(order) != len(KINDS):
        raise SystemExit("every kind needs labelled rows to train on")
    weights = {}
    for feature, j in column.items():
        row = [round(float(model.coef_[k, j]) * scale[j], DIGITS) for k in order]
        if max(row) - min(row) >= PRUNE:
            weights[feature] = row
    return {
        "about": {
            "trained_on": f"{len(rows)} rows from {len({source_of(r) for r in rows})} sources",
            "labels": dict(sorted(Counter(labels).items())),
            "C": c,
            "cue_scale": cue_scale,
            "min_sources": MIN_SOURCES,
            "features": len(weights),
        },
        "kinds": [kind.value for kind in KINDS],
        "bias": [round(float(model.intercept_[k]), DIGITS) for k in order],
        "weights": weights,
    }


def as_weights(data: dict[str, Any]) -> Weights:
    return parse_weights(json.dumps(data))


def cross_validate(lex: Lexicon, rows: list[dict[str, Any]]) -> None:
    tune = [r for r in rows if "origin" in r]
    written = [r for r in rows if "origin" not in r]
    folds: dict[str, list[int]] = defaultdict(list)
    for i in range(len(tune)):  # five folds by position, each holding every source
        folds[f"fold {i % 5 + 1}"].append(i)
    by_repository: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(tune):
        by_repository[repository_of(row)].append(i)
    for title, groups in (("five-fold", folds), ("leave one repository out", by_repository)):
        print(f"\n{title} (tune split, {len(tune)} rows)")
        total = Report()
        for name, held in sorted(groups.items()):
            out = set(held)
            train = [r for i, r in enumerate(tune) if i not in out] + written
            weights = as_weights(fit(lex, train))
            report = evaluate_rows([tune[i] for i in held], weights=weights)
            total.extend(report)
            print(f"  {name:<40} {summary(report)}")
        print(f"  {'all':<40} {summary(total)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(WEIGHTS_PATH), help="where to write the weights")
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="also print five-fold and leave-one-repository-out figures on the tune split",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    lex = load_lexicon()
    rows = training_rows()
    data = fit(lex, rows)
    Path(args.out).write_text(dump(data), encoding="utf-8")
    print(
        f"{args.out}: {data['about']['features']} features, trained on "
        f"{data['about']['trained_on']} in {time.perf_counter() - start:.1f} s"
    )
    if args.cross_validate:
        cross_validate(lex, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
