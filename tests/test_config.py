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


# Issue 18 item 7: every mistake names the file, the line, the key, what is allowed, and the
# nearest allowed word.


def test_a_schedule_meetscout_cannot_read_is_a_config_mistake(tmp_path):
    path = write(tmp_path, '[meetup]\ngroups = ["a"]\nschedule = "twice a week"\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    text = str(err.value)
    assert f"{path}: line 3, key 'meetup.schedule'" in text
    assert "twice a week" in text and '"every 6 hours"' in text  # what it accepts


def test_a_mistyped_table_gets_its_line_the_choices_and_a_suggestion(tmp_path):
    path = write(tmp_path, '[meetup]\ngroups = ["a"]\n\n[linkdin]\nenabled = true\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    text = str(err.value)
    assert f"{path}: line 4, key 'linkdin'" in text
    assert "profile, meetup or linkedin" in text and "did you mean 'linkedin'?" in text
    assert "Extra inputs" not in text


def test_a_mistyped_key_gets_a_suggestion_and_a_bound_says_what_is_allowed(tmp_path):
    text = '[profile]\ntarget_compnies = ["ADP"]\njob_seeker_monthly_limit = 40\n'
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    lines = str(err.value).splitlines()
    assert "line 2" in lines[0] and "did you mean 'target_companies'?" in lines[0]
    assert "line 3" in lines[1] and "a whole number from 0 to 31" in lines[1]


def test_a_whole_meetup_address_in_groups_is_cut_to_its_urlname(tmp_path):
    """Issue 18 item 8: a full URL passed the check, then 404ed at crawl time."""
    text = '[meetup]\ngroups = ["https://www.meetup.com/hdi-new-jersey/", "pmi-nj-chapter"]\n'
    assert load_config(write(tmp_path, text)).meetup.groups == ["hdi-new-jersey", "pmi-nj-chapter"]


def test_something_that_is_no_group_is_a_mistake_on_its_line(tmp_path):
    with pytest.raises(ConfigError, match=r"line 2, key 'meetup.groups'.*is not a Meetup group"):
        load_config(write(tmp_path, '[meetup]\ngroups = ["../../etc"]\n'))
