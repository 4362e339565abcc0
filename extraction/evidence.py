"""Who takes an amount when no sentence pattern says: the names of its sentence, weighed.

The grammar (`companies.find_company`) reads a round's company from the shape of its clause:
a subject before a funding verb, an object after "in", a fronted amount. Unseen phrasings
("In das Münchner Startup Voltaro fließen 6 Mio. Euro", "Auch das Insurtech Versicura freut
sich über frisches Geld: 4 Mio. Euro fließen von Btov") fit none of those shapes, yet a reader
knows at once who got the money: the one name in the sentence that the article marks as a
company and that is not among the backers.

So candidates come from every capitalised phrase of the sentence, and the choice is made by
evidence that carries from one article to the next:
- against: a backer's slot ("von X", "led by X", an investor list, "X investiert"), a fund's
  name, a name that is no plausible company name (an everyday word, a place, a person);
- for: a company descriptor right before it ("das Münchner Startup X", "the fintech X"), a
  place after it ("X aus Hamburg"), repetition in the article, the headline.
Only a single clear winner with positive evidence is taken; otherwise the amount stays
unowned, as before.
"""

from __future__ import annotations

import re

from extraction.companies import LEXICON_INVEST_VERBS
from extraction.grammar import Grammar
from extraction.investors import find_investors
from extraction.names import (
    BACKER_KIND, FUND_ENDINGS, GERMAN_LEGAL_FORM, is_descriptor, name_from_phrase, places, same_company,
    town_adjective,
)
from extraction.plausibility import UNCOMMON, check_name, zipf

_CANDIDATE = re.compile(r"(?<![\w.-])[A-ZÄÖÜ][\w.&'’-]*(?:\s(?:&\s)?[A-ZÄÖÜ0-9][\w.&'’-]*){0,3}")
# what stands right before a backer: "von X", "led by X", "Investoren: X", "Geldgeber wie X"
_BACKER_BEFORE = re.compile(
    r"(?i)(?:\b(?:von|vom|from|by|via|durch|investoren|investors?|backers?|geldgeber|kapitalgeber|lead-investor|"
    r"leadinvestor|darunter|including|wie|such as|neben|besides|alongside|sowie|as well as|und|and|"
    r"mit|with|partners?)\b|[:,])\s+(?:(?:der|die|das|dem|den|des|the|a|an|einem|einer)\s+)?(?:[\w-]+\s+){0,2}$")
# a backer as the subject: "X investiert", "X führt die Runde an", "X beteiligt sich"
_BACKER_AFTER = re.compile(
    r"(?i)^\s*(?:\([^()]{0,40}\)\s*)?(?:(?:und|and|sowie|,)\s+[^.;:]{0,60}?)?\s*(?:invest\w*|led|leads|leading|"
    r"co-led|backs|backed|führt|führte|leitet|leitete|beteiligt|beteiligen|beteiligte\w*|steigt|stieg|steigen|"
    r"stiegen|unterstützt\w*|fördert\w*|steckt\w*|pumpt\w*|stellt\w*|gibt|gab|geben|gaben|"
    r"participated|joined|contributed|provided|financed|finanziert\w*)\b")
# a fund's name, and the other backers' ("X Bank", "Y Holding", "Z Angels"): none takes a round here
_FUND_NAME = re.compile(rf"(?i)\b(?:{'|'.join(FUND_ENDINGS)}|bank|kapital|invest|holding|group|gruppe|angels?)$")
_LEGAL_AFTER = re.compile(r"[A-ZÄÖÜ][\w.&-]*(?: [A-ZÄÖÜ][\w.&-]*){0,2} " + GERMAN_LEGAL_FORM + r"\b")
_PLACE_AFTER = re.compile(r"^\s*(?:\([A-ZÄÖÜ][\w -]+\)|aus\s+[A-ZÄÖÜ]|from\s+[A-Z]|,\s*(?:a|an|ein|eine)\s)")
_MAX_SENTENCE = 600
# the channel money came through, never its taker: "a través de la plataforma Crowdcube", "via
# crowdfundingplatform X", "sur la plateforme X", "através da plataforma X", "tramite il portale X"
CHANNEL_BEFORE = re.compile(
    r"(?i)\b(?:a través de|através d[aoe]s?|por meio d[aoe]|vía|via|tramite|attraverso|sur|na|no|on|op|en|in|su|auf|über)"
    r"\s+(?:(?:la|el|a|o|le|l['’]|the|het|de|der|die|il|lo|its|su|sua|seu)\s*)?[\w-]*(?:plataforma|plateforme|"
    r"piattaforma|platform|plattform|portal|portale)\s+$")


# who tells the news at the end of its sentence: "..., Kornwerk said", "..., teilte Kornwerk mit",
# "..., indique Kornwerk", "..., informó Kornwerk", "..., ha comunicato Kornwerk", "..., maakte Kornwerk bekend"
_SAYS_AFTER = re.compile(r"^\s+(?:said|says|announced|confirmed|told\s+[\w ]{1,40}?)\s*(?:on\s+\w+\s*)?(?:in\s+a\s+[\w ]{1,30}?)?[.;]?\s*$")
_SAYS_BEFORE = re.compile(
    r"(?i),\s+(?:teilte|teilt|meldete|meldet|gab|gibt|bestätigte|bestätigt|verkündete|verkündet|"
    r"indique|précise|annonce|explique|a\s+(?:indiqué|annoncé|précisé|expliqué)|"
    r"informó|anunció|explicó|ha\s+(?:informado|anunciado|explicado)|"
    r"annuncia|comunica|fa\s+sapere|ha\s+(?:annunciato|comunicato)|anunciou|informou|comunicou|"
    r"maakte|meldt|laat)\s+(?:(?:heute|am\s+\w+|aujourd['’]hui|hoy|oggi|hoje|vandaag)\s+)?"
    # the article a name may take in the language: "informou a Kornwerk", "a indiqué la société Ferralis" is no name
    r"(?:(?:a|o|la|el|het|de)\s+)?$")
