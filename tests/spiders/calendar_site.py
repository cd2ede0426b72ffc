"""Chapter sites on 127.0.0.1 serving the frozen calendar fixtures (tests/fixtures/calendars/).

Pages keep their real addresses in the fixtures; when served, a site's host becomes a path on the
local server (https://www.riverside-chamber.example -> http://127.0.0.1:PORT/chamber), so the
links and the API's paging stay on the one local host. Feeds are served as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

from meetscout.demo.localsite import LocalSite, Reply

FIXTURES = Path(__file__).parents[1] / "fixtures" / "calendars"
ROBOTS = "User-agent: *\nDisallow: /members/\n"
ICS = "text/calendar; charset=utf-8"
SITES = {
    "https://www.riverside-chamber.example": "/chamber",
    "https://www.springfield-rotary.example": "/rotary",
    "https://calendar.google.com": "/google",  # an embed the test site serves itself
    "https://www.bayarea-security-chapter.example": "/bayarea",
}


def fixture(name: str) -> str:
    with open(FIXTURES / name, encoding="utf-8", newline="") as f:
        return f.read()


def local(text: str, base: str) -> str:
    for real, path in SITES.items():
        text = text.replace(real, base + path)
        text = text.replace(real.replace("/", "\\/"), (base + path).replace("/", "\\/"))
    text = text.replace(
        "webcal://www.springfield-rotary.example", "webcal://" + base.split("://")[1] + "/rotary"
    )
    return text


def calendar_site(**variant) -> LocalSite:
    site = LocalSite({})
    site.routes.update(routes(site.base_url, **variant))
    return site


def routes(
    base: str,
    moved: bool = False,
    api_refused: bool = True,
    etag: str | None = None,
    without: str | None = None,
    cut: bool = False,
    broken: Reply | None = None,
) -> dict:
    """The sites; `moved`, `without` (drop the chamber's entry whose UID starts so), `cut`
    (its feed cut off in transit), `etag` (sent with the chamber's feed) and `broken` (what the
    chamber's feed address answers instead of the feed) vary them."""
    chamber = fixture("tribe_chamber.ics")
    if moved:  # the monthly social moves a week; its UID's epochs change with it
        chamber = chamber.replace("20261008T", "20261015T").replace(
            "2498-1791480600-1791487800", "2498-1792085400-1792092600"
        )
    if without:
        chamber = re.sub(
            rf"BEGIN:VEVENT\r?\n(?:(?!END:VEVENT).)*?UID:{re.escape(without)}.*?END:VEVENT\r?\n",
            "",
            chamber,
            flags=re.S,
        )
    if cut:
        chamber = chamber[: chamber.rindex("END:VCALENDAR") - 40]

    def api(raw_path: str) -> Reply:
        name = "tribe_api_page2.json" if "page=2" in raw_path else "tribe_api_page1.json"
        return Reply(local(fixture(name), base), content_type="application/json; charset=UTF-8")

    forbidden = '{"code":"rest_forbidden","message":"Sorry, you are not allowed to do that.","data":{"status":401}}'
    chamber_home = Reply(
        local(fixture("home_tribe.html"), base),
        headers={"X-TEC-API-Root": f"{base}/chamber/wp-json/tribe/events/v1/"},
    )
    return {
        "/robots.txt": Reply(ROBOTS, content_type="text/plain"),
        "/chamber/": chamber_home,
        "/chamber/wp-json/tribe/events/v1/events": Reply(forbidden, 401, "application/json")
        if api_refused
        else api,
        "/chamber/events/": broken
        or Reply(chamber, content_type=ICS, headers={"ETag": etag} if etag else {}),
        "/rotary/": Reply(local(fixture("home_gcal.html"), base)),
        "/rotary/calendar/club.ics": Reply(fixture("gcal_rotary.ics"), content_type=ICS),
        "/bayarea/wp-json/tribe/events/v1/events": api,
        "/bayarea/wp-json/tribe/events/v1/events/": api,
        "/hudson/": Reply(fixture("home_wildapricot.html")),
        "/page-1856786/EventModule/7161113/RSS": Reply(
            fixture("wildapricot_events.rss"), content_type="application/rss+xml"
        ),
        "/events/RSS": Reply(
            "", 302, headers={"Location": "/page-1856786/EventModule/7161113/RSS"}
        ),
        "/summit/": Reply(fixture("squarespace_event.html")),
        "/alumni/": Reply(fixture("home_plain.html")),
        "/chapter/feed.ics": Reply(
            fixture("tribe_chapter.ics"), content_type="text/plain; charset=utf-8"
        ),
        "/walled/calendar.ics": Reply(
            "", 302, headers={"Location": "/Sys/Login?ReturnUrl=%2fwalled%2fcalendar.ics"}
        ),
        "/Sys/Login": Reply(fixture("login_page.html")),
        "/private/calendar.ics": Reply(fixture("login_page.html")),
        "/secret/calendar.ics": Reply("Forbidden", 403, "text/plain"),
        "/members/calendar.ics": Reply(fixture("tribe_chapter.ics"), content_type=ICS),
        "/cut/feed.ics": Reply(fixture("gcal_rotary.ics")[:3000], content_type=ICS),
    }
