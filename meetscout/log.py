"""The networking log's rules: which meeting a reference names, when a meeting counts as having
happened, what a contact needs, when a follow-up is due, what a date may be.

The coach's habit is to follow up within a day or two: each new contact's follow-up is due
between 24 and 48 hours after the meeting ends, so its deadline is 48 hours after the end and it
counts as due from 24 hours before that. The CLI, the API and the extension all record through
here, so they refuse the same things with the same sentence. Messages never repeat a contact's
name or notes (they may reach a log); they name a contact by its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from .identify import identify
from .judge import judge_stored
from .model import Event, Outcome, Presence, Profile
from .store import Store, from_iso, name_key, now_utc, same_person

FOLLOW_UP_WITHIN = timedelta(hours=48)  # after the meeting's end: the deadline
DUE_AHEAD = timedelta(hours=24)  # a follow-up is due from this long before its deadline
MEETING_LENGTH = timedelta(hours=2)  # when a listing gives no end
FAR_AHEAD = timedelta(days=366)
MAX_FIELD = 2000


class LogError(ValueError):
    """Something the person asked for that the log cannot record; the message says why."""


class NotFound(LogError):
    """No such meeting, contact or follow-up."""


@dataclass(frozen=True)
class Meeting:
    """A meeting the log can refer to: stored, or known only by the copy a mark kept."""

    id: str
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    crowd: str | None
    kind: str | None
    event: Event | None = None

    @property
    def end(self) -> datetime | None:
        return meeting_end(self.starts_at, self.ends_at)


def meeting_end(starts_at: datetime | None, ends_at: datetime | None) -> datetime | None:
    """When a meeting is over: its end, else two hours after its start."""
    if ends_at is not None:
        return ends_at
    return starts_at + MEETING_LENGTH if starts_at else None


@dataclass(frozen=True)
class LogRows:
    """The whole log as the report and the work-search record read it: the marked meetings
    (Store.log_entries), the contacts with their follow-ups, the outcomes, and the profile."""

    entries: list[dict[str, Any]]
    contacts: list[dict[str, Any]]
    outcomes: list[dict[str, Any]]
    profile: Profile


def read_log(store: Store) -> LogRows:
    return LogRows(
        store.log_entries(), store.list_contacts(), store.list_outcomes(), store.get_profile()
    )


# ---------------------------------------------------------------------------- meetings


def find_meeting(store: Store, ref: str) -> Meeting:
    """The meeting an id (`meetup:312810101`) or a Meetup or LinkedIn address names."""
    ref = ref.strip()
    event_id = ref
    if "://" in ref or ref.startswith("www."):
        identity = identify(ref if "://" in ref else f"https://{ref}")
        if identity is None or identity.kind != "event" or not identity.id:
            raise LogError(
                f"{ref[:200]} is not the address of a Meetup or LinkedIn meeting; give its "
                "address or its meetscout id (`meetscout events` and `meetscout log` show ids)"
            )
        event_id = identity.id
    event = store.get_event(event_id)
    if event is not None:
        [judged] = judge_stored(store, [event], store.get_profile())
        return Meeting(
            event.id,
            event.title,
            event.starts_at,
            event.ends_at,
            judged.crowd.value,
            judged.kind.value,
            event.model_copy(update={"assessment": judged}),
        )
    entry = store.log_entry(event_id)
    if entry is not None:  # marked once, no longer (or never) stored here
        return Meeting(
            entry["event_id"],
            entry["title"] or entry["event_id"],
            from_iso(entry["starts_at"]),
            None,
            entry["crowd"],
            entry["kind"],
        )
    raise NotFound(
        f"meetscout knows no meeting {ref[:200]!r}; `meetscout events` finds a meeting's id "
        "(e.g. meetup:312810101), and `meetscout log` lists those you marked"
    )


def check_happened(meeting: Meeting, now: datetime, doing: str) -> None:
    if meeting.starts_at is not None and meeting.starts_at > now:
        raise LogError(
            f"{meeting.title} is on {local_day(meeting.starts_at)}, still ahead: {doing} once it "
            "has happened"
        )


def record_presence(
    store: Store, ref: str, presence: Presence | str, now: datetime | None = None
) -> Meeting:
    """The person attended or skipped a meeting (one marked going, or not: attending says so)."""
    now = now or now_utc()
    presence = Presence(presence)
    meeting = find_meeting(store, ref)
    check_happened(meeting, now, f"record it as {presence.value}")
    if presence == Presence.skipped and store.contacts_at(meeting.id):
        raise LogError(
            f"You recorded people you met at {meeting.title}, so you were there; "
            "`meetscout contacts` lists them"
        )
    store.record_presence(
        meeting.id,
        presence.value,
        meeting.crowd,
        now,
        meeting=meeting.event,
        kind=meeting.kind,
    )
    return meeting


# ---------------------------------------------------------------------------- contacts


def full_name(text: str) -> str:
    """A contact's name as the person typed it, tidied; a first name alone is refused."""
    name = " ".join((text or "").split())
    if not name:
        raise LogError('Give the contact\'s name, first and last (e.g. "Dana Whitfield")')
    if len(name) > 200:
        raise LogError("That name is longer than 200 characters; give the contact's name only")
    parts = [p for p in name.replace(",", " ").split() if any(ch.isalpha() for ch in p)]
    if len(parts) < 2:
        raise LogError(
            'Give the contact\'s full name, first and last (e.g. "Dana Whitfield"): a first '
            "name alone is hard to find again a month later"
        )
    return name


