"""`GET /calendar/{secret}.ics`: the person's calendar, for a calendar app to subscribe to.

Calendar apps cannot send the extension's token, so this route lives outside /v1 and its
address carries a secret of its own (`meetscout calendar url`), which opens this calendar and
nothing else: it is no token for /v1, and the token is no secret here. A revoked or unknown
secret is a 404 that says what to do.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from meetscout.calendar_export import calendar_ics
from meetscout.store import now_utc

from ..deps import StoreDep
from ..errors import ApiError

router = APIRouter(tags=["calendar"])


PATH = "/calendar/{secret}.ics"


@router.get(
    PATH,
    summary="The person's calendar (subscription)",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 404: {"description": "No such calendar"}},
)
def calendar(secret: str, store: StoreDep) -> Response:
    """The meetings marked going or accepted from the plan, as iCalendar."""
    state = store.calendar_secret_state(secret)
    if state == "revoked":
        raise ApiError(
            404,
            "This calendar address was revoked. Run `meetscout calendar url` for the current one "
            "and subscribe to that.",
        )
    if state != "current":
        raise ApiError(404, "No calendar at this address. `meetscout calendar url` prints yours.")
    return Response(
        calendar_ics(store, now_utc()),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="meetscout.ics"',
            "Cache-Control": "no-cache",
        },
    )


# Some calendar apps ask with HEAD first; the same answer, without the body.
router.add_api_route(PATH, calendar, methods=["HEAD"], include_in_schema=False)
