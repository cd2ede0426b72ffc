"""The wheel installs cleanly: built from the sources, installed into a fresh virtual environment
outside the checkout, it holds only `meetscout` (no top-level `spiders` or `extension_api`), ships
the browser extension, and `meetscout demo` runs there.

Offline: the wheel is built with the setuptools installed here (no build isolation), and the
fresh environment gets meetscout alone from the wheel; its dependencies come from this
environment's site-packages through a .pth line (which adds the folder to sys.path, but runs no
.pth file in it, so the editable install of the checkout stays out).
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from meetscout import __version__
from tests.project_files import ROOT, copy_project

pytestmark = pytest.mark.e2e  # the demo drives a real Chromium


def run(argv: list, cwd: Path, env: dict | None = None, timeout: float = 300):
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    home = tmp_path_factory.mktemp("wheel")
    source = copy_project(home / "source")
    built = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", home / "dist", source],
        cwd=home,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (home / "dist").glob("meetscout-*.whl")

    venv = home / "venv"
    made = run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=home)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    purelib = Path(
        run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], home
        ).stdout.strip()
    )
    ours = [Path(sysconfig.get_path("purelib")), *map(Path, site.getsitepackages())]
    (purelib / "dependencies.pth").write_text("\n".join(dict.fromkeys(map(str, ours))) + "\n")
    added = run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
         "--disable-pip-version-check", wheel],
        cwd=home,
    )  # fmt: skip
    assert added.returncode == 0, added.stdout + added.stderr
    env = {
        **os.environ,
        "MEETSCOUT_DB": str(home / "person.db"),
        "MEETSCOUT_DATA_DIR": str(home / "person-data"),
        "MEETSCOUT_CONFIG_DIR": str(home / "person-config"),
        "COLUMNS": "160",
    }
    for name in ("DISPLAY", "MEETSCOUT_CONFIG", "PYTHONPATH", "VIRTUAL_ENV"):
        env.pop(name, None)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    outside = home / "elsewhere"  # no checkout here for the current folder to import from
    outside.mkdir()
    return wheel, venv, purelib, outside, env


def test_the_wheel_holds_only_meetscout_and_the_extension(installed):
    wheel = installed[0]
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"meetscout", f"meetscout-{__version__}.dist-info"}
    assert "meetscout/spiders/settings.py" in names and "meetscout/api/app.py" in names
    for shipped in ("manifest.json", "service_worker.js", "shared/labels.json", "popup.html"):
        assert f"meetscout/browser_extension/{shipped}" in names
    assert not [n for n in names if n.startswith("meetscout/browser_extension/tests/")]
    assert "meetscout/demo/sample.toml" in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))
    )
    assert b"settings = meetscout.spiders.settings" in entry_points  # Scrapyd's way in


def test_no_top_level_spiders_or_extension_api(installed):
    _, venv, purelib, outside, env = installed
    python = venv / "bin" / "python"
    for name in ("spiders", "extension_api"):
        done = run([python, "-c", f"import {name}"], outside, env)
        assert done.returncode != 0 and "ModuleNotFoundError" in done.stderr, done.stdout
        assert not (purelib / name).exists()
    where = run(
        [python, "-c", "import meetscout.spiders.settings as s, meetscout.api.app as a, "
         "meetscout.labels as l; print(s.__file__); print(a.__file__); print(l.LABELS_PATH)"],
        outside, env,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        # The installed copy, with the labels read from the extension the wheel ships.
        assert Path(line).is_relative_to(purelib / "meetscout"), line
        assert not Path(line).is_relative_to(ROOT), line


def test_meetscout_extension_points_into_the_installed_package(installed):
    _, venv, purelib, outside, env = installed
    done = run([venv / "bin" / "meetscout", "extension"], outside, env)
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.strip())
    assert folder == purelib / "meetscout" / "browser_extension"
    assert (folder / "manifest.json").is_file()


def test_meetscout_demo_runs_from_the_installed_wheel(installed):
    _, venv, _, outside, env = installed
    done = run(
        [venv / "bin" / "meetscout", "demo", "--headless", "--output", outside / "demo-output"],
        outside,
        env,
        timeout=600,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    assert "Traceback" not in output
    shots = list((outside / "demo-output" / "screenshots").glob("*.png"))
    assert shots, output[-2000:]
    assert "Where the employed go" in done.stdout
