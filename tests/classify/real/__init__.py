"""Real event listings copied from public calendars and labelled by hand (see README.md here).

    from tests.classify.real import load_real_listings
    rows = load_real_listings("tune")  # tune on these; "sealed" only for the final figure

Each row is also a line `meetscout.classify.evaluate.evaluate_lines` reads:
`evaluate_lines(json.dumps(row) for row in rows)`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from meetscout.classify.evaluate import is_sealed  # the rule, kept where --evaluate uses it

LISTINGS = Path(__file__).with_name("listings.jsonl")
SPLITS = ("all", "sealed", "tune")


def load_real_listings(
    split: Literal["all", "sealed", "tune"] = "all", *, include_doubtful: bool = False
) -> list[dict[str, Any]]:
    """The rows of one split; doubtful rows (kept out of every score) only when asked for."""
    if split not in SPLITS:
        raise ValueError(f"split should be one of {', '.join(SPLITS)}, not {split!r}")
    rows = []
    with LISTINGS.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            if row["doubtful"] and not include_doubtful:
                continue
            if split != "all" and is_sealed(row["id"]) != (split == "sealed"):
                continue
            rows.append(row)
    return rows
