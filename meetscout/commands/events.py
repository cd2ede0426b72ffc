"""`meetscout events`: search the local database."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..labels import ALSO_AT
from ..model import Access, Crowd, Event, Kind
from ..store import SORTS, EventQuery, QueryError
from .common import DbOption, console, fail, open_store


def _parse_day(value: str | None, option: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        fail(f"{option} wants a date like 2026-12-01 or 2026-12-01T18:00, not {value!r}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def events(
    words: Annotated[
        list[str] | None,
        typer.Argument(help="Full-text words; quote a phrase.", show_default=False),
    ] = None,
    crowd: Annotated[Crowd | None, typer.Option(help="Who mostly goes.")] = None,
    kind: Annotated[Kind | None, typer.Option(help="What sort of meeting.")] = None,
    access: Annotated[Access | None, typer.Option(help="How to get in cheaply.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="On or after (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Before (YYYY-MM-DD).")] = None,
    online: Annotated[
        bool | None, typer.Option("--online/--in-person", help="Only virtual, or only in person.")
    ] = None,
    sort: Annotated[str, typer.Option(help=f"One of: {', '.join(SORTS)}.")] = "soonest",
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    db: DbOption = None,
) -> None:
    """Search the events meetscout has gathered.

    Example:

        meetscout events "project management" --crowd employed --from 2026-12-01 --limit 5
    """
    query = EventQuery(
        text=" ".join(words) if words else None,
        crowd=crowd.value if crowd else None,
        kind=kind.value if kind else None,
        access=access.value if access else None,
        date_from=_parse_day(date_from, "--from"),
        date_to=_parse_day(date_to, "--to"),
        online=online,
        limit=limit,
        sort=sort,
    )
    store = open_store(db, must_exist=True)
    try:
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
    if not found:
        console.print(
            "No events match. Try fewer words or filters, or crawl first: meetscout crawl"
        )
        return
    console.print(events_table(found, also=also))


def events_table(
    found: list[Event], title: str | None = None, also: dict[str, list[dict]] | None = None
) -> Table:
    table = Table(title=title, show_lines=False)
    for name in ("When", "Event", "Group", "Crowd", "Kind", "Access", "Why"):
        table.add_column(name, overflow="fold")
    for event in found:
        a = event.assessment
        elsewhere = sorted({ALSO_AT.get(x["source"], "") for x in (also or {}).get(event.id, [])})
        table.add_row(
            _when(event),
            escape(event.title)
            + (" [red](cancelled)[/red]" if event.status == "cancelled" else "")
            + "".join(f"\n[dim]{escape(words)}[/dim]" for words in elsewhere if words),
            event.group_name or "",
            a.crowd.value if a else "",
            a.kind.value if a else "",
            ", ".join(x.value for x in a.access) if a else "",
            a.reasons[0] if a and a.reasons else "",
        )
    return table


def _when(event: Event) -> str:
    if not event.starts_at:
        return "?"
    if event.timezone:
        from zoneinfo import ZoneInfo

        return event.starts_at.astimezone(ZoneInfo(event.timezone)).strftime("%a %d %b %H:%M")
    return event.starts_at.strftime("%a %d %b %H:%M UTC")
