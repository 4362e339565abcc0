"""Headlines: short lines without a closing stop ("6 Millionen Euro für Voltaro", "Today in
startups: Glint raises $60M, Ovenbird in talks").

A headline tells its news in fewer words than a sentence: an amount followed by the name it goes
to, or several items side by side, separated by commas. The reader of sentences asks here whether
a line is one, which name a headline's amount is for, and where one item of a digest's headline
ends, so that the round label or the status of one item is not given to another.
"""

from __future__ import annotations

import re

from extraction.money import Money
from extraction.names import name_from_phrase
from extraction.plausibility import UNCOMMON, plausible_name, zipf


# "6 Millionen Euro für Voltaro", "5 Mio. für Kivano: Das Startup ...": a headline made of an
# amount and the name it goes to; "50 Millionen Euro für Klimaschutz" names a theme, an everyday word
# (Portuguese puts the article before a company's name: "R$ 8 milhões para a Tandem", "para o Kivo")
_AMOUNT_FOR_NAME = re.compile(r"\s*(?:für|for|pour|para|per|voor)\s+(?:(?<=para\s)(?-i:a|o)\s+)?(?P<name>(?-i:[A-ZÄÖÜ])[\w.&-]*(?:\s(?-i:[A-ZÄÖÜ])[\w.&-]*){0,2})"
                             r"\s*(?::|$)")


def headline_recipient(sentence: str, money: Money, lang: str, state: dict) -> str | None:
    """The name a headline's opening amount goes to ("6 Millionen Euro für Voltaro"), when it is a
    rare word the article could name a company with; None otherwise."""
    if money.span[0] > 12 or not (is_headline(sentence) or ": " in sentence[money.span[1]:money.span[1] + 60]):
        return None
    if sentence[:money.span[0]].strip(" \"'„“").count(" ") > 1:
        return None  # the amount opens the line ("Rund 6 Mio. Euro für ...")
    m = _AMOUNT_FOR_NAME.match(sentence, money.span[1])
    if m is None:
        return None
    name = name_from_phrase(m.group("name"), first=True)
    if not name or name != m.group("name") or any(zipf(t, lang) >= UNCOMMON for t in name.split()):
        return None
    return name if plausible_name(name, lang, state["body"], state["head"]) else None


# a digest's headline of several items: "Today in startups: Glint raises $60M, Ovenbird in talks, Yardsale seed"
HEADLINE_ITEMS = re.compile(r",\s(?-i:[A-Z])(?!(?:eries|eed|re-|ound|ed by|alued|aluation)\b)")


def headline_item(sentence: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """In a headline listing items by commas, the bounds of the item holding `pos` (within lo, hi):
    the round label or the talks of one item are not another's."""
    if not is_headline(sentence) or not HEADLINE_ITEMS.search(sentence):
        return lo, hi
    before = max((m.end() for m in HEADLINE_ITEMS.finditer(sentence, 0, pos)), default=0) - 1
    after = next((m.start() for m in HEADLINE_ITEMS.finditer(sentence, pos)), len(sentence))
    return max(lo, before, 0), min(hi, after)


def is_headline(sentence: str) -> bool:
    return len(sentence) < 120 and not sentence.rstrip().endswith((".", "!", "?", '"', "“", "”", "»"))
