"""Which round the backers a sentence names go to: its own round, else the latest round it can be
about; a backer that led another round ("X, which led the company's seed round, also
participated") takes part without leading, and the company's earlier backers ("Previous
investors include ...") are none of this round's."""

from __future__ import annotations

import re

from extraction.companies import ANAPHORA, clause_bounds
from extraction.drafts import Draft
from extraction.grammar import Grammar
from extraction.investors import RELATIVE_PRONOUNS, find_investors
from extraction.money import Money
from extraction.names import same_company
from extraction.rounds import find_rounds


def attach_investors(idx: int, sentence: str, g: Grammar, recent: list[Draft], rounds: list,
                     unused: list[Money], blocked: bool) -> None:
    """Leads and participants go to the round of the same sentence, else to the latest round
    the sentence can be about (same round type; the current round before older ones)."""
    if not recent:
        return
    for mention in find_investors(sentence, g):
        same = [d for d in recent if d.sentence == idx]
        if not same and (blocked or any(m.span[0] <= mention.pos <= m.span[1] + 3 for m in unused)):
            continue  # these investors back an amount we did not read as this article's round
        if not same and _HAD_RAISED_FROM.search(sentence, 0, mention.pos):
            continue  # "It had previously raised €14 million from Dutch investors including X": its backers so far
        if same:
            c0, c1 = clause_bounds(sentence, mention.pos, g)
            inside = [d for d in same if c0 <= d.pos < c1] or same
            target = min(inside, key=lambda d: (d.pos > mention.pos, abs(d.pos - mention.pos)))
        else:
            pool = recent
            # a round label before the names says which round they back; one after them may be
            # part of a name ("led by Cadence Growth Capital")
            asides = [m.span() for m in RELATIVE_ASIDE.finditer(sentence)]
            before = [c for c in rounds if c.round != "unknown" and c.start < mention.pos
                      and not any(a <= c.start < b for a, b in asides)]
            if before:
                cue = before[-1]
                pool = [d for d in recent if d.round == cue.round]
                if not pool:
                    continue
            pool = _by_part(sentence, pool)
            mains = [d for d in pool if d.main]
            target = (mains or pool)[-1]
            if not mention.lead and idx - target.sentence > 6:
                continue
        if not mention.lead and _PAST_BACKERS.search(sentence) and not _PARTICIPATED.search(sentence):
            continue  # "Previous investors include X and Y": the company's backers, not this round's
        lead = mention.lead and not _led_another_round(sentence, mention.pos, target.round)
        if mention.lead and not lead and not _PARTICIPATED.search(sentence):
            continue  # "Sequoia, which led the company's seed round, ..." says nothing of this round
        for name in mention.names:
            if same_company(name, target.company) and target.company != ANAPHORA:
                continue
            bucket = target.leads if lead else target.investors
            if not any(same_company(n, name) for n in bucket):
                bucket.append(name)


# "Sequoia, which led the company's seed round, also participated": the relative clause recalls
# another round; the backer takes part in this one without leading it
_WHICH_LED = re.compile(r"(?i)\W*(?:which|who) (?:had |has |also |recently |previously )*(?:co-)?led (?P<obj>[^,.;]{0,80})")
_EARLIER = re.compile(r"(?i)\b(?:previous|prior|earlier|last|first|initial|past|former)\b")
_PARTICIPATED = re.compile(r"(?i)\b(?:also (?:participated|invested|joined|took part|backed)|participated|returned|"
                           r"returning|re-?upped|followed on)\b")


_HAD_RAISED_FROM = re.compile(r"(?i)\bhad (?:previously |already |so far )?raised\b[^.;]{0,60}\bfrom\b")
RELATIVE_ASIDE = re.compile(rf"(?i),\s*{RELATIVE_PRONOUNS}\s[^,;.]{{0,100}}")
_PAST_BACKERS = re.compile(r"(?i)\b(?:previous|prior|earlier|past|former)\s+(?:investors|backers)\s+(?:include|included|including|are|were)\b|"
                           r"\b(?:has|have|had) (?:previously |also |already )?(?:been )?backed by\b")


def _led_another_round(sentence: str, pos: int, current: str) -> bool:
    which = _WHICH_LED.match(sentence, pos)
    if which is None:
        return False
    obj = which.group("obj")
    labels = [c.round for c in find_rounds(obj) if c.round != "unknown"]
    return bool(_EARLIER.search(obj)) or bool(labels and current != "unknown" and current not in labels) or (
        bool(labels) and current == "unknown" and bool(re.search(r"(?i)(?:['’]s|\bits|\btheir)\s", obj)))


# "$35M Series B equity round and a $25M debt facility. The equity round was led by X": the part the
# sentence names picks the round among several told together
_EQUITY_PART = re.compile(r"(?i)\s*the (?:equity|venture) (?:round|portion|part|component|tranche|raise)\b")
_DEBT_PART = re.compile(r"(?i)\s*the (?:debt|credit|loan) (?:portion|part|component|tranche|facility|line)\b")


def _by_part(sentence: str, pool: list[Draft]) -> list[Draft]:
    if _EQUITY_PART.match(sentence):
        return [d for d in pool if d.round not in ("debt", "grant")] or pool
    if _DEBT_PART.match(sentence):
        return [d for d in pool if d.round == "debt"] or pool
    return pool
