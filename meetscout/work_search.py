"""The work-search record many unemployment offices ask for: each activity with its date, what it
was, the organisation, the person contacted and how. Written as CSV (for a spreadsheet or an
online form) and as a page to print and sign.

Built from the networking log: meetings attended, people met, follow-ups done and what came of
them. It holds the contacts' names: it is written only when the person asks, to a file of theirs.
"""

from __future__ import annotations

import csv
import html
from dataclasses import astuple, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .labels import OUTCOME_LABELS
from .log import LogRows, local_day_of
from .model import Outcome, Presence
from .store import from_iso

HEADER = ("Date", "Activity", "Organisation", "Person contacted", "How")


@dataclass(frozen=True, order=True)
class Activity:
    day: date
    activity: str
    organisation: str = ""
    person: str = ""
    how: str = ""


def activities(rows: LogRows, start: date, end: date) -> list[Activity]:
    """Activities on days from `start` to `end`, both included, in date order."""
    entries, contacts, outcomes = rows.entries, rows.contacts, rows.outcomes
    found: list[Activity] = []

    def keep(day: date | None, *fields: str) -> None:
        if day is not None and start <= day <= end:
            found.append(Activity(day, *fields))

    meetings = {e["event_id"]: e for e in entries}
    for entry in entries:
        when = from_iso(entry["starts_at"])
        if when is not None and entry["outcome"] == Presence.attended.value:
            keep(
                local_day_of(when),
                f"Attended a networking meeting: {entry['title']}",
                entry["group_name"] or "",
                "",
                _way(entry),
            )
    people = {c["id"]: c for c in contacts}
    for contact in contacts:
        person = _person(contact)
        met_at = from_iso(contact["met_at"])
        meeting = contact["meeting"] or "a meeting"
        if met_at is not None:
            where = meetings.get(contact["event_id"] or "", {})
            keep(
                local_day_of(met_at),
                f"Networking contact at {meeting}",
                contact["company"] or "",
                person,
                _way(where),
            )
        done_at = from_iso(contact["done_at"])
        if done_at is not None:
            keep(
                local_day_of(done_at),
                f"Followed up after meeting at {meeting}",
                contact["company"] or "",
                person,
                contact["how"] or "",
            )
    for outcome in outcomes:
        contact = people.get(outcome["contact_id"] or -1)
        meeting = meetings.get(outcome["event_id"] or "", {})
        keep(
            date.fromisoformat(outcome["happened_on"]),
            OUTCOME_LABELS[Outcome(outcome["kind"])],
            (contact or {}).get("company") or meeting.get("group_name") or "",
            _person(contact) if contact else "",
            (contact or {}).get("how") or "",
        )
    return sorted(found)


def _person(contact: dict[str, Any]) -> str:
    role = contact.get("role")
    return f"{contact['name']} ({role})" if role else contact["name"]


def _way(entry: dict[str, Any]) -> str:
    online = entry.get("is_online")
    return "" if online is None else ("Online" if online else "In person")


def write(found: list[Activity], folder: Path | str, start: date, end: date) -> list[Path]:
    """`work-search-<start>-to-<end>.csv` and `.html` in `folder`; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"work-search-{start.isoformat()}-to-{end.isoformat()}"
    csv_path, html_path = stem.with_suffix(".csv"), stem.with_suffix(".html")
    with csv_path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for a in found:
            writer.writerow([a.day.isoformat(), *astuple(a)[1:]])
    html_path.write_text(page(found, start, end), encoding="utf-8")
    return [csv_path, html_path]


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def page(found: list[Activity], start: date, end: date) -> str:
    """A page that prints on A4 or Letter: a heading, the table, lines to sign."""
    period = f"{_day(start)} to {_day(end)}"
    rows = (
        "\n".join(
            "<tr>"
            + "".join(f"<td>{html.escape(cell)}</td>" for cell in (_day(a.day), *astuple(a)[1:]))
            + "</tr>"
            for a in found
        )
        or f'<tr><td colspan="{len(HEADER)}">No activities recorded in this period.</td></tr>'
    )
    head = "".join(f"<th>{h}</th>" for h in HEADER)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Work-search record, {period}</title>
<style>
  body {{ font: 11pt/1.4 system-ui, sans-serif; margin: 2rem; color: #111; }}
  h1 {{ font-size: 16pt; margin: 0 0 .2rem; }}
  table {{ border-collapse: collapse; width: 100%; margin: 1rem 0; }}
  th, td {{ border: 1px solid #888; padding: 4px 6px; text-align: left; vertical-align: top; }}
  th {{ background: #eee; }}
  td:first-child {{ white-space: nowrap; }}
  .sign {{ margin-top: 2rem; display: flex; gap: 3rem; }}
  .sign span {{ flex: 1; border-top: 1px solid #111; padding-top: 2px; font-size: 9pt; }}
  @page {{ size: landscape; margin: 1.5cm; }}
  @media print {{ body {{ margin: 0; }} tr {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<h1>Work-search record</h1>
<p>{period} · {len(found)} activit{"y" if len(found) == 1 else "ies"}</p>
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
<div class="sign"><span>Name</span><span>Signature</span><span>Date</span></div>
</body>
</html>
"""
