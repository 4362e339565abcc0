"""A public body's grant told with the body as subject and no recipient in the sentence:

    Sustainable Development Technology Canada also provided a $2 million grant.
    Separately, the Israel Innovation Authority approved a NIS 4 million grant for the company's trial.

Round-ups add such a line under a company's round; the grant is that company's (the sentence
reader resolves the reference), and the body is its backer. Only a grant word right after the
amount counts: "provided a $2 million loan guarantee" or "approved a $5 million budget" is
other money. The same body handing money to a named company ("The Government of Canada is
contributing $2.5 million to X through Y") names the recipient after "to" (`handed_to`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from extraction.plausibility import plausible_name

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


# "The Government of Canada is contributing $2.5 million to Ottawa's Kanata Quantum through the
# Strategic Innovation Fund": a body's money handed to a named company
_HANDS = re.compile(r"(?i)\b(?:is |are |has |have |will )?(?:contribut(?:es|ed|ing|e)|provid(?:es|ed|ing|e)|"
                    r"award(?:s|ed|ing)?|grant(?:s|ed|ing)?|commit(?:s|ted|ting)?)\s+(?:an? )?(?:additional |further )?$")
_TO_COMPANY = re.compile(r"\s+(?:(?i:in (?:grant |non-repayable )?funding|in grants?|in non-repayable funding)\s+)?to\s+"
                         r"(?:[A-Z][\w-]*['’]s\s+)?(?P<name>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})"
                         r"(?=\s+(?:through|via|under|from|to|for)\b|[,.;]|$)")
_BACKER_AFTER = re.compile(r"\s+(?:through|via|under) (?:the |its )?(?P<name>[A-Z][\w&-]*(?:\s(?:of\s)?[A-Z][\w&-]*){0,5})")


# the giver is a public body: "The Government of Canada", "the provincial agency", "the EU"
_PUBLIC = re.compile(r"(?i)\b(?:government|ministry|minister|department|agency|authority|council|commission|"
                     r"province|provincial|federal|state of|city of|european union|innovate uk)\b|\bEU\b")


def handed_to(sentence: str, start: int, end: int) -> tuple[str, str | None] | None:
    """(company, programme) for "<body> is contributing $N to [Place's] X [through Y]", or None."""
    if not _HANDS.search(sentence[max(0, start - 40):start]) or not _PUBLIC.search(sentence[:start]):
        return None  # a company paying a partner or a charity gives no grant
    m = _TO_COMPANY.match(sentence, end)
    if m is None:
        return None
    via = _BACKER_AFTER.match(sentence, m.end())
    return m.group("name"), via.group("name") if via else None


class PublicGrant(NamedTuple):
    company: str
    backer: str | None
    how: str


def read_public_grant(sentence: str, start: int, end: int, skipped: bool, recent: list[str], lang: str,
                      body: str, head: str | None) -> PublicGrant | None:
    """A public body's grant at `start:end` and the company it goes to: the one named after "to",
    or (no recipient in the sentence) the latest of `recent`, the companies of the rounds told in
    the two sentences before. `skipped`: the sentence grammar read the amount as other money."""
    giver = grant_giver(sentence, start, end)
    if giver:
        return PublicGrant(recent[-1], giver, "anaphora") if recent else None
    handed = handed_to(sentence, start, end) if skipped else None
    if handed and plausible_name(handed[0], lang, body, head):
        return PublicGrant(handed[0], handed[1], "object")
    return None
