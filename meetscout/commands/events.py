"""`meetscout events`: search the local database."""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import Annotated

import typer

from ..meeting_table import show_meetings
from ..model import Access, Crowd, Kind
from ..store import SORTS, EventQuery, QueryError
from ..times import DayError, person_zone, typed_time
from .common import DbOption, console, fail, open_store, word_option


def _typed(value: str | None, option: str, zone: tzinfo, *, end: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        return typed_time(value, zone, end_of_day=end)
    except DayError:
        fail(f"{option} wants a date like 2026-12-01 or 2026-12-01T18:00, not {value!r}")


def events(
    words: Annotated[
        list[str] | None,
        typer.Argument(help="Full-text words; quote a phrase.", show_default=False),
    ] = None,
    crowd: Annotated[Crowd | None, word_option(Crowd, "crowd", "Who mostly goes.")] = None,
    kind: Annotated[Kind | None, word_option(Kind, "kind", "What sort of meeting.")] = None,
    access: Annotated[
        Access | None, word_option(Access, "way in", "How to get in cheaply.")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="On or after this day (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="On or before this day (YYYY-MM-DD).")
    ] = None,
    online: Annotated[
        bool | None, typer.Option("--online/--in-person", help="Only virtual, or only in person.")
    ] = None,
    sort: Annotated[str, typer.Option(help=f"One of: {', '.join(SORTS)}.")] = "soonest",
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    db: DbOption = None,
) -> None:
    """Search the events meetscout has gathered.

    Dates you type are days in your zone (your profile's timezone, else this computer's: $TZ),
    and times are shown in it, labelled: --from 2026-12-05 --to 2026-12-06 is the whole of
    the 5th and the 6th where you are.

    Example:

        meetscout events "project management" --crowd employed --from 2026-12-01 --limit 5
    """
    store = open_store(db, must_exist=True)
    try:
        zone = person_zone(store.get_profile())
        query = EventQuery(
            text=" ".join(words) if words else None,
            crowd=crowd.value if crowd else None,
            kind=kind.value if kind else None,
            access=access.value if access else None,
            date_from=_typed(date_from, "--from", zone),
            date_to=_typed(date_to, "--to", zone, end=True),
            online=online,
            limit=limit,
            sort=sort,
        )
        found = store.search_events(query)
        also = store.also_listed([e.id for e in found])
    except QueryError as exc:
        fail(str(exc))
    finally:
        store.close()
    if as_json:
        for event in found:
            # A meeting listed on several sites comes once, with its other listings.
            typer.echo(
                json.dumps({**event.model_dump(mode="json"), "also_at": also.get(event.id, [])})
            )
        return
    show_meetings(
        console,
        found,
        empty="No events match. Try fewer words or filters, or crawl first: meetscout crawl",
        zone=zone,
        also=also,
    )
