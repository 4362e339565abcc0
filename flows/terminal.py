"""What the CLI prints: data from the web, with nothing a terminal or a spreadsheet would act on.

A stored title may hold an escape sequence ("\\x1b]0;...\\x07" retitles the
terminal, "\\x1b[2J" clears it) or bidi controls that reorder what is shown;
rows stored before text was cleaned on the way in still do. Every command that
prints stored data goes through here: plain text loses hidden characters
(scrapers.unicode_text), JSON keeps them as \\u escapes so no data is lost.
"""

from __future__ import annotations

import json
from typing import Any

import click

from scrapers.unicode_text import hidden_pattern, strip_hidden


def plain(text: Any) -> str:
    """`text` as a string without control, format (zero-width, bidi) or separator characters."""
    return strip_hidden(str(text))


def json_text(obj: Any, **kwargs) -> str:
    """json.dumps with readable non-ASCII text, but every hidden character as a \\u escape."""
    kwargs.setdefault("ensure_ascii", False)
    kwargs.setdefault("default", str)
    out = json.dumps(obj, **kwargs)
    return hidden_pattern().sub(lambda m: "".join(f"\\u{u:04x}" for u in _utf16(m.group())), out)


def _utf16(char: str) -> list[int]:
    data = char.encode("utf-16-be", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def echo(text: Any = "", **kwargs) -> None:
    click.echo(plain(text), **kwargs)


def secho(text: Any = "", **kwargs) -> None:
    click.secho(plain(text), **kwargs)