def optional_text(value: str | None, what: str, *, one_line: bool = True) -> str | None:
    """A field left empty is None; one-line fields lose stray spaces, a note keeps its lines."""
    value = " ".join((value or "").split()) if one_line else (value or "").strip()
    if len(value) > MAX_FIELD:
        raise LogError(f"The {what} is longer than {MAX_FIELD} characters; shorten it")
    return value or None


def contact_targets(company: str | None, profile: Profile) -> list[str]:
    """The person's target companies a contact's company is (the judge's matching rule)."""
    from .classify.classifier import find_targets

    companies_only = profile.model_copy(update={"target_industries": []})
    return find_targets(companies_only, [company]) if company else []


@dataclass(frozen=True)
class ContactAdded:
    id: int
    meeting: Meeting
    due_at: datetime | None
    targets: list[str]
    now_attended: bool  # the meeting was not recorded as attended until now


def add_contact(
    store: Store,
    ref: str,
    name: str,
    *,
    company: str | None = None,
    role: str | None = None,
    how: str | None = None,
    note: str | None = None,
    due: datetime | None = None,
    now: datetime | None = None,
) -> ContactAdded:
    """Record a person met at a meeting, with a follow-up due 24-48 hours after it (or at
    `due`). Meeting someone there means the person attended: the log records that too."""
    now = now or now_utc()
    name = full_name(name)
    company = optional_text(company, "company")
    role = optional_text(role, "role")
    how = optional_text(how, "way to reach them")
    note = optional_text(note, "note", one_line=False)
    meeting = find_meeting(store, ref)
    check_happened(meeting, now, "record who you met there")
    same = same_person(store.list_contacts(), name, company, meeting.id)
    if same is not None:
        where = "at this meeting" if same["event_id"] == meeting.id else "at the same company"
        raise LogError(
            f"A contact of this name {where} is already recorded (contact {same['id']}); "
            f"`meetscout contacts` shows them, and `meetscout outcome … --contact {same['id']}` "
            "records what came of meeting them again"
        )
    if due is not None:
        check_ahead(due, now, "The follow-up's date")
    else:
        due = default_due(meeting, now)
    entry = store.log_entry(meeting.id)
    now_attended = entry is None or entry["outcome"] != Presence.attended.value
    if now_attended:
        store.record_presence(
            meeting.id,
            Presence.attended.value,
            meeting.crowd,
            now,
            meeting=meeting.event,
            kind=meeting.kind,
        )
    contact_id = store.add_contact(
        name,
        company=company,
        role=role,
        how=how,
        notes=note,
        event_id=meeting.id,
        due_at=due,
        at=now,
    )
    targets = contact_targets(company, store.get_profile())
    return ContactAdded(contact_id, meeting, due, targets, now_attended)


