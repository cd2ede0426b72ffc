"""`meetscout profile`: show the person's profile, or change one of its keys."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
import typer
from pydantic import ValidationError

from ..config import ConfigError, allowed_words, find_config, load_config, model_keys
from ..did_you_mean import one_of, suggestion
from ..model import Profile
from ..profile import differences
from ..terminal import Column, say, show_table
from .common import DbOption, console, fail, open_store, profile_in_use

profile_app = typer.Typer(
    help="Your profile: home area, target companies and industries, job-seeker limit.",
    invoke_without_command=True,
)


def _loaded_config():
    try:
        return load_config()
    except ConfigError as exc:
        fail(str(exc))


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)


@profile_app.callback()
def show(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="The profile as one JSON object.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Show the profile in use, and where meetscout.toml's [profile] says otherwise.

    The profile lives in the database. meetscout.toml's [profile] is copied into it whenever
    that section changes; `meetscout profile set` and the extension's options change it too,
    and the newest change wins until the file's section changes again.

    Example:

        meetscout profile
    """
    if ctx.invoked_subcommand is not None:
        return
    config = _loaded_config()
    profile, path = profile_in_use(db, config)
    if as_json:
        typer.echo(profile.model_dump_json())
        return
    differ = differences(config, profile) if config.path else {}
    rows = []
    for key, value in profile.model_dump(mode="json").items():
        note = ""
        if key in differ:
            note = f"meetscout.toml says {_value(differ[key][0])}; the newer change is used"
        rows.append([key, _value(value), note])
    where = f"in {path}" if path else f"from {config.path} (no database yet)"
    show_table(
        console,
        (Column("Key"), Column("Value", min_width=12), Column("Note", min_width=16, drop=1)),
        rows,
        title=f"Your profile ({where})" if config.path or path else "Your profile",
    )
    if not find_config():
        console.print(
            "Set it in meetscout.toml's [profile] (meetscout config --example shows one), "
            "with meetscout profile set, or in the extension's options.",
            highlight=False,
            markup=False,
        )


def _parse(key: str, values: list[str]) -> Any:
    """The typed words as the profile key wants them: a list stays a list (commas split it
    too), "" clears an optional value; pydantic does the rest."""
    field = Profile.model_fields[key]
    if "list" in str(field.annotation):
        return [part.strip() for v in values for part in v.split(",") if part.strip()]
    if len(values) != 1:
        fail(f"{key} takes one value; put it in quotes if it has spaces")
    text = values[0]
    return None if text == "" and field.default is None else text


@profile_app.command("set")
def set_key(
    key: Annotated[str, typer.Argument(help="The profile key, as `meetscout profile` lists it.")],
    values: Annotated[
        list[str] | None,
        typer.Argument(help='Its value; for a list, each item (or "A, B"); none: an empty list.'),
    ] = None,
    db: DbOption = None,
) -> None:
    """Change one key of the profile (kept in the database; the extension sees it at once).

    Example:

        meetscout profile set target_companies Prudential ADP
    """
    keys = model_keys(Profile)
    if key not in keys:
        fail(f"the profile has no key {key!r}: choose {one_of(keys)}{suggestion(key, keys)}")
    store = open_store(db)
    try:
        current = store.get_profile().model_dump(mode="json")
        try:
            profile = Profile.model_validate({**current, key: _parse(key, values or [])})
        except ValidationError as exc:
            reason = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
            allowed = allowed_words(Profile, key, "profile")
            fail(f"{key}: {reason}" + (f". Allowed: {allowed}" if allowed else ""))
        store.save_profile(profile)
    finally:
        store.close()
    shown = orjson.dumps(profile.model_dump(mode="json")[key]).decode()
    say(console, f"{key} = {shown}")
