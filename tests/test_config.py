import pytest

from meetscout.config import EXAMPLE, ConfigError, load_config


def write(tmp_path, text):
    path = tmp_path / "meetscout.toml"
    path.write_text(text)
    return path


def test_example_loads(tmp_path):
    config = load_config(write(tmp_path, EXAMPLE))
    assert config.meetup.groups == ["hdi-new-jersey", "pmi-nj-chapter"]
    assert config.meetup.searches[0].keywords == "project management"
    assert config.profile.target_companies == ["Prudential", "ADP"]
    assert config.linkedin.enabled is False


def test_missing_file_means_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MEETSCOUT_CONFIG_DIR", str(tmp_path / "nowhere"))
    config = load_config()
    assert config.path is None and config.meetup.groups == []


def test_bad_toml_names_the_line(tmp_path):
    with pytest.raises(ConfigError, match="line 3"):
        load_config(write(tmp_path, '[meetup]\ngroups = ["a"]\nschedule = \n'))


def test_wrong_type_names_line_and_key(tmp_path):
    text = '[profile]\nhome_area = "Newark"\n\n[meetup]\ngroups = "hdi-nj"\n'
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert "line 5" in str(err.value) and "meetup.groups" in str(err.value)


def test_unknown_key_is_reported(tmp_path):
    with pytest.raises(ConfigError, match=r"line 2, key 'linkedin.pasword'"):
        load_config(write(tmp_path, '[linkedin]\npasword = "hunter2"\n'))
