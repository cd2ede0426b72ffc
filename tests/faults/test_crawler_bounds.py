"""Issue 17.10: pages have a size cap, and the crawler reads only http(s) sites and paths made
of Meetup group names (a `file://` base and a group named "../../etc" once read local files)."""

from __future__ import annotations

import pytest
from meetscout.spiders.meetup_group import MeetupGroupSpider
from meetscout.spiders.run import project_settings
from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.config import ConfigError, load_config
from meetscout.demo.localsite import LocalSite, Reply
from meetscout.exit_codes import USAGE
from tests.spiders.conftest import crawl, events_of
from tests.spiders.meetup_site import HDI, routes


def test_a_file_base_url_is_refused_everywhere(tmp_path):
    result = CliRunner().invoke(
        app, ["crawl", "meetup", HDI, "--db", str(tmp_path / "m.db"), "--base-url", "file:///etc"]
    )
    assert result.exit_code == USAGE and "http" in result.output
    assert not (tmp_path / "m.db").exists()
    config = tmp_path / "meetscout.toml"
    config.write_text('[meetup]\nbase_url = "file:///etc"\n')
    with pytest.raises(ConfigError, match="http"):
        load_config(config)
    with pytest.raises(ValueError, match="http"):
        MeetupGroupSpider(urlnames=[HDI], base_url="file:///etc")


def test_a_group_name_that_is_a_path_is_refused(tmp_path):
    result = CliRunner().invoke(
        app, ["crawl", "meetup", "../../etc", "--db", str(tmp_path / "m.db"),
              "--base-url", "http://127.0.0.1:9"],
    )  # fmt: skip
    assert result.exit_code == USAGE and "not a Meetup group name" in result.output
    spider = MeetupGroupSpider(urlnames=["../../etc", HDI], base_url="http://127.0.0.1:9")
    assert spider.urlnames == [HDI]
    assert "'../../etc' is not a Meetup group name" in spider.report.problems[0]


def test_a_page_past_the_size_cap_is_dropped_and_said(tmp_path):
    cap = project_settings().getint("DOWNLOAD_MAXSIZE")
    assert 0 < cap <= 16 * 1024 * 1024
    huge = Reply("<html>" + "x" * (cap + 1024) + "</html>")
    with LocalSite({**routes(), f"/{HDI}/events/": huge}) as site:
        run = crawl("meetup_group", tmp_path / "m.db", urlnames=[HDI], base_url=site.base_url)
    assert run["status"] == "partial"
    assert "events/" in run["error"] and "size" in run["error"].lower()
    assert len(events_of(tmp_path / "m.db")) == 3  # the feed's events, read from their pages
