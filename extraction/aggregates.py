"""Money that sums many things up is no round: totals, thresholds, parts, plans and markets.

"Schweizer Startups haben im zweiten Quartal 1,4 Milliarden Franken eingesammelt", "within
ten years it raised more than $125M", "rounds of $1 billion or more", "ten million of the
investment will go into ...", "X will 500 Millionen in Fintechs investieren". Each pattern
is a general phrasing of an aggregate, in the languages the extractor reads; an amount it
matches is skipped unless its own clause names a round.
"""

from __future__ import annotations

import re

from extraction import sieve

_NUMBER_WORD = (r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|zwei|drei|vier|fünf|sechs|"
                r"sieben|acht|neun|zehn|zwölf|deux|trois|quatre|cinq|dix|dos|tres|cuatro|cinco|diez)")
_SPAN = r"(?:years?|months|jahren?|monaten|ans|années|mois|años|meses|anni|mesi|jaar|maanden)"

# "or more" after an amount: a threshold ("rounds of $1 billion or more")
_THRESHOLD_AFTER = re.compile(
    r"(?i)^\s?(?:or more|or above|and (?:more|above|up)|\+|oder mehr|und mehr|ou plus|et plus|"
    r"o más|ou mais|of meer|o più)\b")
# the bar of a list or a ranking: "companies needed to raise at least $200 million to make this list"
_BAR_BEFORE = re.compile(r"(?i)\b(?:needed|need|needs|had|have|has|must) to (?:raise|secure|bring in|pull in) "
                         r"(?:at least|a minimum of|more than|over|north of)\s+$")
_BAR_AFTER = re.compile(r"(?i)^\s?(?:or more\s+)?to (?:make|qualify for|be included in|land on|get on|enter|crack) "
                        r"(?:this|the|our|that) (?:list|ranking|cut|top \d+|top ten|roundup)\b")
# a share of a sum: "zehn Millionen des Investments", "$5M of the round", "davon"
_PART_AFTER = re.compile(
    r"(?i)^\W{0,3}(?:des|der|of the|of its|de la|du|del|della|van de)\s+(?:[\w-]+\s+)?"
    r"(?:investments?|summe|betrags?|geldes|kapitals|finanzierung|runde|round|funding|financing|"
    r"proceeds|money|cash|capital|levée|tour|ronda|rodada|financiamento|financiación|investimento)\b")
# a span of time the money piled up over: "innerhalb von zehn Jahren", "over the past five years"
_PERIOD_BEFORE = re.compile(
    rf"(?i)\b(?:innerhalb (?:von |der (?:letzten |vergangenen )?)?|within (?:the )?(?:past |last )?|"
    rf"over the (?:past |last )?|in the (?:past |last )|in den (?:letzten|vergangenen) |"
    rf"en (?:seulement )?|au cours des (?:derniers? )?|durante (?:los )?(?:últimos )?|nos últimos )"
    rf"{_NUMBER_WORD} {_SPAN}\b")
# many companies' money over a period: a market figure
_MARKET_CLAUSE = re.compile(
    r"(?i)(?<!among )(?<!among the )(?<!unter den )(?<!one of the )"
    r"\b(?:startups|start-ups|jungunternehmen|jungfirmen|fintechs|companies|"
    r"firms|founders|entreprises|empresas|aziende|bedrijven)\b(?![^.;]{0,60}\b(?:round|runde|ronda|rodada)\b)[^.;]{0,80}"
    r"\b(?:quartal|quarter|halbjahr|half|im jahr|in (?:19|20)\d\d|this year|last year|dieses jahr|"
    r"vergangenen jahr|letzten jahr|trimestre|semestre|année|año|anno|jaar|monat|month|woche|week)\b|"
    r"\b(?:quartal|quarter|halbjahr|trimestre)\b[^.;]{0,80}\b(?:startups|start-ups|jungunternehmen|"
    r"companies|firmen|entreprises|empresas)\b")
