"""Money parsing over real-world formats, plus properties checked with Hypothesis."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.money import format_money, parse_money
from extraction.numbers import word_to_number

CASES = [
    ("$600 million", 600_000_000, "USD"),
    ("$1.2B", 1_200_000_000, "USD"),
    ("US$5m", 5_000_000, "USD"),
    ("€20m", 20_000_000, "EUR"),
    ("£3.5 million", 3_500_000, "GBP"),
    ("600 Millionen US-Dollar", 600_000_000, "USD"),
    ("1,5 Mrd. Euro", 1_500_000_000, "EUR"),
    ("4,5 Milliarden US-Dollar", 4_500_000_000, "USD"),
    ("drei Millionen Euro", 3_000_000, "EUR"),
    ("elf Millionen Euro", 11_000_000, "EUR"),
    ("eleven million dollars", 11_000_000, "USD"),
    ("Rs 50 crore", 500_000_000, "INR"),
    ("CHF 12 Mio.", 12_000_000, "CHF"),
    ("12 Mio. Franken", 12_000_000, "CHF"),
    ("Fr. 12 Mio.", 12_000_000, "CHF"),
    ("12 Mio. Fr.", 12_000_000, "CHF"),
    ("SFr. 12 Mio.", 12_000_000, "CHF"),
    ("₹4 Cr", 40_000_000, "INR"),
    ("USD93 million", 93_000_000, "USD"),
    ("USD 360 mil", 360_000_000, "USD"),
    ("US$ 1 million", 1_000_000, "USD"),
    ("S$1.4m", 1_400_000, "SGD"),
    ("$ 50 million", 50_000_000, "USD"),
    ("RMB1 billion", 1_000_000_000, "CNY"),
    ("$1-billion round", 1_000_000_000, "USD"),
    ("$340 Mn", 340_000_000, "USD"),
    ("$500k", 500_000, "USD"),
    ("$200,000", 200_000, "USD"),
    ("JPY903.7 billion", 903_700_000_000, "JPY"),
    ("RM3.6 Bln", 3_600_000_000, "MYR"),
    ("NT$50 million", 50_000_000, "TWD"),
    ("50 million kronor", 50_000_000, "SEK"),
    ("PLN 10 mln", 10_000_000, "PLN"),
    ("10 mln zł", 10_000_000, "PLN"),
    ("2.993.877,12 Euro", 2_993_877, "EUR"),
    ("728.000 Euro", 728_000, "EUR"),
    ("55 Mio. €", 55_000_000, "EUR"),
    ("einer halben Milliarde Euro", 500_000_000, "EUR"),
    ("eine Mio. Euro", 1_000_000, "EUR"),
    ("322 million pounds", 322_000_000, "GBP"),
    ("1,14 Mrd. Pfund", 1_140_000_000, "GBP"),
    ("€350m", 350_000_000, "EUR"),
    ("20,8 Mio. Euro", 20_800_000, "EUR"),
    ("8,25 Mio. Euro", 8_250_000, "EUR"),
    ("23,5 millions d'euros", 23_500_000, "EUR"),
    ("$7.8m", 7_800_000, "USD"),
]


@pytest.mark.parametrize("text,amount,currency", CASES, ids=[c[0] for c in CASES])
def test_real_formats(text: str, amount: int, currency: str) -> None:
    found = parse_money(f"The startup raised {text} from investors.")
    assert found, text
    assert (found[0].amount, found[0].currency) == (amount, currency)


def test_two_figures_one_round_are_both_found() -> None:
    found = parse_money("umgerechnet 73 Millionen Euro (80 Millionen US-Dollar)")
    assert [(m.amount, m.currency) for m in found] == [(73_000_000, "EUR"), (80_000_000, "USD")]
    assert found[0].approx


@pytest.mark.parametrize("text,lang", [
    ("una ronda Serie B de USD 40 millones", "es"), ("a Series B of USD 40 million", "en"),
    ("uma rodada Série B de US$ 40 milhões", "pt"),
])
def test_a_round_letter_is_no_scale_that_takes_the_currency(text: str, lang: str) -> None:
    """"B" is also "billion": "Serie B de USD" once read as a number in words and took the currency
    from the amount after it, which was left without one."""
    found = parse_money(text, lang)
    assert [(m.amount, m.currency) for m in found] == [(40_000_000, "USD")]


def test_stray_space_from_machine_translation_is_repaired_by_normalize() -> None:
    from extraction.text import normalize

    found = parse_money(normalize("einen Wert von 4, 5 Milliarden US-Dollar"))
    assert (found[0].amount, found[0].currency) == (4_500_000_000, "USD")


@pytest.mark.parametrize("text", [
    "in 2020 and 2021", "200 million users", "a 5 m wide road", "Series B", "3.5 percent", "",
])
def test_no_money(text: str) -> None:
    assert [m for m in parse_money(text) if m.currency] == []


def test_scale_without_currency_is_kept_without_currency() -> None:
    found = parse_money("Tier kassiert 250 Millionen in Series C")
    assert [(m.amount, m.currency) for m in found] == [(250_000_000, None)]


def test_number_words() -> None:
    assert word_to_number("elf", "de") == 11
    assert word_to_number("twenty five", "en") == 25
    assert word_to_number("eine", "de") == 1
    assert word_to_number("halben", "de") == 0.5
    assert word_to_number("Startup", "de") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    for m in parse_money(text):
        assert m.amount > 0
        assert 0 <= m.span[0] < m.span[1] <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**13),
       st.sampled_from(["USD", "EUR", "GBP", "CHF", "INR", "CNY", "JPY", "SGD"]))
def test_round_trip(amount: int, currency: str) -> None:
    text = format_money(amount, currency)
    found = parse_money(text)
    assert len(found) == 1, text
    assert (found[0].amount, found[0].currency) == (amount, currency), text


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["USD", "EUR"]))
def test_round_trip_inside_a_sentence(amount: int, currency: str) -> None:
    text = f"Acme raised {format_money(amount, currency)} in a Series A round."
    assert [(m.amount, m.currency) for m in parse_money(text)] == [(amount, currency)]


_HINT_PIECES = ["USD", "_USD", "xEUR", "RM", "Rs", "5", "5m", "5 mn", " ", "_", "mılion", "MİLLON", "reaiſ", "DÓLAR",
                "dolar", "mln", "MLD", "mdd", "bilhão", "Mio", "Mrd", "Euro", "lakh", "$", "€", "a", "é", "\u212a",
                "ſ", "ı", "İ", "HKD9", "9HKD", "miljoen", "MILJARD", "html", "similar", "\n", "-"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HINT_PIECES), max_size=6).map("".join))
def test_money_hint_answers_as_the_pattern(text: str) -> None:
    from extraction.money import MONEY_HINT, _has_money_hint

    assert _has_money_hint(text) == bool(MONEY_HINT.search(text))


_AMOUNT_WORDS = ["elf", "Millionen", "fünf", "million", "5", "Mio.", "Euro", "zwei", "Milliarden", "eine", "halbe",
                 "mil", "millones", "dos", "k", "m", " ", "-", "$", "US$", "Series", "B", "ſ", "İ", "É", "mrd", "Rs"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_AMOUNT_WORDS), max_size=8).map(" ".join),
       st.sampled_from(["en", "de", "fr", "es", "it", "pt", "nl", None]))
def test_pattern_without_number_words_finds_the_same_where_the_probe_says_none(text: str, lang) -> None:
    from extraction.money import _WORDLESS, _language

    full = _language(lang)[0]
    _, probe, wordless = _WORDLESS[id(full)]
    chosen = full if probe.search(text) else wordless
    assert [(m.span(), m.groups()) for m in chosen.finditer(text)] == \
        [(m.span(), m.groups()) for m in full.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_AMOUNT_WORDS + ["-", "USD", "drei", "Serie"]), max_size=10).map(" ".join),
       st.sampled_from(["en", "de", "fr", "es", "it", "pt", "nl", None]))
def test_amounts_searched_from_their_possible_starts_are_the_patterns(text: str, lang) -> None:
    from extraction.money import _WORDLESS, _amount_matches, _language

    full = _language(lang)[0]
    _, probe, _ = _WORDLESS[id(full)]
    assert [(m.span(), m.groups()) for m in _amount_matches(full, probe, text)] == \
        [(m.span(), m.groups()) for m in full.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["about", "ABOUT", "Über", "ca.", "CA.", "près de", "PRÈS DE", " ", "\n", "\t",
                                 "x", "ſome", "some", "\u212a", "mehr als", "bis  zu", "Gut", "İ", "roundabout"]),
                max_size=5).map("".join))
def test_approx_before_answers_as_the_pattern(text: str) -> None:
    from extraction.money import _APPROX, _approx_before

    assert _approx_before(text) == bool(_APPROX.search(text))


def test_money_hint_shortcuts_follow_their_patterns() -> None:
    """_has_money_hint reads _HINT_WORD and _HINT_CODE through plain copies of their words; an
    edit of one without the other fails here."""
    from extraction import money

    assert set(money._HINT_WORD.pattern.split("|")) == {re.escape(w) for w in money._HINT_WORD_PLAIN} | {r"Mio\b", r"Mrd\b"}
    assert money._HINT_CODE.pattern == r"\b(?:" + money._HINT_CODE_WORDS.pattern + ")"
