"""What the CLI prints: crawled text stays words (issue 17 item 3), tables fit 80 columns and
print plainly into a pipe (issue 18 item 10).

The commands run in a fresh process, as a person runs them: `TTY_COMPATIBLE=1` makes Rich treat
the output as a terminal of `COLUMNS` columns, as it would a real one.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from meetscout.model import Assessment, Crowd, Kind
from meetscout.store import Store
from meetscout.terminal import CleanLogRecords, clean, safe
from tests.conftest import make_event

HOSTILE = (
    "Evil [/] meetup [link=https://evil.example]click here[/link] [bold red]LOUD "
    "\x1b[2J\x1b]8;;https://evil.example\x07hidden\x1b]8;;\x07 \x9b31m done"
)
BOX = set("│─┃━┏┓┗┛╭╮╰╯┡┩")
STYLE = re.compile(r"\x1b\[[0-9;]*m")


def widest(text: str) -> int:
    """The longest line as the terminal shows it (Rich's colours take no room)."""
    return max(len(STYLE.sub("", line)) for line in text.splitlines())


def meetscout(*args: str, terminal: bool, columns: int = 80, env: dict | None = None):
    """`meetscout *args` with no meetscout.toml but the one `env` names."""
    environ = {**os.environ, "COLUMNS": str(columns), "MEETSCOUT_CONFIG_DIR": "/nonexistent"}
    for name in ("FORCE_COLOR", "MEETSCOUT_CONFIG", "NO_COLOR"):
        environ.pop(name, None)
    environ["TTY_COMPATIBLE"] = "1" if terminal else "0"
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "meetscout.cli", *args],
        capture_output=True, text=True, env=environ, timeout=60, cwd="/",
    )  # fmt: skip


def employed(*reasons: str) -> Assessment:
    return Assessment(
        crowd=Crowd.employed,
        kind=Kind.professional_association,
        confidence=0.9,
        access=["guest_pass", "drinks_only", "free_for_job_seekers"],
        reasons=list(reasons),
    )


def fill(path, *events) -> None:
    with Store(path) as store:
        store.upsert_events(list(events))


def assert_inert(text: str) -> None:
    """Rich's own colours may be there; the crawled codes may not."""
    assert "\x1b[2J" not in text and "\x1b]8;" not in text  # clear screen, hyperlink
    assert "\x9b" not in text and "\x07" not in text
    assert "Traceback" not in text


# -- crawled text (issue 17 item 3) --


def test_clean_and_safe_leave_words_only():
    assert clean("a\x1b[2Jb\x00c\u202ed\te\nf") == "a[2Jbcd\te\nf"
    assert safe("[/] [link=https://x]y[/link]") == r"\[/] \[link=https://x]y\[/link]"


def test_a_hostile_title_prints_as_words_on_a_terminal(tmp_path):
    db = tmp_path / "m.db"
    fill(db, make_event(1, title=HOSTILE, group_name="[red]Group[/red]",
                        assessment=employed(f"Hosted by {HOSTILE}")))  # fmt: skip
    done = meetscout("events", "--db", str(db), terminal=True, columns=500)
    assert done.returncode == 0, done.stdout + done.stderr
    assert_inert(done.stdout + done.stderr)
    assert "Evil [/] meetup [link=https://evil.example]click here[/link]" in done.stdout


def test_a_hostile_title_prints_as_words_into_a_pipe(tmp_path):
    db = tmp_path / "m.db"
    fill(db, make_event(1, title=HOSTILE, assessment=employed(HOSTILE)))
    done = meetscout("events", "--db", str(db), terminal=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert_inert(done.stdout)
    assert "[link=https://evil.example]click here[/link]" in done.stdout


def test_a_hostile_run_error_prints_as_words_in_status(tmp_path):
    db = tmp_path / "m.db"
    with Store(db) as store:
        run = store.start_run("meetup_group", {})
        store.finish_run(run, "partial", error=f"Meetup event page {HOSTILE} answered HTTP 500")
    for terminal in (True, False):
        done = meetscout("status", "--db", str(db), terminal=terminal, columns=200)
        assert done.returncode == 0, done.stdout + done.stderr
        assert_inert(done.stdout)
        assert "[link=https://evil.example]" in done.stdout


def test_an_error_quoting_what_it_was_given_prints_as_words(tmp_path):
    done = meetscout("crawl", "meetup", HOSTILE, "--db", str(tmp_path / "m.db"), terminal=True)
    assert done.returncode == 2
    assert_inert(done.stderr)
    assert "[link=https://evil.example]" in done.stderr


def test_log_records_lose_their_control_characters():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "skipped %s", (HOSTILE,), None)
    CleanLogRecords().filter(record)
    assert_inert(record.getMessage())
    assert "hidden" in record.getMessage()


