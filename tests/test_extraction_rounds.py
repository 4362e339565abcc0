"""Round names and investor lists."""

from __future__ import annotations

import pytest

from extraction.grammar import get_grammar
from extraction.investors import find_investors
from extraction.names import name_from_phrase, split_names
from extraction.rounds import detect_round

ROUNDS = [
    ("raised $5M in a Series A round", "series_a", False),
    ("eine Finanzierungsrunde der Serie C", "series_c", False),
    ("in einer Series-C-Runde", "series_c", False),
    ("in einer Serie-C-Finanzierungsrunde", "series_c", False),
    ("Series D-Finanzierungsrunde", "series_d", False),
    ("a $40 million Series B+ round", "series_b", True),
    ("a Series K round", "series_k", False),
    ("seed funding", "seed", False),
    ("eine Seed-Runde", "seed", False),
    ("a pre-seed round", "pre_seed", False),
    ("an angel round", "angel", False),
    ("a bridge round", "bridge", False),
    ("eine Brückenfinanzierung", "bridge", False),
    ("in einer Zwischenfinanzierung", "bridge", False),
    ("$10 million in venture debt", "debt", False),
    ("growth funding", "growth", False),
    ("eine Wachstumsfinanzierung", "growth", False),
    ("a government grant", "grant", False),
    ("ein Zuschuss", "grant", False),
    ("an equity crowdfunding campaign", "crowdfunding", False),
    ("a strategic investment from the bank", "strategic", False),
    ("convertible notes", "convertible", False),
    ("the third-round financing", "series_c", False),
    ("stockt seine Series C im zweiten Closing um weitere 36 Millionen Euro auf", "series_c", True),
    ("a Series A extension", "series_a", True),
    ("in einer Pre-Series-A-Runde", "unknown", False),
    ("raised $5 million", "unknown", False),
    ("Business-Angel Michael Brehm", "unknown", False),
]


@pytest.mark.parametrize("text,round_,ext", ROUNDS, ids=[r[0] for r in ROUNDS])
def test_rounds(text: str, round_: str, ext: bool) -> None:
    assert detect_round(text) == (round_, ext)


@pytest.mark.parametrize("phrase,name", [
    ("das Berliner Startup Medwing", "Medwing"),
    ("der japanische Tech-Konzern Softbank mit seinem Vision Fund 2", "Softbank"),
    ("Smartphone maker Xiaomi Inc", "Xiaomi Inc"),
    ("China’s Baidu", "Baidu"),
    ("New York-based healthcare investment firm OrbiMed", "OrbiMed"),
    ("Der Flugtaxi-Entwickler Volocopter", "Volocopter"),
    ("Matrix Partners India", "Matrix Partners India"),
    ("Das Unternehmen", None),
    ("in Japan", None),
])
def test_name_from_phrase(phrase: str, name: str | None) -> None:
    assert name_from_phrase(phrase) == name


def test_split_names_long_list() -> None:
    names = split_names("The Deepak Group, Impact India Investment Partners, Beyond Capital Fund, "
                        "Shalini Chhabra, and 3i Partners")
    assert names == ["Deepak Group", "Impact India Investment Partners", "Beyond Capital Fund",
                     "Shalini Chhabra", "3i Partners"]


def _mentions(sentence: str, lang: str) -> tuple[list[str], list[str]]:
    leads: list[str] = []
    others: list[str] = []
    for m in find_investors(sentence, get_grammar(lang)):
        bucket = leads if m.lead else others
        bucket.extend(n for n in m.names if n not in bucket)
    return leads, others


@pytest.mark.parametrize("sentence,lang,leads,others", [
    ("The round was led by Sequoia Capital with participation from Accel and Index Ventures.", "en",
     ["Sequoia Capital"], ["Accel", "Index Ventures"]),
    ("True Ventures led the round, which includes previous investors Polaris Ventures and Radar Ventures.", "en",
     ["True Ventures"], ["Polaris Ventures", "Radar Ventures"]),
    ("Hillhouse Capital, Coatue Management, and GGV Capital also participated in this round.", "en",
     [], ["Hillhouse Capital", "Coatue Management", "GGV Capital"]),
    ("Angeführt wurde die Runde von den VCs Creandum und Highlands Europe.", "de",
     ["Creandum", "Highlands Europe"], []),
    ("Die Runde wurde vom Silicon-Valley-Investor G2VP angeführt, daneben investierten unter anderem "
     "Atomico, Salesforce und Swisscom Ventures.", "de", ["G2VP"], ["Atomico", "Salesforce", "Swisscom Ventures"]),
    ("Lead-Investor ist Cherry Ventures, außerdem beteiligten sich Bestandsinvestoren wie Point Nine und "
     "Visionaries Club.", "de", ["Cherry Ventures"], ["Point Nine", "Visionaries Club"]),
    ("Unter Führung von Earlybird beteiligten sich auch HV Capital und Picus Capital an der Runde.", "de",
     ["Earlybird"], ["HV Capital", "Picus Capital"]),
    ("Der Investor, der sich im Frühjahr noch als Lead-Investor beteiligte, ist nicht mehr dabei.", "de", [], []),
])
def test_investor_phrasings(sentence: str, lang: str, leads: list[str], others: list[str]) -> None:
    got_leads, got_others = _mentions(sentence, lang)
    assert got_leads == leads
    assert [n for n in got_others if n not in got_leads] == others
