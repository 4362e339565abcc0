"""A public body's grant told with the body as subject and no recipient in the sentence:

    Sustainable Development Technology Canada also provided a $2 million grant.
    Separately, the Israel Innovation Authority approved a NIS 4 million grant for the company's trial.

Round-ups add such a line under a company's round; the grant is that company's (the sentence
reader resolves the reference), and the body is its backer. Only a grant word right after the
amount counts: "provided a $2 million loan guarantee" or "approved a $5 million budget" is
other money.
"""

from __future__ import annotations

import re

# "[Separately, ][the ]Agency Name [also ]provided a"
_GIVER = re.compile(
    r"^\s*(?:(?:Separately|Additionally|In addition|Meanwhile),\s+)?(?:the\s+)?"
    r"(?P<giver>[A-Z][\w&.'’-]*(?:\s(?:of\s|for\s|and\s)?[A-Z][\w&.'’-]*){0,6})"
    r"\s+(?:has\s+|had\s+|also\s+|has also\s+)*(?:provided|approved|awarded|gave|granted|contributed|committed|"
    r"extended|chipped in with)\s+(?:a|an)\s+(?:additional\s+|separate\s+)?$")
_GRANT_AFTER = re.compile(r"(?i)^\s*(?:non-repayable\s+|non-dilutive\s+)?(?:grant|contribution)s?\b"
                          r"(?!\s+(?:to|for)\s+(?-i:[A-Z]))")


def grant_giver(sentence: str, start: int, end: int) -> str | None:
    """The body that gives the grant at `start:end` when the sentence names no recipient, or None."""
    m = _GIVER.match(sentence[:start])
    if m is None or not _GRANT_AFTER.match(sentence[end:]):
        return None
    return m.group("giver")
