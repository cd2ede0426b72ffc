"""`meetscout schedule` and `meetscout status` as a person, cron or systemd runs them: real
processes, real Meetup crawls of a local copy of the site."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from meetscout.demo.localsite import LocalSite
from meetscout.scheduling.locks import SourceLock
from meetscout.scheduling.state import load_state
from meetscout.store import Store
from tests.spiders.meetup_site import HDI, routes

from .conftest import ROOT, Gate
from .test_scheduler import poll


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "data").mkdir()
    return tmp_path


def write_config(workdir, base_url: str, linkedin: bool = False) -> None:
    (workdir / "meetscout.toml").write_text(
        f'[meetup]\ngroups = ["{HDI}"]\nbase_url = "{base_url}"\nschedule = "every 1 hour"\n'
        f'[linkedin]\nenabled = {"true" if linkedin else "false"}\nbase_url = "{base_url}"\n'
    )


def meetscout(workdir, *args):
    env = {**os.environ, "MEETSCOUT_CONFIG": str(workdir / "meetscout.toml")}
    env.pop("MEETSCOUT_MEETUP_BASE_URL", None)
    argv = [sys.executable, "-m", "meetscout.cli", *args, "--db", str(workdir / "data" / "m.db")]
    return subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(proc, timeout=120):
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out + err


def test_once_exit_status_says_whether_everything_worked(workdir):
    with LocalSite(routes()) as site:
        # LinkedIn has no saved session (and no LinkedIn site here): that source cannot work.
        write_config(workdir, site.base_url, linkedin=True)
        code, text = finish(meetscout(workdir, "schedule", "--once"))
        assert code == 1, text
        assert "not everything worked" in text and "linkedin" in text
        assert "Traceback" not in text

        code, text = finish(meetscout(workdir, "schedule", "--once", "--source", "meetup"))
        assert code == 0 and "Nothing was due" in text  # meetup ran a moment ago

        code, text = finish(
            meetscout(workdir, "schedule", "--once", "--force", "--source", "meetup")
        )
        assert code == 0, text

        code, text = finish(meetscout(workdir, "status", "--json"))
    assert code == 0, text
    rows = {r["source"]: r for r in map(json.loads, text.splitlines())}
    meetup = rows["meetup"]
    assert meetup["last_status"] == "ok" and meetup["counts"]["unchanged"] == 4  # 3 events, 1 group
    assert meetup["due"] is False and meetup["schedule"] == "every 1 hour"
    assert rows["linkedin"]["last_status"] != "ok"
    with Store(workdir / "data" / "m.db") as store:
        assert store.count("events") == 3


def test_status_table_and_units(workdir):
    with LocalSite(routes()) as site:
        write_config(workdir, site.base_url)
        code, text = finish(meetscout(workdir, "status"))
        assert code == 0 and "never run" in text and "due now" in text
        code, text = finish(meetscout(workdir, "status", "--json"))
        calendars = next(
            r for r in map(json.loads, text.splitlines()) if r["source"] == "calendars"
        )
        assert (
            not calendars["active"]
            and calendars["off_because"] == "no addresses in [calendars] urls"
        )
        assert not (workdir / "data" / "m.db").exists()  # looking creates no database
        code, cron = finish(meetscout(workdir, "schedule", "--print-cron"))
        assert code == 0 and "schedule --once" in cron and "*/15 * * * *" in cron
        code, units = finish(meetscout(workdir, "schedule", "--print-systemd"))
    assert code == 0 and "[Timer]" in units and "Type=oneshot" in units
    exec_start = next(line for line in units.splitlines() if line.startswith("ExecStart="))
    program = exec_start.removeprefix("ExecStart=").split()[0]
    assert os.path.isabs(program) and os.access(program, os.X_OK)


def test_write_systemd_writes_the_two_unit_files(workdir):
    """Issue 18: the instructions asked the person to split the printed units by hand."""
    (workdir / "meetscout.toml").write_text('[meetup]\ngroups = ["x"]\n')
    units = workdir / "units"
    code, text = finish(
        meetscout(workdir, "schedule", "--write-systemd", "--units-dir", str(units))
    )
    assert code == 0, text
    service = (units / "meetscout-crawl.service").read_text()
    timer = (units / "meetscout-crawl.timer").read_text()
    assert "Type=oneshot" in service and "schedule --once" in service and "[Timer]" not in service
    assert "OnCalendar=*:0/15" in timer and "ExecStart" not in timer
    assert "systemctl --user daemon-reload" in text and str(units / "meetscout-crawl.timer") in text
    # What --print-systemd shows is the same two files, each under its path.
    code, printed = finish(meetscout(workdir, "schedule", "--print-systemd"))
    assert service in printed and timer in printed and "--write-systemd" in printed


def test_bad_schedule_is_a_clear_config_error(workdir):
    (workdir / "meetscout.toml").write_text('[meetup]\ngroups = ["x"]\nschedule = "now and then"\n')
    code, text = finish(meetscout(workdir, "schedule", "--once"))
    assert code == 2 and "meetup.schedule" in text and "now and then" in text
    assert "Traceback" not in text


def test_sigterm_lets_the_crawl_end_and_records_it_interrupted(workdir):
    table = routes()
    feed = f"/{HDI}/events/ical/"
    gate = Gate(table[feed])
    table[feed] = gate
    with LocalSite(table) as site:
        write_config(workdir, site.base_url)
        proc = meetscout(workdir, "schedule", "--grace", "0.3")
        try:
            assert gate.reached.wait(60), "the scheduler never started the crawl"
            assert SourceLock(workdir / "data" / "m.db", "meetup").holder() is not None
            proc.send_signal(signal.SIGTERM)
            sent = time.monotonic()
            # Past the grace the scheduler passes SIGTERM on; Scrapy finishes the page in flight.
            poll(lambda: time.monotonic() > sent + 0.8)
            gate.opened.set()
            code, text = finish(proc)
        finally:
            gate.opened.set()
            if proc.poll() is None:
                proc.kill()
    assert code == 0, text
    assert "SIGTERM" in text and "Stopped." in text
    with Store(workdir / "data" / "m.db") as store:
        (row,) = store.recent_runs(5)
        assert row["spider"] == "meetup_group" and row["status"] == "interrupted"
        assert load_state(store, "meetup").last_status == "interrupted"
    assert SourceLock(workdir / "data" / "m.db", "meetup").holder() is None
