"""Lists of companies that got money, with no amount of their own.

"Zu den geförderten Start-ups gehören Kivano, Orbix und Ruvido", "Recipients include X and Y",
"X spearheaded the list, followed by Y and Z": a grant programme or a weekly round-up names who
was funded and gives only a total (or nothing). Each named company got a round; its size is not
told. The sentence grammar sees no round in such a list: it has no amount beside any name.

A list counts only where the language's grammar knows the phrasing (`recipients_intro`) and the
list is about money: the sentence, or one of the two before it, tells of funding or grants.
Lists of customers, partners or backers use other words and stay unread.
"""

from __future__ import annotations

import re

from extraction import sieve
from extraction.grammar import Grammar
from extraction.money import parse_money
from extraction.names import name_from_phrase, split_names


def recipient_list(sentence: str, before: list[str], g: Grammar) -> list[str]:
    """The companies a funded-list sentence names (empty when it is no such list)."""
    if g.recipients_intro is None:
        return []
    m = sieve.search(g.recipients_intro, sentence)
    if not m:
        return []
    if not any(sieve.search(g.recipients_context, s) for s in [sentence, *before[-2:]]):
        return []
    rest = sentence[m.end():]
    names = split_names(rest, g.list_stop, g.list_split)
    # "followed by X" names one more after the leader the sentence opened with
    lead = m.groupdict().get("lead")
    if lead:
        names = split_names(lead, g.list_stop, g.list_split)[:1] + names
    return names if len(names) >= 2 else []



# a line that opens with a name and goes on with a description: "Kivano (Berlin): KI für Praxen",
# "Orbix – Software für Steuerberater", "- Ruvido: app for dog owners"
_NAMED_LINE = re.compile(r"^\W{0,3}(?P<name>[^():–—-]{2,50}?)\s*(?:\([^()]{1,40}\))?\s*(?::|–|—|\s-\s)\s*\S")
# what a list's heading calls the companies it lists
_MANY = re.compile(r"(?i)\b(?:start-?ups|unternehmen|firmen|companies|teams|gründungen|projekte|projects|"
                   r"empfänger|recipients|grantees|gewinner|winners|finalists|startups)\b")


def recipient_lines(sentences: list[str], g: Grammar) -> dict[int, str]:
    """Lines of a list under a heading that says the listed companies got money, with no amount
    on the lines: "Diese Start-ups werden gefördert:" then "Kivano (Berlin): KI für Praxen",
    "Orbix – Software für Steuerberater". Sentence index -> company name; a run of two or more."""
    if g.recipients_context is None:
        return {}
    out: dict[int, str] = {}
    for i, heading in enumerate(sentences):
        if not (heading.rstrip().endswith(":") and sieve.search(g.recipients_context, heading) and _MANY.search(heading)):
            continue
        run: dict[int, str] = {}
        for j in range(i + 1, min(len(sentences), i + 30)):
            m = _NAMED_LINE.match(sentences[j])
            name = name_from_phrase(m.group("name").strip(), first=True) if m and len(sentences[j]) < 200 else None
            if not name or name != m.group("name").strip().strip("\"'“”„«»") or parse_money(sentences[j]):
                break
            run[j] = name
        if len(run) >= 2:
            out.update(run)
    return out
