"""Everything the service needs to start, in one object: `create_app(ApiSettings(...))`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .extension_id import extension_ids_from_environment

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8787
MAX_BODY_BYTES = 1024 * 1024  # a page's __NEXT_DATA__ is tens of KB; a batch of cards far less
MAX_BATCH = 100
# The names a browser uses for this machine. Anything else in `Host` is a DNS-rebinding attempt:
# a page on evil.example whose name was re-pointed at 127.0.0.1.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


@dataclass
class ApiSettings:
    token: str
    db_path: Path | str | None = None  # None: $MEETSCOUT_DB, else the per-user data folder
    extension_ids: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES
    max_batch: int = MAX_BATCH
    allowed_hosts: frozenset[str] = field(default=LOOPBACK_HOSTS)
    # FastAPI's /docs page loads its script from a CDN: off unless asked for (`serve --docs`),
    # since nothing leaves the machine unasked. /openapi.json is always there.
    docs: bool = False

    @property
    def extension_origins(self) -> tuple[str, ...]:
        return tuple(f"chrome-extension://{i}" for i in self.extension_ids)

    @classmethod
    def from_environment(cls, *, token: str, db_path: Path | str | None = None) -> ApiSettings:
        """Settings for `meetscout serve`: the extension id from the manifest or
        $MEETSCOUT_EXTENSION_ID."""
        return cls(
            token=token,
            db_path=db_path or os.environ.get("MEETSCOUT_DB") or None,
            extension_ids=extension_ids_from_environment(),
        )
