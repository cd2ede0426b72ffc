"""LinkedIn event pages of the sample, in the logged-in shape (see docs/formats.md).

What the parsers look for: the title in `h1[data-event-id]`, "Event by …", the date line beside
`#events-top-card li-icon[type="calendar"]` as "<start> - <end> (your local time)" in the viewer's
zone (the year only when it is not this year), and `meta[name="i18nLocale"]`.
"""

from __future__ import annotations

import html
from datetime import datetime

from .sample import Sample, SampleLinkedInEvent

LINKEDIN = "https://www.linkedin.com"
STYLE = """
body{font-family:-apple-system,system-ui,sans-serif;margin:0;background:#f4f2ee;color:#191919}
#global-nav{background:#fff;border-bottom:1px solid #ddd;padding:10px 24px;color:#0a66c2;
font-weight:700}
.scaffold-layout__main{max-width:760px;margin:16px auto}
.artdeco-card{background:#fff;border-radius:8px;box-shadow:0 0 0 1px #e0dfdc;padding:20px 24px;
margin-bottom:12px}
.events-top-card-title__title{font-size:1.5rem;margin:6px 0}
.t-14{font-size:.9rem}.t-black--light{color:#666}
.display-flex{display:flex;gap:8px;align-items:center;margin:6px 0}
li-icon{display:inline-block;width:16px;height:16px;background:#ccc;border-radius:3px}
.events-about__description{white-space:pre-wrap}
"""


def event_url(event: SampleLinkedInEvent) -> str:
    return LINKEDIN + event.path


class LinkedInRenderer:
    def __init__(self, sample: Sample, now: datetime):
        self.sample = sample
        self.zone = sample.zone  # the viewer's zone: the person lives in the sample's region
        self.now = now.astimezone(self.zone)

    def _moment(self, moment: datetime, with_day: bool) -> str:
        day = moment.strftime("%a, %b ") + str(moment.day)
        if moment.year != self.now.year:
            day += f", {moment.year}"
        clock = moment.strftime("%-I:%M %p")
        return f"{day}, {clock}" if with_day else clock

    def date_line(self, event: SampleLinkedInEvent) -> str:
        start = event.starts(self.now.date(), self.zone)
        end = event.ends(self.now.date(), self.zone)
        same_day = start.date() == end.date()
        return f"{self._moment(start, True)} - {self._moment(end, not same_day)} (your local time)"

    def event_page(self, event: SampleLinkedInEvent) -> str:
        where = "Online" if event.online else html.escape(event.place or "")
        fmt = "Online" if event.online else "In person"
        org_slug = event.organizer.lower().replace(" ", "-").replace(".", "")
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="i18nLocale" content="en_US">'
            f"<title>{html.escape(event.title)} | LinkedIn</title>"
            f'<meta property="og:title" content="{html.escape(event.title)}">'
            f'<meta property="og:url" content="{event_url(event)}">'
            f'<link rel="canonical" href="{event_url(event)}">'
            f"<style>{STYLE}</style></head>\n"
            '<body class="render-mode-BIGPIPE nav-v2 ember-application">'
            '<header id="global-nav">in</header>'
            '<div class="application-outlet"><main class="scaffold-layout__main" id="main">'
            '<section id="events-top-card" class="artdeco-card">'
            f'<p class="t-14 t-black--light">{fmt} event</p>'
            f'<h1 class="events-top-card-title__title" data-event-id="{event.id}">'
            f"{html.escape(event.title)}</h1>"
            '<div class="events-top-card__organizer t-14">Event by '
            f'<a href="{LINKEDIN}/company/{html.escape(org_slug)}/">'
            f"{html.escape(event.organizer)}</a></div>"
            '<div class="display-flex"><li-icon type="calendar" size="small"></li-icon>'
            f'<span class="t-14">{html.escape(self.date_line(event))}</span></div>'
            '<div class="display-flex"><li-icon type="location" size="small"></li-icon>'
            f'<span class="t-14">{where}</span></div>'
            '<div class="display-flex"><li-icon type="people" size="small"></li-icon>'
            f'<span class="t-14 t-black--light">{event.attendees} attendees</span></div>'
            "</section>"
            '<section class="artdeco-card events-about"><h2>About</h2>'
            f'<div class="events-about__description">{html.escape(event.description.strip())}'
            "</div></section>"
            "</main></div></body></html>\n"
        )
