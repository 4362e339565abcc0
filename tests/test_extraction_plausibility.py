"""Name plausibility and the article's subject: general phrasings, each beside a look-alike."""

from __future__ import annotations

import pytest

from extraction import extract_events
from extraction.plausibility import check_name
from extraction.subject import find_subject


@pytest.mark.parametrize("name,lang,why", [
    ("Nachdem", "de", "an everyday word"),
    ("Zwar", "de", "an everyday word"),
    ("Founded", "en", "an everyday word"),
    ("Kapitalzusagen", "de", "a compound of everyday words"),
    ("Personalsoftware-Spezialist", "de", "a descriptor"),
    ("CFO Anna Beispiel", "de", "a person with a job title"),
    ("14 Jul 2017", "en", "a date"),
    ("Quartal 2021", "de", "a date"),
    ("Pre-series A", "en", "a round label"),
    ("20.7 Million", "en", "a number"),
    ("Unsere Schlagzeilen", "de", "a phrase"),
])
def test_what_is_no_name(name: str, lang: str, why: str) -> None:
    check = check_name(name, lang, "")
    assert not check.plausible and check.reason == why


@pytest.mark.parametrize("name,lang", [
    ("Quellwerk Labs", "de"), ("Zorvanta", "en"), ("N26", "de"),
])
def test_made_up_and_coined_names_pass(name: str, lang: str) -> None:
    assert check_name(name, lang, "").plausible


def test_backers_lists_expect_names() -> None:
    # in a list of backers, words are names unless the article writes them as words
    assert check_name("Founder Collective", "en", "", investor=True).plausible
    assert not check_name("Founder Collective", "en", "").plausible  # alone in a subject slot: two words
    assert not check_name("Zeiten", "de", "In diesen Zeiten zählt jeder Euro.", investor=True).plausible


def test_an_everyday_word_is_a_name_when_the_article_uses_it_as_one() -> None:
    # "Square" is an everyday word; beside a descriptor, or in mid-sentence with a capital, it names
    described = "The payments company Square raised $50 million. Square will hire."
    assert check_name("Square", "en", described).plausible
    plain = "Square one: we are back to square one after the market fell."
    assert not check_name("Square", "en", plain).plausible


def test_german_nouns_need_more_than_a_capital() -> None:
    text = "Die Masse der Gründer sucht Geld. Masse ist nicht alles."
    assert not check_name("Masse", "de", text).plausible
    described = "Das Kölner Startup Kieselwerk erhält Geld. Kieselwerk wächst."
    assert check_name("Kieselwerk", "de", described).plausible


def test_a_german_word_only_ever_after_an_article_is_a_noun() -> None:
    # "in den Startlöchern", "per Crowdinvesting": rare words, but written only where nouns stand
    assert not check_name("Startlöchern", "de", "Nun stehen 30 Millionen Dollar in den Startlöchern.").plausible
    assert not check_name("Crowdinvesting", "de", "Sie sammelte per Crowdinvesting 420.000 Euro.").plausible
    # a name written with its article once, but also bare or with its legal form, stays a name
    assert check_name("Kalkwerk", "de", "Die Kalkwerk GmbH baut Sensoren. Kalkwerk erhält Geld.").plausible
    assert check_name("Kalkwerk", "de", "Die Kalkwerk GmbH baut Sensoren für Brücken.").plausible


def test_an_honorific_names_a_person() -> None:
    text = "Frau Nkemelu, Sie haben gerade 5 Mio. Euro von Investoren eingesammelt."
    assert check_name("Nkemelu", "de", text).reason == "a person"
    assert check_name("Herr Brandt", "de", "Herr Brandt, Sie haben 3 Millionen Euro eingesammelt.").reason == "a person"
    # look-alike: the same surname as a company, with no honorific before it
    assert check_name("Nkemelu", "de", "Die Firma Nkemelu hat 5 Mio. Euro eingesammelt.").plausible


def test_a_descriptor_compound_before_the_subject_falls_away() -> None:
    # "Die Challenger-Bank N26": a compound whose last part is a descriptor ("Bank") is one too
    text = "Die Challenger-Bank N26 meldet eine neue Runde. Mehr Kunden als je zuvor nutzen das Konto."
    subject = find_subject(text.split(". "), "de", None, text)
    assert subject is not None and subject.name == "N26"
    # look-alike: a hyphenated name whose last part is no descriptor keeps it
    text = "Rhein-Neckar Robotics baut Roboter für Lager. Die Firma wächst."
    subject = find_subject(text.split(". "), "de", None, text)
    assert subject is not None and subject.name == "Rhein-Neckar Robotics"


