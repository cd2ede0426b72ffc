"""Measure the classifier on labelled listings: accuracy, a confusion matrix, per-class precision
and recall, access-cue precision and recall, and the worst mistakes (the most confident first).

A labelled line is a listing with `"expect": {"crowd", "kind", "access"}`; one marked
`"doubtful": true` is left out of every figure. `split` keeps the sealed fifth of the rows (or the
other four fifths) by the rule of tests/classify/real/README.md.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

from ..model import SURE_AT, Crowd, Kind, Profile
from .classifier import classify_event
from .listing import ListingError, listing_event
from .weights import Weights

Split = Literal["all", "sealed", "tune"]


def is_sealed(row_id: str) -> bool:
    """The sealed fifth of a labelled corpus, chosen by the row's id alone: adding rows never
    moves an old one. Never tune on these rows; measure on them to report a figure."""
    return int(hashlib.sha256(row_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def in_split(row_id: Any, split: Split) -> bool:
    if split == "all":
        return True
    return is_sealed(str(row_id or "")) == (split == "sealed")


@dataclass
class Judged:
    line: int
    id: str | None
    title: str
    expected: tuple[str, str]  # crowd, kind
    got: tuple[str, str]
    confidence: float
    reasons: list[str]


@dataclass
class Report:
    judged: list[Judged] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    doubtful: int = 0
    access_hits: Counter = field(default_factory=Counter)  # cue -> true positives
    access_said: Counter = field(default_factory=Counter)  # cue -> predicted
    access_true: Counter = field(default_factory=Counter)  # cue -> expected

    def extend(self, other: Report) -> None:
        self.judged += other.judged
        self.unreadable += other.unreadable
        self.doubtful += other.doubtful
        for mine, theirs in (
            (self.access_hits, other.access_hits),
            (self.access_said, other.access_said),
            (self.access_true, other.access_true),
        ):
            mine.update(theirs)

    @property
    def total(self) -> int:
        return len(self.judged)

    @property
    def crowd_pairs(self) -> list[tuple[str, str]]:
        return [(j.expected[0], j.got[0]) for j in self.judged]

    @property
    def kind_pairs(self) -> list[tuple[str, str]]:
        return [(j.expected[1], j.got[1]) for j in self.judged]

    @property
    def crowd_accuracy(self) -> float:
        return _accuracy(self.crowd_pairs)

    @property
    def kind_accuracy(self) -> float:
        return _accuracy(self.kind_pairs)

    def precision(self, crowd: str) -> float:
        return _prf(self.crowd_pairs, crowd)[0]

    def recall(self, crowd: str) -> float:
        return _prf(self.crowd_pairs, crowd)[1]

    @property
    def misses(self) -> list[Judged]:
        """The wrong judgements, the most confident first."""
        wrong = [j for j in self.judged if j.got != j.expected]
        return sorted(wrong, key=lambda j: (j.got[0] == j.expected[0], -j.confidence))

    @property
    def unsure(self) -> int:
        return sum(j.confidence < SURE_AT for j in self.judged)


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(e == g for e, g in pairs) / len(pairs) if pairs else 0.0


def _prf(pairs: list[tuple[str, str]], label: str) -> tuple[float, float, int]:
    tp = sum(e == label and g == label for e, g in pairs)
    said = sum(g == label for _, g in pairs)
    true = sum(e == label for e, _ in pairs)
    return (tp / said if said else 0.0, tp / true if true else 0.0, true)


def evaluate_rows(
    rows: Iterable[dict[str, Any]],
    profile: Profile | None = None,
    *,
    weights: Weights | None = None,
    split: Split = "all",
) -> Report:
    return evaluate_lines(
        (orjson.dumps(row) for row in rows), profile, weights=weights, split=split
    )


def evaluate_lines(
    lines: Iterable[str | bytes],
    profile: Profile | None = None,
    *,
    weights: Weights | None = None,
    split: Split = "all",
) -> Report:
    report = Report()
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            obj = orjson.loads(raw)
            expect = obj.get("expect") if isinstance(obj, dict) else None
            if not isinstance(expect, dict) or "crowd" not in expect:
                raise ListingError('needs "expect": {"crowd", "kind", "access"}')
            if not in_split(obj.get("id"), split):
                continue
            if obj.get("doubtful"):
                report.doubtful += 1
                continue
            event = listing_event(obj)
        except (orjson.JSONDecodeError, ListingError, ValueError) as exc:
            report.unreadable.append(f"line {number}: {exc}")
            continue
        got = classify_event(event, profile=profile, weights=weights)
        report.judged.append(
            Judged(
                line=number,
                id=obj.get("id"),
                title=event.title,
                expected=(expect["crowd"], expect.get("kind") or got.kind.value),
                got=(got.crowd.value, got.kind.value),
                confidence=got.confidence,
                reasons=got.reasons,
            )
        )
        said = {a.value for a in got.access}
        if "access" in expect:
            truth = set(expect["access"] or [])
            for cue in said:
                report.access_said[cue] += 1
                report.access_hits[cue] += cue in truth
            for cue in truth:
                report.access_true[cue] += 1
    return report


def summary(report: Report) -> str:
    """One line: the figures the classifier is held to."""
    employed = sum(g == Crowd.employed for _, g in report.crowd_pairs)
    return (
        f"n={report.total:<4} crowd {report.crowd_accuracy:6.1%}  "
        f"employed precision {report.precision(Crowd.employed):6.1%} ({employed:>3} flags)  "
        f"job-seeker recall {report.recall(Crowd.job_seekers):6.1%}  "
        f"kind {report.kind_accuracy:6.1%}"
    )


def render(report: Report, worst: int = 20) -> str:
    out = [f"{report.total} labelled listings"]
    if report.doubtful:
        out[0] += f" ({report.doubtful} marked doubtful left out)"
    if report.unreadable:
        out.append(f"{len(report.unreadable)} lines could not be read:")
        out += [f"  {u}" for u in report.unreadable]
    employed_flags = sum(g == Crowd.employed for _, g in report.crowd_pairs)
    out.append(f"crowd accuracy: {report.crowd_accuracy:.1%}")
    out.append(f"kind accuracy:  {report.kind_accuracy:.1%}")
    out.append(
        f"the employed flag is right {report.precision(Crowd.employed):.1%} of the time "
        f"({employed_flags} flags); job-seeker meetings found: "
        f"{report.recall(Crowd.job_seekers):.1%}"
    )
    out.append(f"not sure (confidence under {SURE_AT:.0%}): {report.unsure}")
    for title, pairs, labels in (
        ("crowd", report.crowd_pairs, [c.value for c in Crowd]),
        ("kind", report.kind_pairs, [k.value for k in Kind]),
    ):
        out.append("")
        out.append(f"{title:<26} precision  recall  support")
        for label in labels:
            p, r, n = _prf(pairs, label)
            if n or any(g == label for _, g in pairs):
                out.append(f"  {label:<24} {p:>8.1%} {r:>7.1%} {n:>8}")
        out.append("")
        out.append(f"{title} confusion (rows: expected, columns: got)")
        used = [x for x in labels if any(x in pair for pair in pairs)]
        out.append(" " * 26 + " ".join(f"{x[:10]:>10}" for x in used))
        counts = Counter(pairs)
        for e in used:
            out.append(f"  {e:<24}" + " ".join(f"{counts[(e, g)]:>10}" for g in used))
    out.append("")
    out.append("access cue                 precision  recall  support")
    for cue in sorted(set(report.access_said) | set(report.access_true)):
        said, true, hits = report.access_said[cue], report.access_true[cue], report.access_hits[cue]
        p = hits / said if said else 0.0
        r = hits / true if true else 0.0
        out.append(f"  {cue:<24} {p:>8.1%} {r:>7.1%} {true:>8}")
    misses = report.misses
    out.append("")
    out.append(
        f"wrong: {len(misses)}, the worst first (a wrong crowd before a wrong kind, "
        "then the most confident)"
    )
    for miss in misses[:worst]:
        out.append(
            f"  line {miss.line} {miss.id or ''} {miss.title!r}: expected "
            f"{'/'.join(miss.expected)}, got {'/'.join(miss.got)} ({miss.confidence:.0%} sure)"
        )
        for reason in miss.reasons:
            out.append(f"      - {reason}")
    if len(misses) > worst:
        out.append(f"  … and {len(misses) - worst} more")
    return "\n".join(out)
