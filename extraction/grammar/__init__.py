"""Per-language grammars behind one registry (the shape of feedparser's date handlers).

A grammar is data: compiled patterns and word lists that the language-neutral
engine in `extraction.pipeline` applies. A word-based language is a data file,
`extraction/data/lexicons/<lang>.toml`, that `extraction.grammar.lexicon` turns into a
`Grammar`; a module that builds one in code and calls `register` wins over a lexicon
(English, German and French predate the lexicons). Languages with neither borrow the
English grammar, whose money and round patterns already cover many of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

Pattern = re.Pattern[str]


def rx(*parts: str) -> Pattern:
    """One case-insensitive alternation of the given pieces."""
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


@dataclass
class Grammar:
    code: str
    # a sentence must match this to report a round
    funding_cue: Pattern
    # verbs linking a subject to an amount ("X raised $5M", "X hat ... eingesammelt")
    subject_verbs: Pattern
    # verb right after a fronted amount ("30 Mio. Euro hat X ...", "... erhält X")
    fronted_verbs: Pattern
    # "$5M round in X", "28 Millionen Euro für X"
    object_link: Pattern
    # "the company", "das Startup": refers back to the article's company
    anaphora: Pattern
    # money is not a round when these come just before / after it, or anywhere in its clause
    skip_before: Pattern
    skip_after: Pattern
    skip_clause: Pattern
    valuation_before: Pattern
    cumulative: Pattern
    reported: Pattern
    in_talks: Pattern
    past: Pattern
    # investor patterns: "after" captures the names following the match, "before" the names
    # preceding it, "between" a (?P<names>) group inside the match
    lead_after: list[Pattern] = field(default_factory=list)
    lead_before: list[Pattern] = field(default_factory=list)
    lead_between: list[Pattern] = field(default_factory=list)
    investors_after: list[Pattern] = field(default_factory=list)
    investors_before: list[Pattern] = field(default_factory=list)
    investors_between: list[Pattern] = field(default_factory=list)
    list_stop: Pattern = field(default_factory=lambda: re.compile(r"[.;:!?]"))
    clause_break: Pattern = field(default_factory=lambda: re.compile(r"[;:—–]|, (?:while|but|whereas)\b"))
    # verbs of getting money ("raised", "erhält", "lève"): their subject is the company even when
    # a "for/für/pour" phrase follows the amount
    receive_verbs: Pattern | None = None
    # the company named by its kind after the amount, as the object of an investor's verb: "invierte 3
    # millones en la startup de Sevilla", "ha investito 2 milioni nella startup milanese", "a investi 2
    # millions dans la start-up lyonnaise": it refers back to the article's company
    object_anaphora: Pattern | None = None
    # a cleft after the amount, up to the company's name: "5 millions d'euros : c'est le montant que vient
    # de lever Tavora", "$5 million: that is how much Tavora has raised" (the name follows, or its verb)
    cleft: Pattern | None = None
    # a backer's bet: the verb right before the amount ("Brightfield Partners bets $12M on Sillon",
    # "mise 12 M€ sur", "apuesta 20 millones por", "setzt 12 Mio. Euro auf") and the word after the
    # amount that names the company the money goes to
    bet_before: Pattern | None = None
    bet_after: Pattern | None = None
    # languages without spaces read their sentences themselves: custom(body, title) -> events
    custom: Callable[[str, str | None], list] | None = None
    # --- read by the lexicon grammars (extraction/data/lexicons); None keeps the engine as it was ---
    # words that open a sentence or clause and never begin a name ("Así,", "Esta semana", "Zo",
    # "Nesta semana,"): a verb-second language's subject reader skips them (companies.find_company)
    openers: Pattern | None = None
    # a round told without a company's name ("In der aktuellen Finanzierungsrunde kamen 65 Mio.
    # zusammen", "X steigt mit 170.000 Euro ein"): such a round, and "das Start-up", belong to the
    # article's sure subject (pipeline); None where that did not hold up (English)
    orphan_cue: Pattern | None = None
    # the language's words for a lead or a participant ("liderada por", "guidato da", "onder leiding
    # van", "inversores"): a sentence with one may name investors, beside pipeline._INVESTOR_CUE's
    # English, German and French words
    investor_cue: Pattern | None = None
    # the language's words for a round ("ronda", "rodada", "investeringsronde"): the words that may
    # describe a company after "em"/"in" ("em uma rodada Série A" names no company)
    round_nouns: Pattern | None = None
    # words for a round whose amount is not told ("importe no revelado", "montant non communiqué"),
    # beside unsized._UNDISCLOSED's English and German ones
    undisclosed: Pattern | None = None
    # what separates the items of a list of names, where the language has its own "and" ("Kaszek e
    # Itaú", "Seaya y Kibo", "Peak en Endeit"); None: the English, German and French separators
    list_split: Pattern | None = None
    # an apposition between a subject and its verb (", fondée en 2019,", ", fundada em 2019,"): the
    # subject reader reads the sentence without it
    apposition: Pattern | None = None
    # a comma segment that is a relative clause or an apposition, never the subject ("que ...",
    # "aplicação para ..."); None: the English one (companies._RELATIVE), which takes every segment
    # opening with a lowercase word for one, as "a startup Oscar" in Portuguese is not
    relative: Pattern | None = None
    # a round's owner named between its noun and its amount ("la ronda de la marca X de 1 millón",
    # "a rodada da X de R$ 5 milhões", "de financieringsronde van X van 4 miljoen"): a (?P<np>)
    # group ending right before the amount, beside companies._GENITIVE's English and German
    genitive: Pattern | None = None
    # the language's approximations right before an amount ("omgerekend", "ruim", "cerca de"): in a
    # gapped clause ("... en platform X omgerekend 678 miljoen euro") they are no part of the name
    approx: Pattern | None = None
    # a passive after the amount names the company ("7,3 milioni di euro deliberato a fine aprile da
    # X", "5 millones recaudados este mes por X"): a (?P<np>) group, beside companies._RAISED_BY_AFTER
    passive_by: Pattern | None = None
    # the articles a company's name may open a sentence with ("A Nanoplex produz ...", "O Nubank
    # anunciou", "La Vendimia"): the name after one is the sentence's subject, a mention of the
    # company; None where a sentence's capitalised article is no part of a company's mention
    name_articles: Pattern | None = None
    # verb-second word order (Dutch, like German): after an opening adverb or a fronted amount the
    # subject follows the verb ("Zo haalde Mollie 665 miljoen op"); companies.find_company reads
    # such sentences with its German branch
    verb_second: bool = False
    # a subject the language leaves out when it is known ("Cierra 1,3 millones con X", "Ha raccolto 2
    # milioni"): a sentence that opens on its funding verb refers back (companies.find_company)
    pro_drop: bool = False
    # a round that did not happen: "hatte vergeblich versucht, 5 Mio. Euro aufzutreiben", "die
    # geplante Runde kam nicht zustande": an amount in such a clause is no round, round noun or not
    failed: Pattern | None = None
    # subject verbs that tell a round only beside a round's word ("anunció un préstamo de 2 millones",
    # not "anunció la venta de su división por 60 millones"): funding.weak_verbs, left out of funding_cue
    weak_verbs: Pattern | None = None
    # the language's fronted "with the money in its pocket" phrase (funding.pocket): "Con 12 millones
    # en el bolsillo, la healthtech X ...": fronted_verbs reads the subject after it
    reads_fronted: bool = False
    # an investor's move told with no amount (extraction.backing): the match ends where the company
    # begins, its subject is the backer ("X has invested in Y", "X beteiligt sich am Start-up Y")
    investor_moves: Pattern | None = None
    # the company's side of it: the subject is the company, the backers follow the match or stand
    # in its (?P<names>) group ("Y has received funding from X", "Y holt X als Investor an Bord")
    company_gets: Pattern | None = None
    # a list of companies that got money, named after this match ("Recipients include", "Zu den
    # geförderten Start-ups gehören"; a (?P<lead>) group may hold the list's first name), read by
    # extraction.recipients where `recipients_context` (funding, grants) holds nearby
    # "X and Y also secured funds this week": an amount-less round of each company in the subject
    funded_subject: Pattern | None = None
    recipients_intro: Pattern | None = None
    recipients_context: Pattern | None = None
    # a cumulative total told right after the amount ("R$ 60 milhões desde a fundação", "30 millions
    # d'euros depuis sa création"): a few words may stand between (see companies._CUMULATIVE_AFTER)
    cumulative_after: Pattern | None = None
    # a verb of saying and its "that" ("recordó que", "a rappelé que", "ha detto che", "disse que"):
    # a clause after it with a subject of its own ("..., recordó que los premiados han captado 60
    # millones") is not about the speaker; with its subject left out ("X anunció que ha cerrado")
    # it is (companies.find_company)
    reported_speech: Pattern | None = None


_REGISTRY: dict[str, Grammar] = {}
_MODULES = {"en": "extraction.grammar.en", "de": "extraction.grammar.de", "fr": "extraction.grammar.fr",
            "zh": "extraction.grammar.zh"}


def register(grammar: Grammar) -> Grammar:
    _REGISTRY[grammar.code] = grammar
    return grammar


def get_grammar(lang: str | None) -> Grammar:
    """The grammar for `lang`; English for languages without their own module."""
    code = (lang or "en").lower()[:2]
    if code in _REGISTRY:
        return _REGISTRY[code]
    if code in _MODULES:
        import_module(_MODULES[code])
        return _REGISTRY[code]
    from extraction.grammar import lexicon

    if lexicon.enabled(code):
        return register(lexicon.build_grammar(code))
    return get_grammar("en")


def languages() -> list[str]:
    from extraction.grammar import lexicon

    return sorted(set(_MODULES) | {code for code in lexicon.available() if lexicon.enabled(code)})