def test_subject_from_headline_colon_and_repetition() -> None:
    sentences = ["Das Start-up bekommt 5 Millionen Euro von bisherigen Investoren.",
                 "Zorvanta will damit wachsen.", "Zorvanta beschäftigt 40 Menschen."]
    subject = find_subject(sentences, "de", "Zorvanta: Investoren pumpen 5 Millionen Euro in den Umzugsdienst",
                           " ".join(sentences))
    assert subject is not None and subject.name == "Zorvanta"


def test_no_subject_from_everyday_words() -> None:
    sentences = ["Investoren pumpen Geld in Start-ups.", "Die Zahl der Runden steigt."]
    assert find_subject(sentences, "de", "Investoren pumpen Milliarden", " ".join(sentences)) is None


@pytest.mark.parametrize("text,title,company", [
    # a money sentence with a descriptor for a subject belongs to the headline's company
    ("Im schwierigen Umfeld sammelte der Personalsoftware-Spezialist nun weitere 200 Millionen Dollar ein. "
     "Zorvanta will damit in den USA wachsen.", "Zorvanta sammelt 200 Millionen Dollar ein", "Zorvanta"),
    ("Nachdem der Markt einbrach, erhält das Startup 5 Millionen Euro. Quellbar baut Apps. "
     "Quellbar sitzt in Köln.", "Quellbar: Geld für den App-Bauer", "Quellbar"),
])
def test_nameless_rounds_go_to_the_subject(text: str, title: str, company: str) -> None:
    events = extract_events(text, title=title, lang="de")
    assert [e.company for e in events] == [company]


def test_nameless_round_without_a_subject_is_dropped() -> None:
    # the look-alike: no company is told anywhere, so no row for "Nachdem" or "Jahren"
    text = "Nachdem der Markt einbrach, erhält das Startup 5 Millionen Euro. Die Stimmung ist gut."
    assert extract_events(text, title=None, lang="de") == []


def test_round_up_names_stay_even_when_they_are_words() -> None:
    text = "Bandit, building a marketplace, raised $1 million. Bling, building a bank for parents, raised $3.8 million. " \
           "Viktor, building workflow software, raised $5.4 million."
    companies = {e.company for e in extract_events(text, title="This week in funding", lang="en")}
    assert {"Bandit", "Bling", "Viktor"} <= companies


def test_founding_example_phrasings_keep_lead_and_backers(shared_dir) -> None:
    """The founding article (dev line 1): SenseTime, USD 600M, Series C, lead Alibaba, with
    Suning.Com and Temasek, valued above USD 3B (4.5B by another source)."""
    import json

    first = (shared_dir / "corpus" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0]
    case = json.loads(first)
    events = extract_events(case["text"], title=case.get("title"), lang=case["lang"])
    main = next(e for e in events if e.main)
    assert (main.company, main.amount, main.currency, main.round) == ("SenseTime", 600_000_000, "USD", "series_c")
    assert main.lead_investors == ["Alibaba"]
    assert {"Suning.Com", "Temasek"} <= set(main.investors)
    assert main.valuation and main.valuation["amount"] in (3_000_000_000, 4_500_000_000)


def test_kana_and_hangul_names_keep_their_letters() -> None:
    from extraction.names import norm_key, same_company

    assert norm_key("서지넥스") == "서지넥스" and norm_key("スマートドライブ株式会社") != ""
    assert same_company("서지넥스", "서지넥스 주식회사")
    assert not same_company("서지넥스", "바이오넥스")


def test_lower_words_found_where_written_are_the_article_s_lower_words():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from extraction.plausibility import _LOWER_WORD, _Article

    pieces = ["über", "Über", "ebay", "eBay", "-", "_", " ", ".", "x", "founded", "Founded", "a1", "é", "ø", "\n"]

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=10).map("".join), st.sampled_from(pieces[:10]))
    def check(text, word):
        doc = _Article(text, "en")
        words = frozenset(_LOWER_WORD.findall(doc.text))
        for w in {word, *re.findall(r"[\w-]+", text)}:
            assert doc.has_lower_word(w) == (w in words)

    check()
