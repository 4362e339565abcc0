"""Rounds in talks whose size is not told: "Kivano is in talks to raise a new round",
"Kivano verhandelt mit Investoren über eine neue Finanzierungsrunde", "Wie das Handelsblatt
berichtet, steht Kivano kurz vor dem Abschluss einer Finanzierungsrunde".

Such sentences carry no amount (at most the valuation being discussed), so the money-driven
reader never sees them; yet a reader records a round in talks. The language's talks phrase
must come with a word for the money sought (round, funding, capital, investors) in the same
clause, and the company is the clause's subject: the name right before the phrase ("Kivano is
in talks"), or right after a fronted verb ("steht Kivano kurz vor ..."), or "the company".
"""

from __future__ import annotations

import re

from extraction import sieve
from extraction.companies import ANAPHORA, _is_anaphora, clause_bounds
from extraction.grammar import Grammar
from extraction.names import name_from_phrase

# the phrases that make the sentence's subject the one seeking money; the grammars' wider
# in_talks patterns also hold phrases about the deal itself ("would value", "angepeilt")
_TALKS = {
    "en": re.compile(
        r"(?i)\b(?:(?:is|are|was|were|has been|have been)\s+(?:reportedly\s+|said to be\s+|now\s+|currently\s+)?"
        r"(?:in (?:advanced |early |final |late-stage )?(?:talks|discussions|negotiations)|negotiating|"
        r"seeking to raise|looking to raise|in the process of raising|raising|out raising|in the market for)|"
        # "plans/aims/hopes to raise a Series C next year" is an intention, not a round being raised
        r"(?:seeks|looks) to raise)\b"),
    "de": re.compile(
        r"(?i)\b(?:verhandelt|verhandeln|führt gespräche|führen gespräche|ist im gespräch|sind im gespräch|"
        r"(?:spricht|sprechen) mit (?:investoren|geldgebern|kapitalgebern) (?=über)|"
        r"(?:steht|stehen) (?:\S+\s+){0,3}?kurz vor (?:dem )?abschluss|ist auf der suche nach|sind auf der suche nach|"
        r"sucht (?:derzeit |aktuell |gerade )?(?:nach )?(?=(?:neuen |frischen |weiteren )?(?:investoren|geldgebern?|"
        r"kapitalgebern?|kapital|geld)\b))"),
}
_MONEY_SOUGHT = {
    "en": re.compile(r"(?i)\b(?:round|funding|capital|financing|investment|money|cash|investors)\b"),
    "de": re.compile(r"(?i)(?:runde|finanzierung|kapital|investoren|geldgeber|kapitalgeber|finanzspritze|\bgeld)\b"),
}
# "Kivano is in talks to acquire ...", "verhandelt über eine Übernahme": other deals
_OTHER_DEAL = re.compile(
    r"(?i)\b(?:acqui\w+|buy|merge\w*|takeover|sale|sell|listing|ipo|übernahme\w*|übernehmen|kauf\w*|verkauf\w*|"
    r"fusion\w*|börsengang|\w*(?:tarif|lohn|löhne|gehalt)\w*|streik\w*|partnerschaft|kooperation|"
    r"partnership|joint venture|collaboration|licens\w+)\b")
# "General Catalyst is in talks to lead the round": a backer's talks, its money goes out
_BACKER_ROLE = re.compile(r"(?i)\s*(?:to|about) (?:co-?)?(?:lead(?:ing)?|invest(?:ing)?|back(?:ing)?|"
                          r"participat\w*|join(?:ing)?|provide|providing|underwrite|anchor(?:ing)?)\b")
_AUX_TAIL = re.compile(r"(?i)\s+(?:reportedly|now|currently|also|still|already|today|derzeit|aktuell|offenbar|"
                       r"angeblich|nun|jetzt|bereits)\s*$")
_ACCORDING_TO = re.compile(r"(?i)\b(?:[\w-]+\s+){1,3}zufolge\b|\blaut\s+(?:[\w-]+\s+){1,3}?(?=kurz|vor|über)")
_APPOSITION = re.compile(r"\s*(?:a|an|which|who|whose|one of|the (?-i:[a-z]))\b", re.I)
_THAT = re.compile(r"(?i)\b(?:that|dass|daß)\b")
_FRONTED_VERB = re.compile(r"(?i)^\s*(?:steht|stehen|verhandelt|verhandeln|führt|führen|spricht|sprechen|sucht|ist|sind)\s+")


def company_in_talks(sentence: str, g: Grammar) -> tuple[str, int] | None:
    """The company (a name or ANAPHORA) that the sentence says is seeking a round, with the
    talks phrase's position; None when the sentence says no such thing."""
    talks, sought = _TALKS.get(g.code), _MONEY_SOUGHT.get(g.code)
    if talks is None:
        return None
    m = sieve.search(talks, sentence)
    if m is None:
        return None
    c0, c1 = clause_bounds(sentence, m.start(), g)
    # the money sought is named after the phrase: "spricht mit Investoren über die Lage am Markt" seeks none
    clause = sentence[m.end():c1]
    if not sought.search(clause) or _OTHER_DEAL.search(clause) or _BACKER_ROLE.match(sentence, m.end()):
        return None
    before = _AUX_TAIL.sub("", sentence[c0:m.start()].rstrip(" ,"))
    # "X had first reported that the company was in discussions": the subject follows "that"
    segments = before.split(",")
    # "Kora Technologies Inc., a startup that runs payroll ..., is in discussions": the apposition
    # between commas is no subject, the name before it is
    while len(segments) > 1 and _APPOSITION.match(segments[-1]):
        segments.pop()
    segments[-1] = _THAT.split(segments[-1])[-1]
    if _is_anaphora(segments[-1].strip(), g):
        return ANAPHORA, m.start()
    name = name_from_phrase(segments[-1], tail=True) if before.strip() else None
    if name is None and g.code == "de":
        # "..., steht Kivano kurz vor dem Abschluss": the verb stands first, its subject after it
        fronted = _FRONTED_VERB.match(m.group(0))
        if fronted:
            # "steht Insidern zufolge kurz vor ...": the source between verb and phrase names no one
            name = name_from_phrase(_ACCORDING_TO.sub(" ", m.group(0)[fronted.end():]), first=True)
    if name is None:
        return None
    return name, m.start()