# -- tables (issue 18 item 10) --

LONG = [
    make_event(
        1,
        title="Knowledge-Center Practitioners Roundtable: Service Management in Practice",
        group_name="HDI New Jersey Chapter of Service-Management Professionals",
        assessment=employed(
            "Hosted by a professional association chapter: HDI New Jersey Chapter",
        ),
    ),
    make_event(
        2,
        title="Cybersecurity Awareness Breakfast",
        assessment=employed("Hosted by a professional association chapter: ISACA"),
    ),
]


def test_events_fit_80_columns_without_cutting_a_word(tmp_path):
    db = tmp_path / "m.db"
    fill(db, *LONG)
    done = meetscout("events", "--db", str(db), terminal=True, columns=80)
    assert done.returncode == 0, done.stderr
    assert widest(done.stdout) <= 80, done.stdout
    words = {w.strip(",.:") for w in STYLE.sub("", done.stdout).split()}
    for word in ("Knowledge-Center", "Practitioners", "Cybersecurity", "Awareness",
                 "professional", "association", "seekers"):  # fmt: skip
        assert word in words, f"{word!r} was cut:\n{done.stdout}"


def test_piped_tables_are_plain_tab_separated_lines(tmp_path):
    db = tmp_path / "m.db"
    fill(db, *LONG)
    done = meetscout("events", "--db", str(db), terminal=False, columns=80)
    assert done.returncode == 0, done.stderr
    assert not BOX & set(done.stdout), done.stdout
    header, *rows = done.stdout.splitlines()
    assert header.split("\t")[:3] == ["When", "Meeting", "Flag"]
    assert len(rows) == 2
    assert LONG[0].title in rows[0].split("\t")  # whole, however long
    assert "Cash bar only, Free for job seekers, Guest pass" in rows[0].split("\t")


def test_status_fits_80_columns(tmp_path):
    db = tmp_path / "m.db"
    with Store(db) as store:
        run = store.start_run("meetup_group", {})
        store.finish_run(run, "partial", error="Meetup events page of 'hdi-new-jersey' "
                         "answered HTTP 503 several times in a row; kept what was stored")  # fmt: skip
    done = meetscout("status", "--db", str(db), terminal=True, columns=80)
    assert done.returncode == 0, done.stderr
    assert widest(done.stdout) <= 80, done.stdout
    words = {w.strip(",.:;'") for w in STYLE.sub("", done.stdout).split()}
    for word in ("partial", "hdi-new-jersey", "several", "answered", "stored", "meetup"):
        assert word in words, f"{word!r} was cut:\n{done.stdout}"


def test_nothing_due_is_a_sentence_not_an_empty_table(tmp_path):
    db = tmp_path / "m.db"
    config = tmp_path / "meetscout.toml"
    config.write_text('[meetup]\ngroups = ["hdi-new-jersey"]\nschedule = "every 6 hours"\n')
    now = datetime.now(UTC)
    with Store(db) as store:
        store.save_schedule_state(
            "meetup", last_started=now - timedelta(minutes=5), last_finished=now,
            last_status="ok", counts={}, error=None, run_ids=[], failures=0, retry_at=None,
        )  # fmt: skip
    for terminal in (True, False):
        done = meetscout("schedule", "--once", "--db", str(db), terminal=terminal,
                         env={"MEETSCOUT_CONFIG": str(config)})  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.startswith("Nothing was due: "), done.stdout
        assert "Source" not in done.stdout and not BOX & set(done.stdout)
