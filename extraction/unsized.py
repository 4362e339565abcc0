"""Rounds whose size the text does not tell: "X raised an undisclosed seed round", "X hat eine
Finanzierungsrunde abgeschlossen", "Einen siebenstelligen Betrag sammelt Pelvo ein".

Such a sentence has no amount to hang the round on, so it is read from its round noun or its
words for a withheld size, and the company from the sentence's subject, the owner of the round
label ("Kivora's Series A"), the phrase after "raised by", or the name the article marks. A round
noun about something else ("una ronda de despidos"), a kind of rounds ("invests in seed rounds"),
an earlier raise told in passing and a round only weighed ("ob wir eine Series B machen") are no
news of a round. A sentence listing deals may also tell one of them without its size; its clause
is found here too.
"""

from __future__ import annotations

import re

from extraction import sieve
from extraction.companies import _INVESTOR_VERB, ANAPHORA, Found, find_company
from extraction.drafts import Draft
from extraction.evidence import named_recipient
from extraction.grammar import Grammar
from extraction.investors import find_investors
from extraction.labels import Label, label_takes
from extraction.money import Money
from extraction.names import name_from_phrase, same_company
from extraction.rounds import kind_of_rounds


_UNDISCLOSED = re.compile(
    r"(?i)\b(?:undisclosed (?:amount|sum|round|funding|financing|investment)|unspecified amount|"
    r"(?:six|seven|eight|nine)[- ]figure (?:sum|amount|round|investment|deal|funding)|"
    # "in nicht genannter Höhe", "einen ungenannten Betrag": the size is withheld, not absent
    r"(?:nicht genannter|ungenannter|nicht bekannter|unbekannter|nicht (?:näher )?bezifferter) höhe|"
    r"(?:nicht genannte|ungenannte|nicht (?:näher )?bezifferte)[nmrs]? (?:betrag|summe)|"
    r"siebenstellig\w*|zweistellig\w* millionen\w*|"
    r"dreistellig\w* millionen\w*|undisclosed seed|"
    r"achtstellig\w*|sechsstellig\w*|millionenbetrag|betrag im millionenbereich|mehrstellig\w*|"
    r"einstellig\w* millionen\w*|millionenbereich)\b")
_TARGET_CUE = re.compile(r"(?i)\b(?:angepeilt|anvisiert|im gespräch (?:ist|sind))\b")  # a round's size as a target


_GENERIC_ROUND = re.compile(
    r"(?i)\b(?:(?:funding|financing|investment) round|round of (?:funding|financing)|(?:[\w-]+ )?round|"
    r"finanzierungsrunde|finanzierung|tour de table|levée de fonds|(?:frisches|neues|weiteres) kapital|"
    r"finanzspritze|kapitalspritze)\b")
# "hat eine Finanzierungsrunde abgeschlossen" (size undisclosed): the round itself is the news
_CLOSED_AFTER = re.compile(r"(?i)\s+(?:[\w-]+\s+){0,3}?(?:abgeschlossen|erhalten|eingesammelt|eingeworben)\b")
_NAMED_BACKER = re.compile(r"(?-i:\b(?:from|led by|von|vom|angeführt von|auprès de|menée? par)\s+(?:[a-z-]+\s){0,4}[A-Z])")
RAISED_BY = re.compile(r"^\s*(?:round\s+)?(?:raised|secured|closed|landed) by\s+(?P<np>[^,.;]{2,80})", re.I)


# "Kivora's Series A", "Kivora’s new seed round": the name that owns the round label right after it
_OWNER_OF_ROUND = re.compile(r"(?P<np>(?-i:[A-Z])[\w.&-]*(?:\s(?-i:[A-Z])[\w.&-]*){0,2})['’]s\s+(?:(?:new|latest|first|"
                             r"recent|oversubscribed|upsized)\s+)?$")
# "die Seed-Runde von Wolkenbruch angeführt", "die Series A bei dem Kölner Startup X geleitet": a
# backer's sentence names the round's owner after "von"/"bei"
_DE_ROUND_OF = re.compile(r"(?i)(?:-?[\w]*runde|\s+[\w-]*(?:runde|finanzierung))?\s+(?:von|bei|beim)\s+"
                          r"(?:(?:dem|der)\s+)?(?P<np>[^,.;]{2,80}?)\s+(?:angeführt|geleitet|geführt)\b")
