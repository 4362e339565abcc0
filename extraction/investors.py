"""Lead and other investors named around a round: "led by X", "X leitete die Finanzierung",
"with participation from Y and Z", "beteiligten sich Y und Z"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extraction import sieve
from extraction.grammar import Grammar, Pattern
from extraction.names import name_from_phrase, split_names
from extraction.names import _SPLIT_LIST as SPLIT_LIST


def names_before(text: str, splitter: re.Pattern[str] | None = None, past: re.Pattern[str] | None = None) -> list[str]:
    """The list that ends right before an anchor ("X, Y and Z also participated"), walking
    back item by item and stopping at the first item that does not end with a name."""
    items = [i for i in (splitter or SPLIT_LIST).split(text) if i and i.strip()]
    closed = text.rstrip().endswith(",")
    out: list[str] = []
    for k, item in enumerate(reversed(items)):
        if out == [] and k == 0 and len(items) > 1 and (re.match(r"\s*(?:which|who|whose)\s", item) or (
                closed and re.match(r"\s*(?:der|die|das|dessen|deren|welche[rs]?)\s", item))):
            # "Apex, which also backed Kiva, led the round", "X, der die Seed-Runde angeführt hatte, beteiligt
            # sich erneut": an aside closed before the cue is no name (a cue inside it is the aside's own)
            continue
        if out == [] and k == 0 and not closed and past is not None and _RELATIVE_START.match(item) and (
                past.search(item) or _EARLIER_TIME.search(item)):
            break  # "X, der sich bei der Runde im vorigen Jahr als Lead-Investor beteiligte": another round's lead
        name = name_from_phrase(item, tail=True)
        if not name:
            break
        out.insert(0, name)
        if len(out) >= 12:
            break
    return out


# relative pronouns that open an aside about a backer ("X, which ...", "X, der ...")
RELATIVE_PRONOUNS = r"(?:which|who|whose|der|die|das|dessen|deren|welche[rs]?)"
_RELATIVE_START = re.compile(rf"(?i)\s*{RELATIVE_PRONOUNS}\s")
_EARLIER_TIME = re.compile(r"(?i)\b(?:vorigen|letzten|vergangenen|früheren|damaligen|ersten|previous|prior|earlier|last|"
                           r"first)\b|\b(?:19|20)\d\d\b")


@dataclass
class Mention:
    pos: int
    lead: bool
    names: list[str] = field(default_factory=list)


def _before_text(sentence: str, end: int, g: Grammar) -> str:
    text = sentence[:end]
    cut = 0
    for m in g.clause_break.finditer(text):
        cut = m.end()
    return text[cut:]


def _apply(sentence: str, g: Grammar, after: list[Pattern], before: list[Pattern],
           between: list[Pattern], lead: bool) -> list[Mention]:
    out: list[Mention] = []
    # most sentences hold none of a list's cues: one sieve for the whole list, then one per pattern
    for regex in sieve.candidates(after, sentence):
        for m in sieve.finditer(regex, sentence):
            names = split_names(sentence[m.end():m.end() + 300], g.list_stop, g.list_split)
            if names:  # placed at its last word: "round ... from X" may start at an earlier round
                out.append(Mention(m.start() + len(m.group(0).rstrip().rsplit(" ", 1)[0]), lead, names))
    for regex in sieve.candidates(before, sentence):
        for m in sieve.finditer(regex, sentence):
            names = names_before(_before_text(sentence, m.start(), g)[-250:], g.list_split, g.past)
            if names:
                out.append(Mention(m.start(), lead, names))
    for regex in sieve.candidates(between, sentence):
        for m in sieve.finditer(regex, sentence):
            names = split_names(m.group("names"), splitter=g.list_split)
            if names:
                out.append(Mention(m.start(), lead, names))
    return out


def find_investors(sentence: str, g: Grammar) -> list[Mention]:
    """Every lead / participant list in a sentence, with its position."""
    if len(sentence) > 1500:
        sentence = sentence[:1500]
    leads = _apply(sentence, g, g.lead_after, g.lead_before, g.lead_between, True)
    others = _apply(sentence, g, g.investors_after, g.investors_before, g.investors_between, False)
    return leads + others
