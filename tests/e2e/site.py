"""A small copy of Meetup and LinkedIn for driving the extension in a real Chromium.

Pages follow the sites' real shapes (see docs/formats.md): Meetup's Next.js pages with
`__NEXT_DATA__` Apollo state, `a#event-card-e-N[data-event-label]` cards, client-side navigation
and infinite scroll through `/gql2`; LinkedIn's event top card (`h1[data-event-id]`) and search
results (`li.reusable-search__result-container`). The same events fill the store, so a page and
the API agree the way the real site and a crawl would. Shared by the e2e tests, the benchmark and
the screenshot script.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from meetscout.model import Access, Assessment, Crowd, Event, Group, Kind, Profile, Venue

MEETUP = "https://www.meetup.com"
LINKEDIN = "https://www.linkedin.com"
XSS_TITLE = "<img src=x onerror=alert(1)>"
# Upcoming, so the popup lists them; the job-seeker meeting falls in this month, where the
# person's monthly count looks.
NOW = datetime.now(UTC).replace(microsecond=0)
START = NOW + timedelta(days=1)

GROUP = Group(
    id="meetup-group:isaca-nj",
    source="meetup",
    url=f"{MEETUP}/isaca-nj/",
    name="ISACA New Jersey Chapter",
    urlname="isaca-nj",
    city="Iselin",
    region="NJ",
    country="us",
    timezone="America/New_York",
    member_count=1840,
    assessment=Assessment(
        crowd=Crowd.employed,
        kind=Kind.professional_association,
        confidence=0.9,
        access=[Access.guest_pass],
        reasons=["A professional association chapter: ISACA New Jersey"],
    ),
)


def _assessment(crowd: Crowd, kind: Kind, access=(), reasons=(), targets=()) -> Assessment:
    return Assessment(
        crowd=crowd,
        kind=kind,
        confidence=0.85,
        access=list(access),
        reasons=list(reasons),
        targets=list(targets),
    )


def meetup_event(n: int, title: str, assessment: Assessment, group=GROUP, **extra) -> Event:
    urlname = group.urlname if group else "nj-career-transition"
    return Event(
        id=f"meetup:{n}",
        source="meetup",
        url=f"{MEETUP}/{urlname}/events/{n}/",
        title=title,
        description=extra.pop("description", "Monthly meeting with a speaker."),
        starts_at=START + timedelta(days=n % 60),
        timezone="America/New_York",
        group_id=group.id if group else None,
        group_name=group.name if group else extra.pop("group_name", None),
        venue=Venue(name="Hilton Woodbridge", city="Iselin", region="NJ", country="us"),
        is_online=False,
        assessment=assessment,
        **extra,
    )


def linkedin_event(numeric: str, title: str, assessment: Assessment, organizer: str) -> Event:
    return Event(
        id=f"linkedin:{numeric}",
        source="linkedin",
        url=f"{LINKEDIN}/events/{numeric}/",
        title=title,
        starts_at=START + timedelta(days=3),
        timezone="America/New_York",
        organizer=organizer,
        is_online=True,
        assessment=assessment,
    )


CHAPTER = meetup_event(
    301000001,
    "ISACA NJ Chapter Meeting: Cloud Audit in Practice",
    _assessment(
        Crowd.employed,
        Kind.professional_association,
        [Access.guest_pass, Access.drinks_only],
        [
            "Hosted by a professional association chapter: ISACA New Jersey",
            "Guests may attend their first meeting free",
        ],
        ["Prudential"],
    ),
    description="Monthly meeting with a speaker, hosted at Prudential's Newark office.",
)
SUPPORT = meetup_event(
    301000002,
    "Career Transition Support Group",
    _assessment(
        Crowd.job_seekers,
        Kind.job_seeker_group,
        [Access.free_for_job_seekers],
        ["Made for people between jobs: “career transition”"],
    ),
    group=None,
    group_name="NJ Career Transition",
)
SUPPORT = SUPPORT.model_copy(update={"starts_at": NOW})
# On the site but not in the store: the extension sends its page data when capture is on.
UNSEEN = meetup_event(
    301000900,
    "Job Club: Resume Review for Job Seekers in Career Transition",
    _assessment(Crowd.job_seekers, Kind.job_seeker_group),
    description="A weekly job club for people between jobs. Free for job seekers.",
)
XSS = meetup_event(
    301000003,
    XSS_TITLE,
    _assessment(
        Crowd.employed,
        Kind.industry_meetup,
        [Access.free],
        [f"Title says {XSS_TITLE}"],
        [f"{XSS_TITLE}Corp"],
    ),
    description=f"Sponsored by {XSS_TITLE}Corp.",
)
# Targets are the profile's: a flag names one when the meeting mentions it.
PROFILE = Profile(target_companies=["Prudential", f"{XSS_TITLE}Corp"])
HIKE = meetup_event(
    301000004,
    "Saturday Hike at the Palisades",
    _assessment(Crowd.not_networking, Kind.not_networking, [], ["An outdoor club, not a meeting"]),
)
PMI = linkedin_event(
    "7234567890123456789",
    "PMI New Jersey Spring Symposium",
    _assessment(
        Crowd.employed,
        Kind.professional_association,
        [Access.virtual, Access.volunteer],
        ["Hosted by a professional association chapter: PMI New Jersey"],
    ),
    "PMI New Jersey Chapter",
)
JOBCLUB = linkedin_event(
    "7234567890123456790",
    "Job Seekers Networking Night",
    _assessment(
        Crowd.job_seekers,
        Kind.job_seeker_group,
        [Access.free],
        ["A job club: “for job seekers”"],
    ),
    "Jersey Job Club",
)
DATAENG = linkedin_event(
    "7234567890123456791",
    "Data Engineering Meetup NYC",
    _assessment(
        Crowd.employed,
        Kind.industry_meetup,
        [Access.virtual],
        ["An industry meetup for practitioners"],
    ),
    "Data Engineering NYC",
)


def chapter_series(count: int, first: int = 301000100) -> list[Event]:
    """The group's monthly meetings: a long list for infinite scroll and the benchmark."""
    return [
        meetup_event(
            first + i,
            f"ISACA NJ Monthly Meeting #{i + 1}",
            _assessment(
                Crowd.employed,
                Kind.professional_association,
                [Access.guest_pass],
                ["Hosted by a professional association chapter: ISACA New Jersey"],
            ),
        )
        for i in range(count)
    ]


