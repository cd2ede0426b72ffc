"""How `make test` shares the suite between xdist workers: the list of slow files cannot drift."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.project_files import ROOT
from tests.worker_groups import SLOWEST_FIRST, rank, unit_of


def test_every_slow_file_named_still_exists():
    # A renamed file would silently lose its early start.
    assert [path for path in SLOWEST_FIRST if not (ROOT / path).exists()] == []
    assert len(set(SLOWEST_FIRST)) == len(SLOWEST_FIRST)


def test_the_browser_tests_are_one_unit_and_other_files_their_own():
    assert unit_of("tests/e2e/test_extension.py") == unit_of("tests/e2e/test_plan_popup.py")
    assert unit_of("tests/e2e/test_extension.py") == "tests/e2e/"
    assert unit_of("tests/test_store.py") == "tests/test_store.py"
    assert unit_of("tests/test_e2e_like.py") == "tests/test_e2e_like.py"


def test_slow_files_come_first_and_the_rest_after_them():
    assert rank("tests/test_readme.py") == 0
    assert rank("tests/e2e/test_log_popup.py") == SLOWEST_FIRST.index("tests/e2e/")
    assert rank("tests/test_store.py") == len(SLOWEST_FIRST)


E2E_TEST = """
import os
from pathlib import Path

def test_{name}():
    with open(Path(__file__).parents[2] / "e2e-workers.txt", "a") as out:
        out.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
"""


def test_two_workers_run_every_browser_test_on_one_of_them(tmp_path):
    """Regression: marked with `xdist_group` for `--dist loadgroup`, the browser-test files were
    spread over both workers all the same (pytest 9 ignores xdist's renaming of the tests), each
    starting a Chromium of its own."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    e2e = tmp_path / "tests" / "e2e"
    e2e.mkdir(parents=True)
    for n in range(4):
        (e2e / f"test_e2e_{n}.py").write_text(E2E_TEST.format(name=f"e2e_{n}"))
        (tmp_path / "tests" / f"test_other_{n}.py").write_text("def test_other():\n    pass\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH"))}
    env["PYTHONPATH"] = str(ROOT / "tests")  # the plugin, as a module of its own
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "worker_groups", "-p", "no:cacheprovider",
         "-n", "2", "--dist", "loadfile", "--no-loadscope-reorder"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "8 passed" in done.stdout, done.stdout
    workers = (tmp_path / "e2e-workers.txt").read_text().split()
    assert len(workers) == 4 and len(set(workers)) == 1, workers
