"""The person's one profile: where it lives, and which edit wins.

It lives in the database (`Store.get_profile`), where every path reads it: the judge of each flag
and crawl, `meetscout classify`, the API behind the extension, the plan. It can be edited in three
places, and the newest edit wins:

- the `[profile]` section of meetscout.toml. Whenever that section changes, the keys it sets are
  copied over the stored profile (keys it leaves out keep their stored values). The file is read
  by each command that opens the database, by each crawl, and by `meetscout serve` at most once
  a second, so an edit shows without a restart;
- `meetscout profile set KEY VALUE…`;
- the extension's options page (`PUT /v1/profile`).

An edit in the options or with `profile set` lasts until the file's section changes again;
`meetscout profile` and `meetscout config` show the profile in use and where the file differs.
With no database yet, the file's section over the defaults is the profile.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from pydantic import ValidationError

from .config import Config, ConfigError, load_config
from .model import Profile
from .store import Store


def file_keys(config: Config) -> dict[str, Any]:
    """The profile keys the file's `[profile]` section sets, as JSON values."""
    return config.profile.model_dump(mode="json", include=config.profile.model_fields_set)


def _digest(keys: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(keys, option=orjson.OPT_SORT_KEYS)).hexdigest()


def load_and_sync(store: Store) -> Profile:
    """`sync_profile` with the meetscout.toml found (meetscout/config.py); a ConfigError when
    the file has mistakes."""
    return sync_profile(store, load_config())


def sync_profile(store: Store, config: Config | None) -> Profile:
    """The profile in use: the stored one, after copying in the file's `[profile]` section if
    it changed since it was last copied. A config that was not read from a file copies nothing."""
    profile = store.get_profile()
    if config is None or config.path is None:
        return profile
    keys = file_keys(config)
    digest = _digest(keys)
    if store.profile_file_digest() == digest:
        return profile
    try:
        merged = Profile.model_validate({**profile.model_dump(mode="json"), **keys})
    except ValidationError as exc:
        reason = "; ".join(e["msg"] for e in exc.errors())
        raise ConfigError(f"{config.path}: [profile]: {reason}") from None
    store.save_profile(merged, file_digest=digest)
    return merged


def differences(config: Config, profile: Profile) -> dict[str, tuple[Any, Any]]:
    """Keys the file sets to something else than the profile in use: key -> (file's, in use)."""
    used = profile.model_dump(mode="json")
    return {k: (v, used.get(k)) for k, v in file_keys(config).items() if used.get(k) != v}
