"""The round label an amount takes: "$12M Series A", "600.000 Euro in der Seed-Runde".

A sentence may name several round labels and several amounts; each amount takes the label named
nearest to it, never one beyond a neighbouring amount nor, in a list of deals, one past another
company's verb ("X raises $220M to expand, Y closes a Series D"). "Business Angels" after "from"
tells who gave the money, not the kind of round, when the sentence names a kind too.
"""

from __future__ import annotations

import re

from extraction.rounds import EXTENSION_RE, find_rounds


_BEFORE_NEXT_DEAL = re.compile(r"(?i);|,\s+(?:and|while|whereas|but)\s|\bfollowed by\b")
_ANGEL_SOURCE = re.compile(r"(?i)(?:from|von)\s")


def round_for(sentence: str, pos: int, bounds: tuple[int, int] = (0, 10**9),
              verbs: re.Pattern[str] | None = None, end: int = 0) -> tuple[str, bool]:
    """The round named nearest to an amount, never past a neighbouring amount nor, with `verbs`,
    past the verb of another company ("X raises $220M to expand, Y closes a Series D")."""
    cues = [c for c in find_rounds(sentence) if bounds[0] <= c.start < bounds[1]]
    if verbs is not None:
        cues = [c for c in cues if c.start < pos or not verbs.search(sentence, max(pos, end), c.start)]
        # "X led with $70M in its Series C, followed by Y which raised Rs 250 crore": the round
        # before a break and another company's verb is that company's
        cues = [c for c in cues if c.start >= pos or not (_BEFORE_NEXT_DEAL.search(sentence, c.end, pos)
                                                           and verbs.search(sentence, c.end, pos))]
    if not cues:
        return "unknown", bool(EXTENSION_RE.search(sentence))
    best = min(cues, key=lambda c: abs(c.start - pos))
    kinds = [c for c in cues if c.round != "angel"]
    if best.round == "angel" and kinds and _ANGEL_SOURCE.match(sentence, best.start):
        # "über ein Wandeldarlehen 600.000 Euro von Business Angels": who gave it, not the round's kind
        best = min(kinds, key=lambda c: abs(c.start - pos))
    return best.round, best.extension or bool(EXTENSION_RE.search(sentence))
