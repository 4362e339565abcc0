"""Which company an amount belongs to, and whether the amount is a round at all.

Both questions are answered from the clause around the amount with the patterns
of the article's language grammar; nothing here knows any company by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.grammar import Grammar
from extraction.money import Money
from extraction.names import name_from_phrase, valid_name

ANAPHORA = "\x00anaphora"  # placeholder resolved to the article's main company later

_NP_STOP = re.compile(
    r"[,.;:()!?]|\s(?:led|with|which|who|from|at|as|and|und|von|mit|um|zu|bei|wird|hat|ist|"
    r"angeführt|to|for|in|im|auf|nach|after|that|plus|sowie|bzw|soll|will|said|says|"
    r"according|on|has|had|is|was|via|des)\b",
)
_LEAD_IN = re.compile(
    r"^(?:(?:insgesamt|rund|weitere|weiteren|nun|damit|auch|jetzt|zudem|außerdem|ebenfalls|"
    r"frische[ns]?|neue[ns]?|also|now|another|a further|some|about|around|nearly|over|more than|"
    r"mehr als|über|etwa|knapp|fast|umgerechnet|gut)\s+)+",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r"^(?:a|an|the|which|who|whose|ein|eine|einer|der|die|das|dessen|deren)\b|^[a-z]")
_POSSESSIVE = re.compile(r"([A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})[’']s\s+(?:[\w-]+\s){0,2}$")
_INVESTOR_VERB = re.compile(
    r"\b(?:invest(?:s|ed|iert|ierte|ierten)|led|leads|leading|co-led|steckt(?:e|en)?|backs|backed|"
    r"pumped|poured|put|injected|angeführt|anführt)\b",
    re.IGNORECASE,
)


@dataclass
class Found:
    name: str
    how: str  # subject, object, possessive, fronted, anaphora


def _np_name(text: str, g: Grammar) -> str | None:
    m = _NP_STOP.search(text)
    np = text[:m.start()] if m else text[:80]
    np = np.strip(" -—–")
    if not np:
        return None
    if g.anaphora.search(np.strip()):
        return ANAPHORA
    return name_from_phrase(np, allow_lower_last=True)


def _subject_from(prefix: str) -> str | None:
    """Name in an English-style subject; "X, a startup that ..., raised" -> X."""
    segments = [s.strip() for s in prefix.split(",")]
    best = None
    for seg in segments:
        if not seg or _APPOSITIVE.match(seg):
            continue
        name = name_from_phrase(seg, allow_lower_last=True)
        if name:
            best = name
    return best


def clause_bounds(sentence: str, pos: int, g: Grammar) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for m in g.clause_break.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def find_company(sentence: str, money: Money, g: Grammar) -> Found | None:
    """The company that takes `money` in `sentence`, if the grammar can tell."""
    start, end = money.span
    c_start, c_end = clause_bounds(sentence, start, g)
    after = sentence[end:c_end]
    prefix = sentence[c_start:start]

    # "$140m round in WM Motor", "28 Millionen Euro für Health-Startup Medwing"
    link = g.object_link.match(after)
    if link:
        name = _np_name(after[link.end():], g)
        if name:
            return Found(name, "object")

    verbs = list(g.subject_verbs.finditer(prefix))
    if verbs:
        verb = verbs[0] if g.code == "de" else verbs[-1]
        before = prefix[:verb.start()]
        if g.code == "de":
            before_clean = _LEAD_IN.sub("", before.strip())
            if before_clean and g.anaphora.search(before_clean.split(",")[0].strip()):
                return Found(ANAPHORA, "anaphora")
            name = name_from_phrase(before_clean.split(",")[0]) if before_clean else None
            if name and not _INVESTOR_VERB.search(prefix[verb.start():]):
                return Found(name, "subject")
            # inverted: "Nun hat sich das Unternehmen ... gesichert", "Im Juli erhielt X ..."
            rest = re.sub(r"^\s*sich\s+", "", prefix[verb.end():])
            name = _np_name(rest, g)
            if name:
                return Found(name, "subject")
        else:
            if g.anaphora.search(before.strip().split(",")[-1].strip() or "x"):
                return Found(ANAPHORA, "anaphora")
            name = _subject_from(before)
            if name:
                return Found(name, "subject")

    # German fronted amount: "Rund 211 Millionen Euro hat der Anbieter Tier ... zusammenbekommen"
    if not _LEAD_IN.sub("", prefix.strip()) or prefix.strip().endswith(("–", "-", ":")):
        fronted = g.fronted_verbs.match(after)
        if fronted:
            name = _np_name(after[fronted.end():], g)
            if name:
                return Found(name, "fronted")

    poss = _POSSESSIVE.search(prefix)
    if poss and valid_name(poss.group(1)):
        name = name_from_phrase(poss.group(1))
        if name:
            return Found(name, "possessive")

    if g.anaphora.search(prefix.strip()) or re.search(
            r"(?i)\b(?:seine[nmr]?|ihre[nmr]?|its|their)\s+(?:[\w-]+\s)?(?:[\w-]*runde|round|finanzierung|funding)",
            sentence):
        return Found(ANAPHORA, "anaphora")
    return None


def money_role(sentence: str, money: Money, g: Grammar, has_round: bool) -> str:
    """"round", "valuation" or "skip" for one amount in a sentence."""
    start, end = money.span
    c_start, c_end = clause_bounds(sentence, start, g)
    before = sentence[max(c_start, start - 60):start]
    after = sentence[end:min(c_end, end + 45)]
    if g.valuation_before.search(before):
        return "valuation"
    if g.skip_before.search(before) or g.skip_after.search(after):
        return "skip"
    clause = sentence[c_start:c_end]
    local_round = has_round and bool(re.search(
        r"(?i)series|serie|seed|runde|round|angel|bridge|brücke|debt", clause))
    if g.cumulative.search(sentence[max(c_start, start - 70):min(c_end, end + 40)]) and not local_round:
        return "skip"
    if g.skip_clause.search(clause) and not local_round:
        return "skip"
    if not g.funding_cue.search(clause):
        return "skip"
    return "round"
