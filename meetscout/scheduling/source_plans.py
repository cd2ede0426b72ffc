"""The sources `meetscout schedule` crawls, and the crawl commands each one runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from .processes import CrawlCommand
from .schedules import Schedule, parse_schedule

SOURCES = ("meetup", "calendars", "linkedin")


@dataclass
class SourcePlan:
    name: str
    schedule: Schedule
    commands: list[CrawlCommand] = field(default_factory=list)
    off_because: str | None = None  # why a known source is not crawled
    # Its runs are those of the spiders named so (meetup_group, meetup_search; calendar_feed).
    spiders: str = ""

    def __post_init__(self) -> None:
        self.spiders = self.spiders or self.name

    @property
    def active(self) -> bool:
        return self.off_because is None and bool(self.commands)


def plan_sources(config: Config, db: Path) -> list[SourcePlan]:
    """One plan per known source; an unreadable schedule is a ConfigError naming its key."""
    where = ["--db", str(db)]
    meetup = config.meetup
    plan = SourcePlan("meetup", parse_schedule(meetup.schedule, "meetup.schedule"))
    base = ["--base-url", meetup.base_url] if meetup.base_url else []
    if meetup.groups:
        plan.commands.append(
            CrawlCommand("meetup", ("crawl", "meetup", *meetup.groups, *where, *base))
        )
    for search in meetup.searches:
        argv = ["crawl", "meetup-search", "--keywords", search.keywords]
        if search.location:
            argv += ["--location", search.location]
        argv += ["--limit", str(search.limit), *where, *base]
        plan.commands.append(CrawlCommand("meetup", tuple(argv)))
    if not plan.commands:
        plan.off_because = "no groups or searches in [meetup]"
    calendars = config.calendars
    cal = SourcePlan(
        "calendars", parse_schedule(calendars.schedule, "calendars.schedule"), spiders="calendar"
    )
    if calendars.urls:
        argv = ("crawl", "calendar", *calendars.urls, "--days", str(calendars.days), *where)
        cal.commands.append(CrawlCommand("calendars", argv))
    else:
        cal.off_because = "no addresses in [calendars] urls"
    linkedin = config.linkedin
    li = SourcePlan("linkedin", parse_schedule(linkedin.schedule, "linkedin.schedule"))
    li_base = ["--base-url", linkedin.base_url] if linkedin.base_url else []
    li.commands.append(CrawlCommand("linkedin", ("crawl", "linkedin", *where, *li_base)))
    if not linkedin.enabled:
        li.off_because = "off until [linkedin] enabled = true"
    return [plan, cal, li]
