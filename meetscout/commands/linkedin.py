"""`meetscout linkedin login|logout`: the person's own LinkedIn session for the LinkedIn crawl."""

from __future__ import annotations

from typing import Annotated

import typer

from ..browser import BrowserNotFound
from ..exit_codes import FAILED
from ..linkedin.session import has_display, no_display_help, session_path, sign_in
from .common import console, fail

linkedin_app = typer.Typer(
    help=(
        "Sign in to LinkedIn for meetscout (in a browser window, yourself), or sign out. "
        "meetscout never asks for or stores your password."
    ),
    no_args_is_help=True,
)


@linkedin_app.command()
def login(
    timeout: Annotated[
        int, typer.Option(min=30, max=3600, help="Give up after this many seconds.")
    ] = 600,
) -> None:
    """Open LinkedIn's login page in a browser window, let you sign in, and keep the session.

    You type your password into LinkedIn's own page; meetscout only saves the browser session
    (cookies) in your config folder, readable by you alone, for `meetscout crawl linkedin`.

    Example:

        meetscout linkedin login
    """
    path = session_path()
    if not has_display():
        fail(no_display_help(path), code=FAILED)
    console.print(
        "A browser window opens on LinkedIn's login page. Sign in there as usual "
        "(meetscout does not see your password); the window closes once you are in."
    )
    try:
        result = sign_in(path, timeout=timeout)
    except BrowserNotFound as exc:
        fail(str(exc))
    except Exception as exc:  # the browser would not start: say so, no traceback
        fail(f"could not open the browser: {str(exc).splitlines()[0]}")
    if result.outcome == "saved":
        console.print(f"Signed in. Saved your LinkedIn session to {path} (readable by you only).")
        console.print(
            "Turn the crawl on with `enabled = true` under [linkedin] in meetscout.toml.",
            markup=False,
        )
    elif result.outcome == "closed":
        fail("The browser was closed before you signed in; nothing was saved.", code=FAILED)
    else:
        fail(f"Still not signed in after {timeout} seconds; nothing was saved.", code=FAILED)


@linkedin_app.command()
def logout() -> None:
    """Forget the saved LinkedIn session (this does not sign you out on other devices).

    Example:

        meetscout linkedin logout
    """
    path = session_path()
    if not path.exists():
        console.print(f"No saved LinkedIn session ({path} does not exist).")
        return
    path.unlink()
    console.print(f"Deleted the saved LinkedIn session {path}.")
