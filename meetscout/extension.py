"""Where the browser extension is: the copy the package ships, else the checkout's folder.

A wheel carries `browser_extension/` inside the package (setup.py maps it there); an editable
install (`make setup`) runs from the checkout, where the folder sits at the top of the
repository. Both hold the same files, so the Python side reads its shared tables (labels, the
manifest's key) from whichever this is, and `meetscout extension` points the person at it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
MANIFEST = "manifest.json"
# What Chrome loads; the extension's own tests stay in the repository (as in the wheel).
_NOT_SHIPPED = shutil.ignore_patterns("tests", "__pycache__", "node_modules", ".*")


class ExtensionNotFound(RuntimeError):
    pass


def extension_dir() -> Path:
    """The folder to choose in Chrome's "Load unpacked" (it holds manifest.json)."""
    for folder in (_PACKAGE / "browser_extension", _PACKAGE.parent / "browser_extension"):
        if (folder / MANIFEST).is_file():
            return folder
    raise ExtensionNotFound(
        f"the browser extension is missing: no {MANIFEST} in {_PACKAGE / 'browser_extension'} "
        f"or {_PACKAGE.parent / 'browser_extension'}; reinstall meetscout"
    )


def copy_extension(dest: Path) -> Path:
    """Copy the extension into `dest` (made if missing) and return it. A folder that holds
    anything but an earlier copy is left alone: ValueError says so."""
    dest = Path(dest).expanduser().absolute()
    if dest.exists() and not dest.is_dir():
        raise ValueError(f"{dest} is a file, not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MANIFEST).is_file():
        raise ValueError(
            f"{dest} already holds other files; choose an empty or new folder "
            "(or one an earlier `meetscout extension --copy` made, to update it)"
        )
    shutil.copytree(extension_dir(), dest, ignore=_NOT_SHIPPED, dirs_exist_ok=True)
    return dest