def matches(contact: dict[str, Any], words: list[str]) -> bool:
    """Every word is somewhere in the contact's name, company, role, way to reach, notes or the
    meeting where they were met (case and accents' composed forms aside)."""
    fields = ("name", "company", "role", "how", "notes", "meeting")
    text = name_key(" ".join(str(contact.get(f) or "") for f in fields))
    return all(name_key(w) in text for w in words)


# ---------------------------------------------------------------------------- follow-ups


def default_due(meeting: Meeting, now: datetime) -> datetime:
    """48 hours after the meeting's end (its start and two hours when no end is known)."""
    end = meeting.end or now
    return end + FOLLOW_UP_WITHIN


def followup_state(due_at: datetime, done_at: datetime | None, now: datetime) -> str:
    """ "done", "overdue" (its deadline passed), "due" (within a day of it) or "later"."""
    if done_at is not None:
        return "done"
    if now > due_at:
        return "overdue"
    return "due" if now >= due_at - DUE_AHEAD else "later"


def on_time(due_at: datetime, done_at: datetime | None) -> bool:
    """Done on or before the day it was due (a day's grain: "by Thursday" means Thursday)."""
    return done_at is not None and local_day_of(done_at) <= local_day_of(due_at)


def open_followups(store: Store, now: datetime | None = None) -> list[dict[str, Any]]:
    """Follow-ups not done whose deadline is within a day or past, soonest first, each with
    its `state` and times read."""
    now = now or now_utc()
    rows = store.followups(due_before=now + DUE_AHEAD, done=False)
    return [with_state(row, now) for row in rows]


def count_open_followups(store: Store, now: datetime | None = None) -> int:
    """How many follow-ups are due or overdue: the number on the extension's toolbar icon."""
    return store.count_followups_open((now or now_utc()) + DUE_AHEAD)


def with_state(row: dict[str, Any], now: datetime) -> dict[str, Any]:
    due_at, done_at = from_iso(row["due_at"]), from_iso(row["done_at"])
    return {
        **row,
        "due_at": due_at,
        "done_at": done_at,
        "met_at": from_iso(row.get("met_at")),
        "state": followup_state(due_at, done_at, now),
    }


def _followup(store: Store, followup_id: int) -> dict[str, Any]:
    row = store.get_followup(followup_id)
    if row is None:
        raise NotFound(
            f"There is no follow-up {followup_id}; `meetscout followups --all` lists them"
        )
    return row


