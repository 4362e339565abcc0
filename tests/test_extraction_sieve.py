"""The sieve answers as the pattern does: it only skips patterns on texts lacking every string a
match needs, and texts with letters that `re` folds beyond `str.lower()` go to the pattern."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import sieve
from extraction.grammar import get_grammar, languages
from extraction.pipeline import _INVESTOR_CUE, _ROUNDISH


def test_needed_strings_read_from_the_pattern():
    assert sieve.needed_strings(re.compile(r"(?i)\bled by\b|particip\w+|invest(?:or|ed)")) == {
        "led by", "particip", "invest"}
    # the longest literal of a sequence is the better sieve; optional parts are not needed
    assert sieve.needed_strings(re.compile(r"(?i)(?:the )?series [a-k] round")) == {"series "}
    needs = sieve.needed_strings(re.compile(r"(?i)\bjoined (?:the|this) round"))
    assert needs and all(s in "joined the round" and s in "joined this round" for s in needs)


@pytest.mark.parametrize("source", [r"[$€£]|\d+ million", r"(?i)a|bc", r"(?i)(?:led)?\s+by", r"\w"])
def test_patterns_without_needed_strings_always_run(source):
    assert sieve.needed_strings(re.compile(source)) is None


def _patterns():
    out = [_INVESTOR_CUE, _ROUNDISH]
    for code in languages():
        g = get_grammar(code)
        for value in vars(g).values():  # single patterns and the investor pattern lists
            out += [p for p in (value if isinstance(value, list) else [value]) if isinstance(p, re.Pattern)]
    return out


PATTERNS = _patterns()
WORDS = ["led by", "Led By", "LEAD", "particIPation", "Series B", "round", "Runde", "finanzierung",
         "ıNVEST", "invest", "ſeed", "İnvestor", "\u212aapital", "STRASSE", "straße", "Mio.", "€5M",
         "raised", "lève", "levée", "beteiligt", "von", "from", "Acme", "the", ",", ".", " ",
         "angeführt", "ANGEFÜHRT", "capta", "ronda", "investimento", "financieringsronde", "σ", "Σ",
         # near strings in other words (windows tried around each place), and a cue after them
         "partner", "menée par", "tragen", "Anlagen", "funding (Acme", "Series A (", "ledger"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
       st.sampled_from(range(len(PATTERNS))))
def test_search_answers_as_the_pattern(text, k):
    pattern = PATTERNS[k]
    expected = pattern.search(text)
    got = sieve.search(pattern, text)
    # every group's span: searching from a later offset finds the very same match
    assert (got.regs if got else None) == (expected.regs if expected else None)
    assert [m.regs for m in sieve.finditer(pattern, text)] == [m.regs for m in pattern.finditer(text)]
    matched, expected_match = sieve.match(pattern, text), pattern.match(text)
    assert (matched.regs if matched else None) == (expected_match.regs if expected_match else None)


@pytest.mark.parametrize("source", [r"(?i)(?<![\w-])(?:co-)?led by", r"(?i)^.{0,9}round", r"(?i)\bx?funding\b",
                                    r"(?i)(?:\d+ deals|led by)", r"(?i)(?:the|a) (?:new )?round"])
@pytest.mark.parametrize("text", ["co-led by Acme", "a round led by X", "xx funding", "Seed round, led by Y",
                                  "12 deals led by Z", "the new round", "-led by", "funding round"])
def test_search_starts_no_later_than_the_first_match(source, text):
    pattern = re.compile(source)
    expected = pattern.search(text)
    got = sieve.search(pattern, text)
    assert (got.regs if got else None) == (expected.regs if expected else None)


@pytest.mark.parametrize("text", ["ınvestors joined", "ſeries", "İNVESTOR", "the \u212aapital"])
def test_odd_case_letters_go_to_the_pattern(text):
    for source in (r"(?i)invest", r"(?i)series", r"(?i)kapital"):
        pattern = re.compile(source)
        assert bool(sieve.search(pattern, text)) == bool(pattern.search(text))
