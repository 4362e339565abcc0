"""Rounds told as an investor's move, with no amount anywhere in the sentence.

"Kestrel Ventures has invested in Vemly", "Der Frühphaseninvestor X beteiligt sich am Kölner
Insurtech Y", "Y holt X als Investor an Bord", "Y has received funding from X": the news is that
a named backer put money into a named company, and the size is not told. Such sentences carry
no money figure and often no round word, so the money- and round-driven readers never see them.

An investor's move is read only in the article's opening (headline and first sentences) and
right under a round-up item's heading (the caller decides): further down, the same verbs mostly
recall a backer's portfolio ("X, which has invested in Y and Z, ..."). `funded_companies` reads
"X and Y also secured funds" anywhere: its subject names the companies that got the money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction import sieve
from extraction.companies import ANAPHORA, _cut_np, _de_subject, _en_subject, _object_name
from extraction.grammar import Grammar
from extraction.names import is_descriptor, name_from_phrase, places, same_company, split_names, town_adjective

# Takeovers and sales are no rounds, whatever verb tells them ("takes a majority stake in",
# "übernimmt die Mehrheit an"); nor are partnerships or a backer's own fund.
_NOT_A_ROUND = re.compile(
    r"(?i)\b(?:acqui(?:re|res|red|ring|sition)|takeover|buys?|bought|merger|merges?|majority|controlling|"
    r"übernimmt|übernahm|übernommen|übernahme|kauft|kaufte|gekauft|mehrheit\w*|fusion\w*|"
    r"fund(?:s)? (?:i|ii|iii|iv|v)\b|(?:neue[nr]?|eigene[nr]?|ersten|zweiten) fonds\b|partner(?:s|ed|ship) with|"
    r"kooperation\w*)")
# what may follow the company's name: the sentence goes on with a comma, a bracket, a preposition
# or a verb particle ("in Vemly, a Lisbon-based ...", "beim Start-up Y ein"); anything else ("Nr. 1
# päppelt ...") means the name was cut from a longer phrase, often a headline run into its subtitle
_NAME_ENDS = re.compile(
    r"^(?:\s*[,;(—–]|\s*\.(?:\s+(?-i:[A-Z])|\s*$)|\s*$|\s+(?:ein|an|mit|with|for|as|to|in|at|für|um|zu|aus|from|"
    r"and|und|sowie|alongside|neben|"
    # the lexicon languages' words after the company: "entra en el capital de X con una inversión de ...",
    # "entre au capital de X avec", "investe in X con", "no capital da X com", "in X met"
    r"con|com|avec|met|para|pour|per|por|par|junto|aux côtés|ao lado|insieme|samen)\b)", re.I)
# a list of objects ("has invested in Kivo, Lumo and Tarn") is a portfolio, not this round
_LIST_AFTER = re.compile(r"^\s*(?:,\s*(?:[A-Z][\w.&-]*)|(?:and|und|sowie|&|y|e|et|en)\s+(?-i:[A-Z]))")


@dataclass
class Backing:
    company: str  # a name, or ANAPHORA ("das Start-up")
    investors: list[str]
    pos: int  # where the move is told: the verb


def _described_name(after: str) -> str | None:
    """"la startup madrileña Kivano, que ...", "het Amsterdamse Pelvo": the name closing a phrase
    that describes it, where the language puts adjectives after the noun or none at all."""
    np = _cut_np(after)
    words = np.split()
    if len(words) >= 2 and (any(is_descriptor(w) for w in words[:-1]) or words[0].lower() in _ARTICLES):
        name = name_from_phrase(np, tail=True)
        parts = name.split() if name else []
        while len(parts) > 1 and _PLACE_ADJECTIVE.sub("", parts[0].lower()) in places():
            parts = parts[1:]  # "het Amsterdamse Pelvo": the town's adjective is no part of the name
        return " ".join(parts) or None
    if words and words[0][:1].isupper():
        first = name_from_phrase(np, first=True)
        # "Amsterdamse Pelvo": the town's adjective before the name falls away
        opening = " ".join(words[1:]) if len(words) > 1 and town_adjective(words[0]) else np
        return first if first and opening.startswith(first) else None
    return None


_PLACE_ADJECTIVE = re.compile(r"(?:se|er|ische[rn]?|ese|eñ[ao]|ense|an[ao]|ais|aise|ois|oise)$")
_ARTICLES = {"het", "de", "la", "el", "il", "lo", "a", "o", "le", "l'"}


def _subject(before: str, g: Grammar) -> str | None:
    before = re.split(r"[:;—–]\s", before)[-1]  # "Investment: Lumeno erhält ...": the clause's own subject
    if g.apposition is not None:  # "Havenkat, een Rotterdamse startup die ..., heeft een ronde afgerond"
        before = g.apposition.sub(" ", before)
    return _de_subject(before) if g.code == "de" or g.verb_second else _en_subject(before)


def _backers(before: str, g: Grammar) -> list[str]:
    """The subject of an investor's move: one backer, or a list ("X und mehrere Business Angels
    investieren in Y", where the generic angels are no name)."""
    one = _subject(before, g)
    if one:
        return [one]
    clause = re.split(r"[:;—–,]\s", before)[-1]
    return split_names(clause, splitter=g.list_split) if _AND.search(clause) else []


