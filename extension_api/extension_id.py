"""The browser extension's id, worked out from the `key` in its manifest.

Chrome derives an extension's id from its public key: sha256 of the DER bytes, the first 32 hex
digits, each digit 0-f written as a letter a-p. Reading it from the extension's `manifest.json`
(the copy this install has: meetscout/extension.py) keeps one source of truth: the CORS rule
follows the extension the project ships.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import re
from pathlib import Path

from meetscout.extension import extension_dir

log = logging.getLogger(__name__)

MANIFEST = extension_dir() / "manifest.json"
_ID = re.compile(r"^[a-p]{32}$")


def extension_id_from_key(key: str) -> str:
    """The id Chrome gives an extension whose manifest has this `key` (base64 DER public key)."""
    try:
        der = base64.b64decode("".join(key.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"the manifest key is not base64: {exc}") from None
    digest = hashlib.sha256(der).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def extension_id_from_manifest(path: Path = MANIFEST) -> str | None:
    """The id fixed by the manifest's key, or None when there is no manifest or no key."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return None
    key = manifest.get("key") if isinstance(manifest, dict) else None
    if not isinstance(key, str):
        return None
    try:
        return extension_id_from_key(key)
    except ValueError as exc:
        log.warning("%s: %s", path, exc)
        return None


def is_extension_id(value: str) -> bool:
    return bool(_ID.match(value))


def extension_ids_from_environment(manifest: Path = MANIFEST) -> tuple[str, ...]:
    """$MEETSCOUT_EXTENSION_ID (comma-separated ids) wins; else the shipped manifest's key."""
    env = os.environ.get("MEETSCOUT_EXTENSION_ID", "").strip()
    if env:
        ids = tuple(i.strip() for i in env.split(",") if i.strip())
        bad = [i for i in ids if not is_extension_id(i)]
        if bad:
            raise ValueError(
                f"MEETSCOUT_EXTENSION_ID holds {', '.join(bad)!s}: an extension id is 32 letters "
                "a-p, as shown on chrome://extensions"
            )
        return ids
    found = extension_id_from_manifest(manifest)
    return (found,) if found else ()