def fill_store(store, events: Iterable[Event], groups: Iterable[Group] = (GROUP,)) -> None:
    store.save_profile(PROFILE)
    store.upsert_groups(list(groups))
    store.upsert_events(list(events))


# --- Meetup pages --------------------------------------------------------------------------------

# The site's own client code, much reduced: Next.js-style navigation (fetch the next page, swap
# #__next, pushState; popstate goes back the same way) and infinite scroll through /gql2.
MEETUP_APP_JS = """
(() => {
  async function go(url, push) {
    const text = await (await fetch(url)).text();
    const next = new DOMParser().parseFromString(text, 'text/html');
    if (push) history.pushState({}, '', url);
    document.title = next.title;
    document.getElementById('__next').replaceWith(document.adoptNode(next.getElementById('__next')));
    watchMore();
  }
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[href]');
    if (!a || e.defaultPrevented || new URL(a.href).origin !== location.origin) return;
    e.preventDefault();
    go(a.href, true);
  });
  addEventListener('popstate', () => go(location.href, false));
  function card(ev, n) {
    const a = document.createElement('a');
    a.id = 'event-card-e-' + n;
    a.dataset.eventLabel = 'event-card-' + n;
    a.href = ev.eventUrl + '?eventOrigin=group_upcoming_events';
    a.className = 'event-card';
    const t = document.createElement('time');
    t.textContent = ev.dateTime;
    const h = document.createElement('h2');
    h.className = 'ds-font-title-3';
    h.textContent = ev.title;
    a.append(t, h);
    return a;
  }
  let loading = false;
  async function more() {
    const list = document.getElementById('event-list');
    if (!list || loading || list.dataset.hasNextPage !== 'true') return;
    loading = true;
    const reply = await fetch('/gql2', {method: 'POST', headers: {'content-type': 'application/json'},
      body: JSON.stringify({urlname: list.dataset.urlname, after: list.children.length})});
    const data = await reply.json();
    let n = list.children.length;
    for (const ev of data.events) list.append(card(ev, ++n));
    list.dataset.hasNextPage = String(data.hasNextPage);
    loading = false;
  }
  let observer;
  function watchMore() {
    if (observer) observer.disconnect();
    const sentinel = document.getElementById('load-more');
    if (!sentinel) return;
    observer = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) more(); });
    observer.observe(sentinel);
  }
  watchMore();
})();
"""