# (the present "X führt die Series A bei Y an" is a backer's move, read with its backer by read_backing)
_LEAD_VERB_DE = re.compile(r"(?i)\b(?:angeführt|geleitet|geführt)\b")
_OF = re.compile(r"\s+(?:de|del|da|do|di|della|van)\s+", re.I)
_EARLIER_RAISE = re.compile(r"(?i)\b(?:last|previously|had|once|had previously|had last)\s+(?:raised|closed|secured)\s+(?:an?|its)\s")
_HYPOTHETICAL = re.compile(r"(?i)\b(?:ob wir|ob sie|ob das unternehmen|whether (?:to|we|they|it)|if we|falls wir|wenn wir|"
                           # a wish without a size: "hopes to raise a seed round later next year"
                           r"(?:hopes?|hoping|wants?|wanting|would like|intends?|aspires?) to raise)\b")


def funding_round_noun(sentence: str, g: Grammar) -> re.Match[str] | None:
    """A lexicon language's round noun that is about money: "ronda", "ronda de financiación",
    "aporte de valor não divulgado", but never "ronda de negociaciones" or "rodada de demissões"
    (what follows "de" is no funding word)."""
    for m in g.round_nouns.finditer(sentence) if g.round_nouns is not None else ():
        of = _OF.match(sentence, m.end())
        if of is None or g.funding_cue.match(sentence, of.end()) or (
                g.undisclosed is not None and g.undisclosed.match(sentence, of.end())):
            return m  # "um aporte de valor não divulgado" too
    return None


_CLAUSE_BREAK = re.compile(r";\s+(?:and\s+)?|,\s+(?:and|while|whereas|but)\s+")


def undisclosed_clause(sentence: str, money: list[Money], g: Grammar) -> tuple[int, int] | None:
    """A sentence listing deals may tell one without its size: "X raised $3M from Y; and Z raised
    an undisclosed amount from W". The span of that one's clause (from the break before it to the
    next break or amount), for the reader of rounds without an amount; None when there is none."""
    und = sieve.search(_UNDISCLOSED, sentence) if g.code == "en" else None
    if und is None:
        return None
    start = max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, und.start())), default=0)
    if start == 0 or any(start <= m.span[0] < und.start() for m in money):
        return None  # the clause tells an amount too, or it is the sentence's own subject's
    nxt = _CLAUSE_BREAK.search(sentence, und.end())
    later = [m.span[0] for m in money if m.span[0] > und.end()]
    end = min([nxt.start() if nxt else len(sentence), *later])
    if later and end == min(later):
        # "... from Do Ventures, Philippine lender Kalye Bank is in talks to raise $30M": the next deal's
        # subject stands after the last comma before its amount
        comma = sentence.rfind(", ", und.end(), end)
        end = comma if comma > 0 else end
    return start, end


