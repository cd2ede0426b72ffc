"""The networking log's commands, from the terminal, over a frozen clock."""

from __future__ import annotations

import json

import pytest
from PIL import Image
from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.store import Store
from tests.log_history import PROFILE, craft_history, et, meeting

runner = CliRunner()
CHAPTER = meeting(1, et(2026, 12, 1, 18, 0))


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    """Tables one line a row, whatever terminal runs the tests."""
    from meetscout.commands.common import console, err_console

    monkeypatch.setattr(console, "width", 200)
    monkeypatch.setattr(err_console, "width", 200)


def run(db, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, [*args, "--db", str(db)])
    output = result.output
    assert "Traceback" not in output, output
    assert result.exit_code == code, output
    return output


@pytest.fixture
def db(tmp_path, time_machine):
    time_machine.move_to(et(2026, 11, 30, 12, 0), tick=False)
    path = tmp_path / "meetscout.db"
    with Store(path) as store:
        store.save_profile(PROFILE)
        store.upsert_events([CHAPTER])
    return path


def test_from_meeting_to_follow_up_done(db, time_machine, tmp_path):
    assert "still ahead" in run(db, "attended", CHAPTER.id, code=2)
    time_machine.move_to(et(2026, 12, 1, 21, 0))
    out = run(db, "attended", CHAPTER.id)
    assert f"Recorded {CHAPTER.title} (Tue 1 Dec 2026) as attended" in out
    out = run(
        db,
        "met",
        CHAPTER.url,
        "Dana Whitfield",
        "--company",
        "Prudential",
        "--role",
        "Claims director",
        "--how",
        "email",
        "--note",
        "Hiring in January",
    )
    assert "Contact 1 recorded" in out and "At a target company: Prudential" in out
    assert "Follow up by Thu 3 Dec 20:30" in out
    run(db, "met", CHAPTER.id, "Luis Ortega", "--company", "Acme", "--due", "2026-12-05")
    out = run(db, "contacts", "prudential")
    assert "Dana Whitfield" in out and "★ target" in out and "Luis" not in out
    assert [
        c["name"] for c in map(json.loads, run(db, "contacts", "--targets", "--json").splitlines())
    ] == ["Dana Whitfield"]
    assert "No contact matches" in run(db, "contacts", "nobody", code=1)

    time_machine.move_to(et(2026, 12, 3, 9, 0))
    out = run(db, "followups")
    assert "Dana Whitfield" in out and "due" in out and "Luis" not in out
    listed = [json.loads(line) for line in run(db, "followups", "--all", "--json").splitlines()]
    assert [(f["id"], f["state"]) for f in listed] == [(1, "due"), (2, "later")]
    result = runner.invoke(app, ["followups", "--db", str(db), "done", "1"])  # --db first
    assert "done on Thu 3 Dec 2026" in result.output, result.output
    assert "Nothing due" in run(db, "followups")
    assert "due by Mon 7 Dec 17:00" in run(db, "followups", "move", "2", "2026-12-07")
    assert "in the past" in run(db, "followups", "move", "2", "2026-11-07", code=2)
    assert "still ahead" in run(db, "followups", "done", "2", "--on", "2026-12-09", code=2)
    assert "no follow-up 9" in run(db, "followups", "done", "9", code=2)

    out = run(db, "outcome", "informational_interview", "--contact", "1", "--on", "2026-12-10")
    assert "Outcome 1 recorded: informational interview, of contact 1" in out
    assert "no contact 5" in run(db, "outcome", "referral", "--contact", "5", code=2)
    assert "Invalid value" in run(db, "outcome", "hug", "--contact", "1", code=2)

    out = run(db, "log")
    assert CHAPTER.title in out and "attended" in out and "Informational interview" in out
    (entry,) = map(json.loads, run(db, "log", "--json").splitlines())
    assert (entry["event_id"], entry["outcome"], entry["contacts"]) == (CHAPTER.id, "attended", 2)

    figures = json.loads(run(db, "report", "--json"))
    assert figures["total"]["contacts"] == 2 and figures["total"]["at_targets"] == 1
    assert figures["by_kind"][0]["key"] == "professional_association"
    assert figures["total"]["outcomes"]["informational_interview"] == 1
    out = run(db, "report", "--from", "2026-12-01", "--chart", str(tmp_path / "charts" / "n"))
    assert "Per kind of meeting" in out and "Professional association" in out
    assert "Dana" not in out  # the report counts people, it does not name them
    with Image.open(tmp_path / "charts" / "n.png") as image:
        assert image.format == "PNG"
    out = run(
        db,
        "report",
        "--work-search",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-07",
        "--out",
        str(tmp_path / "ws"),
    )
    assert "4 work-search activities" in out
    assert (tmp_path / "ws" / "work-search-2026-12-01-to-2026-12-07.html").exists()
    assert "needs --from and --to" in run(db, "report", "--work-search", code=2)
    assert "is before --from" in run(
        db, "report", "--from", "2026-12-05", "--to", "2026-12-01", code=2
    )

    export = tmp_path / "export.json"
    assert "2 contacts" in run(db, "export", "--file", str(export))
    assert "already there" in run(db, "export", "--file", str(export), code=2)
    other = tmp_path / "other.db"
    out = run(other, "import", str(export))
    assert "2 contacts added" in out and "2 follow-ups added" in out
    assert "nothing new" in run(other, "import", str(export))
    assert [c["name"] for c in map(json.loads, run(other, "contacts", "--json").splitlines())] == [
        "Dana Whitfield",
        "Luis Ortega",
    ]
    assert "Contact 2 deleted" in run(other, "contacts", "--forget", "2")
    assert "no contact 2" in run(other, "contacts", "--forget", "2", code=2)


def test_bad_input_is_a_sentence_without_the_contacts_name(db, time_machine, tmp_path):
    time_machine.move_to(et(2026, 12, 2, 9, 0))
    out = run(db, "met", "meetup:404", "Dana Whitfield", code=2)
    assert "knows no meeting 'meetup:404'" in out and "Whitfield" not in out
    out = run(db, "met", CHAPTER.id, "Zebulon", code=2)
    assert "full name, first and last" in out and "Zebulon" not in out
    run(db, "met", CHAPTER.id, "Zebulon Quayle", "--company", "Merck")
    out = run(db, "met", CHAPTER.id, "zebulon quayle", code=2)
    assert "already recorded (contact 1)" in out and "uayle" not in out
    assert "wants a date" in run(db, "met", CHAPTER.id, "Ann Bo", "--due", "soon", code=2)
    assert "more than a year ahead" in run(
        db, "met", CHAPTER.id, "Ann Bo", "--due", "2029-01-01", code=2
    )
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert "not valid JSON" in run(db, "import", str(bad), code=2)
    assert "There is no file" in run(db, "import", str(tmp_path / "none.json"), code=2)


def test_an_empty_log_says_how_to_start(tmp_path):
    db = tmp_path / "empty.db"
    assert "No meetings in your log yet" in run(db, "log")
    assert "No contacts yet" in run(db, "contacts")
    assert "Nothing due" in run(db, "followups")
    assert "Nothing to report yet" in run(db, "report")


def test_report_tables_over_a_crafted_history(tmp_path, time_machine):
    db = tmp_path / "h.db"
    with Store(db) as store:
        craft_history(store, time_machine)
    out = run(db, "report")
    assert "Alumni group" in out and "Rutgers Alumni" in out
    assert "too many job-seeker meetings" in out and "2026-11" in out
    assert "1 of 2" in out  # professional association follow-ups on time
