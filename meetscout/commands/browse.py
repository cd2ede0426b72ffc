"""`meetscout browse`: the database in Datasette, searchable, with canned queries."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from ..browse import metadata
from ..paths import default_db_path
from .common import DbOption, console, fail, open_store, port_problem

INSTALL = "pip install 'meetscout[browse]'"


def browse(
    db: DbOption = None,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8001,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open it in your web browser.")
    ] = True,
) -> None:
    """Open the database in Datasette (an optional extra): search the meetings, and ask the
    canned queries: this week's meetings where the employed go, your "I'm going" list and your
    job-seeker meetings by month against your limit.

    It listens on this machine only (127.0.0.1); stop it with Ctrl+C. Install it with
    pip install 'meetscout[browse]'. sqlite-utils finds the search index too
    (sqlite-utils search DB events WORDS).

    Example:

        meetscout browse
    """
    if importlib.util.find_spec("datasette") is None:
        fail(f"meetscout browse needs Datasette, an optional extra: {INSTALL}")
    path = Path(db) if db else default_db_path()
    if not path.exists():
        fail(f"there is no database at {path}: crawl first (meetscout crawl), or name one: --db")
    open_store(path).close()  # brings an older file's schema (and search index) up to date
    problem = port_problem("127.0.0.1", port)
    if problem:
        fail(f"cannot listen on 127.0.0.1:{port} ({problem}); choose another: --port {port + 1}")
    with tempfile.TemporaryDirectory(prefix="meetscout-browse-") as folder:
        meta = Path(folder) / "metadata.json"
        meta.write_text(json.dumps(metadata(path.stem)), encoding="utf-8")
        command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(meta),
                   "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
        if open_browser:
            command.append("--open")
        console.print(f"Datasette on http://127.0.0.1:{port}/{path.stem} (Ctrl+C stops it)")
        try:
            code = subprocess.run(command, check=False).returncode
        except KeyboardInterrupt:
            code = 0
    raise typer.Exit(code)