def round_without_amount(idx: int, sentence: str, g: Grammar, rounds: list, new: list[Draft], state: dict,
                          label: Label | None) -> None:
    """"X raised an undisclosed seed round", "X has raised a round of financing from Sequoia",
    "a hefty Series C round raised by chip-maker Y": rounds whose size the text does not give."""
    cue = rounds[0] if rounds else None
    if cue is None and g.round_nouns is not None and sieve.search(g.round_nouns, sentence) \
            and funding_round_noun(sentence, g) is None:
        return  # "un round di trattative", "una ronda de despidos": a round of something else
    # a lexicon language's round nouns, lead and participant cues and undisclosed-amount words:
    # "cerró una ronda de financiación liderada por Seaya", "aporte de valor não divulgado"
    generic = sieve.search(_GENERIC_ROUND, sentence) or funding_round_noun(sentence, g)
    backed = generic and (_NAMED_BACKER.search(sentence[generic.end():]) or any(
        p.search(sentence, generic.end()) for p in g.lead_after + g.investors_after if g.round_nouns))
    undisclosed = sieve.search(_UNDISCLOSED, sentence) or (sieve.search(g.undisclosed, sentence) if g.undisclosed else None)
    if cue is None and not (generic and (backed or _CLOSED_AFTER.match(sentence, generic.end()))):
        generic = undisclosed  # "sammelt einen zweistelligen Millionenbetrag ein"
        if generic is None:
            return
    if cue is not None and cue.round == "unknown" and not undisclosed:
        return
    if kind_of_rounds(sentence, rounds):
        return  # "investiert vor allem in Seed- und Series-A-Runden": a kind of rounds, no one round
    start, end = (cue.start, cue.end) if cue else generic.span()
    pseudo = Money(0, None, False, (start, end))
    found = None
    by = RAISED_BY.match(sentence[end:])
    owner = _OWNER_OF_ROUND.search(sentence, 0, start) if cue is not None and g.code == "en" else None
    # (the sieve's look for the leading verb first is only a cheap pre-check: the pattern ends in it)
    de_owner = _DE_ROUND_OF.match(sentence, end) if cue is not None and g.code == "de" and sieve.search(
        _LEAD_VERB_DE, sentence) else None
    if by:
        name = name_from_phrase(by.group("np"))
        found = Found(name, "object") if name else None
    elif de_owner:  # "Wir haben die Seed-Runde von Wolkenbruch angeführt": the round's owner, not the backer
        name = name_from_phrase(de_owner.group("np"), tail=True)
        found = Found(name, "possessive") if name else None
    elif owner and sieve.search(_INVESTOR_VERB, sentence[:owner.start()]):
        # "Accel leads Kivora's Series A", "Accel invested in Kivora's seed round": the round's owner
        name = name_from_phrase(owner.group("np"), tail=True)
        found = Found(name, "possessive") if name else None
    elif sieve.search(g.subject_verbs, sentence[:start]):
        if _EARLIER_RAISE.search(sentence, 0, start):
            return  # "Kitebird last raised a Series B": a past round named in passing, no news of its own
        found = find_company(sentence, pseudo, g)
        if found and found.how not in ("subject", "anaphora"):
            found = None
    elif cue is None and undisclosed is not None and not sentence[:start].strip(" „\"'").count(" ") > 1:
        # fronted: "Einen siebenstelligen Betrag sammelt das Kölner Fintech Pelvo ein"
        noun = re.match(r"\s+(?:[\w-]*betrag|summe|[\w-]*investment)\b", sentence[end:], re.I)
        found = find_company(sentence, Money(0, None, False, (start, end + (noun.end() if noun else 0))), g)
        if found and found.how not in ("fronted", "anaphora"):
            found = None
    if found is None and cue is None and undisclosed is not None and g.orphan_cue is not None \
            and _TARGET_CUE.search(sentence):
        found = Found(ANAPHORA, "orphan")  # "Im Gespräch ist ein dreistelliger Millionenbetrag": the subject's round
    if found is None and cue is None and undisclosed is not None:
        # "In das Münchner Startup X fließt ein siebenstelliger Betrag": the name the article marks
        name = named_recipient(sentence, start, g, state["body"], state["head"])
        found = Found(name, "evidence") if name else None
    item = state.get("items", {}).get(idx)
    if found is None and item and (cue is not None or backed or undisclosed):
        found = Found(item, "subject")  # "Girouette – montant non communiqué" / "L'éditeur ... boucle un tour"
    if label and start >= label[1] and label_takes(found, sentence, label, g.code, state["body"], state["head"]):
        found = Found(label[0], "subject")  # "Pflegio: Die Wiener Plattform ... holt sich einen sechsstelligen Betrag"
    if found and not de_owner and any(same_company(found.name, n) for m in find_investors(sentence, g) for n in m.names):
        found = None  # "Das PE-Haus X habe die Series-B-Runde angeführt": X backs the round, not raises it
    if found and _HYPOTHETICAL.search(sentence):
        found = None  # "ob wir eine große Series B machen oder verkaufen": a round weighed, not raised
    if found:
        draft = Draft(found.name, None, [], idx, start, cue.round if cue else "unknown",
                       cue.extension if cue else False, how=found.how)
        draft.confidence = 0.45
        new.append(draft)
