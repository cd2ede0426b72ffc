import json

from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.store import Store
from tests.conftest import make_event

runner = CliRunner()


def fill(path):
    with Store(path) as s:
        s.upsert_events([make_event(1), make_event(2, title="Resume clinic", is_online=True)])


def test_events_table_and_json(tmp_path):
    db = tmp_path / "m.db"
    fill(db)
    result = runner.invoke(app, ["events", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Resume clinic" in result.output
    result = runner.invoke(app, ["events", "resume", "--json", "--db", str(db)])
    assert [json.loads(line)["title"] for line in result.output.splitlines()] == ["Resume clinic"]
    result = runner.invoke(app, ["events", "--online", "--json", "--db", str(db)])
    assert len(result.output.splitlines()) == 1


def test_bad_query_is_a_message_not_a_traceback(tmp_path):
    db = tmp_path / "m.db"
    fill(db)
    result = runner.invoke(app, ["events", '"unbalanced', "--db", str(db)])
    assert result.exit_code == 2
    assert "Cannot search for" in result.output
    assert "Traceback" not in result.output


def test_bad_date_is_a_message(tmp_path):
    result = runner.invoke(
        app, ["events", "--from", "next tuesday", "--db", str(tmp_path / "m.db")]
    )
    assert result.exit_code == 2
    assert "wants a date" in result.output


def test_database_from_environment(tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    fill(db)
    monkeypatch.setenv("MEETSCOUT_DB", str(db))
    result = runner.invoke(app, ["events", "--json"])
    assert len(result.output.splitlines()) == 2


def test_every_command_documents_a_runnable_example():
    import typer.main

    def leaves(group, prefix):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from leaves(command, f"{prefix} {name}")
            else:
                yield f"{prefix} {name}", command

    for name, command in leaves(typer.main.get_command(app), "meetscout"):
        assert "Example" in (command.help or ""), f"`{name}` has no example in its help"
        assert name in command.help, f"`{name}`'s example does not run `{name}`"


def test_core_package_imports_neither_scrapy_nor_fastapi():
    import subprocess
    import sys

    code = (
        "import sys, meetscout.cli, meetscout.store, meetscout.model;"
        "bad = [m for m in ('scrapy', 'fastapi', 'twisted') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_meeting_on_the_chapters_site_and_on_meetup_is_listed_once(tmp_path):
    db = tmp_path / "m.db"
    chapter = make_event(
        1, id="ical:hdi-1", source="calendar", url="https://www.hdi-nj.example/events/1/",
        title="HDI New Jersey chapter meeting 1: Knowledge-Centered Service",
        group_id="calendar:hdi-nj.example",
    )  # fmt: skip
    with Store(db) as s:
        s.upsert_events([chapter])
        s.upsert_events([make_event(1, title="Chapter meeting: Knowledge-Centered Service")])
    result = runner.invoke(app, ["events", "--json", "--db", str(db)])
    [meeting] = [json.loads(line) for line in result.output.splitlines()]
    assert meeting["id"] == "ical:hdi-1"
    assert [x["url"] for x in meeting["also_at"]] == [
        "https://www.meetup.com/hdi-nj/events/300000001/"
    ]
    result = runner.invoke(app, ["events", "--db", str(db)], env={"COLUMNS": "200"})
    assert "Also on Meetup" in result.output and result.output.count("Knowledge") == 1


def test_typed_dates_are_days_in_the_persons_zone(tmp_path):
    """Issue 18 item 5: with TZ=America/New_York, --from 2026-12-05 --to 2026-12-06 listed a
    meeting on Friday 4 December at 19:00 (midnight UTC) and missed late Sunday."""
    import os
    import subprocess
    import sys
    from datetime import UTC, datetime

    db = tmp_path / "m.db"
    at = {
        "friday-evening": datetime(2026, 12, 5, 0, 0, tzinfo=UTC),  # Fri 4 Dec 19:00 EST
        "saturday": datetime(2026, 12, 5, 20, 0, tzinfo=UTC),
        "sunday-late": datetime(2026, 12, 7, 4, 30, tzinfo=UTC),  # Sun 6 Dec 23:30 EST
        "monday": datetime(2026, 12, 7, 14, 0, tzinfo=UTC),
    }
    with Store(db) as s:
        s.upsert_events(
            [make_event(n, title=t, starts_at=when) for n, (t, when) in enumerate(at.items())]
        )
    env = {**os.environ, "TZ": "America/New_York", "MEETSCOUT_CONFIG": str(tmp_path / "none.toml")}
    (tmp_path / "none.toml").write_text("")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "meetscout.cli",
            "events",
            "--from",
            "2026-12-05",
            "--to",
            "2026-12-06",
            "--json",
            "--db",
            str(db),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["title"] for line in done.stdout.splitlines()] == [
        "saturday",
        "sunday-late",
    ]


def test_times_are_shown_in_the_persons_zone_labelled(tmp_path):
    """One rule for every time shown: the person's zone, named (the meeting is in Los Angeles)."""
    import os
    import subprocess
    import sys
    from datetime import UTC, datetime

    db = tmp_path / "m.db"
    with Store(db) as s:
        s.upsert_events(
            [
                make_event(
                    1,
                    title="West coast webinar",
                    timezone="America/Los_Angeles",
                    starts_at=datetime(2026, 12, 5, 3, 0, tzinfo=UTC),
                )
            ]
        )
    env = {**os.environ, "TZ": "America/New_York", "MEETSCOUT_CONFIG": str(tmp_path / "none.toml")}
    (tmp_path / "none.toml").write_text("")
    done = subprocess.run(
        [sys.executable, "-m", "meetscout.cli", "events", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Fri 4 Dec 22:00 EST" in done.stdout


def test_events_help_says_how_dates_are_read():
    result = runner.invoke(app, ["events", "--help"], env={"COLUMNS": "200"})
    assert "days in your zone" in " ".join(result.output.split())
