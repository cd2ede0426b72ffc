"""What meetscout prints: crawled text made harmless, and tables that fit the terminal.

Titles, group names, the reasons that quote them and the errors that name pages all come from
sites meetscout does not control. Printed as they are, "[/]" breaks Rich's markup,
"[link=https://evil.example]" becomes a link and "ESC[2J" clears the screen. `safe()` is the one
way such text reaches Rich: control characters out, markup escaped. `clean()` is the same for
text printed without markup (plain lines, log records).

`show_table()` fits a table to the terminal by dropping the columns a reader needs least and
wrapping at spaces, so no word is cut ("Knowledg / e-Center"); piped into another program it
prints tab-separated lines instead: whole values, no box, no colour.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

# C0 and C1 control characters but tab and newline, and the invisible marks that reorder text
# (a title reading "gnihsihp" backwards) or hide it.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """`text` without control characters (escape sequences lose their ESC and stay inert)."""
    return _CONTROL.sub("", str(text if text is not None else ""))


def safe(text: object) -> str:
    """`text` as words for Rich: no control characters, square brackets printed as they are."""
    return escape(clean(text))


def one_line(text: object) -> str:
    """`clean(text)` on one line: tabs and line breaks become spaces."""
    return " ".join(clean(text).split())


def say(console: Console, text: object, style: str | None = None) -> None:
    """Print `text`, which may quote crawled pages, as it is: one line or several, no markup, no
    control characters, long lines unbroken (a URL stays whole to copy)."""
    console.print(clean(text), style=style, markup=False, highlight=False, soft_wrap=True)


class CleanLogRecords(logging.Filter):
    """Strips control characters from every log message, which may quote a crawled page."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = clean(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


def clean_logs() -> None:
    """Put `CleanLogRecords` on every handler of the root logger (call after logging is set up)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, CleanLogRecords) for f in handler.filters):
            handler.addFilter(CleanLogRecords())


@dataclass(frozen=True)
class Column:
    """A table column. `drop`: 0 is always shown; when the table does not fit, the column with
    the highest `drop` goes first. `min_width`: narrower than this it is dropped rather than
    squeezed."""

    header: str
    min_width: int = 4
    drop: int = 0
    no_wrap: bool = False
    justify: str = "left"


# Beside its text a column costs a space of padding each side and a one-space rule between it and
# the next (no outer edges or padding: the table's first text starts the line).
_PER_COLUMN = 3
_LONGEST_WORD = 18  # a longer word (a URL) may be folded rather than drop the column for it


def show_table(
    console: Console,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    title: str | None = None,
    empty: str | None = None,
) -> None:
    """Print `rows` (plain text, crawled or not) under `columns`; `empty` is the sentence printed
    when there are no rows (None: the table with its headers)."""
    rows = [[clean(cell) for cell in row] for row in rows]
    if not rows and empty is not None:
        console.print(safe(empty), highlight=False)
        return
    if not console.is_terminal:
        _plain(console, columns, rows, title)
        return
    widths = _widths(columns, rows, console.width)
    table = Table(
        title=safe(title) if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for i, width in widths.items():
        col = columns[i]
        table.add_column(
            safe(col.header),
            width=width,
            no_wrap=col.no_wrap,
            overflow="fold",  # only a word longer than the whole column (a URL) is folded
            justify=col.justify,  # type: ignore[arg-type]
        )
    for row in rows:
        table.add_row(*(escape(row[i]) for i in widths))
    console.print(table, highlight=False)


def _plain(
    console: Console, columns: Sequence[Column], rows: list[list[str]], title: str | None
) -> None:
    """Tab-separated: the title's line (when there is one: a demo prints several tables), a
    header line, then one line a row (written as they are: Rich would turn the tabs into
    spaces)."""
    if title:
        console.file.write(" ".join(clean(title).split()) + "\n")
    for line in [[c.header for c in columns], *rows]:
        console.file.write("\t".join(" ".join(cell.split()) for cell in line) + "\n")
    console.file.flush()


def _widths(columns: Sequence[Column], rows: list[list[str]], width: int) -> dict[int, int]:
    """Which columns to show, and how wide: drop the most droppable until each kept column fits
    its longest word (or its minimum width), then share what room is left among the columns
    whose text is longer than that, up to what their longest line needs."""

    def lines(i: int) -> list[str]:
        return [line for cell in [columns[i].header] + [row[i] for row in rows]
                for line in (cell.splitlines() or [""])]  # fmt: skip

    def need(i: int) -> int:
        if columns[i].no_wrap:
            return max(len(line) for line in lines(i))
        longest = max((len(word) for line in lines(i) for word in line.split()), default=0)
        return max(columns[i].min_width, min(longest, _LONGEST_WORD))

    kept = list(range(len(columns)))
    while sum(need(i) + _PER_COLUMN for i in kept) - _PER_COLUMN > width:
        droppable = [i for i in kept if columns[i].drop > 0]
        if not droppable:
            break
        kept.remove(max(droppable, key=lambda i: (columns[i].drop, i)))
    widths = {i: need(i) for i in kept}
    room = width - (sum(widths.values()) + _PER_COLUMN * len(kept) - _PER_COLUMN)
    wants = {i: max(len(line) for line in lines(i)) - widths[i] for i in kept}
    while room > 0 and any(w > 0 for w in wants.values()):
        # A character at a time to the column that lacks most for its width.
        i = max(wants, key=lambda k: wants[k] / widths[k])
        widths[i] += 1
        wants[i] -= 1
        room -= 1
    return widths
