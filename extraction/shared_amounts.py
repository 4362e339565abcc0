"""One amount, several companies: "A, B and C raised $30M, $26M and $10M, respectively",
"Kivano, Orbix und Ruvido erhalten je 500.000 Euro", "A and B each raised $2M", "gevolgd door
X en Y die beide 50 miljoen ophaalden". The sentence grammar gives an amount one company; these
lists give each named company its own round (the n-th amount, or the shared one).
"""

from __future__ import annotations

import re

from extraction import sieve
from extraction.grammar import Grammar
from extraction.money import Money
from extraction.names import name_from_phrase

_RESPECTIVELY = re.compile(
    r"(?i)\b(?:respectively|respektive|beziehungsweise|respectivement|respectivamente|rispettivamente|"
    r"respectievelijk)\b")
_LIST_ITEMS = re.compile(r"\s*(?:,\s*(?:and\s+|und\s+|et\s+|y\s+|e\s+|en\s+)?|\s(?:and|und|et|y|e|en)\s)\s*")


def respective_names(sentence: str, money: list[Money]) -> dict[int, str]:
    """"SingleInterface, Nivara and M2P Fintech, which raised $30M, $10M and $4.2M,
    respectively": the n-th name takes the n-th amount. Empty unless names and amounts
    pair up one to one."""
    if len(money) < 2 or not _RESPECTIVELY.search(sentence[money[-1].span[1]:money[-1].span[1] + 80]):
        return {}
    before = sentence[:money[0].span[0]]
    names = [name for item in _LIST_ITEMS.split(before) if (name := name_from_phrase(item))]
    # the list is what stands right before the amounts: a lead-in may name other things
    names = names[-len(money):]
    if len(names) != len(money) or len({n.lower() for n in names}) != len(names):
        return {}
    return {id(m): name for m, name in zip(money, names)}


_EACH_BEFORE = re.compile(r"(?i)\b(?:je|jeweils|each|à chacune?|cada una?|elk|ieder|allebei|ciascuna|ciascuno)\s+"
                          r"(?:rund |etwa |about |around |ruim )?$")
_EACH_VERB = re.compile(r"(?i)\b(?:each|jeweils|elk|allebei|beide)\s+[a-zäöü]+\s+(?:[\w-]+\s+){0,2}$")  # "A and B each raised $2M"
_EACH_RELATIVE = re.compile(
    r"(?:^|[,;:]\s|\b(?:door|by|von|par|por|da)\s)(?P<list>[^,;:]{2,120}?),?\s+(?:die|which|who|welche|qui|que|che)\s+"
    r"(?:beide|elk|allebei|each|both|jeweils|je|chacune?|cada una?)\s+(?:circa |about |rund |ruim |around |environ )?$")
_EACH_AFTER = re.compile(r"(?i)^\W{0,3}(?:each|apiece|jeweils|chacune?|cada una?)\b")


def each_names(sentence: str, money: Money, g: Grammar) -> list[str]:
    """"Kivano, Orbix und Ruvido erhalten je 500.000 Euro", "A and B each raised $1M": the names
    of a list subject that share one amount, one round each; empty unless the list is all names."""
    start, end = money.span
    if not (_EACH_BEFORE.search(sentence[max(0, start - 20):start]) or _EACH_AFTER.match(sentence[end:end + 12])
            or _EACH_VERB.search(sentence[max(0, start - 40):start])):
        return []
    before = sentence[:start]
    before = before[before.rfind(": ") + 2:] if ": " in before else before
    verbs = list(sieve.finditer(g.subject_verbs, before))
    rel = _EACH_RELATIVE.search(before)
    if rel:  # "gevolgd door fintechbedrijven Factris en Fourthline die beide circa 50 miljoen ophaalden"
        items = [i for i in _LIST_ITEMS.split(rel.group("list").strip()) if i.strip()]
        names = [name_from_phrase(i, tail=True) for i in items]
        return names if len(names) >= 2 and all(names) and len({n.lower() for n in names}) == len(names) else []
    if not verbs:
        return []
    _each = r"\s+(?:each|both|all|alle|beide|elk|allebei|jeweils|je)\s*$"
    subject = re.sub(_each, "", before[:verbs[-1].start()])
    if (g.verb_second or g.code == "de") and not re.search(r"\s(?:and|und|en|y|e|et)\s", subject):
        # verb second: "Zo haalden Messagebird en Mollie elk 665 miljoen op" names them after the verb
        subject = re.sub(_each, "", before[verbs[-1].end():])
    items = [i for i in _LIST_ITEMS.split(subject.strip()) if i.strip()]
    names = [name_from_phrase(i, tail=True) for i in items]
    if len(names) < 2 or not all(names) or len({n.lower() for n in names}) != len(names):
        return []
    return names
