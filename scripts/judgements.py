"""The classifier's judgements of every labelled listing, saved to a file or compared with one:
a check that a change meant only to make the classifier faster judges nothing differently.

Every listing of tests/classify/*.jsonl and tests/classify/real/listings.jsonl is judged as an
event alone, kept to the job seekers' crowd (a person's correction), with its group (judged first,
as the store does) and a profile naming targets, and its group on its own; each judgement is kept
as crowd, kind, access, confidence, reasons and targets.

    .venv/bin/python scripts/judgements.py --save /tmp/before.json  # on the old code
    .venv/bin/python scripts/judgements.py --compare /tmp/before.json  # the new: 1 if any differ
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meetscout.classify import classify_event, classify_group  # noqa: E402
from meetscout.classify.listing import ListingError, listing_event  # noqa: E402
from meetscout.model import Assessment, Crowd, Group, Profile  # noqa: E402

FILES = sorted((ROOT / "tests" / "classify").glob("*.jsonl")) + [
    ROOT / "tests" / "classify" / "real" / "listings.jsonl"
]
# Names common in the listings, so that targets are found and their order is checked.
PROFILE = Profile(
    target_companies=["Google", "Microsoft", "IBM", "Deloitte"],
    target_industries=["healthcare", "finance", "cybersecurity", "real estate", "marketing"],
)


def _kept(assessment: Assessment) -> dict:
    return {
        "crowd": assessment.crowd.value,
        "kind": assessment.kind.value,
        "access": [a.value for a in assessment.access],
        "confidence": round(assessment.confidence, 2),
        "reasons": assessment.reasons,
        "targets": assessment.targets,
    }


def judgements() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in FILES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            key = f"{path.relative_to(ROOT)}:{n + 1}"
            try:
                event = listing_event(json.loads(line))
            except ListingError as exc:
                out[key] = {"error": str(exc)}
                continue
            out[key] = {
                "alone": _kept(classify_event(event)),
                "forced": _kept(classify_event(event, force_crowd=Crowd.job_seekers)),
            }
            if event.group_name:
                group = Group(
                    id=f"group:{key}",
                    source="listing",
                    url="",
                    name=event.group_name,
                    description=event.description,
                    topics=event.topics,
                )
                judged = classify_group(group, PROFILE)
                out[key]["group"] = _kept(judged)
                with_group = group.model_copy(update={"assessment": judged})
                out[key]["with_group"] = _kept(classify_event(event, with_group, PROFILE))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the judgements to this file")
    action.add_argument("--compare", type=Path, help="compare the judgements with this file")
    args = parser.parse_args()
    now = judgements()
    if args.save:
        args.save.write_text(json.dumps(now, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"{len(now)} listings judged, written to {args.save}")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = [key for key in before.keys() | now.keys() if before.get(key) != now.get(key)]
    for key in sorted(differ)[:10]:
        print(f"{key}:\n  before {before.get(key)}\n  now    {now.get(key)}")
    print(f"{len(now)} listings judged; {len(differ)} differ from {args.compare}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
