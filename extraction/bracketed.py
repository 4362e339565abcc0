"""Round-up lists that give each company its amount in brackets:

    It was followed by Tazza Meals ($40 Mn), SolarKraft ($32 Mn) and Healthify Labs ($20 Mn).
    The list includes Khata Books (Rs 42 crore), Anvay AI ($6 Mn) and 11 others.

Weekly funding reports write their runners-up this way. The sentence has no funding verb of its
own (the verb stood in the sentence before: "16 early-stage startups raised $55 million"), so the
sentence grammar finds no company for the amounts. Read here as a list instead: at least two
"Name (amount)" items in a row, joined only by commas or "and", each bracket holding nothing
but the amount, in a funding context and not about other money (revenue, valuations, countries'
or sectors' totals).
"""

from __future__ import annotations

import re

from extraction import sieve
from extraction.grammar import Grammar
from extraction.money import Money
from extraction.names import is_descriptor, places
from extraction.rounds import find_rounds

# a name of one to four capitalised words (a "&" may join them) right before its bracket
_ITEM = re.compile(r"(?<![\w&.'’-])(?P<name>[A-Z][\w.&'’+-]*(?:\s(?:&\s)?[A-Z0-9][\w.&'’+-]*){0,3})\s\((?P<inner>[^()]{2,30})\)")
_JOIN = re.compile(r"^(?:,\s+(?:and\s+)?|\s+and\s+)$")
# the bracket may open with an approximator: "(about $6 Mn)"
_INNER_LEAD = re.compile(r"(?i)^\s*(?:about|around|approx\.?|~|over|nearly)?\s*$")
# money of another kind, or backers' tickets: "revenue leaders were X ($40M), Y ($32M)",
# "investors Sequoia ($20M) and Accel ($10M)"
_OTHER_MONEY = re.compile(
    r"(?i)\b(?:revenue|revenues|sales|turnover|arr|gmv|valuations?|valued|market cap\w*|acqui\w+|bought|"
    r"exits?|ipos?|listings?|profits?|loss(?:es)?|salar\w+|fines?|investors?|backers?|lenders?|led by|backed by|"
    r"countries|cities|states|regions|sectors?|verticals?|quarters?)\b")
# a period or a round label in a name slot: "Q1 ($300M)", "January ($1.2B)", "Series A ($900M)"
_NOT_A_NAME = re.compile(
    r"(?i)^(?:q[1-4]|h[12]|fy\d*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|total|others?|"
    r"the|this|last|it|they|india|us|uk|eu)\b")


def bracketed_names(sentence: str, money: list[Money], g: Grammar, before: list[str]) -> dict[int, str]:
    """id(amount) -> company for each item of a bracketed list of rounds; empty unless the sentence
    (or the one before it) speaks of funding and at least two items stand in a row."""
    if len(money) < 2 or "(" not in sentence:
        return {}
    context = " ".join([*before[-1:], sentence])
    if not sieve.search(g.funding_cue, context) or _OTHER_MONEY.search(sentence):
        return {}
    if g.skip_clause is not None and sieve.search(g.skip_clause, sentence):
        return {}
    items: list[tuple[re.Match[str], Money]] = []
    for m in _ITEM.finditer(sentence):
        inner = [a for a in money if m.start("inner") <= a.span[0] and a.span[1] <= m.end("inner")]
        if len(inner) != 1 or sentence[inner[0].span[1]:m.end("inner")].strip() or \
                not _INNER_LEAD.match(sentence[m.start("inner"):inner[0].span[0]]):
            continue
        items.append((m, inner[0]))
    runs: list[list[tuple[re.Match[str], Money]]] = []
    for item in items:
        if runs and _JOIN.match(sentence[runs[-1][-1][0].end():item[0].start()]):
            runs[-1].append(item)
        else:
            runs.append([item])
    out: dict[int, str] = {}
    for run in runs:
        if len(run) < 2:
            continue
        names = [_name(m.group("name")) for m, _ in run]
        if not all(names) or len({n.lower() for n in names}) != len(names):
            continue  # one bad item means the list is of something else
        out.update({id(a): n for (_, a), n in zip(run, names)})
    return out


def _name(phrase: str) -> str | None:
    """The company name of an item: leading descriptors dropped ("lending platform" is lowercase and
    never matched; "Fintech Orbix" is), None for a place, a period or a round label."""
    tokens = phrase.split()
    while len(tokens) > 1 and is_descriptor(tokens[0]):
        tokens = tokens[1:]
    name = " ".join(tokens)
    if is_descriptor(name) or name.lower() in places() or _NOT_A_NAME.match(name) or find_rounds(name):
        return None
    return name
