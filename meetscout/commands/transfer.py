"""`meetscout export` and `meetscout import`: everything you entered, to another machine."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..log import LogError
from ..log_export import import_export, write_export
from .common import DbOption, console, fail, log_store


def export(
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Where to write it (default meetscout-export-<today>.json)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a file already there.")] = False,
    db: DbOption = None,
) -> None:
    """Write everything you entered into one JSON file, to keep or to move.

    Your profile, corrections of flags, the meetings you marked, attended or skipped, contacts,
    follow-ups and outcomes; readable by you only. It holds the names of the people you met:
    keep it somewhere private.

    Example:

        meetscout export --file meetscout-export.json
    """
    path = file or Path(f"meetscout-export-{date.today().isoformat()}.json")
    if path.exists() and not force:
        fail(f"{path} is already there; choose another --file, or --force to replace it")
    with log_store(db) as store:
        try:
            counts = write_export(store, path)
        except OSError as exc:
            raise LogError(f"cannot write {path}: {exc.strerror or exc}") from None
    console.print(
        f"Wrote {path}: "
        + ", ".join(f"{n} {what}" for what, n in counts.items())
        + ". It holds people's names: keep it private.",
        highlight=False,
    )


def import_(
    file: Annotated[Path, typer.Argument(help="A file `meetscout export` wrote.")],
    replace_profile: Annotated[
        bool,
        typer.Option("--replace-profile", help="Take the file's profile in place of yours."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Merge a file `meetscout export` wrote (here or on another machine) into your data.

    Nothing already here is doubled, and if anything is wrong with the file nothing is changed.
    Your profile stays unless you have none yet or pass --replace-profile.

    Example:

        meetscout import meetscout-export.json
    """
    with log_store(db) as store:
        done = import_export(store, file, replace_profile=replace_profile)
    changed = {k: n for k, n in done.items() if not k.endswith("unchanged")}
    same = sum(n for k, n in done.items() if k.endswith("unchanged"))
    console.print(
        f"Imported {file}: "
        + (", ".join(f"{n} {what}" for what, n in sorted(changed.items())) or "nothing new")
        + (f"; {same} already here" if same else "")
        + ".",
        highlight=False,
    )
    if done.get("profile kept"):
        console.print("Your profile was kept; --replace-profile takes the file's.")
