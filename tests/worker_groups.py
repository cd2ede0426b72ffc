"""How `make test` shares the suite between pytest-xdist workers (`--dist loadgroup`).

Each test file is one unit of work, so its module-scoped fixtures (a demo run, a built wheel, the
README's sandbox) are made once, on one worker. The browser-extension tests (tests/e2e) are one
unit: they share one Chromium and one API for the session. The slowest units are handed out
first (with `--no-loadscope-reorder`, xdist keeps this order), so that no worker starts a long
file while the other has nothing left to do. Serial runs (no xdist) are left as collected.
"""

from __future__ import annotations

import pytest

# Slowest first, as measured with `pytest --durations` (setup included); a file not listed
# comes after these, in collection order. A folder ending in "/" is one unit of work.
SLOWEST_FIRST = (
    "tests/test_readme.py",
    "tests/e2e/",
    "tests/demo/test_demo.py",
    "tests/test_wheel.py",
    "tests/api/test_fuzz.py",
)
# Folders whose files share session-scoped fixtures worth making only once.
ONE_UNIT = tuple(prefix for prefix in SLOWEST_FIRST if prefix.endswith("/"))


def unit_of(path: str) -> str:
    """The work unit of a test file, given as its path relative to the repository."""
    return next((folder for folder in ONE_UNIT if path.startswith(folder)), path)


def rank(path: str) -> int:
    unit = unit_of(path)
    return SLOWEST_FIRST.index(unit) if unit in SLOWEST_FIRST else len(SLOWEST_FIRST)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not hasattr(config, "workerinput"):  # not an xdist worker
        return
    for item in items:
        item.add_marker(pytest.mark.xdist_group(unit_of(item.nodeid.split("::")[0])))
    # A stable sort: the tests of a file keep their order.
    items.sort(key=lambda item: rank(item.nodeid.split("::")[0]))
