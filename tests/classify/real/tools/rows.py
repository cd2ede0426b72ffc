"""Turn transcribed calendar entries into rows of `listings.jsonl`.

Each entry was read with the search tools' `read_file` (an ICS feed, an event JSON file, a page of
Meetup listings) and written down as one JSON object a line, in a short form:

    {"s": "<source key>", "uid": "<UID or other key stable within the file>", "t": "<title>",
     "d": "<description, HTML allowed>", "at": "20260408T170000" | "2026-04-08T17:00:00-07:00" |
     "20260408T170000Z" | null, "tz": "<IANA zone, when `at` has no offset>", "u": "<url>",
     "g": "<group>", "o": "<organizer>", "on": true | false | null, "fee": "<as the listing says>",
     "L": "<crowd> <kind> [<access>,...]", "x": 1 when doubtful, "n": "<note>"}

The sources file maps each key to {"repository", "path", "commit", "calendar", and optional
defaults "group", "organizer", "tz", "online"}. Labels use short codes (see CROWDS, KINDS,
ACCESS). The output is sorted by source, then start, then title, so that a rebuild is stable.

Usage: python rows.py SOURCES.json OUT.jsonl TRANSCRIPTS.jsonl...
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from meetscout.sources.text import html_to_text

CROWDS = {"e": "employed", "j": "job_seekers", "n": "not_networking"}
KINDS = {
    "pa": "professional_association",
    "al": "alumni",
    "im": "industry_meetup",
    "ws": "workshop_seminar",
    "jg": "job_seeker_group",
    "cf": "career_fair",
    "nn": "not_networking",
}
ACCESS = {
    "fr": "free",
    "fj": "free_for_job_seekers",
    "gp": "guest_pass",
    "vo": "volunteer",
    "dr": "drinks_only",
    "vi": "virtual",
    "mo": "members_only",
}
MAX_DESCRIPTION = 1500


def plain_text(value: str | None) -> str | None:
    """The listing's text without tags, spaces tidied, cut at a word to MAX_DESCRIPTION."""
    if not value:
        return None
    text = html_to_text(value) if re.search(r"<[a-zA-Z/][^>]*>", value) else html.unescape(value)
    text = text.replace("\xa0", " ")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if len(text) > MAX_DESCRIPTION:
        cut = text[:MAX_DESCRIPTION]
        text = cut[: cut.rfind(" ")].rstrip() if " " in cut else cut
    return text or None


def iso_start(at: str | None, zone: str | None) -> str | None:
    """ISO 8601 with an offset, or None (no time given, or a whole-day entry)."""
    if not at:
        return None
    at = at.strip()
    if re.fullmatch(r"\d{8}", at):
        return None  # a whole-day entry has no hour to give
    if re.fullmatch(r"\d{8}T\d{6}Z", at):
        moment = datetime.strptime(at, "%Y%m%dT%H%M%SZ").replace(tzinfo=ZoneInfo("UTC"))
        local = moment.astimezone(ZoneInfo(zone)) if zone else moment
        return local.isoformat()
    if re.fullmatch(r"\d{8}T\d{4,6}", at):
        fmt = "%Y%m%dT%H%M%S" if len(at) == 15 else "%Y%m%dT%H%M"
        naive = datetime.strptime(at, fmt)
    else:
        parsed = datetime.fromisoformat(at.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            return (parsed.astimezone(ZoneInfo(zone)) if zone else parsed).isoformat()
        naive = parsed
    if not zone:
        raise ValueError(f"start {at!r} has no offset and its source no zone")
    return naive.replace(tzinfo=ZoneInfo(zone)).isoformat()


def row_id(repository: str, path: str, uid: str) -> str:
    return hashlib.sha256(f"{repository}:{path}:{uid}".encode()).hexdigest()[:16]


def labels(code: str) -> dict:
    parts = code.split()
    crowd, kind = CROWDS[parts[0]], KINDS[parts[1]]
    access = [ACCESS[a] for a in parts[2].split(",")] if len(parts) > 2 else []
    return {"crowd": crowd, "kind": kind, "access": access}


def build(sources: dict, entries: list[dict]) -> list[dict]:
    rows, seen_ids, seen_keys = [], set(), set()
    for entry in entries:
        src = sources[entry["s"]]
        title = plain_text(entry["t"])
        start = iso_start(entry.get("at"), entry.get("tz") or src.get("tz"))
        key = ((title or "").casefold(), start)
        if key in seen_keys:
            continue  # an exact duplicate: same title, same start
        ident = row_id(src["repository"], src["path"], entry["uid"])
        if ident in seen_ids:
            raise ValueError(f"two entries share the uid {entry['uid']!r} in {entry['s']}")
        seen_keys.add(key)
        seen_ids.add(ident)
        online = entry.get("on", src.get("online"))
        rows.append(
            {
                "id": ident,
                "title": title,
                "description": plain_text(entry.get("d")),
                "group_name": entry.get("g", src.get("group")),
                "organizer": entry.get("o", src.get("organizer")),
                "url": entry.get("u"),
                "is_online": online,
                "fee": entry.get("fee"),
                "starts_at": start,
                "origin": {
                    "repository": src["repository"],
                    "path": src["path"],
                    "commit": src["commit"],
                },
                "expect": labels(entry["L"]),
                "doubtful": bool(entry.get("x")),
                "note": entry.get("n"),
            }
        )
    order = {key: n for n, key in enumerate(sources)}
    by_key = {(s["repository"], s["path"]): order[k] for k, s in sources.items()}
    rows.sort(
        key=lambda r: (
            by_key[(r["origin"]["repository"], r["origin"]["path"])],
            r["starts_at"] or "",
            r["title"] or "",
        )
    )
    return rows


def main(argv: list[str]) -> None:
    sources = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    entries = []
    for name in argv[2:]:
        for number, line in enumerate(Path(name).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    entries.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{name}:{number}: {exc}") from None
    rows = build(sources, entries)
    with open(argv[1], "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows from {len(entries)} entries")


if __name__ == "__main__":
    main(sys.argv[1:])
