"""The classifier's hot modules compiled to C with mypyc, used only when built from these sources.

Classifying is meetscout's inner loop (every event of every crawl, and `reclassify` over the whole
store); compiled, the same Python code runs about half again as fast. The Python files stay the
truth: `make setup` compiles them (and lexicon.py, which they read) into `_native/` (see
build_native.py) and records a hash of each source. The compiled modules are loaded only when every
hash still matches, so an edited classifier never runs stale code; without a C compiler, or with
MEETSCOUT_PURE_PYTHON=1, the Python runs as it is.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

PACKAGE = "meetscout.classify"
# In import order: each uses the ones before it.
MODULES = ("literals", "matcher", "lexicon", "classifier")
HERE = Path(__file__).parent
NATIVE_DIR = HERE / "_native"
MANIFEST = "manifest.json"


def source_hashes(folder: Path = HERE) -> dict[str, str]:
    return {
        name: hashlib.sha256((folder / f"{name}.py").read_bytes()).hexdigest() for name in MODULES
    }


def build_tag() -> str:
    """What a compiled module is tied to besides its source: this Python's version and ABI."""
    return sys.implementation.cache_tag + "-" + (sys.abiflags or "")


def usable(manifest: dict, hashes: dict[str, str]) -> bool:
    return manifest.get("sources") == hashes and manifest.get("python") == build_tag()


def load(native_dir: Path = NATIVE_DIR) -> str:
    """Put the compiled modules in place of the Python ones; say which ones run and why."""
    if os.environ.get("MEETSCOUT_PURE_PYTHON"):
        return "python (MEETSCOUT_PURE_PYTHON is set)"
    try:
        manifest = json.loads((native_dir / MANIFEST).read_text())
    except (OSError, ValueError):
        return "python (not compiled: run `make setup`)"
    if not usable(manifest, source_hashes()):
        return "python (compiled from other sources: run `make setup` again)"
    names = [manifest["shared"]] + [f"{PACKAGE}.{m}" for m in MODULES]
    loaded: list[str] = []
    try:
        for name in names:
            path = native_dir / manifest["files"][name]
            spec = importlib.util.spec_from_file_location(name, path)
            if spec is None or spec.loader is None:
                raise ImportError(f"cannot load {name}")
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            loaded.append(name)
            spec.loader.exec_module(module)
            if name.startswith(PACKAGE + "."):
                setattr(sys.modules[PACKAGE], name.rsplit(".", 1)[1], module)
    except (ImportError, OSError, KeyError) as exc:
        for name in loaded:
            sys.modules.pop(name, None)
        return f"python (compiled modules failed to load: {exc})"
    return "compiled (mypyc)"
