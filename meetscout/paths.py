"""Where meetscout keeps the person's database and config, unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "meetscout"


def data_dir() -> Path:
    return Path(os.environ.get("MEETSCOUT_DATA_DIR") or platformdirs.user_data_dir(APP))


def config_dir() -> Path:
    return Path(os.environ.get("MEETSCOUT_CONFIG_DIR") or platformdirs.user_config_dir(APP))


def default_db_path() -> Path:
    """`--db` wins over `MEETSCOUT_DB`, which wins over the per-user data folder."""
    env = os.environ.get("MEETSCOUT_DB")
    return Path(env) if env else data_dir() / "meetscout.db"


def create_private(path: Path) -> None:
    """Make `path` (if missing) readable and writable by the person alone: the database and
    the crawl logs hold their data, as the token does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
