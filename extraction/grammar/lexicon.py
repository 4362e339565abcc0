"""Grammars built from data: one TOML lexicon per language (extraction/data/lexicons/<lang>.toml).

A lexicon lists the words of a language's funding news (verbs, round and lead cues,
negative contexts, ...); `build_grammar` turns the lists into the patterns of a
`Grammar` with the same pattern shapes for every language, so adding a
word-based language is adding a data file and its fixtures, not a code path.

Every entry is a regular-expression fragment matched case-insensitively; most are
plain words. Each key is documented in `es.toml`, the reference lexicon. The same files
also carry each language's round names and money words: `extraction.rounds` and
`extraction.money` read them through `round_patterns` and `money_words`.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from extraction.grammar import Grammar, rx
from extraction.names import _SPLIT_LIST

_NEVER = r"(?!x)x"  # a pattern that matches nothing, for an empty list


# where a company's phrase named by its kind ends: its town or owner ("de Sevilla"), a relative
# clause ("que desarrolla ..."), a companion ("con", "y") or a purpose ("para", "per")
_OBJECT_NP_ENDS = (r"(?:de|di|da|do|del|della|dello|dal|van|uit|que|che|qui|die|dat|con|com|met|y|e|en|et|in|para|per|"
                   r"pour|voor|om|fundad[ao]|fondat[ao])")


def _alt(words: list[str]) -> str:
    """One group of alternatives, longest first so that "levantó" wins over "leva"."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(words) + ")" if words else _NEVER


@lru_cache(maxsize=None)
def available() -> tuple[str, ...]:
    """Language codes with a lexicon file."""
    folder = resources.files("extraction").joinpath("data/lexicons")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


def enabled(code: str) -> bool:
    """Whether the registry should use the lexicon of `code` (a lexicon may ship switched off)."""
    return code in available() and load(code).get("enabled", True)


@lru_cache(maxsize=None)
def load(code: str) -> dict:
    """The lexicon of `code` as a dict (empty when there is none)."""
    if code not in available():
        return {}
    path = resources.files("extraction").joinpath(f"data/lexicons/{code}.toml")
    return tomllib.loads(path.read_text("utf-8"))


def _get(lex: dict, dotted: str) -> list[str]:
    node: object = lex
    for part in dotted.split("."):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return list(node) if isinstance(node, list) else []


def _not_after(words: list[str]) -> str:
    """Negative look-behinds for a verb right after one of `words`.

    Dutch is verb-second: after an opening adverb the verb comes before its subject ("Zo haalde
    Mollie ..."), which the shared subject reader does not follow; such a verb is better not read
    as a subject's verb at all than read with the adverb as the company. Look-behinds need a
    fixed width, so each word is a literal."""
    return "".join(rf"(?<!\b{re.escape(word)}\s)" for word in words)


