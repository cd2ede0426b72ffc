"""`meetscout extension`: the folder to load in Chrome, or a copy of it where the person wants."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from meetscout.cli import app
from meetscout.exit_codes import USAGE
from meetscout.extension import extension_dir

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_prints_the_folder_chrome_loads():
    result = runner.invoke(app, ["extension"])
    assert result.exit_code == 0, result.output
    folder = Path(result.stdout.strip())
    # An editable install (as here) runs from the checkout: its folder is the one.
    assert folder == extension_dir() == ROOT / "browser_extension"
    assert json.loads((folder / "manifest.json").read_text())["manifest_version"] == 3
    assert "Load unpacked" in result.stderr


def test_copy_makes_a_loadable_folder_and_updates_it(tmp_path):
    dest = tmp_path / "my extension"
    result = runner.invoke(app, ["extension", "--copy", str(dest)])
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()) == dest
    copied = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert "manifest.json" in copied and "shared/labels.json" in copied
    assert "service_worker.js" in copied and "options.html" in copied
    assert not [name for name in copied if name.startswith("tests/")]  # not what Chrome loads
    # Again, over the earlier copy: the person's copy is brought up to date.
    (dest / "badge.js").write_text("stale")
    assert runner.invoke(app, ["extension", "--copy", str(dest)]).exit_code == 0
    assert (dest / "badge.js").read_text() == (extension_dir() / "badge.js").read_text()


def test_copy_leaves_a_folder_of_other_things_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["extension", "--copy", str(tmp_path)])
    assert result.exit_code == USAGE
    assert "already holds other files" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    afile = tmp_path / "notes.txt"
    result = runner.invoke(app, ["extension", "--copy", str(afile)])
    assert result.exit_code == USAGE and "is a file" in result.stderr
