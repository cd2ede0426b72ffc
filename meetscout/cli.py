"""The `meetscout` command. Each command lives in `meetscout/commands/<name>.py`."""

from __future__ import annotations

import sqlite3
import sys

import typer

from .commands.browse import browse
from .commands.browser import browser
from .commands.calendar import calendar_app
from .commands.classify import classify, reclassify
from .commands.config import config
from .commands.contacts import contacts, met
from .commands.crawl import crawl_app
from .commands.crawl_calendar import calendar
from .commands.crawl_meetup import meetup, meetup_search
from .commands.demo import demo
from .commands.doctor import doctor
from .commands.events import events
from .commands.extension import extension
from .commands.followups import followups_app
from .commands.linkedin import linkedin_app
from .commands.log import log
from .commands.outcome import outcome
from .commands.plan import plan_app
from .commands.presence import attended, skipped
from .commands.profile import profile_app
from .commands.report import report
from .commands.schedule import schedule
from .commands.serve import serve
from .commands.status import status
from .commands.token import token
from .commands.transfer import export, import_

app = typer.Typer(
    name="meetscout",
    help=(
        "Find the networking meetings where the employed go.\n\n"
        "meetscout gathers Meetup and LinkedIn events into a local database, says for each one "
        "who goes there (the employed, job seekers, or nobody networking) and how to get in "
        "cheaply, and flags them beside each meeting while you browse.\n\n"
        "Start with: meetscout events --crowd employed"
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)

app.command()(events)
app.command()(browser)
app.command()(browse)
app.command()(config)
app.command()(demo)
app.command()(extension)
app.command()(serve)
app.command()(token)
crawl_app.command("meetup")(meetup)
crawl_app.command("meetup-search")(meetup_search)
crawl_app.command("calendar")(calendar)
app.command()(classify)
app.command()(reclassify)
app.add_typer(crawl_app, name="crawl")
app.command()(schedule)
app.command()(status)
app.command()(doctor)
app.add_typer(linkedin_app, name="linkedin")
app.add_typer(calendar_app, name="calendar")
app.add_typer(plan_app, name="plan")
# The networking log: after the meeting.
app.command()(attended)
app.command()(skipped)
app.command()(log)
app.command()(met)
app.command()(contacts)
app.add_typer(followups_app, name="followups")
app.command()(outcome)
app.command()(report)
app.command()(export)
app.command("import")(import_)
app.add_typer(profile_app, name="profile")


def main() -> None:
    try:
        app()
    except sqlite3.Error as exc:
        # A write the database refused where no command expected it (a read-only file, a full
        # disk): one message, not a traceback.
        from .commands.common import fail
        from .exit_codes import FAILED
        from .store.read_only import refused_write

        try:
            fail(
                refused_write(exc)
                or f"the database refused: {exc}; `meetscout doctor` checks it and says what to do",
                code=FAILED,
            )
        except typer.Exit as done:
            sys.exit(done.exit_code)


if __name__ == "__main__":
    main()
