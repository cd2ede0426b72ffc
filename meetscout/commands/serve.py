"""`meetscout serve`: the local API the browser extension talks to."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from ..api_token import load_or_create_token
from .common import DbOption, console, fail, open_store, port_problem

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    host: Annotated[
        str, typer.Option(help="Loopback address to listen on (this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8787,
    db: DbOption = None,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request.")
    ] = False,
    docs: Annotated[
        bool,
        typer.Option(
            "--docs",
            help="Serve interactive documentation at /docs (its page loads "
            "a script from a CDN, so it is off unless asked for).",
        ),
    ] = False,
) -> None:
    """Start the local API that the browser extension asks for flags.

    It listens on this machine only; every request needs the token `meetscout token` prints.
    The API's description is at /openapi.json; with --docs, an interactive page at /docs.

    Example:

        meetscout serve --port 8787 --db ~/meetscout.db
    """
    if host not in LOOPBACK:
        fail(
            f"meetscout serves this machine only; --host must be one of {', '.join(LOOPBACK)}, "
            f"not {host!r}"
        )
    problem = port_problem(host, port)
    if problem:
        fail(
            f"cannot listen on {host}:{port} ({problem}). Is `meetscout serve` already "
            f"running? Else choose another port: meetscout serve --port {port + 1}"
        )
    # The web stack loads only here, so the rest of the CLI starts fast without it.
    import uvicorn

    from meetscout.api.app import create_app
    from meetscout.api.settings import ApiSettings

    try:
        settings = ApiSettings.from_environment(token=load_or_create_token(), db_path=db)
        settings = dataclasses.replace(settings, docs=docs)
    except (OSError, ValueError) as exc:
        fail(str(exc))
    app = create_app(settings, store=open_store(db))
    where = f"http://{'[::1]' if host == '::1' else host}:{port}"
    documentation = f"{where}/docs" if docs else f"{where}/openapi.json"
    console.print(f"meetscout API on {where} (documentation: {documentation})")
    console.print("Pair the browser extension with the token from: meetscout token")
    if not settings.extension_ids:
        console.print(
            "[yellow]No extension id known[/yellow]: set MEETSCOUT_EXTENSION_ID to the id shown "
            "on chrome://extensions."
        )
    uvicorn.run(
        app,
        host=host,
        port=port,
        workers=1,
        log_level="info",
        access_log=access_log,
        server_header=False,
    )