# a class of companies' money summed: "Startups aus dem Bereich KI sammelten zusammen 1,1 Mrd. Euro
# ein", "fintechs raised a combined $2B": a plural kind as the subject with "together" is a market
# figure even without a period
_COMBINED_CLAUSE = re.compile(
    r"(?i)\b(?:startups|start-ups|jungunternehmen|jungfirmen|fintechs|companies|firms|firmen|"
    r"entreprises|empresas|aziende|bedrijven)\b[^.;]{0,80}\b(?:zusammen|zusammengenommen|gemeinsam|"
    r"(?:a |an )?combined|collectively|together|ensemble|en conjunto|juntas|insieme|samen)\b|"
    # ... or all of a kind: "l'ensemble des start-up africaines ont levé", "todas las startups", "all the startups"
    r"(?i:\b(?:l['’]ensemble des|toutes les|la totalité des|todas las|el conjunto de las|tutte le|todas as|all the|all of the|"
    r"sämtliche|alle)\s+(?:[\w-]+\s+){0,2}?(?:startups?|start-ups?|jeunes pousses|entreprises|empresas|aziende|companies|"
    r"firms|fintechs|jungunternehmen))")
# an investor's plan: "will 500 Millionen in Fintechs investieren", "plans to invest $1B in startups"
_PLAN_AFTER = re.compile(
    r"(?i)^\W{0,3}(?:[\w-]+\s+){0,3}?(?:in|into|en|dans|em|nel|nei)\s+[„“\"'«]?(?:[\w-]+\s+){0,2}?"
    r"(?:startups|start-ups|fintechs|unternehmen|companies|firmen|jungunternehmen|entreprises|empresas|"
    r"aziende|bedrijven|technologies|projects|projekte)\b[^.;]{0,40}\b(?:investieren|invest|investir|"
    r"invertir|investire|investeren|stecken|pumpen)\b")


# money spread over many: "grants of $100,000 to eighty-one projects", "an 94 Projekte"
_SPREAD_AFTER = re.compile(
    rf"(?i)^\W{{0,3}}(?:[\w-]+\s+){{0,4}}?(?:to|an|for|für|à|a|para)\s+(?:(?:more than|over|mehr als|über)\s+)?"
    rf"(?:\d+|{_NUMBER_WORD}|[a-z]+-[a-z]+)\s+(?:[\w-]+\s+)?(?:projects|projekte|startups|start-ups|companies|"
    rf"unternehmen|recipients|teams|winners|grantees|firms|entreprises|projets|empresas|proyectos)\b"
    # ... or for a class of them, told by a plural article: "20 millions d'euros pour les start-up
    # franciliennes", "para las startups andaluzas", "für die Startups der Region", "for Ohio startups"
    r"|^\W{0,3}(?:pour|para|per|for|für|voor)\s+(?:(?:les|las|los|the|die|i|gli|le|as|os|de)\s+)?"
    r"(?:(?!(?:its|their|his|her|our|sus?|ses|leurs?|seine[nm]?|ihre[nm]?|suoi|sue|seus|suas)\b)[\w-]+\s+)?"
    r"(?:start-?ups|startups|start-up(?=\s+(?-i:[a-zà-ÿ])\w*(?:es|s)\b)|jeunes pousses|empresas|entreprises|imprese|"
    r"aziende|companies|bedrijven|empresas emergentes)\b")


def spread_over_many(after: str) -> bool:
    """The amount just before `after` is spread over many recipients, even in a sentence about
    a round or grants: "awarded Phase I grants of $100,000 to eighty-one projects"."""
    return bool(_SPREAD_AFTER.match(after))


def is_aggregate(sentence: str, start: int, end: int, clause: tuple[int, int]) -> bool:
    """Whether the amount at sentence[start:end] sums up more than one company's round."""
    c_start, c_end = clause
    after = sentence[end:c_end]
    if _THRESHOLD_AFTER.match(after) or _PART_AFTER.match(after) or _PLAN_AFTER.match(after):
        return True
    if _BAR_AFTER.match(after) or _BAR_BEFORE.search(sentence, max(c_start, start - 60), start):
        return True
    # through the sieve: both patterns try every offset, and most clauses lack their words
    if sieve.search(_PERIOD_BEFORE, sentence[c_start:start]):
        return True
    return bool(sieve.search(_MARKET_CLAUSE, sentence[c_start:c_end])) or _combined_before(sentence[c_start:start])


def _combined_before(before: str) -> bool:
    """"Startups aus Bayern sammelten zusammen 900 Mio. Euro ein": the kind and "together" both
    stand before the amount (after it, "gemeinsam mit X" names a co-investor)."""
    return bool(_COMBINED_CLAUSE.search(before))