MEETUP_CSS = """
body { font-family: Graphik, Helvetica, Arial, sans-serif; margin: 0; color: #212121; background: #f6f7f8; }
header.site { background: #fff; border-bottom: 1px solid #ddd; padding: 12px 24px; font-weight: 700; color: #f65858; }
main { max-width: 860px; margin: 24px auto; background: #fff; padding: 20px 28px; border-radius: 12px; }
h1 { font-size: 28px; margin: 4px 0 8px; } .meta { color: #6b6b6b; margin: 4px 0; }
.event-card { display: block; color: inherit; text-decoration: none; border-bottom: 1px solid #eee; padding: 12px 0; }
.event-card h2 { font-size: 18px; margin: 4px 0; } time { color: #9a6a00; font-size: 13px; text-transform: uppercase; }
#load-more { height: 40px; }
"""


def _next_data(apollo: dict, page: str, query: dict) -> str:
    data = {
        "props": {"pageProps": {"__APOLLO_STATE__": apollo}},
        "page": page,
        "query": query,
        "buildId": "fixture",
    }
    # As Next.js does: `<` escaped so the JSON cannot close the script element.
    return json.dumps(data).replace("<", "\\u003c")


def _apollo_event(e: Event) -> dict:
    return {
        "__typename": "Event",
        "id": e.id.split(":")[1],
        "title": e.title,
        "eventUrl": e.url,
        "description": e.description,
        "dateTime": e.starts_at.isoformat() if e.starts_at else None,
        "isOnline": bool(e.is_online),
        "eventType": "ONLINE" if e.is_online else "PHYSICAL",
        "status": "ACTIVE",
        "feeSettings": None,
        "going": {"totalCount": 12},
        "group": {"__ref": f"Group:{GROUP.urlname}"},
    }


def _apollo_group(g: Group, events: list[Event]) -> dict:
    return {
        "__typename": "Group",
        "id": g.urlname,
        "name": g.name,
        "urlname": g.urlname,
        "timezone": g.timezone,
        "city": g.city,
        "country": g.country,
        'events({"filter":{"status":["ACTIVE"]},"first":10,"sort":"ASC"})': {
            "__typename": "GroupEventConnection",
            "totalCount": len(events),
            "pageInfo": {"hasNextPage": False, "endCursor": None},
            "edges": [{"node": {"__ref": f"Event:{e.id.split(':')[1]}"}} for e in events],
        },
    }


def _meetup_page(title: str, body: str, next_data: str, jsonld: str | None = None) -> str:
    ld = f'<script type="application/ld+json">{jsonld}</script>' if jsonld else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | Meetup</title><style>{MEETUP_CSS}</style>{ld}</head>
