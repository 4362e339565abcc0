"""Text clean-up: the fast paths of `normalize` give what the plain rules say."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.text import normalize

_ANY_SPACE_RUN = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_SPLIT = re.compile(
    r"(?<![\d,.])(\d{1,3}), (\d{1,2})(?=\s?(?:Mrd|Milliard|Mio|Million|billion|million|bn\b|mn\b))")


def plain_rules(text: str) -> str:
    """The clean-up written as the rules read, without the shortcuts."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]+", " ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _join_wrapped_lines(text)
    text = _ANY_SPACE_RUN.sub(" ", text)
    text = re.sub(r"(?<=\w)[—–](?=\w)", " ", text)
    return _SPLIT.sub(r"\1,\2", text)


def _join_wrapped_lines(text: str) -> str:
    """A line of running text (40 characters or more, ending in a word, comma or amount) and a
    next line opening in lower case are one sentence (no table rows among these pieces)."""
    lines = text.split("\n")
    out = lines[0]
    for prev, line in zip(lines, lines[1:]):
        wrapped = len(prev) >= 40 and re.search(r"[\w,$€£%)]$", prev) \
            and re.match(r"[a-zà-öø-ÿß]", line)
        out += (" " if wrapped else "\n") + line
    return out


pieces = st.sampled_from([" ", "  ", "\t", "\u00a0", "\u2009", "\u3000", " \u00a0 ", "—", "–", "4",
                          ", ", "5", "Mrd", " Millionen", "Euro", "a", "Zeta", "\n", "\r\n", ".",
                          "\x07"])


@settings(max_examples=400)
@given(st.lists(pieces, max_size=30).map("".join))
def test_normalize_equals_the_plain_rules(text):
    assert normalize(text) == plain_rules(text)


def test_space_runs_become_one_plain_space_and_single_spaces_stay():
    assert normalize("Acme\u00a0 raises \t 5\u2009Mio.  Euro") == "Acme raises 5 Mio. Euro"
    assert normalize("platform—Keep, 4, 5 Milliarden") == "platform Keep, 4,5 Milliarden"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab.. _-\n1é٣Ⅻ,'", max_size=14))
def test_last_word_read_backwards_is_the_pattern_s(before: str) -> None:
    from extraction.text import _LAST_WORD, _last_word

    m = _LAST_WORD.search(before)
    assert _last_word(before) == (m.group(1) if m else None)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\u00a0\u2009\u3000+.!?…。！；:-–—•|·aA1\n\"'”(", max_size=20))
def test_literal_checks_cover_every_match_of_their_patterns(text: str) -> None:
    """The cheap checks before a pattern (text.py, listings.py) are only sound while every match
    of the pattern holds what they look for; an edit of a pattern that breaks this fails here."""
    from extraction import listings
    from extraction import text as t

    if "+++" not in text:
        assert t._TICKER_MARK.search(text) is None
    if not t._CJK_STOP.search(text):
        assert t._CJK_BOUNDARY.search(text) is None
    if not ("  " in text or "\t" in text or not text.isascii() and t._WIDE_SPACE.search(text)):
        assert t._SPACES.search(text) is None
    stop = t._STOP.search(text)
    assert [m.span() for m in t._BOUNDARY.finditer(text)] == \
        ([m.span() for m in t._BOUNDARY.finditer(text, stop.end())] if stop else [])
    if not listings._FIELD_MARK.search(text):
        assert listings._FIELD_BREAK.search(text) is None


_GLUED_PLAIN = re.compile(
    r"(?<=[a-zäöüßàâçèéêëìîïòôùûúíóñ]{3})(?=(?:Der|Die|Das|Wie|Was|Laut|Nach|Auch|Seit|Mit|La|Le|Les|Il|Lo|El|"
    r"Los|Las|Una|Une|Un|The|This|Het|Een|Uma|Um|Os|As)\s)")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "ä", "ß", "x", "Der", "Das", "Un", "Una", "The", "A", "LinkedIn", " ",
                                 "\n", "Os"]), max_size=25).map("".join))
def test_unglued_openings_are_where_the_plain_rule_puts_them(text: str) -> None:
    """A line break before each opener glued to three lower-case letters: "KommentareDas Start-up"."""
    from extraction.text import _unglue_openings

    assert _unglue_openings(text) == _GLUED_PLAIN.sub("\n", text)
