"""Follow-ups due, as entries for the person's calendar, each with a reminder.

One entry per meeting and due time ("Follow up with 2 people met at PMI chapter dinner"), half an
hour ending at the follow-up's deadline, with an alarm an hour before it. Entries never name the
people: a calendar app may copy its calendar to a server, and contacts leave the machine only by
the person's own export. `meetscout followups` (or the popup) names them.

The calendar export of the meetings marked going (issue 15's `meetscout calendar export`) is
meant to take these entries in beside its own; until it does, `followup_vevents` writes them as
iCalendar VEVENTs with their VALARM.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

import icalendar

from .log import local_day
from .store import Store, from_iso, now_utc

SLOT = timedelta(minutes=30)  # the entry ends at the deadline
REMIND_BEFORE = timedelta(hours=1)  # the alarm, before the entry starts
KEEP_OVERDUE = timedelta(days=14)  # follow-ups past their date this long still show


@dataclass(frozen=True)
class FollowupEntry:
    uid: str  # the same for the same meeting and due time, every time
    title: str
    starts_at: datetime
    ends_at: datetime  # the follow-ups' deadline
    description: str
    remind_before: timedelta = REMIND_BEFORE


def followup_entries(store: Store, now: datetime | None = None) -> list[FollowupEntry]:
    """Open follow-ups, from two weeks overdue on, grouped by meeting and due time."""
    now = now or now_utc()
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in store.followups(done=False):
        due_at = from_iso(row["due_at"])
        if due_at >= now - KEEP_OVERDUE:
            groups[(row["event_id"] or "", row["due_at"])].append(row)
    entries = []
    for (event_id, due), rows in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        due_at = from_iso(due)
        meeting = rows[0]["meeting"] or "a meeting"
        met_at = from_iso(rows[0]["met_at"])
        people = "1 person" if len(rows) == 1 else f"{len(rows)} people"
        when = f" on {local_day(met_at)}" if met_at else ""
        entries.append(
            FollowupEntry(
                uid=f"followup-{event_id.replace(':', '-')}-{due_at:%Y%m%dT%H%M%SZ}@meetscout",
                title=f"Follow up with {people} met at {meeting}",
                starts_at=due_at - SLOT,
                ends_at=due_at,
                description=(
                    f"Follow up with the {people} you met at {meeting}{when}, within two days "
                    "of the meeting. `meetscout followups` (or the meetscout popup) lists them; "
                    "`meetscout followups done <#>` when done."
                ),
            )
        )
    return entries


def followup_vevents(entries: list[FollowupEntry], stamp: datetime) -> list[icalendar.Event]:
    """The entries as iCalendar VEVENTs in UTC, each with a display alarm."""
    events = []
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        event.add("dtstart", entry.starts_at)
        event.add("dtend", entry.ends_at)
        event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy hour
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.title)
        alarm.add("trigger", -entry.remind_before)
        event.add_component(alarm)
        events.append(event)
    return events