<body><div id="__next"><header class="site">meetup</header><main>{body}</main></div>
<script id="__NEXT_DATA__" type="application/json">{next_data}</script>
<script>{MEETUP_APP_JS}</script></body></html>"""


def _card(e: Event, n: int, label: str = "event-card") -> str:
    when = e.starts_at.strftime("%a, %b %-d · %-I:%M %p UTC") if e.starts_at else ""
    return (
        f'<a id="event-card-e-{n}" data-event-label="{label}-{n}" class="event-card" '
        f'href="{html.escape(e.url)}?eventOrigin=group_upcoming_events">'
        f"<time>{html.escape(when)}</time>"
        f'<h2 class="ds-font-title-3">{html.escape(e.title)}</h2>'
        f'<p class="meta">{html.escape(e.group_name or "")}</p></a>'
    )


def meetup_event_page(e: Event) -> str:
    apollo = {f"Event:{e.id.split(':')[1]}": _apollo_event(e)}
    jsonld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": e.title,
            "url": e.url,
            "startDate": e.starts_at.isoformat() if e.starts_at else None,
            "location": {"@type": "Place", "name": e.venue.name if e.venue else None},
        }
    ).replace("<", "\\u003c")
    body = (
        f"<h1>{html.escape(e.title)}</h1>"
        f'<p class="meta">Hosted by <a href="{MEETUP}/isaca-nj/">'
        f"{html.escape(e.group_name or '')}</a></p>"
        f"<p>{html.escape(e.description or '')}</p>"
    )
    return _meetup_page(
        e.title, body, _next_data(apollo, "/[urlname]/events/[eventId]", {}), jsonld
    )


def meetup_group_page(g: Group, events: list[Event]) -> str:
    apollo = {f"Group:{g.urlname}": _apollo_group(g, events)}
    apollo.update({f"Event:{e.id.split(':')[1]}": _apollo_event(e) for e in events})
    body = (
        f'<a id="group-name-link" href="{g.url}"><h1>{html.escape(g.name)}</h1></a>'
        f'<p class="meta">{html.escape(g.city or "")}, {html.escape(g.region or "")} · '
        f"{g.member_count} members</p><h3>Upcoming events</h3>"
        + "".join(_card(e, i + 1) for i, e in enumerate(events))
    )
    return _meetup_page(g.name, body, _next_data(apollo, "/[urlname]", {"urlname": g.urlname}))


def meetup_group_events_page(g: Group, events: list[Event], first: int = 10) -> str:
    shown = events[:first]
    apollo = {f"Group:{g.urlname}": _apollo_group(g, shown)}
    body = (
        f'<a id="group-name-link" href="{g.url}"><h1>{html.escape(g.name)}</h1></a>'
        f'<h3>Upcoming events</h3><div id="event-list" data-urlname="{g.urlname}" '
        f'data-has-next-page="{str(len(events) > first).lower()}">'
        + "".join(_card(e, i + 1) for i, e in enumerate(shown))
        + '</div><div id="load-more"></div>'
    )
    return _meetup_page(
        f"Events | {g.name}", body, _next_data(apollo, "/[urlname]/events", {"urlname": g.urlname})
    )


def meetup_search_page(events: list[Event]) -> str:
    cards = "".join(
        f'<div data-testid="categoryResults-eventCard">{_card(e, i + 1, "Event card")}</div>'
        for i, e in enumerate(events)
    )
    body = f"<h1>Events near Newark, NJ</h1>{cards}"
    return _meetup_page("Find events", body, _next_data({}, "/find", {"source": "EVENTS"}))


def gql2_page(events: list[Event], after: int, size: int = 10) -> dict:
    chunk = events[after : after + size]
    return {
        "events": [
            {"title": e.title, "eventUrl": e.url, "dateTime": e.starts_at.isoformat()}
            for e in chunk
        ],
        "hasNextPage": after + size < len(events),
    }


# --- LinkedIn pages ------------------------------------------------------------------------------

LINKEDIN_CSS = """
body { font-family: -apple-system, system-ui, "Segoe UI", Roboto, sans-serif; margin: 0; background: #f4f2ee; color: rgba(0,0,0,.9); }
.global-nav { background: #fff; padding: 10px 24px; color: #0a66c2; font-weight: 700; border-bottom: 1px solid #ddd; }
main { max-width: 780px; margin: 24px auto; } .artdeco-card { background: #fff; border-radius: 8px; padding: 16px 24px; margin-bottom: 12px; box-shadow: 0 0 0 1px #00000014; }
h1 { font-size: 24px; margin: 8px 0; } .t-black--light { color: #666; }
.reusable-search__result-container { list-style: none; padding: 12px 0; border-bottom: 1px solid #eee; }
.entity-result__title-text a { color: #0a66c2; font-weight: 600; text-decoration: none; font-size: 16px; }
ul { padding: 0; margin: 0; }
"""


def _linkedin_page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="i18nLocale" content="en_US"><title>{html.escape(title)} | LinkedIn</title>
<style>{LINKEDIN_CSS}</style></head><body class="render-mode-BIGPIPE">
<header class="global-nav">in</header><main id="main" class="scaffold-layout__main">{body}</main>
</body></html>"""


def linkedin_event_page(e: Event) -> str:
    numeric = e.id.split(":")[1]
    when = e.starts_at.strftime("%a, %b %-d, %-I:%M %p") if e.starts_at else ""
    body = f"""<section id="events-top-card" class="artdeco-card">
<h1 class="t-20 t-bold" data-event-id="{numeric}">{html.escape(e.title)}</h1>
<div class="t-14">Event by <a href="{LINKEDIN}/company/pmi-nj/">{html.escape(e.organizer or "")}</a></div>
<ul><li class="t-black--light"><li-icon type="calendar"></li-icon> <span>{when} (your local time)</span></li>
<li class="t-black--light">Online</li></ul></section>
<section class="artdeco-card"><h2>About</h2><p>{html.escape(e.description or "")}</p></section>"""
    return _linkedin_page(e.title, body)


def linkedin_search_page(events: list[Event]) -> str:
    rows = []
    for e in events:
        numeric = e.id.split(":")[1]
        href = f"{LINKEDIN}/events/{numeric}/"
        rows.append(f"""<li class="reusable-search__result-container">
<div class="entity-result"><div class="entity-result__item">
<div class="entity-result__image"><a class="app-aware-link" href="{href}" aria-hidden="true">&#9633;</a></div>
<div class="entity-result__content">
<div class="entity-result__title-text t-16"><a class="app-aware-link" href="{href}?trk=search"><span dir="ltr"><span aria-hidden="true">{html.escape(e.title)}</span></span></a></div>
<div class="entity-result__primary-subtitle t-14 t-black t-normal">Thu, Dec 3, 7:30 PM EST</div>
<div class="entity-result__secondary-subtitle t-14 t-normal">Online · {html.escape(e.organizer or "")}</div>
<div class="entity-result__simple-insight-text-container">Jane and 12 others are attending</div>
</div></div></div></li>""")
    body = (
        '<div class="artdeco-card"><h2 class="t-18">Events</h2>'
        f'<ul class="reusable-search__entity-result-list">{"".join(rows)}</ul></div>'
    )
    return _linkedin_page("pmi | Search", body)


# --- serving -------------------------------------------------------------------------------------


@dataclass
class FixtureSite:
    """URL -> page, for Playwright's context.route on the two sites' real addresses."""

    pages: dict[str, str] = field(default_factory=dict)
    series: list[Event] = field(default_factory=list)

    def add(self, url: str, body: str) -> None:
        self.pages[_key(url)] = body

    def route(self, route) -> None:
        request = route.request
        if urlsplit(request.url).path == "/gql2" and request.method == "POST":
            after = int(json.loads(request.post_data or "{}").get("after", 0))
            route.fulfill(
                status=200,
                content_type="application/json",
                body=json.dumps(gql2_page(self.series, after)),
            )
            return
        body = self.pages.get(_key(request.url))
        if body is None:
            route.fulfill(status=404, content_type="text/html", body="<h1>Not found</h1>")
        else:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)

    def attach(self, context) -> None:
        # Only the two sites: the service worker's own calls to 127.0.0.1 must go through.
        context.route("https://www.meetup.com/**", self.route)
        context.route("https://www.linkedin.com/**", self.route)


def _key(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.netloc}{path}"


def standard_site(series_count: int = 25) -> tuple[FixtureSite, list[Event]]:
    """Every page type of both sites, and the events that belong in the store for them."""
    series = chapter_series(series_count)
    site = FixtureSite(series=series)
    site.add(CHAPTER.url, meetup_event_page(CHAPTER))
    site.add(XSS.url, meetup_event_page(XSS))
    site.add(UNSEEN.url, meetup_event_page(UNSEEN))
    for event in series[:3]:
        site.add(event.url, meetup_event_page(event))
    site.add(GROUP.url, meetup_group_page(GROUP, [CHAPTER, *series[:2]]))
    site.add(f"{MEETUP}/isaca-nj/events/", meetup_group_events_page(GROUP, series))
    site.add(f"{MEETUP}/find/", meetup_search_page([SUPPORT, HIKE, XSS, CHAPTER]))
    site.add(
        f"{LINKEDIN}/events/pmi-nj-spring-symposium{PMI.id.split(':')[1]}/",
        linkedin_event_page(PMI),
    )
    site.add(f"{LINKEDIN}/search/results/events/", linkedin_search_page([PMI, JOBCLUB, DATAENG]))
    site.add(f"{MEETUP}/", _meetup_page("Meetup", f"<h1>Welcome</h1>{_card(CHAPTER, 1)}", "{}"))
    return site, [CHAPTER, SUPPORT, XSS, HIKE, PMI, JOBCLUB, DATAENG, *series]
