"""A total and its parts: the parts are the rounds, the total they add up to is none.

- In one sentence: "$50M, including a $30M Series B and a $20M credit facility" (`split_totals`).
- One sentence each, right after the total (`part_owner`; the total is dropped by
  `drafts.drop_totals_of_parts`):

      Mkopo Capital has raised $18 million in a mix of equity and debt.
      The equity portion, a $6 million Series A, was led by 4DX Ventures.
      The remaining $12 million is a debt facility from Lendable.

  The part sentences name no company: their subject is the part itself ("The equity portion",
  "The remaining $12 million"), so it is the company of the total told just before.
- A sentence that opens as a breakdown ("Davon sind 10 Mio. Euro Eigenkapital, die restlichen
  15 Mio. Euro Fremdkapital") splits the round told just before (`whole_of_parts`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # drafts.py reads PART_OPENING from here
    from extraction.drafts import Draft
    from extraction.money import Money

_PARTS_CUE = re.compile(r"(?i),?\s(?:including|comprising|consisting of|made up of|split (?:between|into)|"
                        r"of which|in the form of|"
                        # "cierra 8,5 millones entre capital (6 M€) y deuda", "R$ 35 milhões, sendo R$ 20 milhões
                        # em equity", "€6 miljoen, waarvan €2 miljoen", "5,5 milioni tra equity (4 milioni)"
                        r"entre|tra|fra|sendo|dos quais|das quais|de los cuales|de las cuales|di cui|dont|waarvan)\s")


def split_totals(sentence: str, money: list[Money]) -> dict[int, tuple[int, Money]]:
    """Amounts that the same sentence breaks into parts ("$50M, including a $30M Series B and a
    $20M credit facility"): id -> (position of the parts, the amount). Only the parts are rounds."""
    out: dict[int, tuple[int, Money]] = {}
    for k, m in enumerate(money[:-2]):
        cue = _PARTS_CUE.search(sentence, m.span[1], money[k + 1].span[0])
        if not cue:
            continue
        # "cierra 8,5 millones entre capital (6 M€) y deuda (2,5 M€)": a sum without its currency
        # takes its parts'
        parts = [x for x in money[k + 1:] if x.currency == (m.currency or money[k + 1].currency)]
        total = 0
        for n, x in enumerate(parts):
            total += x.amount
            if n and abs(total - m.amount) <= 0.03 * m.amount:
                out[id(m)] = (cue.start(), m)
                break
            if total > m.amount * 1.03:
                break
    return out


# "The equity portion, a $6 million Series A", "The debt tranche of $12 million", "The remaining $12 million"
_PART_SUBJECT = re.compile(
    r"(?i)^\s*(?:the|its) (?:(?:equity|debt|credit|loan|venture|grant) (?:portion|part|component|tranche|piece|side)"
    r"(?:,\s*(?:a|an)| of| was| is| comprises?| consists? of)?|(?:remaining|rest of the|balance of the|other))\s*"
    r"(?:(?:about|around|roughly|some)\s+)?$")
PART_OPENING = re.compile(
    r"(?i)^\s*(?:the|its) (?:(?:equity|debt|credit|loan|venture|grant) (?:portion|part|component|tranche|piece|side)"
    r"|(?:remaining|rest of the|balance of the|other)\s+[$€£\d])")


def part_owner(sentence: str, start: int, recent: list[tuple[int, str]], idx: int) -> str | None:
    """The company of the total a part sentence splits: the latest sized round told in the two
    sentences before (`recent`: (sentence index, company) of sized rounds), or None."""
    if not _PART_SUBJECT.match(sentence[:start]):
        return None
    near = [company for i, company in recent if 0 < idx - i <= 2]
    return near[-1] if near else None


# "Davon sind 10 Mio. Euro Eigenkapital ..., die restlichen 15 Mio. Euro ... Fremdkapital": the sentence
# breaks the amount told just before into parts
_BREAKDOWN_OPENING = re.compile(
    r"(?i)^\W*(?:davon|hiervon|dabei|of this|of which)\b|"
    # a lead-in that says the sum splits, then the parts after its colon: "Die Summe setzt sich aus
    # zwei Teilen zusammen: 12 Mio. Euro ..., weitere 8 Mio. Euro ...", "The funding is split into two parts:"
    r"^\W*(?:die|der|das|the)\s+(?:[\w-]+\s+)?(?:summe|betrag|finanzierung|runde|geld|kapital|investment|"
    r"sum|amount|funding|round|financing|money|capital)\s+(?:setzt sich|besteht|teilt sich|verteilt sich|gliedert sich|"
    r"consists|comprises|is split|is made up|breaks down|splits)\b[^.:;]{0,60}:")


_PARTS_REACH = 6  # sentences from a headline's sum to its breakdown (a byline and a photo credit stand between)


def whole_of_parts(sentence: str, money: list[Money], drafts: list[Draft], idx: int) -> Draft | None:
    """The draft of the sentence before whose amount this sentence's amounts add up to, when the
    sentence opens as a breakdown ("Davon ..."); None otherwise."""
    if len(money) < 2 or not drafts or not _BREAKDOWN_OPENING.match(sentence):
        return None
    # the latest sized round, told just before or (when the sentence before gave the sum as a total
    # the money reader skips: "hat sich insgesamt 20 Mio. Euro gesichert") in the headline or lead
    sized = [d for d in drafts if d.money is not None]
    prev = sized[-1] if sized else None
    if prev is None or not 0 < idx - prev.sentence <= _PARTS_REACH or any(m.currency != prev.money.currency for m in money):
        return None
    total = sum(m.amount for m in money)
    return prev if abs(total - prev.money.amount) <= 0.03 * prev.money.amount else None
