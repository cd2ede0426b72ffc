"""What building meetscout's package needs from the checkout, copied elsewhere to build from.

A copy keeps builds (the wheel test, scrapyd-deploy's egg) from leaving `build/` in the checkout,
where setuptools would ship a deleted module's stale copy in the next build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD_INPUTS = (
    "meetscout",
    "spiders",
    "extension_api",
    "browser_extension",
    "pyproject.toml",
    "setup.py",
    "README.md",
)


def copy_project(dest: Path, extra: tuple[str, ...] = ()) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in (*BUILD_INPUTS, *extra):
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "node_modules")
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy(source, dest / name)
    return dest
