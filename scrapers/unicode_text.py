"""Text from the web made plain: one form of each character, nothing invisible, no control codes.

Pages carry characters a reader never sees: zero-width spaces and joiners, soft
hyphens, bidi controls (U+202E turns "Labs Kelvin" around on screen), and now
and then terminal escape sequences. Left in, they split a company name in two
for the extractor ("Kel\\u200bvin Labs" was read as "Labs"), give one company
several identity keys (so one round became several rows and alerts), and reach
terminals and CSV files, where an escape sequence can retitle the window or
clear the screen. So text is cleaned where it enters (scrapers: titles, article
and feed text), where identity is decided (storage.identity), and where it
leaves (the CLI, flows/terminal.py):

- NFKC: one code point sequence per character ("ﬁ" -> "fi", full-width
  "１２" -> "12"), so equal-looking names compare equal;
- hidden characters dropped: Unicode categories Cc (control, except newline and
  tab), Cf (format: zero-width, bidi, soft hyphen, BOM), Zl/Zp (line and
  paragraph separators) and Cs (lone surrogates).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

_HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
_KEEP = {"\n", "\t"}


# The hidden code points as ranges, for the Unicode version Python 3.11 ships: the
# pattern is then built at once. Working them out takes 1.1 million category
# look-ups (~0.2 s of CPU, over 1 s on a loaded machine) in every process that
# cleans text: the cycle's own while it parses the first feed, each reading
# process, every CLI command. Another Unicode version computes them
# (tests/test_text_boundaries.py checks this table against the computation).
_HIDDEN_RANGES = {
    "14.0.0": (
        (0, 8), (11, 31), (127, 159), (173, 173), (1536, 1541), (1564, 1564), (1757, 1757),
        (1807, 1807), (2192, 2193), (2274, 2274), (6158, 6158), (8203, 8207), (8232, 8238),
        (8288, 8292), (8294, 8303), (55296, 57343), (65279, 65279), (65529, 65531),
        (69821, 69821), (69837, 69837), (78896, 78904), (113824, 113827), (119155, 119162),
        (917505, 917505), (917536, 917631),
    ),
}


def hidden_ranges() -> list[tuple[int, int]]:
    """(first, last) code points of every run of hidden characters, worked out from unicodedata."""
    ranges: list[list[int]] = []
    for i in range(sys.maxunicode + 1):
        c = chr(i)
        if unicodedata.category(c) in _HIDDEN_CATEGORIES and c not in _KEEP:
            if ranges and ranges[-1][1] == i - 1:
                ranges[-1][1] = i
            else:
                ranges.append([i, i])
    return [(a, b) for a, b in ranges]


@lru_cache(maxsize=1)
def hidden_pattern() -> re.Pattern:
    """One character class of every hidden code point, as ranges (built once)."""
    ranges = _HIDDEN_RANGES.get(unicodedata.unidata_version) or hidden_ranges()
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{body}]")


def strip_hidden(text: str) -> str:
    """`text` without hidden characters (newline and tab kept); nothing else changes."""
    return hidden_pattern().sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_text(text: str | None) -> str:
    """NFKC, hidden characters dropped: for article and feed text (lines kept)."""
    if not text:
        return ""
    return strip_hidden(unicodedata.normalize("NFKC", text))


def clean_line(text: str | None) -> str:
    """clean_text on one line, runs of white space made one space: for titles and names."""
    return " ".join(clean_text(text).split())
