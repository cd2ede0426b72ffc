"""One profile, wherever it is edited (issue 18 item 1): meetscout.toml's [profile], `meetscout
profile set`, the extension's options; read by classify, the judge, the API and the crawl.

The rule (meetscout/profile.py): the profile lives in the database; the file's section is copied
in whenever it changes; a change made elsewhere is used until the file's section changes again.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.config import load_config
from meetscout.model import Profile
from meetscout.profile import sync_profile
from meetscout.store import Store

runner = CliRunner()
PRUDENTIAL = '{"title": "Insurance Analytics Meetup at Prudential"}\n'


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MEETSCOUT_DB", str(tmp_path / "m.db"))
    return tmp_path


def write(home, text: str) -> None:
    (home / "meetscout.toml").write_text(text)


def classify_targets() -> list[str]:
    result = runner.invoke(app, ["classify", "-"], input=PRUDENTIAL)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["targets"]


def test_classify_reads_the_files_profile_with_no_database(home):
    write(home, '[profile]\ntarget_companies = ["Prudential", "ADP"]\n')
    assert classify_targets() == ["Prudential"]
    assert not (home / "m.db").exists()  # reading made no database


def test_classify_reads_the_files_profile_with_a_database(home):
    Store(home / "m.db").close()
    write(home, '[profile]\ntarget_companies = ["Prudential", "ADP"]\n')
    assert classify_targets() == ["Prudential"]
    with Store(home / "m.db") as store:
        assert store.get_profile().target_companies == ["Prudential", "ADP"]


def test_the_newest_change_wins_and_config_says_so(home):
    write(home, '[profile]\nhome_area = "Newark, NJ"\ntarget_companies = ["Prudential"]\n')
    assert classify_targets() == ["Prudential"]
    result = runner.invoke(app, ["profile", "set", "target_companies", "Analytics Inc", "ADP"])
    assert result.exit_code == 0, result.output
    # The file has not changed since: the change made with `profile set` holds.
    assert classify_targets() == []
    shown = runner.invoke(app, ["config"])
    assert "changed since meetscout.toml's [profile]" in shown.output
    assert "target_companies" in shown.output
    listed = runner.invoke(app, ["profile"])
    assert "meetscout.toml says Prudential" in listed.output
    # Editing the file's section again copies it in; keys it does not set stay as they were.
    write(home, '[profile]\ntarget_companies = ["Prudential", "Globex"]\n')
    assert classify_targets() == ["Prudential"]
    profile = json.loads(runner.invoke(app, ["profile", "--json"]).output)
    assert profile["target_companies"] == ["Prudential", "Globex"]
    assert profile["home_area"] == "Newark, NJ"


def test_profile_set_says_what_is_allowed(home):
    result = runner.invoke(app, ["profile", "set", "target_compnies", "ADP"])
    assert result.exit_code == 2 and "did you mean 'target_companies'?" in result.output
    result = runner.invoke(app, ["profile", "set", "job_seeker_monthly_limit", "40"])
    assert result.exit_code == 2 and "a whole number from 0 to 31" in result.output


def test_sync_copies_the_section_only_when_it_changes(tmp_path):
    path = tmp_path / "meetscout.toml"
    path.write_text("[profile]\nradius_km = 25\n")
    with Store(tmp_path / "m.db") as store:
        assert sync_profile(store, load_config(path)).radius_km == 25
        store.save_profile(Profile(radius_km=10, target_companies=["ADP"]))  # the options page
        assert sync_profile(store, load_config(path)).radius_km == 10
        path.write_text("[profile]\nradius_km = 30\n")
        synced = sync_profile(store, load_config(path))
        assert (synced.radius_km, synced.target_companies) == (30, ["ADP"])
