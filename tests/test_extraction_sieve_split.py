"""A big alternation searched one alternative at a time (sieve._Split) finds what the whole
pattern finds: the same match, at the same place, on every sentence of the test fixtures and on
texts made to put several alternatives at one offset."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import sieve
from extraction.text import normalize, split_lines_and_sentences

FIXTURES = Path(__file__).parent / "fixtures"


def _texts() -> list[dict]:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "extraction").glob("*.json"))]
    for path in sorted((FIXTURES / "probes").glob("*.jsonl")):
        docs += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs


def _sentences() -> list[str]:
    out: set[str] = set()
    for doc in _texts():
        if doc.get("title"):
            out.add(normalize(doc["title"]))
        out.update(split_lines_and_sentences(normalize(doc.get("text") or ""))[0])
    return sorted(out)


SENTENCES = _sentences()


def _split_patterns() -> list[re.Pattern[str]]:
    from tests.test_extraction_sieve import PATTERNS

    return [p for p in PATTERNS if sieve._split_of(p) is not None]


def _regs(m: re.Match[str] | None):
    return m.regs if m else None


def test_some_grammar_patterns_split():
    # the English, German and other grammars' clauses of other money are the alternations that pay
    assert len(_split_patterns()) >= 3


@pytest.mark.parametrize("pattern", _split_patterns(), ids=lambda p: p.pattern[:40])
def test_split_search_answers_as_the_pattern_on_fixture_sentences(pattern):
    split = sieve._split_of(pattern)
    for sentence in SENTENCES:
        if sieve.odd_letters(sentence):
            continue  # such texts go to the whole pattern
        assert _regs(sieve._search_split(split, sentence)) == _regs(pattern.search(sentence)), sentence
        assert _regs(sieve.search(pattern, sentence)) == _regs(pattern.search(sentence)), sentence


# alternatives that overlap, share strings ("lead", "leading") and tie at one offset, under nested
# alternations, one-way items before them and a repeat after them
SMALL = re.compile(r"(?i)\b(?:leading (?:investors?|funds?)|lead(?:s|ing)?\b|le\w+ing|ab(?:c|cd)e)\b"
                   r"|(?<!x)(?:deal|pact) with (?:[\w-]+ ){1,3}?to\b|\bfund\s(?:i{1,3}|iv)\b|\d+ deals|with")
PIECES = ["lead", "leading", "Leading investors", "leads", "lending", "abce", "abcde", "deal with", "pact with",
          "Acme to", "to", "xdeal with", "fund ii", "FUND IV", "12 deals", "with", "without", " ", ",", "fund"]


@pytest.fixture
def few_alternatives_split(monkeypatch):
    monkeypatch.setattr(sieve, "_MIN_OPTIONS", 2)
    split = sieve._split_of(SMALL)
    assert split is not None and len(split.options) >= 8
    return split


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map(" ".join))
def test_split_search_answers_as_the_pattern_on_made_texts(text):
    original = sieve._MIN_OPTIONS
    sieve._MIN_OPTIONS = 2
    try:
        split = sieve._split_of(SMALL)
    finally:
        sieve._MIN_OPTIONS = original
    assert _regs(sieve._search_split(split, text)) == _regs(SMALL.search(text))


def test_the_earlier_alternative_wins_a_tie(few_alternatives_split):
    # "leading investors" and "leading" both match at 0: the whole pattern takes the first
    m = sieve._search_split(few_alternatives_split, "leading investors")
    assert m is not None and m.group() == "leading investors" == SMALL.search("leading investors").group()


def test_patterns_with_groups_do_not_split(monkeypatch):
    monkeypatch.setattr(sieve, "_MIN_OPTIONS", 2)
    assert sieve._split_of(re.compile(r"(ab)|cd|ef|gh")) is None
    assert sieve._split_of(re.compile(r"ab|cd|ef|gh")) is not None


def test_longest_of_reports_the_longest_string_at_each_place():
    find = re.compile(sieve._longest_of(["lead", "leading", "led", "le"])).search
    assert find("the leading one").group() == "leading"
    assert find("leadx").group() == "lead"
    assert find("lex").group() == "le"
