"""Follow-ups due, as entries in the person's calendar (`calendar_export.SOURCES`), each with a
reminder.

One entry per meeting and due time ("Follow up with 2 people met at PMI chapter dinner"), half an
hour ending at the follow-ups' deadline, with an alarm an hour before it. Entries never name the
people: a calendar app may copy its calendar to a server, and contacts leave the machine only by
the person's own export. `meetscout followups` (or the popup) names them.

Once all of an entry's follow-ups are done it stays, marked cancelled (its alarm gone), rather
than vanishing: some calendar apps keep an entry that is left out as it was.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .log import local_day
from .store import Store, from_iso

if TYPE_CHECKING:
    from .calendar_export import CalendarEntry

SLOT = timedelta(minutes=30)  # the entry ends at the deadline
REMIND_BEFORE = timedelta(hours=1)  # the alarm, before the entry starts
KEEP_PAST = timedelta(days=14)  # follow-ups due this long ago still show


def followup_entries(store: Store, now: datetime) -> list[CalendarEntry]:
    """Follow-ups due from two weeks ago on, grouped by meeting and due time."""
    # Imported here: calendar_export lists this function among its sources.
    from .calendar_export import CalendarEntry

    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in store.followups():
        if from_iso(row["due_at"]) >= now - KEEP_PAST:
            groups[(row["event_id"] or "", row["due_at"])].append(row)
    entries = []
    for (event_id, due), rows in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        due_at = from_iso(due)
        meeting = rows[0]["meeting"] or "a meeting"
        met_at = from_iso(rows[0]["met_at"])
        open_ = [r for r in rows if r["done_at"] is None]
        people = _people(len(open_) or len(rows))
        when = f" on {local_day(met_at)}" if met_at else ""
        if open_:
            title = f"Follow up with {people} met at {meeting}"
            description = (
                f"Follow up with the {people} you met at {meeting}{when}, within two days "
                "of the meeting. `meetscout followups` (or the meetscout popup) lists them; "
                "`meetscout followups done <#>` when done."
            )
        else:
            title = f"Followed up with {people} met at {meeting}"
            description = f"Done: you followed up with the {people} you met at {meeting}{when}."
        entries.append(
            CalendarEntry(
                uid=f"followup-{event_id.replace(':', '-')}-{due_at:%Y%m%dT%H%M%SZ}@meetscout",
                title=title,
                starts_at=due_at - SLOT,
                ends_at=due_at,
                description=description,
                cancelled=not open_,
                remind_before=REMIND_BEFORE,
            )
        )
    return entries


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"
