"""Styled lower-case brands: the reader that follows only the words standing in a name slot
finds what reading every token of the article finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import lowercase

PIECES = ["zapt", "Zapt", "loodz", "kolo", "abc÷def", "÷", "x2go", "2go", "über", "éclat", "the", "and",
          ",", ", ", " (", "(Paris)", " (Paris) : ", ".", ". ", "\n", "\n• ", " — ", " – ", "@zapt", "zapt.io",
          "zapt-", "/zapt", "levanta", "US$ 15", " ", "  ", "AB", "de", "ab"]


def _every_token(title, text):
    full = (title or "") + "\n" + (text or "")
    return lowercase._brands_of(full, [(m.group(1), m.start(), m.end()) for m in lowercase._TOKEN.finditer(full)])


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.none(), st.lists(st.sampled_from(PIECES), max_size=6).map("".join)),
       st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_slot_words_read_as_every_token(title, text):
    assert lowercase.brands(title, text) == _every_token(title, text)


def test_a_styled_brand_is_found():
    text = "zapt levanta US$ 15 milhões. zapt, a fintech de São Paulo, cresce."
    assert lowercase.brands(None, text) == {"zapt": "Zapt"}


def test_a_word_inside_a_longer_token_is_not_counted():
    # "÷" is in the token class but no word character: "ab÷zapt" is one token, not a second "zapt"
    text = "zapt, a fintech. ab÷zapt grows."
    assert lowercase.brands(None, text) == _every_token(None, text) == {}
