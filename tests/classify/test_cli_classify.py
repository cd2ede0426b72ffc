"""`meetscout classify` (the JSON-lines contract) and `meetscout reclassify`."""

import json

from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.model import Profile
from meetscout.store import Store
from tests.conftest import make_event

runner = CliRunner()

LINES = "\n".join(
    [
        json.dumps(
            {
                "id": 7,
                "title": "Chapter meeting",
                "group_name": "ISACA New Jersey",
                "description": "2 CPE. Free for members in transition. Zoom link sent.",
                "fee": "$40",
                "starts_at": "2026-03-18T17:30:00-04:00",
                "colour": "blue",
            }
        ),
        "this is not json",
        "[1, 2, 3]",
        json.dumps(
            {
                "id": "b",
                "title": "Resume clinic for job seekers",
                "fee": 0,
                "organizer": "Springfield Library",
            }
        ),
        json.dumps({"id": "c", "title": "Career fair", "starts_at": "next tuesday"}),
        "",
        json.dumps({"title": "Hike", "fee": "Free", "is_online": False}),
    ]
)


def test_json_lines_in_json_lines_out(tmp_path):
    result = runner.invoke(app, ["classify", "-", "--db", str(tmp_path / "none.db")], input=LINES)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == 6  # the blank line is skipped, every other line answered in order
    first = out[0]
    assert set(first) == {"id", "crowd", "kind", "confidence", "access", "reasons", "targets"}
    assert (first["id"], first["crowd"], first["kind"]) == (
        7,
        "employed",
        "professional_association",
    )
    assert first["access"] == ["free_for_job_seekers", "virtual"]
    assert 2 <= len(first["reasons"]) <= 4
    assert "error" in out[1] and "not JSON" in out[1]["error"]
    assert "error" in out[2] and "object" in out[2]["error"]
    assert (out[3]["crowd"], out[3]["access"]) == ("job_seekers", ["free"])
    assert out[4]["id"] == "c" and "ISO 8601" in out[4]["error"]
    assert out[5]["crowd"] == "not_networking" and "id" not in out[5]
    assert not (tmp_path / "none.db").exists()  # reading a profile never creates a database


def test_targets_from_profile_and_option(tmp_path):
    db = tmp_path / "m.db"
    with Store(db) as s:
        s.save_profile(Profile(target_companies=["Acme Bank"], target_industries=["fintech"]))
    line = json.dumps({"title": "Fintech meetup", "description": "Hosted at Acme Bank and Initech"})
    result = runner.invoke(app, ["classify", "--db", str(db), "--target", "Initech"], input=line)
    assert json.loads(result.output)["targets"] == ["Acme Bank", "Initech", "fintech"]


def test_evaluate_prints_the_report(tmp_path):
    path = tmp_path / "labelled.jsonl"
    path.write_text(
        json.dumps(
            {
                "title": "Job fair",
                "description": "Employers hiring on site",
                "expect": {"crowd": "job_seekers", "kind": "career_fair", "access": []},
            }
        )
        + "\n"
        + json.dumps(
            {
                "title": "Board game night",
                "expect": {"crowd": "employed", "kind": "industry_meetup", "access": ["free"]},
            }
        )
        + "\nnot json\n"
    )
    result = runner.invoke(app, ["classify", "--evaluate", str(path)])
    assert result.exit_code == 0, result.output
    for words in (
        "crowd accuracy: 50.0%",
        "kind accuracy:  50.0%",
        "precision",
        "confusion",
        "access cue",
        "wrong: 1, the worst first",
        "'Board game night'",
        "could not be read",
    ):
        assert words in result.output


def test_missing_file_is_a_message(tmp_path):
    result = runner.invoke(app, ["classify", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "cannot read" in result.output
    assert "Traceback" not in result.output


def test_reclassify_judges_the_store_again(tmp_path):
    db = tmp_path / "m.db"
    with Store(db) as s:
        s.upsert_events(
            [
                make_event(1),
                make_event(
                    2,
                    title="Saturday hike",
                    description="8 miles",
                    group_id=None,
                    group_name="Hikers",
                ),
            ]
        )
    result = runner.invoke(app, ["reclassify", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "judged 2 events" in result.output
    with Store(db) as s:
        assert s.get_event(make_event(1).id).assessment.crowd == "employed"
        assert s.get_event(make_event(2).id).assessment.crowd == "not_networking"
    again = runner.invoke(app, ["reclassify", "--db", str(db)])
    assert "judged 0 events" in again.output  # same version: nothing to redo
    assert "judged 2 events" in runner.invoke(app, ["reclassify", "--all", "--db", str(db)]).output