def finish_followup(
    store: Store, followup_id: int, done_at: datetime | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Mark a follow-up done, now or at `done_at` (not in the future, not before the meeting)."""
    now = now or now_utc()
    row = _followup(store, followup_id)
    done_at = done_at or now
    if done_at > now + timedelta(minutes=5):
        raise LogError(
            f"{local_day(done_at)} is still ahead: mark a follow-up done once you have done it"
        )
    met_at = from_iso(row["met_at"])
    if met_at is not None and local_day_of(done_at) < local_day_of(met_at):
        raise LogError(
            f"{local_day(done_at)} is before the meeting where you met them "
            f"({local_day(met_at)}); give the day you followed up"
        )
    store.finish_followup(followup_id, done_at, now)
    return with_state(_followup(store, followup_id), now)


def move_followup(
    store: Store, followup_id: int, due_at: datetime, now: datetime | None = None
) -> dict[str, Any]:
    now = now or now_utc()
    _followup(store, followup_id)
    check_ahead(due_at, now, "The follow-up's new date")
    store.move_followup(followup_id, due_at, now)
    return with_state(_followup(store, followup_id), now)


# ---------------------------------------------------------------------------- outcomes


def add_outcome(
    store: Store,
    kind: Outcome | str,
    *,
    contact_id: int | None = None,
    meeting_ref: str | None = None,
    on: date | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> int:
    """What came of a contact or of a meeting: a referral, an informational interview, a job
    interview, an offer. `on` may be ahead (an interview booked), within a year."""
    now = now or now_utc()
    kind = Outcome(kind)
    note = optional_text(note, "note", one_line=False)
    if (contact_id is None) == (meeting_ref is None):
        raise LogError("Say what it came of: --contact ID (a person met) or --event ID (a meeting)")
    on = on or local_day_of(now)
    if contact_id is not None:
        contact = store.get_contact(contact_id)
        if contact is None:
            raise NotFound(f"There is no contact {contact_id}; `meetscout contacts` lists them")
        met_at, event_id = from_iso(contact["met_at"]), None
    else:
        meeting = find_meeting(store, meeting_ref or "")
        check_happened(meeting, now, "record what came of it")
        met_at, event_id = meeting.starts_at, meeting.id
    if met_at is not None and on < local_day_of(met_at):
        raise LogError(
            f"{on.isoformat()} is before the meeting it came of ({local_day(met_at)}); "
            "give the day it happened"
        )
    if on > local_day_of(now + FAR_AHEAD):
        raise LogError(f"{on.isoformat()} is more than a year ahead; give the day it happens")
    return store.add_outcome(
        kind.value, on, contact_id=contact_id, event_id=event_id, note=note, at=now
    )


# ---------------------------------------------------------------------------- dates


def check_ahead(when: datetime, now: datetime, what: str) -> None:
    """A date the person sets for later: not in the past, not more than a year ahead."""
    if when < now:
        raise LogError(f"{what} ({local_day(when)}) is in the past; give a later one")
    if when > now + FAR_AHEAD:
        raise LogError(f"{what} ({local_day(when)}) is more than a year ahead; give a nearer one")


def parse_when(text: str, option: str, *, day_time: time, now: datetime | None = None) -> datetime:
    """A date or date and time the person typed: `2026-12-04`, `2026-12-04 10:00`, `today`,
    `tomorrow`; in this machine's zone unless it says another. A day alone means `day_time`."""
    value = (text or "").strip().lower()
    today = local_day_of(now or now_utc())
    relative = {"today": today, "tomorrow": today + timedelta(days=1)}
    try:
        if value in relative:
            return _local(datetime.combine(relative[value], day_time))
        if len(value) == 10:
            return _local(datetime.combine(date.fromisoformat(value), day_time))
        parsed = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        raise LogError(
            f"{option} wants a date like 2026-12-04 or 2026-12-04 10:00 (or today, tomorrow), "
            f"not {text[:40]!r}"
        ) from None
    return parsed.astimezone(UTC) if parsed.tzinfo else _local(parsed)


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise LogError(f"{option} wants a date like 2026-12-04, not {text[:40]!r}") from None


def local_midnight(day: date) -> datetime:
    """The first instant of a day in this machine's zone."""
    return _local(datetime.combine(day, time()))


def _local(naive: datetime) -> datetime:
    return naive.astimezone().astimezone(UTC)  # naive times are this machine's local time


def local_day_of(when: datetime) -> date:
    return when.astimezone().date()


def local_day(when: datetime) -> str:
    """ "Thu 3 Dec 2026" in this machine's zone."""
    local = when.astimezone()
    return f"{local:%a} {local.day} {local:%b %Y}"


def local_time(when: datetime) -> str:
    local = when.astimezone()
    return f"{local:%a} {local.day} {local:%b %H:%M}"
