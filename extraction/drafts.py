"""A round as the sentence reader drafts it, before the document decides its company, and the
merging of drafts that report the same round (a headline and its body, two currencies)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extraction.money import Money
from extraction.names import is_descriptor, same_company
from extraction.parts import PART_OPENING


@dataclass
class Draft:
    company: str
    money: Money | None
    alt: list[Money]
    sentence: int
    pos: int
    round: str = "unknown"
    extension: bool = False
    status: str = "announced"
    leads: list[str] = field(default_factory=list)
    investors: list[str] = field(default_factory=list)
    valuation: Money | None = None
    main: bool = True
    confidence: float = 0.5
    evidence: str = ""
    how: str = "subject"  # how the company was found (extraction.companies.Found.how)
    reports: int = 1  # sentences of the article that tell this round
    substituted: bool = False  # the slot held no name; the article's subject stands in
    weak_name: bool = False
    deal_line: bool = False  # read from a line of a deal list, whose first free field is a name
    heading: bool = False  # named by a round-up item's heading ("🟢 Aula Solar — R$ 3,5 milhões")


def unsized(company: str, idx: int, rnd: str, how: str, pos: int = 0, confidence: float = 0.4) -> Draft:
    """A round the text tells without its size (an investor's move, a list of funded companies)."""
    draft = Draft(company, None, [], idx, pos, rnd, how=how)
    draft.confidence = confidence
    return draft


def merge(drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for d in drafts:
        twin = None
        for o in out:
            if not same_company(o.company, d.company):
                continue
            if (o.money is None or d.money is None) and o.main != d.main and not _talks_before(o, d):
                continue  # an unsized current round is not last year's round
            if o.money is None or d.money is None or _close(o, d):
                twin = o
                break
        if twin is None:
            out.append(d)
            continue
        if twin.money is None and d.money is not None:
            # the report that gives the size tells the round; its status goes with it
            twin.money, twin.alt, twin.status = d.money, d.alt, d.status
        elif twin.money is not None and twin.money.currency is None and d.money is not None \
                and d.money.currency:
            twin.money, twin.alt = d.money, d.alt
        if twin.round == "unknown":
            twin.round = d.round
        twin.extension = twin.extension or d.extension
        twin.main = twin.main or d.main
        for name in d.leads:
            _add_name(twin.leads, name)
        for name in d.investors:
            _add_name(twin.investors, name)
        twin.valuation = twin.valuation or d.valuation
        twin.confidence = min(0.95, max(twin.confidence, d.confidence) + 0.05)
        twin.reports += 1
        twin.substituted = twin.substituted and d.substituted
        twin.weak_name = twin.weak_name and d.weak_name
        if twin.how == "anaphora" and d.how != "anaphora":
            twin.how = d.how
        if len(d.company) > len(twin.company) and d.company.lower().startswith(twin.company.lower()):
            twin.company = d.company
        elif _kind_before(twin.company, d.company):
            twin.company = d.company  # the headline's title case "Lending Tech Startup Kosh.ai" is the body's "Kosh.ai"
    names = {d.company for d in out}
    for d in out:  # and so is the company of its other rounds ("the startup raised INR 32 Cr in 2022")
        d.company = next((n for n in names if _kind_before(d.company, n)), d.company)
    return out


def _kind_before(longer: str, name: str) -> bool:
    """`longer` is `name` after words that end in a kind of company ("Lending Tech Startup")."""
    if not longer.endswith(" " + name):
        return False
    kind = longer[:-len(name)].split()
    return bool(kind) and is_descriptor(kind[-1])


def _add_name(bucket: list[str], name: str) -> None:
    """Add a backer once; the headline's short "Lightspeed" gives way to the body's full
    "Lightspeed India Partners"."""
    for i, n in enumerate(bucket):
        if same_company(name, n):
            if len(name) > len(n) and name.lower().startswith(n.lower() + " "):
                bucket[i] = name
            return
    bucket.append(name)


def _talks_before(a: Draft, b: Draft) -> bool:
    """"X raised $30M ... DealStreetAsia had reported that the company was in talks": unsized
    talks beside the company's sized current round are the talks that led to it."""
    unsized, sized = (a, b) if a.money is None else (b, a)
    return unsized.money is None and unsized.status == "in_talks" and sized.money is not None and sized.main


def _close(a: Draft, b: Draft) -> bool:
    def figures(d: Draft) -> list[Money]:
        return [d.money, *d.alt] if d.money else []
    for x in figures(a):
        for y in figures(b):
            if (x.currency == y.currency or x.currency is None or y.currency is None) and \
                    abs(x.amount - y.amount) <= 0.03 * max(x.amount, y.amount):
                return True
            # "Qonto raised $552M" and "... EUR 486 million" in one article: one current round told in
            # two currencies (no exchange rates here: major currencies sit within this band of each other)
            if a.main and b.main and x.currency and y.currency and x.currency != y.currency and \
                    x.currency in _MAJOR and y.currency in _MAJOR and 0.6 <= x.amount / max(y.amount, 1) <= 1.7:
                return True
    return False


_MAJOR = {"USD", "EUR", "GBP", "CHF", "CAD", "AUD", "SGD"}


def drop_totals_of_parts(drafts: list[Draft]) -> list[Draft]:
    """A round-up heading's "Grúa.io – 8,5 M€" over a body that splits the sum ("6 M€ de capital y
    2,5 M€ de deuda"): the parts, told together in one sentence, are the rounds, the sum is none.
    A draft goes when two or more drafts of its company from one other sentence add up to it."""
    def parts_sum(d: Draft, idx: int) -> float:
        return sum(o.money.amount for o in drafts if o is not d and o.sentence == idx and o.money
                   and same_company(o.company, d.company))

    out = []
    for d in drafts:
        sized = d.money is not None and d.money.amount
        sentences = {o.sentence for o in drafts if o is not d and o.money and o.sentence != d.sentence
                     and same_company(o.company, d.company)}
        if sized and any(sum(1 for o in drafts if o is not d and o.sentence == i and o.money and same_company(
                o.company, d.company)) >= 2 and abs(parts_sum(d, i) - d.money.amount) <= 0.03 * d.money.amount
                for i in sentences):
            continue
        # "... $18 million in a mix of equity and debt. The equity portion, a $6 million Series A, ...
        # The remaining $12 million is a debt facility": parts told one sentence each right after it
        told = [o for o in drafts if o.money and 0 < o.sentence - d.sentence <= 12 and same_company(o.company, d.company)
                and PART_OPENING.match(o.evidence)]
        if sized and len(told) >= 2 and abs(sum(o.money.amount for o in told) - d.money.amount) <= 0.03 * d.money.amount:
            continue
        out.append(d)
    return out
