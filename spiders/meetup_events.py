"""`meetup_events`: read given Meetup event pages (URLs, or a file of them one a line)."""

from __future__ import annotations

from pathlib import Path

from scrapy import Request

from meetscout.identify import identify

from .meetup_base import REPORTED_STATUSES, MeetupSpider


class MeetupEventsSpider(MeetupSpider):
    name = "meetup_events"

    def __init__(self, urls=None, urls_file: str | None = None, base_url=None, **kwargs):
        super().__init__(base_url=base_url, **kwargs)
        found = urls.split() if isinstance(urls, str) else list(urls or [])
        if urls_file:
            found += Path(urls_file).read_text(encoding="utf-8").split()
        # One request per event, however many spellings of its URL we were given.
        by_id: dict[str, str] = {}
        for url in found:
            ident = identify(url, assume="meetup")
            if ident and ident.kind == "event" and ident.id:
                by_id.setdefault(ident.id, ident.url)
            else:
                self.report.problems.append(f"not a Meetup event URL: {url}")
        self.urls = list(by_id.values())
        self.run_args["urls"] = len(self.urls)

    async def start(self):
        for url in self.urls:
            yield Request(
                self.site_url(url),
                callback=self.parse_event,
                errback=self.failed,
                meta={"handle_httpstatus_list": REPORTED_STATUSES},
            )

    def failed(self, failure):
        self.report.problems.append(
            f"Meetup event page {failure.request.url}: {failure.getErrorMessage()}"
        )
