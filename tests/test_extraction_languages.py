"""Languages as data: every lexicon builds a grammar; the words of each language reach money,
rounds, language identification and the CJK reader."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from extraction import extract_events
from extraction.grammar import get_grammar, languages
from extraction.grammar import lexicon
from extraction.grammar.cjk import _fold, _value, reader
from extraction.grammar.cjk import extract as cjk_extract
from extraction.language import detect_language
from extraction.money import parse_money
from extraction.rounds import find_rounds


@pytest.mark.parametrize("code", lexicon.available())
def test_every_lexicon_builds_a_registered_grammar(code: str) -> None:
    if lexicon.load(code).get("reader") == "cjk":
        assert reader(code).money.pattern  # its data compiles, switched on or not
    if not lexicon.enabled(code):  # a lexicon shipped switched off: the English grammar stands in
        assert code not in languages() and get_grammar(code).code == "en"
        return
    assert get_grammar(code).code == code
    assert code in languages()


def test_lexicons_ship_as_package_data() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["extraction"]
    assert "data/lexicons/*.toml" in globs
    assert {"es", "pt", "it", "nl", "zh", "ja", "ko"} <= set(lexicon.available())


@pytest.mark.parametrize("text,lang,amount,currency", [
    ("capta 500 mil euros", "es", 500_000, "EUR"),
    ("levantó 3 mil millones de dólares", "es", 3_000_000_000, "USD"),
    ("recaudó 45 mdd", "es", 45_000_000, "USD"),
    ("cerró un millón de euros", "es", 1_000_000, "EUR"),
    ("US$ 350 millones", "es", 350_000_000, "USD"),
    ("recebeu R$ 3 milhões", "pt", 3_000_000, "BRL"),
    ("um aporte de R$ 500 mil", "pt", 500_000, "BRL"),
    ("angariou 30 milhões de dólares", "pt", 30_000_000, "USD"),
    ("ha raccolto 7,3 milioni di euro", "it", 7_300_000, "EUR"),
    ("haalt 1,5 miljoen euro op", "nl", 1_500_000, "EUR"),
    ("harkte €60 miljoen binnen", "nl", 60_000_000, "EUR"),
    ("$5 mil seed", "en", 5_000_000, "USD"),  # English "mil" stays a million
])
def test_money_words_of_each_language(text: str, lang: str, amount: int, currency: str) -> None:
    money = parse_money(text, lang)
    assert [(m.amount, m.currency) for m in money] == [(amount, currency)]


@pytest.mark.parametrize("sentence,round_", [
    ("cerró una ronda semilla de 2 millones", "seed"),
    ("una ronda puente de un millón de euros", "bridge"),
    ("la Serie B de la empresa", "series_b"),
    ("uma rodada seed de R$ 8 milhões", "seed"),
    ("um aporte em rodada Série A", "series_a"),
    ("een seedronde van 2 miljoen euro", "seed"),
    ("een converteerbare lening van 1 miljoen", "convertible"),
    ("un prestito convertibile da 1 milione", "convertible"),
])
def test_round_names_of_each_language(sentence: str, round_: str) -> None:
    assert [c.round for c in find_rounds(sentence)][:1] == [round_]


@pytest.mark.parametrize("text,hint,expected", [
    ("Kavak levanta 300 millones de dólares en una ronda", None, "es"),
    ("Nubank recebe aporte de R$ 3 milhões em rodada seed", None, "pt"),
    ("StartupItalia raccoglie 7,3 milioni di euro", None, "it"),
    ("Mollie haalt 665 miljoen euro op bij investeerders", None, "nl"),
    ("Titan OS capta €50M", "es", "es"),  # too short to tell es from it or pt: the feed's hint wins
    ("Startup raises $5M seed round from investors", "de", "en"),  # the text clearly says English
    ("商汤再获6亿美元融资", None, "zh"),
    ("ポジウィルが資金調達を発表した", None, "ja"),
    ("Hozon New Energy Automobileは、シリーズBで30億元を獲得", None, "ja"),
    ("큐레보가 2600만달러 투자를 유치했다", None, "ko"),
])
def test_language_identification(text: str, hint: str | None, expected: str) -> None:
    assert detect_language(text, hint) == expected


@pytest.mark.parametrize("code,text,amount,currency", [
    ("zh", "1.5亿元", 150_000_000, "CNY"),
    ("zh", "约十亿元", 1_000_000_000, "CNY"),
    ("zh", "近亿元", 100_000_000, "CNY"),
    ("zh", "５０００万美元", 50_000_000, "USD"),  # full-width digits
    ("ja", "5,000万米ドル", 50_000_000, "USD"),  # the Japanese lexicon compiles while switched off
    ("ja", "1億2000万円", 120_000_000, "JPY"),
    ("ja", "200,013,000円", 200_013_000, "JPY"),
    ("ko", "1조3880억원", 1_388_000_000_000, "KRW"),
    ("ko", "2600만달러", 26_000_000, "USD"),
    ("ko", "23억", 2_300_000_000, "KRW"),  # Korean amounts without a currency are won
])
def test_cjk_amounts(code: str, text: str, amount: int, currency: str) -> None:
    r = reader(code)
    match = r.money.search(_fold(text))
    assert match is not None and _value(match, r) == (amount, currency)


@pytest.mark.parametrize("code,text", [
    ("zh", "数千万元"), ("zh", "亿元级"), ("ja", "調達額は非公開"), ("ko", "비공개"),
])
def test_cjk_undisclosed_amounts(code: str, text: str) -> None:
    assert reader(code).undisclosed.search(text)


@pytest.mark.parametrize("text,company", [
    ("商汤再获6亿美元融资。", "商汤"),
    ("蔚来又完成10亿元人民币融资。", "蔚来"),
    ("云雀科技日前完成5000万元天使轮融资。", "云雀科技"),
    ("深圳机器人公司云智科技近日宣布完成2亿元人民币B轮融资。", "云智科技"),
])
def test_chinese_name_never_swallows_an_adverb(text: str, company: str) -> None:
    assert [e.company for e in extract_events(text, lang="zh")] == [company]


def test_langid_model_is_the_checked_one_and_forgets_after_a_window() -> None:
    """The windowed walk stands on a property of py3langid's DFA; a new model is walked byte by
    byte (same answers, slower) until this check is run on it and its fingerprint recorded."""
    from extraction import language

    identifier = language._identifier()
    assert language.model_fingerprint(identifier) == language._CHECKED_MODEL, "new model: run forgets_after"
    assert identifier.window_walk is not None
    assert language.forgets_after(identifier) == language.WINDOW


@pytest.mark.parametrize("text", ["", "a", "abcde", "abcdef", "abcdefg", "Kivo sammelt 5 Millionen Euro ein",
                                  "Titan OS capta €50M", "ÄÖÜ ßß 你好 \x00\xff", "The startup raised $5M " * 30])
def test_windowed_walk_finds_what_the_byte_walk_finds(text: str) -> None:
    from py3langid.langid import LanguageIdentifier, visit_counts

    from extraction import language

    identifier = language._identifier()
    data = identifier._encode(text)
    expected = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data)
    got = identifier.window_walk.visits(data)
    assert (list(got.items()) if got else got) == (list(expected.items()) if expected else expected)
    # the scores, bit for bit
    assert identifier._raw_score(data).tobytes() == LanguageIdentifier._raw_score(identifier, data).tobytes()
