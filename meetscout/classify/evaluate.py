"""Measure the classifier on labelled listings: accuracy, per-class precision and recall, a
confusion matrix, access-cue precision and recall, and the cases it got wrong."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..model import Crowd, Kind, Profile
from .classifier import classify_event
from .listing import ListingError, listing_event


@dataclass
class Miss:
    line: int
    id: str | None
    title: str
    expected: dict[str, Any]
    got: dict[str, Any]
    reasons: list[str]


@dataclass
class Report:
    total: int = 0
    unreadable: list[str] = field(default_factory=list)
    crowd_pairs: list[tuple[str, str]] = field(default_factory=list)
    kind_pairs: list[tuple[str, str]] = field(default_factory=list)
    access_hits: Counter = field(default_factory=Counter)  # cue -> true positives
    access_said: Counter = field(default_factory=Counter)  # cue -> predicted
    access_true: Counter = field(default_factory=Counter)  # cue -> expected
    misses: list[Miss] = field(default_factory=list)

    @property
    def crowd_accuracy(self) -> float:
        return _accuracy(self.crowd_pairs)

    @property
    def kind_accuracy(self) -> float:
        return _accuracy(self.kind_pairs)


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(e == g for e, g in pairs) / len(pairs) if pairs else 0.0


def evaluate_lines(lines, profile: Profile | None = None) -> Report:
    report = Report()
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            obj = orjson.loads(raw)
            expect = obj.get("expect") if isinstance(obj, dict) else None
            if not isinstance(expect, dict) or "crowd" not in expect:
                raise ListingError('needs "expect": {"crowd", "kind", "access"}')
            event = listing_event(obj)
        except (orjson.JSONDecodeError, ListingError, ValueError) as exc:
            report.unreadable.append(f"line {number}: {exc}")
            continue
        got = classify_event(event, profile=profile)
        report.total += 1
        report.crowd_pairs.append((expect["crowd"], got.crowd.value))
        if expect.get("kind"):
            report.kind_pairs.append((expect["kind"], got.kind.value))
        said = {a.value for a in got.access}
        if "access" in expect:
            truth = set(expect["access"] or [])
            for cue in said:
                report.access_said[cue] += 1
                report.access_hits[cue] += cue in truth
            for cue in truth:
                report.access_true[cue] += 1
        if got.crowd.value != expect["crowd"] or (
            expect.get("kind") and got.kind.value != expect["kind"]
        ):
            report.misses.append(
                Miss(
                    line=number,
                    id=obj.get("id"),
                    title=event.title,
                    expected={"crowd": expect["crowd"], "kind": expect.get("kind")},
                    got={"crowd": got.crowd.value, "kind": got.kind.value},
                    reasons=got.reasons,
                )
            )
    return report


def _prf(pairs: list[tuple[str, str]], label: str) -> tuple[float, float, int]:
    tp = sum(e == label and g == label for e, g in pairs)
    said = sum(g == label for _, g in pairs)
    true = sum(e == label for e, _ in pairs)
    return (tp / said if said else 0.0, tp / true if true else 0.0, true)


def render(report: Report) -> str:
    out = [f"{report.total} labelled listings"]
    if report.unreadable:
        out.append(f"{len(report.unreadable)} lines could not be read:")
        out += [f"  {u}" for u in report.unreadable]
    out.append(f"crowd accuracy: {report.crowd_accuracy:.1%}")
    out.append(f"kind accuracy:  {report.kind_accuracy:.1%}")
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
        short = {x: x[:10] for x in used}
        out.append(" " * 26 + " ".join(f"{short[x]:>10}" for x in used))
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
    out.append("")
    out.append(f"misclassified: {len(report.misses)}")
    for miss in report.misses:
        out.append(
            f"  line {miss.line} {miss.id or ''} {miss.title!r}: expected "
            f"{miss.expected['crowd']}/{miss.expected['kind']}, got "
            f"{miss.got['crowd']}/{miss.got['kind']}"
        )
        for reason in miss.reasons:
            out.append(f"      - {reason}")
    return "\n".join(out)
