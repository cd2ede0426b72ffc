"""The database in Datasette (`meetscout browse`): what it is told about the tables, and the
canned queries a person asks most.

Datasette and sqlite-utils find the full-text index by themselves (see the schema's
fts_found_by_tools); the metadata names the searchable columns, sorts meetings by date and adds
three questions: this week's meetings where the employed go, the meetings marked "I'm going",
and the job-seeker meetings marked by month against the profile's limit. Times in the queries
are this computer's (SQLite's 'localtime'), the person's zone.
"""

from __future__ import annotations

from typing import Any

from .model import Profile

# An ISO time as stored ("2026-12-04T23:00:00+00:00") on this computer's clock, to read.
_LOCAL = "strftime('%Y-%m-%d %H:%M', {col}, 'localtime')"
_NOW = "strftime('%Y-%m-%dT%H:%M:%S', 'now')"
# The limit when no profile is stored yet.
DEFAULT_LIMIT = Profile.model_fields["job_seeker_monthly_limit"].default

QUERIES: dict[str, dict[str, str]] = {
    "employed_this_week": {
        "title": "Where the employed go, the next seven days",
        "description": "Meetings to come whose flag says the employed go (cancelled ones left "
        "out), soonest first; times on this computer's clock.",
        "sql": f"""select {_LOCAL.format(col="starts_at")} as starts, title, group_name, kind,
  access, url
from events
where crowd = 'employed' and status != 'cancelled'
  and starts_at >= {_NOW}
  and starts_at < strftime('%Y-%m-%dT%H:%M:%S', 'now', '+7 days')
order by starts_at""",
    },
    "my_going_list": {
        "title": 'Meetings I marked "I\'m going"',
        "description": "Every meeting marked in the extension, soonest first.",
        "sql": f"""select {_LOCAL.format(col="e.starts_at")} as starts, e.title, e.group_name,
  a.crowd, e.status, e.url
from attendance a left join events e on e.id = a.event_id
order by e.starts_at is null, e.starts_at""",
    },
    "job_seeker_budget": {
        "title": "Job-seeker meetings marked, by month, against my limit",
        "description": "Counted by the meeting's month on this computer's clock (by when it "
        "was marked when meetscout has not stored the meeting).",
        "sql": f"""select strftime('%Y-%m', coalesce(e.starts_at, a.marked_at), 'localtime')
    as month,
  count(*) as marked,
  coalesce((select json_extract(data, '$.job_seeker_monthly_limit') from profile
   where id = 1), {DEFAULT_LIMIT}) as monthly_limit
from attendance a left join events e on e.id = a.event_id
where a.crowd = 'job_seekers'
group by month
order by month desc""",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for the database it names `database` (the file's stem)."""
    return {
        "title": "meetscout",
        "description": "Meetings gathered by meetscout. Search the events table; the canned "
        "queries are below the tables.",
        "databases": {
            database: {
                "tables": {
                    "events": {
                        "sort": "starts_at",
                        "fts_table": "events_fts",
                        "fts_pk": "rowid",
                    },
                },
                "queries": QUERIES,
            }
        },
    }
