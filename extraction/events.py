"""Events: the rounds the reader kept, turned into `FundingEvent`s.

Reports of one round are merged and a total told beside its parts is dropped; an amount without a
currency takes the one the page gives it elsewhere, or the article's, or its language's; a bare "$"
is read as the outlet's home dollar. Each event then gets the signals the confidence model weighs
(how its company was found, whether it was substituted, how often the article names it, ...) and
its calibrated confidence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from extraction import sieve
from extraction.confidence import OTHER_MONEY, calibrated, signals
from extraction.dollars import local_dollar
from extraction.drafts import Draft, drop_totals_of_parts, merge
from extraction.grammar.lexicon import money_words
from extraction.model import FundingEvent
from extraction.money import Money, parse_money
from extraction.names import same_company
from extraction.plausibility import article_words, zipf
from extraction.subject import Subject


def _currency_told_elsewhere(money: Money, body: str, lang: str) -> Money:
    """A headline's "20 millones" takes the currency the page gives the same amount elsewhere
    ("20 millones de euros"), when no round the reader kept names one."""
    for m in parse_money(body[:5000], lang):
        if m.currency and m.amount == money.amount:
            return replace(money, currency=m.currency)
    return money


def with_confidence(events: list[FundingEvent], body: str) -> list[FundingEvent]:
    """Signals and calibrated confidence for events a language's own reader found (CJK)."""
    for e in events:
        e.signals = signals(
            rule_confidence=max(0.0, min(1.0, e.confidence)), has_amount=e.amount is not None,
            has_currency=bool(e.currency), has_round=e.round != "unknown", how="subject",
            substituted=False, weak_name=False, reports=1, in_headline=False, sentence=0,
            mentions=body.count(e.company), has_leads=bool(e.lead_investors),
            has_investors=bool(e.investors), main=e.main, status=e.status,
            events_in_article=len(events), is_subject=False, company=e.company)
        e.confidence = calibrated(e.signals)
    return events


def build_events(resolved: list[Draft], subject: Subject | None, head: str, body: str, lang: str) -> list[FundingEvent]:
    """The events of the rounds kept, with their currency settled, signals and calibrated confidence."""
    events = []
    seen = Counter(m.currency for d in resolved for m in ([d.money] if d.money else []) + d.alt if m.currency)
    merged = drop_totals_of_parts(merge(resolved))
    words = article_words(body, lang)
    # an article that names no currency at all: its language's, where it has one ("46 milioni": euros)
    own_currency = money_words(lang).get("default_currency")
    other_money = bool(merged) and bool(sieve.search(OTHER_MONEY, body[:5000]))  # one article, one answer
    page = f"{head}\n{body}"  # where a bare "$" is told apart (extraction.dollars)
    for d in merged:
        if d.money and d.money.currency is None and not seen:
            d.money = _currency_told_elsewhere(d.money, body, lang)
        if d.money and d.money.currency is None and (seen or own_currency):
            # "X lève 40,5 millions": the article's currency, as a reader would assume
            d.money = replace(d.money, currency=seen.most_common(1)[0][0] if seen else own_currency)
            d.confidence -= 0.1
        m = d.money = local_dollar(d.money, page, lang)  # "$" in a Canadian outlet: C$
        d.valuation = local_dollar(d.valuation, page, lang)  # and its valuation's "$" too
        events.append(FundingEvent(
            company=d.company,
            amount=m.amount if m else None,
            currency=m.currency if m else None,
            round=d.round,
            extension=d.extension,
            status=d.status,
            lead_investors=d.leads,
            investors=[*d.leads, *[n for n in d.investors if not any(same_company(n, lead) for lead in d.leads)]],
            # "une valorisation à 6 milliards" after a round in euros: the valuation is in the round's currency
            valuation={"amount": d.valuation.amount, "currency": d.valuation.currency or (m.currency if m else None)}
            if d.valuation and (d.valuation.currency or (m and m.currency)) else None,
            main=d.main,
            confidence=d.confidence,
            evidence=d.evidence,
            signals=signals(
                rule_confidence=max(0.0, min(1.0, d.confidence)), has_amount=m is not None,
                has_currency=bool(m and m.currency), has_round=d.round != "unknown", how=d.how,
                substituted=d.substituted, weak_name=d.weak_name, reports=d.reports,
                in_headline=bool(head) and d.sentence == 0, sentence=d.sentence,
                mentions=sum(1 for _ in words.occurrences(d.company)), has_leads=bool(d.leads),
                has_investors=bool(d.investors), main=d.main, status=d.status,
                events_in_article=len(merged),
                is_subject=bool(subject) and same_company(d.company, subject.name),
                name_commonness=max((zipf(t, lang) for t in d.company.split()), default=0.0),
                backer_elsewhere=any(same_company(d.company, n) for o in merged if o is not d
                                     for n in o.leads + o.investors),
                other_money_context=other_money, company=d.company),
        ))
    for e in events:
        e.confidence = calibrated(e.signals)
    return events
