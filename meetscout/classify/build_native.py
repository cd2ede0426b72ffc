"""Compile the classifier's hot modules with mypyc into `_native/` (run by `make setup`).

    .venv/bin/python -m meetscout.classify.build_native

Needs mypy (the `dev` extra) and a C compiler. If either is missing it says so and exits 0:
meetscout then runs the same classifier as plain Python, only slower (see native.py).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .native import HERE, MANIFEST, MODULES, NATIVE_DIR, PACKAGE, build_tag, source_hashes

ROOT = HERE.parents[1]  # mypyc names modules by their path from here


def build(out: Path = NATIVE_DIR) -> Path:
    from mypyc.build import mypycify
    from setuptools import Distribution

    hashes = source_hashes()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            paths = [f"meetscout/classify/{m}.py" for m in MODULES]
            extensions = mypycify(paths, opt_level="3", target_dir=str(Path(tmp) / "c"))
            dist = Distribution({"ext_modules": extensions})
            dist.script_args = ["-q", "build_ext", "--build-lib", f"{tmp}/lib", "--build-temp", tmp]
            dist.parse_command_line()
            dist.run_commands()
        finally:
            os.chdir(cwd)
        built = {p.name: p for p in Path(tmp, "lib").rglob("*.so")}
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        files = {}
        for filename, path in built.items():
            shutil.copy2(path, out / filename)
            stem = filename.split(".", 1)[0]
            name = f"{PACKAGE}.{stem}" if stem in MODULES else stem
            files[name] = filename
    shared = [name for name in files if "." not in name]
    manifest = {"sources": hashes, "python": build_tag(), "shared": shared[0], "files": files}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1))
    return out


def main() -> int:
    try:
        import mypyc  # noqa: F401
    except ImportError:
        print("classifier not compiled: mypy is not installed (pip install -e '.[dev]')")
        return 0
    if shutil.which(os.environ.get("CC", "cc")) is None:
        print("classifier not compiled: no C compiler (install gcc); it runs as plain Python")
        return 0
    try:
        out = build()
    except Exception as exc:  # any failure leaves the plain-Python classifier in use
        print(f"classifier not compiled ({type(exc).__name__}: {exc}); it runs as plain Python")
        shutil.rmtree(NATIVE_DIR, ignore_errors=True)
        return 0
    print(f"classifier compiled into {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
