"""How `make test` shares the suite between pytest-xdist workers (`--dist loadfile`).

Each test file is one unit of work, so its module-scoped fixtures (a demo run, a built wheel, the
README's sandbox) are made once, on one worker; the browser-extension tests (tests/e2e) are one
unit, as they share one Chromium and one API for the session. The slowest units are handed out
first (with `--no-loadscope-reorder`, xdist keeps this order), so that no worker starts a long
file while the other has nothing left to do. Serial runs (no xdist) are left as collected.

xdist's own `--dist loadgroup` would do with `xdist_group` marks, but it renames the tests to
group them, which pytest 9 no longer lets a plugin do: the marks were silently ignored.
"""

from __future__ import annotations

import pytest

# Slowest first, as measured with `make test` and `--durations=0` (setup, call and teardown of
# each file's tests, seconds on two workers of a 2-core machine); a file not listed comes after
# these, in collection order. A folder ending in "/" is one unit of work.
SLOWEST_FIRST = (
    "tests/test_readme.py",  # 112 s, one test: started first, as it cannot be shared
    "tests/spiders/test_calendar_feed.py",  # 127
    "tests/linkedin/test_spider.py",  # 58
    "tests/test_wheel.py",  # 51
    "tests/scheduling/test_scheduler.py",  # 47
    "tests/spiders/test_crawl_meetup_cli.py",  # 42
    "tests/demo/test_demo.py",  # 41
    "tests/scheduling/test_schedule_cli.py",  # 40
    "tests/spiders/test_meetup_group.py",  # 36
    "tests/e2e/",  # 35
    "tests/api/test_fuzz.py",  # 33
    "tests/spiders/test_meetup_search.py",  # 30
    "tests/faults/test_vanished_evidence.py",  # 27
    "tests/demo/test_serve.py",  # 26
)
# Folders whose files share session-scoped fixtures worth making only once.
ONE_UNIT = tuple(prefix for prefix in SLOWEST_FIRST if prefix.endswith("/"))


def unit_of(path: str) -> str:
    """The work unit of a test file, given as its path relative to the repository."""
    return next((folder for folder in ONE_UNIT if path.startswith(folder)), path)


def rank(path: str) -> int:
    unit = unit_of(path)
    return SLOWEST_FIRST.index(unit) if unit in SLOWEST_FIRST else len(SLOWEST_FIRST)


# Before xdist makes the scheduler of `--dist`; optional, as `-p no:xdist` leaves the hook unknown.
@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class LoadUnitScheduling(LoadFileScheduling):
        """--dist loadfile, with each folder of ONE_UNIT one unit of work."""

        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid.split("::", 1)[0])

    return LoadUnitScheduling(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if hasattr(config, "workerinput"):  # an xdist worker: the order its units are handed out in
        # A stable sort: the tests of a file keep their order.
        items.sort(key=lambda item: rank(item.nodeid.split("::")[0]))
