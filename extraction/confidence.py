"""How sure is a funding event? A probability, calibrated on labelled news.

The grammar gives each event signals that carry from one article to the next: how its company
was found (the subject of a funding verb, a pronoun, the article's subject standing in for a
descriptor), whether the name is a rare word or an everyday one, whether the headline tells it,
how often the article repeats the company, whether a round label, a currency, investors
come with it, and whether the article is a round-up. A logistic model weighs them; its weights
live in `data/confidence.json`, which `python -m extraction.calibrate CASES.jsonl` rebuilds
from a labelled corpus (the shared dev set) and the frozen events of news the rules were not
written on (`data/unseen_events.jsonl`), together with the alert threshold it implies.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

# an article about takeovers, listings or a VC firm's own fund tells money that is no round
OTHER_MONEY = re.compile(
    r"(?i)\b(?:acqui(?:re[sd]?|sition)|takeover|übernahme|übernimmt|übernommen|rachat|rachète|adquisición|"
    r"aquisição|acquisizione|overname|ipo|börsengang|listing|introduction en bourse|salida a bolsa|"
    r"fund (?:i{1,3}|iv|v)\b|new fund|(?:first|second|third|final) close|fondsvolumen|neuen fonds|"
    r"nouveau fonds|nuevo fondo|revenue|umsatz|chiffre d'affaires|ingresos|faturamento)\b")
HOWS = ("subject", "object", "anaphora", "fronted", "possessive", "listed", "genitive", "gapping")


def signals(*, rule_confidence: float, has_amount: bool, has_currency: bool, has_round: bool,
            how: str, substituted: bool, weak_name: bool, reports: int, in_headline: bool,
            sentence: int, mentions: int, has_leads: bool, has_investors: bool, main: bool,
            status: str, events_in_article: int, is_subject: bool, name_commonness: float = 0.0,
            backer_elsewhere: bool = False, other_money_context: bool = False,
            company: str) -> dict[str, float]:
    """The model's inputs for one event, each a number in [0, 1]."""
    out = {
        # the name's shape: on news the rules never saw, a company name in lower case was mostly
        # a descriptor's adjective ("la agtech murciana") and one of three words or more a
        # phrase taken whole; styled brands and long legal names are real, so these weigh, not veto
        "name_lowercase": float(company[:1].islower()),
        "name_long": float(len(company.split()) >= 3),
        "name_commonness": min(name_commonness, 7.0) / 7,
        "backer_elsewhere": float(backer_elsewhere),
        "other_money_context": float(other_money_context),
        "rule_confidence": rule_confidence,
        "has_amount": float(has_amount),
        "has_currency": float(has_currency),
        "has_round": float(has_round),
        "substituted": float(substituted),
        "weak_name": float(weak_name),
        "reports": min(reports, 3) / 3,
        "in_headline": float(in_headline),
        "early": float(sentence <= 2),
        "mentions": min(mentions, 5) / 5,
        "has_leads": float(has_leads),
        "has_investors": float(has_investors),
        "main": float(main),
        "reported": float(status == "reported"),
        "in_talks": float(status == "in_talks"),
        "roundup": float(events_in_article >= 3),
        "is_subject": float(is_subject),
    }
    for h in HOWS:
        out[f"how_{h}"] = float(how == h)
    return out


@lru_cache(maxsize=1)
def model() -> dict:
    text = resources.files("extraction").joinpath("data/confidence.json").read_text("utf-8")
    return json.loads(text)


def calibrated(features: dict[str, float]) -> float:
    """P(the event is a real round of that company), from the shipped model."""
    m = model()
    z = m["bias"] + sum(w * features.get(name, 0.0) for name, w in m["weights"].items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def alert_threshold() -> float:
    """The lowest confidence at which main events were real rounds at the model's target share
    (`target_precision`, 93 % by default) of the time, out of fold, on the events the model was
    fitted to; the default of `[alerts] min_confidence`."""
    return float(model()["alert_threshold"])