def build_grammar(code: str) -> Grammar:
    """The `Grammar` of a word-based language from its lexicon."""
    lex = load(code)
    if not lex:
        raise KeyError(f"no lexicon for {code!r}")
    if lex.get("reader") == "cjk":
        return _cjk_grammar(code)
    w = lambda key: _get(lex, key)  # noqa: E731 - a short reader for the lists below
    verbs = w("funding.subject_verbs")
    receive = w("funding.receive_verbs") or verbs
    aux = _alt(w("funding.auxiliaries"))
    adverbs = _alt(w("funding.adverbs"))
    articles = _alt(w("investors.articles"))
    scales = _alt([re.escape(k) for k in lex.get("money", {}).get("scales", {})]
                  + [r"mil\w*", r"milh\w*", r"miljo\w*", r"miljard\w*", r"miliard\w*", "mln", "mld", "M€", "M"])
    investor_words = [word for key in ("lead_after", "lead_before", "participants_after",
                                       "participants_before", "cues") for word in w(f"investors.{key}")]
    round_nouns = _alt(w("funding.round_nouns"))
    return Grammar(
        code=code,
        # (a weak verb links a subject to its amount but tells no round by itself: "anunció la venta
        # de la división por 60 millones", "completó la construcción de una planta de 60 millones")
        funding_cue=rx(rf"\b{_alt(w('funding.cues') + [v for v in verbs + receive if v not in w('funding.weak_verbs')] + w('funding.passive') + w('funding.pocket'))}\b"),
        # a comma right before the verb belongs to it, so that "Nesta semana, anunciou ..." leaves
        # "Nesta semana" as the text before the verb: an opener, read as a dropped subject below
        subject_verbs=rx(rf"(?:,\s*)?\b{_not_after(w('funding.inverting_openers'))}(?:{aux}\s)?(?:{adverbs}\s)?{_alt(verbs)}\b"),
        # a verb-second language puts the verb right after a fronted amount and the subject after it
        # ("Met bijna 60 miljoen euro harkte biotechbedrijf Tagworks ... binnen")
        # ("Con 12 millones en el bolsillo, la healthtech X se prepara", "Met 11 miljoen op zak wil X")
        # ... and a Romance language may invert after a fronted amount ("5 millones de euros ha captado X
        # de la mano de Y"): the lexicon's `fronted` verbs, the subject after them
        fronted_verbs=rx(*([rf"^\s*{_alt(verbs)}\s"] if lex.get("verb_second") else [])
                         + ([rf"^\s*{_alt(w('funding.pocket'))}\s*(?:,\s*|\s+[\w-]+\s+)"] if w("funding.pocket") else [])
                         + ([rf"^\s*{_alt(w('funding.fronted'))}\s+"] if w("funding.fronted") else [])
                         ) if lex.get("verb_second") or w("funding.pocket") or w("funding.fronted") else re.compile(_NEVER),
        # "1 bilhão de dólares no aplicativo de entregas Rappi", "em outra empresa de entregas, a
        # Loggi": a few lowercase words may describe the company between the preposition and its name
        object_link=rx(
            rf"^\s*(?:\([^)]{{0,60}}\)\s*)?{_alt(w('funding.object_links'))}\s(?-i:(?=[A-ZÀ-Ý]))",
            rf"^\s*(?:\([^)]{{0,60}}\)\s*)?{_alt(w('funding.object_links_described'))}\s"
            # ... nor a relative clause: "en la que han participado X" names the backers
            r"(?!(?:(?:la|el|los|las|lo|o|a|os|as|il|le|i|gli)\s+)?(?:que|qual|quale|quali|cual|cuales|cui|waarin|waarbij)\b)"
            # ... nor the subject's own things: "invierte 3 millones en su nueva fábrica de Valencia"
            r"(?!(?:(?:il|la|i|le|o|a|os|as)\s+)?(?:su|sus|seu|sua|seus|suas|suo|suoi|sue|zijn|haar|hun|nuestra|nuestro)\b)"
            # ... but never a round's own words: "em uma rodada Série A" names no company, nor does
            # "em equity crowdfunding na plataforma Seedrs" (the channel of the subject's round)
            rf"(?:(?!{round_nouns}\b|crowdfunding\b)(?-i:[a-zà-ÿ][\w-]*)\s){{0,5}}?(?:(?-i:[a-zà-ÿ][\w-]*),\s{articles}\s)?"
            # "nel nuovo stabilimento di Torino": a name after "di"/"de" completes a noun (a place, an
            # owner); the described company follows its description directly
            r"(?<!\sdi\s)(?<!\sde\s)(?<!\sda\s)(?<!\sdo\s)(?<!\sdel\s)(?<!\sdella\s)(?<!\sdo\s)(?-i:(?=[A-ZÀ-Ý]))"),
        object_anaphora=rx(
            rf"^\s*(?:\([^)]{{0,60}}\)\s*)?{_alt(w('funding.object_links_described'))}\s"
            rf"(?:{_alt(w('anaphora.determiners'))}\s?)?(?:[\w-]+\s){{0,2}}?{_alt(w('anaphora.nouns'))}"
            # "nella startup milanese", "na startup paulista": Romance adjectives follow the noun, up to
            # the phrase's end or the words that go on about the company ("de Sevilla", "que ...")
            rf"(?:\s(?!{_OBJECT_NP_ENDS}\b)(?-i:[a-zà-ÿ][\w-]*)){{0,2}}(?=\s*(?:[,.;:)]|$)|\s{_OBJECT_NP_ENDS}\b)",
        ) if w("funding.object_links_described") and w("anaphora.nouns") else None,
        anaphora=rx(
            # "De onderneming met vestiging in Eindhoven haalde ...": a place after the noun is no name
            rf"\b{_alt(w('anaphora.determiners'))}\s?(?:[\w-]+\s){{0,3}}?{_alt(w('anaphora.nouns'))}"
            # "la empresa madrileña", "a empresa de origem portuguesa": Romance adjectives follow the noun
            r"(?:\s(?:de\s(?:origem|origen|origine)\s)?(?!(?:que|qui|che|cui|die|dat|y|e|en|et|o|ou)\b)(?-i:[a-zà-ÿ][\w-]*)){0,2}"
            rf"(?:\s{_alt(w('anaphora.places'))}\s(?:[\w-]+\s){{0,2}}?[\w-]+)?\s*$",
            rf"^{_alt(w('anaphora.pronouns'))}$",
            # Spanish, Portuguese and Italian drop the subject pronoun: "Solo en agosto captó ...",
            # "Nesta semana, anunciou ...". A clause that opens with an adverb or preposition and
            # names nobody before the verb has the article's company as its subject.
            rf"^\W*{_alt(w('anaphora.openers'))}\b(?-i:[^A-ZÀ-Ý]*)$",
        ),
        skip_before=rx(rf"\b{_alt(w('negatives.before'))}\W+(?:\w+\W+){{0,3}}$"),
        skip_after=rx(rf"^\W{{0,3}}(?:\w+[- ]){{0,3}}?{_alt(w('negatives.after'))}\b"),
        skip_clause=rx(rf"\b{_alt(w('negatives.clause'))}\b"),
        valuation_before=rx(rf"\b{_alt(w('negatives.valuation'))}\W+(?:\w+\W+){{0,5}}$"),
        cumulative=rx(rf"\b{_alt(w('negatives.cumulative'))}\b"),
        failed=rx(rf"\b{_alt(w('negatives.failed'))}\b") if w("negatives.failed") else None,
        weak_verbs=rx(rf"\b{_alt(w('funding.weak_verbs'))}\b") if w("funding.weak_verbs") else None,
        bet_before=rx(rf"\b{_alt(w('funding.bet_verbs'))}\s+$") if w("funding.bet_verbs") else None,
        bet_after=rx(rf"^\s+{_alt(w('funding.bet_links'))}\s+(?:{_alt(w('anaphora.determiners'))}\s+)?"
                     r"(?:(?-i:[a-zà-ÿ][\w-]*)\s+){0,3}?(?=(?-i:[A-ZÀ-Ý]))") if w("funding.bet_links") else None,
        reported=rx(rf"\b{_alt(w('status.reported'))}\b"),
        in_talks=rx(rf"\b{_alt(w('status.in_talks'))}\b"),
        past=rx(rf"\b{_alt(w('status.past'))}\b"),
        lead_after=[rx(rf"\b{_alt(w('investors.lead_after'))}\s+(?:{articles}\s)?")],
        lead_before=[rx(rf"\s{_alt(w('investors.lead_before'))}\b")],
        investors_after=[rx(rf"\b{_alt(w('investors.participants_after'))}\s+(?:{articles}\s)?")],
        investors_before=[rx(rf"\s{_alt(w('investors.participants_before'))}\b")],
        list_stop=rx(
            rf"[.;:!?$€£]|\s\d+(?:[.,]\d+)?\s?{scales}\b|\s{_alt(w('investors.list_stop'))}\b|"
            rf",\s{_alt(w('investors.list_stop_after_comma'))}\b"
        ),
        clause_break=rx(rf"[;:—–]|, {_alt(w('clauses.break_after_comma'))}\b"),
        reported_speech=rx(rf"\b{_alt(w('clauses.reported_speech'))}\s+") if w("clauses.reported_speech") else None,
        receive_verbs=rx(rf"\b{_alt(receive)}\b"),
        openers=rx(rf"^\W*{_alt(w('anaphora.openers'))}\b[\s,]*") if w("anaphora.openers") else None,
        investor_cue=rx(rf"\b{_alt(investor_words)}"),
        round_nouns=rx(rf"\b{round_nouns}\b") if w("funding.round_nouns") else None,
        undisclosed=rx(rf"\b{_alt(w('funding.undisclosed'))}") if w("funding.undisclosed") else None,
        list_split=re.compile(rf"{_SPLIT_LIST.pattern}|\s*,?\s+{_alt(w('investors.and'))}\s+")
        if w("investors.and") else None,
        # a segment opening with a relative word, or with a lowercase word and naming nobody
        relative=rx(rf"^{_alt(w('investors.list_stop_after_comma'))}\b", r"^(?-i:[a-zà-ÿ])(?!.*(?-i:[A-ZÀ-Ý]))"),
        apposition=rx(rf",\s*{_alt(w('anaphora.appositions'))}\b[^,;:]{{0,120}}(?:,\s*)?$")
        if w("anaphora.appositions") else None,
        verb_second=bool(lex.get("verb_second", False)),
        pro_drop=bool(lex.get("pro_drop", False)),
        # case-sensitive: "A Nanoplex", never "a empresa"
        name_articles=re.compile(rf"^(?:{_alt(w('anaphora.name_articles'))})\s+(?=[A-ZÀ-Ý])")
        if w("anaphora.name_articles") else None,
        reads_fronted=bool(w("funding.pocket") or w("funding.fronted")),
        # "la primera ronda de la marca de zapatillas X de un millón": never a round's own words
        # ("una ronda de financiación de", "ronda de Serie A de") in the owner's place
        genitive=rx(rf"\b{round_nouns}\s+{_alt(w('funding.round_owner'))}\s+(?!{_alt(w('funding.cues'))}\b)"
                    rf"(?P<np>[^,.;:()]{{2,60}}?),?\s+{_alt(w('funding.round_amount'))}\s+"
                    rf"(?:{_alt(w('funding.approx'))}\s+)?$")
        if w("funding.round_owner") and w("funding.round_amount") else None,
        # a few words (a date) may stand between the participle and its agent
        passive_by=rx(rf"^\s*(?:[\w-]+\s)?{_alt(w('funding.passive'))}(?:\s[\w'’-]+){{0,4}}?\s{_alt(w('funding.passive_agent'))}"
                      rf"\s+(?-i:(?P<np>(?:{articles}\s)?[^,;.]{{2,80}}))")
        if w("funding.passive") and w("funding.passive_agent") else None,
        approx=rx(rf"\s{_alt(w('funding.approx'))}\s*$") if w("funding.approx") else None,
        # "Após receber um aporte de R$ 40 milhões, a empresa ...": a round told without its company's
        # name is the article's sure subject's (see Grammar.orphan_cue)
        orphan_cue=rx(rf"\b{_alt(w('anaphora.orphan_cues'))}\b") if w("anaphora.orphan_cues") else None,
        # amount-less rounds told as a move (extraction.backing) and lists of funded companies
        # (extraction.recipients): see es.toml's [backing] and [recipients]
        investor_moves=rx(rf"\b{_alt(w('backing.investor_moves'))}") if w("backing.investor_moves") else None,
        company_gets=rx(rf"\b{_alt(w('backing.company_gets'))}\s") if w("backing.company_gets") else None,
        funded_subject=rx(rf"\s{_alt(w('backing.funded_subject'))}\b") if w("backing.funded_subject") else None,
        recipients_intro=rx(rf"\b{_alt(w('recipients.intro'))}\s+") if w("recipients.intro") else None,
        recipients_context=rx(rf"\b{_alt(w('recipients.context'))}\b") if w("recipients.context") else None,
        cumulative_after=rx(rf"^\W{{0,3}}(?:[\w-]+\W+){{0,4}}?{_alt(w('negatives.cumulative_after'))}\b")
        if w("negatives.cumulative_after") else None,
    )


def _cjk_grammar(code: str) -> Grammar:
    """Chinese, Japanese and Korean: the English grammar with the CJK reader as its custom
    reader (the word patterns are never used, the reader reads every sentence itself)."""
    from dataclasses import replace
    from functools import partial

    from extraction.grammar import get_grammar, register
    from extraction.grammar.cjk import extract

    return register(replace(get_grammar("en"), code=code, custom=partial(extract, code)))


def round_patterns() -> list[tuple[str, str]]:
    """(pattern, round) pairs of every lexicon's `[rounds]` table, for `extraction.rounds`.

    Round names are specific enough ("ronda semilla", "rodada seed", "investeringsronde") to be
    looked for in any text, which keeps `find_rounds` independent of the article's language.
    """
    out: list[tuple[str, str]] = []
    for code in available():
        lex = load(code)
        if lex.get("reader") == "cjk":
            continue  # CJK round names are read by the CJK reader
        for kind, patterns in lex.get("rounds", {}).items():
            out += [(p, kind) for p in patterns]
    return out


def money_words(code: str | None) -> dict:
    """The `[money]` table of a lexicon: scale words with values, currency words with ISO codes."""
    return load(code).get("money", {}) if code else {}
