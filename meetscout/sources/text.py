"""Text clean-up shared by the source parsers: escapes, Markdown escapes, HTML to plain text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Meetup double-escapes some strings: the JSON holds a literal `\u0026` rather than `&`.
_JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})(?:\\u([0-9a-fA-F]{4}))?")
# Markdown escapes a backslash before ASCII punctuation (`\-`, `\,`, `\.`); drop the backslash.
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# An event the organiser called off says so at the start of its title or description.
_CALLED_OFF = re.compile(
    r"^\W*(?:\[\s*)?(cancel+ed|canceled|postponed|abgesagt|annul[ée]e?|verschoben)\b", re.I
)

_GATHERING = r"(?:meeting|luncheon|lunch|breakfast|dinner|session|mixer)s?"
_NO_MEETING = re.compile(
    rf"^\W*no\s+(?:[\w'’&-]+\s+){{0,3}}?{_GATHERING}\b"
    rf"|^(?:[\w'’&-]+\s+){{0,3}}?{_GATHERING}\s+(?:is\s+)?(?:cancel+ed|canceled|called off)\W*$",
    re.I,
)


def decode_js_escapes(text: str) -> str:
    """Turn literal `\\uXXXX` sequences (surrogate pairs too) into the characters they name."""
    if "\\u" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        high = int(m.group(1), 16)
        if m.group(2):
            low = int(m.group(2), 16)
            if 0xD800 <= high < 0xDC00 and 0xDC00 <= low < 0xE000:
                return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            return _safe_chr(high) + _safe_chr(low)
        return _safe_chr(high)

    return _JS_ESCAPE.sub(one, text)


def _safe_chr(code: int) -> str:
    return "\ufffd" if 0xD800 <= code < 0xE000 else chr(code)


def unescape_markdown(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)


class _TextOnly(HTMLParser):
    BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, one paragraph a line."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = "".join(parts for parts in parser.parts).replace("\xa0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_text(value: object) -> str | None:
    """A stripped string with escapes decoded, or None for empty or non-string values."""
    if not isinstance(value, str):
        return None
    value = decode_js_escapes(value).strip()
    return value or None


def says_called_off(*texts: str | None) -> bool:
    """True when a title or description opens with "CANCELLED", "Postponed" and the like."""
    return any(t and _CALLED_OFF.match(t) for t in texts)


def says_no_meeting(title: str | None) -> bool:
    """True when a calendar entry's title only says a meeting will not happen: "NO CLUB
    MEETING", "No Chapter Meeting (Labor Day)", "Meeting Canceled". Such an entry is a notice,
    not a meeting."""
    return bool(title and _NO_MEETING.match(title.strip()))


def first_line(exc: BaseException) -> str:
    """A one-line reason from an error; for pydantic's, the first field and what is wrong."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))
        except (IndexError, TypeError, AttributeError):
            pass
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
