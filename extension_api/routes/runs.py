"""`GET /v1/runs`: recent crawls and how they ended, so the extension can say how fresh data is."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query

from meetscout.store import Store

from ..deps import StoreDep
from ..schemas import RunOut, RunsOut

router = APIRouter(tags=["runs"])


def run_view(row: dict[str, Any]) -> RunOut:
    try:
        args = orjson.loads(row.get("args") or "{}")
    except orjson.JSONDecodeError:
        args = {}
    return RunOut.model_validate({**row, "args": args if isinstance(args, dict) else {}})


def recent(store: Store, limit: int, spider: str | None = None) -> list[RunOut]:
    return [run_view(r) for r in store.recent_runs(limit=limit, spider=spider)]


@router.get("/runs", summary="Recent crawl runs")
def runs(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    spider: Annotated[str | None, Query(max_length=100)] = None,
) -> RunsOut:
    return RunsOut(runs=recent(store, limit, spider))