_AND = re.compile(r"\s(?:and|und|sowie|&)\s")
_ARTICLE_END = re.compile(r"\s(?:das|den|die|dem|der)\s$")


def funded_companies(sentence: str, g: Grammar) -> list[str]:
    """"X and Y also secured funds this week": each company of the subject got an amount-less round."""
    if g.funded_subject is None:
        return []
    m = sieve.search(g.funded_subject, sentence)
    if not m or sieve.search(_NOT_A_ROUND, sentence):
        return []
    clause = re.split(r"[:;—–]\s|,\s(?=(?:and|und|but|aber)\b)", sentence[:m.start()])[-1]
    clause = re.sub(r"^\W*(?:further|also|meanwhile|in addition|zudem|außerdem|auch|ebenfalls),?\s+", "", clause, flags=re.I)
    # "Die Start-ups Kivano und Orbix": the plural kind before a list is no part of its first name
    clause = re.sub(r"(?i)^(?:die|the|beide|both)\s+(?:[\w-]+\s+)?(?:start-?ups|companies|firmen|unternehmen|fintechs|"
                    r"brands|firms)\s+", "", clause)
    if _AND.search(clause):  # "Die Start-ups Kivano und Orbix haben ebenfalls ...": each of them
        names = split_names(clause, splitter=g.list_split)
        if len(names) >= 2:
            return names
    one = _subject(clause, g)
    return [one] if one else []


# backers told by their kind, not their names: "bekommt Geld von bekannten Business Angels", "has
# received funding from a group of angel investors"
_UNNAMED_BACKERS = re.compile(
    r"(?i)\s*(?:(?:bekannten|mehreren|verschiedenen|privaten|namhaften|einigen|regionalen|several|a group of|"
    r"existing|private|local|prominent|well-known)\s+)*(?:business[- ]angels?|angel investors|investoren|investors|"
    r"geldgebern?|kapitalgebern?|family[- ]offices?|bestandsinvestoren|backers)\b")


def read_backing(sentence: str, g: Grammar, item: str | None = None) -> Backing | None:
    """The company and backers of an amount-less investment the sentence reports, or None.

    `item`: the company of a round-up item's heading ("Kivano — La start-up lyonnaise accueille à
    son capital ..."), the subject when the sentence only describes it."""
    if g.investor_moves is None and g.company_gets is None:
        return None
    if sieve.search(_NOT_A_ROUND, sentence):
        return None
    for m in sieve.finditer(g.investor_moves, sentence) if g.investor_moves is not None else ():
        backers = _backers(sentence[:m.start()], g)
        after = sentence[m.end():]
        if g.code == "de":  # the verb's particle or participle closes the company's phrase
            after = re.sub(r"\s+(?:ein|investiert|beteiligt|eingestiegen)\b.*", "", after)
        # languages that put adjectives after the noun ("la startup madrileña X") or none at all
        company = _object_name(after, g) or (_described_name(after) if g.code not in ("en", "de") else None)
        if company is None and g.code == "de" and _ARTICLE_END.search(m.group(0)):
            # "beteiligt sich ... an dem Unternehmen": the article the pattern took makes it a reference
            company = ANAPHORA if _object_name(_ARTICLE_END.search(m.group(0)).group(0).strip() + " " + after, g) \
                == ANAPHORA else None
        if not backers or not company or company == ANAPHORA and not g.orphan_cue:
            continue
        rest = after[after.find(company) + len(company):] if company != ANAPHORA else ""
        if company != ANAPHORA and not _NAME_ENDS.match(rest):
            continue
        if _LIST_AFTER.match(rest) or any(same_company(b, company) for b in backers):
            continue
        return Backing(company, backers, m.start())
    for m in sieve.finditer(g.company_gets, sentence) if g.company_gets is not None else ():
        company = _subject(sentence[:m.start()], g) or item
        if m.groupdict().get("names"):
            names = split_names(m.group("names"), splitter=g.list_split)
        else:
            names = split_names(sentence[m.end():m.end() + 300], g.list_stop, g.list_split)
        names = [n for n in names if not company or not same_company(n, company)]
        if company and (names or _UNNAMED_BACKERS.match(sentence, m.end())):
            return Backing(company, names, m.start())
    return None
