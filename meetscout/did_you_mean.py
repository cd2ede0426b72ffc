"""A mistyped word and the nearest allowed one: "did you mean 'linkedin'?" (difflib's judgement).

Used by the config check, the CLI's choices and `meetscout profile set`, so every mistake offers
the same kind of help.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, allowed: Iterable[str]) -> str | None:
    """The allowed word most like `word`, if any is close enough."""
    allowed = list(allowed)
    found = difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)
    if not found:  # "Employed" for "employed": case is not a typo worth failing on
        found = [a for a in allowed if a.lower() == word.lower()]
    return found[0] if found else None


def suggestion(word: str, allowed: Iterable[str]) -> str:
    """ "; did you mean 'x'?" or nothing."""
    found = nearest(word, allowed)
    return f"; did you mean '{found}'?" if found else ""


def one_of(allowed: Iterable[str]) -> str:
    """ "a, b or c"."""
    allowed = list(allowed)
    return allowed[0] if len(allowed) == 1 else f"{', '.join(allowed[:-1])} or {allowed[-1]}"
