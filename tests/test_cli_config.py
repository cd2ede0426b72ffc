import tomllib

from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.config import EXAMPLE

runner = CliRunner()


def isolate(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MEETSCOUT_CONFIG", raising=False)
    monkeypatch.setenv("MEETSCOUT_CONFIG_DIR", str(tmp_path / "config-folder"))


def test_no_file_says_where_to_create_one(tmp_path, monkeypatch):
    isolate(tmp_path, monkeypatch)
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0, result.output
    assert "No meetscout.toml found" in result.output
    assert str(tmp_path / "meetscout.toml") in result.output
    assert str(tmp_path / "config-folder" / "meetscout.toml") in result.output
    assert "meetscout config --example" in result.output


def test_example_is_the_documented_example_and_valid_toml(tmp_path, monkeypatch):
    isolate(tmp_path, monkeypatch)
    result = runner.invoke(app, ["config", "--example"])
    assert result.exit_code == 0
    assert result.output == EXAMPLE
    assert tomllib.loads(result.output)["meetup"]["groups"]


def test_found_file_is_named_and_summarised(tmp_path, monkeypatch):
    isolate(tmp_path, monkeypatch)
    folder = tmp_path / "config-folder"
    folder.mkdir()
    (folder / "meetscout.toml").write_text(EXAMPLE)
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0, result.output
    assert f"Using {folder / 'meetscout.toml'}" in result.output
    assert "2 groups" in result.output and "LinkedIn: off" in result.output
    assert "Calendars: none" in result.output


def test_working_folder_wins_over_config_folder(tmp_path, monkeypatch):
    isolate(tmp_path, monkeypatch)
    (tmp_path / "config-folder").mkdir()
    (tmp_path / "config-folder" / "meetscout.toml").write_text(EXAMPLE)
    (tmp_path / "meetscout.toml").write_text(
        '[meetup]\ngroups = ["one"]\n[calendars]\nurls = ["https://www.isaca-nj.example/"]\n'
    )
    result = runner.invoke(app, ["config"])
    assert f"Using {tmp_path / 'meetscout.toml'}" in result.output
    assert "1 group," in result.output
    assert "Calendars: 1 address, crawled every 6 hours" in result.output


def test_malformed_file_names_line_and_key_without_traceback(tmp_path, monkeypatch):
    isolate(tmp_path, monkeypatch)
    (tmp_path / "meetscout.toml").write_text('[profile]\nhome_area = "Newark"\nradius_km = "far"\n')
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert "line 3" in result.output and "profile.radius_km" in result.output
    assert "Traceback" not in result.output


def test_config_check_fails_on_a_schedule_it_cannot_read(tmp_path, monkeypatch):
    """Issue 18 item 7: `schedule = "twice a week"` passed `meetscout config` (exit 0)."""
    isolate(tmp_path, monkeypatch)
    (tmp_path / "meetscout.toml").write_text('[meetup]\nschedule = "twice a week"\n')
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert "line 2, key 'meetup.schedule'" in result.output


def test_a_mistyped_crowd_is_a_short_message_with_the_choices(tmp_path):
    result = runner.invoke(
        app,
        ["events", "--crowd", "employeed", "--db", str(tmp_path / "m.db")],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 2
    assert (
        "'employeed' is not a crowd: choose employed, job_seekers or not_networking"
        in result.output
    )
    assert "did you mean 'employed'?" in result.output
    assert "Value error" not in result.output


def test_linkedin_line_counts_event_pages_too(tmp_path, monkeypatch):
    """Issue 18: `config` said "LinkedIn: on, 0 searches" for a file listing LinkedIn events."""
    isolate(tmp_path, monkeypatch)
    (tmp_path / "meetscout.toml").write_text(
        '[linkedin]\nenabled = true\nevents = ["https://www.linkedin.com/events/7401234567890123451/",'
        ' "https://www.linkedin.com/events/7401234567890123452/"]\n'
    )
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0, result.output
    assert "LinkedIn: on, 0 searches, 2 event pages, crawled daily" in result.output
    (tmp_path / "meetscout.toml").write_text(
        '[linkedin]\nenabled = true\nkeywords = ["pmi"]\nplaces = ["Newark, NJ"]\n'
    )
    result = runner.invoke(app, ["config"])
    assert "LinkedIn: on, 1 search in Newark, NJ, 0 event pages" in result.output
    (tmp_path / "meetscout.toml").write_text("[linkedin]\nenabled = true\n")
    assert "on, but nothing to crawl" in runner.invoke(app, ["config"]).output
