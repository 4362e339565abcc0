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
    text = _ANY_SPACE_RUN.sub(" ", text)
    text = re.sub(r"(?<=\w)[—–](?=\w)", " ", text)
    return _SPLIT.sub(r"\1,\2", text)


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