_SAYS_TAIL = re.compile(r"(?i)^(?:\s+(?:mit|bekannt|weten)\b)?[^.;]{0,50}[.;]?\s*$")


# an investment told in the clause before the teller (English and German forms, and the lexicon
# languages' investing verbs, companies.LEXICON_INVEST_VERBS)
_INVESTS = re.compile(rf"(?i)\b(?:invest\w*|{LEXICON_INVEST_VERBS}|steck(?:t|te|ten|en)|backed|backs|put|puts|pumped|mis|misé)\b")


def _announcer(sentence: str, start: int, end: int) -> bool:
    """The name tells the news, after a comma at the sentence's end: "..., Kornwerk said"."""
    if sentence[max(0, start - 2):start] == ", " and _SAYS_AFTER.match(sentence[end:]):
        return True
    return bool(_SAYS_BEFORE.search(sentence, max(0, start - 40), start)) and bool(_SAYS_TAIL.match(sentence[end:]))


def announcing_company(sentence: str, g: Grammar, body: str, head: str | None) -> str | None:
    """The company that tells a round its sentence leaves unnamed ("The $12M round was led by
    Accel, Kornwerk said", "..., teilte Kornwerk mit"): the plausible name, no backer, after the
    sentence's last comma."""
    comma = sentence.rfind(", ")
    if comma < 0 or len(sentence) > _MAX_SENTENCE or _INVESTS.search(sentence, 0, comma):
        return None  # "The firm invested $12M in the startup, Accel said": the teller is the backer
    for m in _CANDIDATE.finditer(sentence, comma + 2):
        name = name_from_phrase(m.group(0), first=True)
        if not name or _FUND_NAME.search(name):
            continue
        start = m.start() + max(0, m.group(0).find(name.split()[0]))
        if not _announcer(sentence, start, start + len(name)):
            continue
        # ("..., Accel said" of "The firm invested $12M in the startup": the backer tells of its own
        # investment; the backers are read before the comma, where a list would swallow the teller)
        if any(same_company(name, b) for mention in find_investors(sentence[:comma], g) for b in mention.names):
            return None
        return name if check_name(name, g.code, body, head).plausible else None
    return None


def _descriptor_before(sentence: str, start: int, lang: str) -> bool:
    """"das Münchner Startup X", "the Berlin fintech X", "Insurtech X": a company word right before.
    In English a capitalised word there belongs to a title ("China Venture Roundup"); German
    capitalises its nouns."""
    words = sentence[max(0, start - 40):start].split()[-1:]
    if not words or sentence[start - 1:start] != " ":
        return False
    word = words[0].strip("\"'“”„«»")
    if lang == "de" and town_adjective(word) and _LEGAL_AFTER.match(sentence, start):
        return True  # "die Berliner Kaltwerk GmbH": a town's adjective places a company with its legal form
    return is_descriptor(word) and not BACKER_KIND.search(word) and (
        lang == "de" or word[:1].islower() or "-" in word)


def _place_after(after: str) -> bool:
    """"X aus Hamburg", "X from Lagos", "X (Berlin)", "X, a ..."."""
    m = _PLACE_AFTER.match(after)
    if not m:
        return False
    paren = re.match(r"\s*\(([^()]+)\)", after)
    return paren is None or paren.group(1).lower() in places()


def named_recipient(sentence: str, pos: int, g: Grammar, body: str, head: str | None) -> str | None:
    """The one name of `sentence` that evidence marks as the company taking the amount at `pos`,
    or None when no name or more than one qualifies."""
    if len(sentence) > _MAX_SENTENCE:
        return None
    backers = None  # read when a name first gets this far: most sentences mark none of theirs
    scored: dict[str, float] = {}
    for m in _CANDIDATE.finditer(sentence):
        name = name_from_phrase(m.group(0), first=True)
        if not name or _FUND_NAME.search(name) or re.search(r"['’]\w{1,2}$", name):  # "IPO’d"
            continue
        start = m.start() + max(0, m.group(0).find(name.split()[0]))
        end = start + len(name)
        described = _descriptor_before(sentence, start, g.code)
        # the article must mark the name as a company; repetition and the headline only rank
        # (tested first, being cheap: the tests below are pure, so their order changes nothing)
        placed = _place_after(sentence[end:end + 40])
        # "Movinga: Investoren pumpen 17 Mio. in ...": a rare word before a headline's colon is its topic
        topic = start == 0 and sentence[end:end + 2] == ": " and all(zipf(t, g.code) < UNCOMMON for t in name.split())
        if not (described or placed or topic):
            continue
        if CHANNEL_BEFORE.search(sentence[max(0, start - 60):start]):
            continue
        if _BACKER_BEFORE.search(sentence[max(0, start - 60):start]) and not described:
            continue
        if _BACKER_AFTER.match(sentence[end:end + 80]):
            continue
        if backers is None:
            backers = [n for m in find_investors(sentence, g) for n in m.names]
        if any(same_company(name, b) for b in backers):
            continue
        if not check_name(name, g.code, body, head).plausible:
            continue
        score = 2.0 * described + placed + 2.0 * topic
        if body.count(name) >= 2:
            score += 1
        if head and name in head:
            score += 1
        score -= abs(start - pos) / 400  # nearer the amount, all else equal
        scored[name] = max(scored.get(name, -9.0), score)
    if not scored:
        return None
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    best, top = ranked[0]
    if (len(ranked) > 1 and ranked[1][1] > top - 1):
        return None  # no positive evidence, or a close second: no reader could tell either
    return best
