"""Every command the README shows runs (the sqlite-utils habit): the README cannot drift from the code.

Commands run in order, in one sandbox (their own database, config and data folders, and the demo's
sample served on 127.0.0.1 in place of meetup.com), so `meetscout config --example > meetscout.toml`
followed by `meetscout crawl meetup` works as it would for a reader. Commands that never end
(`meetscout serve`, `meetscout demo --serve`) are started, probed and stopped; the sample that
`meetscout demo --serve` keeps running is served on a free port, which stands in for its default
port (8790) in the commands after it. `make` targets are run by the suite itself (`make demo` is
tests/demo/test_demo.py).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer.main

from meetscout.cli import app
from meetscout.demo.localsite import LocalSite
from meetscout.demo.render import render_sample, site_routes

from .served import free_port, start_serving

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^```(?:sh|bash|shell|console)\s*\n(.*?)^```", re.M | re.S)
# Covered elsewhere: `make test` is this suite, `make demo` runs `meetscout demo` (tests/demo).
RUN_ELSEWHERE = {
    "make demo",
    "make test",
    "meetscout demo",
    "make setup",
    "make lint",
    "make bench",
}


def shown_commands(text: str) -> list[str]:
    """Shell lines in the README's code blocks that run meetscout or make, comments removed."""
    found = []
    for block in FENCE.findall(text):
        for line in block.splitlines():
            line = line.strip().removeprefix("$ ")
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            line = line.removeprefix(".venv/bin/")
            if line.startswith(("meetscout", "make ")):
                found.append(line)
    return found


def test_shown_commands_are_found():
    text = "```sh\n$ meetscout events --json  # all\nmake demo   # x\nls\n```\n"
    assert shown_commands(text) == ["meetscout events --json", "make demo"]


def cli_paths() -> set[str]:
    """Every `meetscout <command> [<sub-command>]` this build has."""

    def walk(group, prefix):
        yield prefix
        for name, command in getattr(group, "commands", {}).items():
            yield from walk(command, f"{prefix} {name}")

    return set(walk(typer.main.get_command(app), "meetscout"))


def command_path(line: str) -> str:
    words = shlex.split(line.split(">")[0])
    known = cli_paths()
    path = "meetscout"
    for word in words[1:]:
        if f"{path} {word}" in known:
            path = f"{path} {word}"
        else:
            break
    return path


def unknown_command(line: str) -> bool:
    """True when the line names a command or sub-command this build does not have."""
    words = shlex.split(line.split(">")[0])
    path = command_path(line)
    rest = words[len(path.split()) :]
    node = typer.main.get_command(app)
    for name in path.split()[1:]:
        node = node.commands[name]
    return hasattr(node, "commands") and bool(rest) and not rest[0].startswith("-")


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    home = tmp_path_factory.mktemp("readme")
    rendered = render_sample(home / "site", now=datetime.now(UTC))
    with LocalSite(site_routes(rendered.meetup_root)) as meetup:
        env = {
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "MEETSCOUT_DB": str(home / "meetscout.db"),
            "MEETSCOUT_CONFIG_DIR": str(home / "config"),
            "MEETSCOUT_DATA_DIR": str(home / "data"),
            "MEETSCOUT_MEETUP_BASE_URL": meetup.base_url,
            "COLUMNS": "120",
        }
        env.pop("MEETSCOUT_CONFIG", None)
        env.pop("DISPLAY", None)
        work = home / "work"
        work.mkdir()
        yield work, env


def run_shown(line: str, work: Path, env: dict[str, str]) -> None:
    path = command_path(line)
    if path == "meetscout serve":
        return serve_and_probe(line, work, env)
    done = subprocess.run(
        ["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=240
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output, f"`{line}` crashed:\n{output}"
    assert done.returncode == 0, f"`{line}` exited {done.returncode}:\n{output}"


def serve_and_probe(line: str, work: Path, env: dict[str, str]) -> None:
    """`meetscout serve` never ends: start it on a free port, check it answers, stop it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    proc = start_serving([*shlex.split(line), "--port", str(port)], url, 30, cwd=work, env=env)
    proc.terminate()
    proc.wait(timeout=10)


SAMPLE_PORT = "127.0.0.1:8790"  # where `meetscout demo --serve` serves by default


def start_sample(line: str, work: Path, env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    """`meetscout demo --serve` never ends: start it on a free port and wait until it answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/robots.txt"
    return start_serving([*shlex.split(line), "--port", str(port)], url, cwd=work, env=env), port


def check_readme(path: Path, work: Path, env: dict[str, str]) -> None:
    commands = shown_commands(path.read_text())
    assert commands, f"{path.name} shows no commands"
    makefile = (ROOT / "Makefile").read_text()
    sample: subprocess.Popen | None = None
    try:
        for line in commands:
            if line.startswith("make "):
                target = line.split()[1]
                assert re.search(rf"^{re.escape(target)}:", makefile, re.M), f"no make {target}"
                continue
            assert not unknown_command(line), f"README shows `{line}`, a command meetscout lacks"
            if command_path(line) == "meetscout demo" and "--serve" in shlex.split(line):
                assert sample is None, "the README starts the sample twice"
                sample, port = start_sample(line, work, env)
                env = {**env, "SAMPLE_PORT": str(port)}
                continue
            if command_path(line) in RUN_ELSEWHERE:
                continue
            if sample is not None:
                line = line.replace(SAMPLE_PORT, f"127.0.0.1:{env['SAMPLE_PORT']}")
            run_shown(line, work, env)
    finally:
        if sample is not None:
            sample.terminate()
            sample.wait(timeout=10)


def test_every_readme_command_runs(sandbox):
    work, env = sandbox
    check_readme(README, work, env)
