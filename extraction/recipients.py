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

from extraction.grammar import Grammar
from extraction.names import split_names


def recipient_list(sentence: str, before: list[str], g: Grammar) -> list[str]:
    """The companies a funded-list sentence names (empty when it is no such list)."""
    if g.recipients_intro is None:
        return []
    m = g.recipients_intro.search(sentence)
    if not m:
        return []
    if not any(g.recipients_context.search(s) for s in [sentence, *before[-2:]]):
        return []
    rest = sentence[m.end():]
    names = split_names(rest, g.list_stop, g.list_split)
    # "followed by X" names one more after the leader the sentence opened with
    lead = m.groupdict().get("lead")
    if lead:
        names = split_names(lead, g.list_stop, g.list_split)[:1] + names
    return names if len(names) >= 2 else []

