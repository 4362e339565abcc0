"""Where an article names a company it may refer back to: the mentions that "das Startup",
"the company" or a round told without a name can mean.

A sentence introduces a company by opening with it as its subject, by a descriptor before it
("Startup X", "the fintech X"), by a founder's or CEO's title ("founder of X"), by announcing
("Wie X mitteilte"), by a name before a colon ("Investoren glauben an X: Das Start-up ..."),
or by money for it ("Frisches Geld für X"). A backer before its investing verb is no such
mention ("X und Y investieren ... in das Startup").
"""

from __future__ import annotations

import re

from extraction import sieve
from extraction.companies import _DE_TIME, _INVESTOR_VERB, _LEAD_IN, _PREP_START, LEXICON_INVEST_VERBS
from extraction.names import DEMONYM, GERMAN_LEGAL_FORM, is_descriptor, name_from_phrase, places
from extraction.grammar import get_grammar
from extraction.plausibility import LEADER_TITLES, UNCOMMON, zipf


_MENTION = re.compile(
    r"(?i:startup|start-up|unternehmen|company|firm|platform|plattform|app|anbieter|fintech|"
    r"biotech|spezialist|entwickler|hersteller|lieferant|maker|provider|developer|firma|société|"
    r"entreprise|jeune pousse)(?:\s(?!(?:seine|ihre|sein|ihr|its|their|der|die|das|den|dem|des|the|and|und|et|de|du|da|do|di|em|en|in|aus|from|of|uit|van|von|à|a)\b)[a-zéèêàç]+)?"
    r"\s+(?P<name>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,2})")


MONEY_FOR = re.compile(
    # ... or a round's name: "Series-B-Runde für Planted", "„Pre-Serie B“ für Planted"
    r"(?i:geld|kapital|finanzierung|investment|millionen|finanzspritze|kapitalspritze|geldregen|[\w-]*runde|"
    r"(?:pre-)?seri(?:e|es)[\s-][a-k]\+?|seed)[\"“”„]?\s+"
    r"(?:[a-zäöü]+\s+){0,3}?für\s+(?:(?:das|den|die|der)\s+)?(?:[\w-]+\s+)?"
    r"(?P<name>[A-ZÄÖÜ][\w.&-]*(?:\s[A-ZÄÖÜ][\w.&-]*){0,2})")


# the word between a title and its company: "founder of", "fundador de", "fondatore di", "fundador da",
# "oprichter van" (every lexicon language's, so that "L'azienda" after "Il fondatore di X" finds X)
_ROLE_OF_PREP = r"(?:of|at|von|bei|de|du|del|di|della|dello|da|do|van)"


# "Matt Jones, founder of Orbix, said the company ...": the person's company is a mention;
# "Wie Quantaro am Dienstag mitteilte, konnte das Startup ...": so is whoever announces
_ROLE_OF = re.compile(
    rf"(?i:{LEADER_TITLES})\s+{_ROLE_OF_PREP}\s+"
    r"(?P<name>[A-ZÄÖÜ][\w.&-]*(?:\s[A-ZÄÖÜ][\w.&-]*){0,2})"
    r"|^(?:Wie|Nach Angaben von)\s+(?P<announcer>[A-ZÄÖÜ][\w.&-]*(?:\s[A-ZÄÖÜ][\w.&-]*){0,2})\s+"
    r"(?:\w+\s+){0,3}?(?:mitteilte|bekanntgab|bekannt gab|meldete|verkündete|mitteilt|bekannt gibt)"
    # "Investoren glauben an Mavrik: Das Leipziger Start-up erhält ...": the name before the colon
    # ("Zum Beispiel X: Das Start-up ...": the example's lead-in is no part of the name)
    r"|(?:(?i:zum beispiel|beispielsweise|etwa|so auch|auch|for example|for instance)\s+)?"
    r"(?P<colon>[A-ZÄÖÜ][\w.&-]*(?:\s[A-ZÄÖÜ][\w.&-]*){0,2}):\s+(?=(?:Das|Die|Der|The)\s)")


# what each branch of _ROLE_OF needs: a title before "of"/"von"/..., a "Wie"/"Nach Angaben von"
# opening, a colon before "Das", "Die", "Der" or "The". `re` tries the pattern's case-insensitive
# titles and its capitalised names at every offset; few sentences hold any of these, and the rest
# go unsearched (most colons, "Foto: ...", "Berlin: ...", stand before no such article)
_ROLE_TITLE = re.compile(rf"(?i:{LEADER_TITLES})\s+{_ROLE_OF_PREP}\s+")
_COLON_BEFORE_ARTICLE = re.compile(r":\s+(?:Das|Die|Der|The)\s")


# the company before its leader's title: "Zelva's CEO", "Zelva's co-founder", and the German
# compound "Zelva-Chefin", "Zelva-Gründer": a mention "the company" may refer back to
_LEADER_OF_NAME = re.compile(
    r"(?P<name>[A-Z][\w.&]*(?:\s[A-Z][\w.&]*){0,2})(?:['’]s\s+|-)"
    r"(?i:(?:co-?)?founder|ceo|chief executive|president|(?:mit)?gründer(?:in)?|chef(?:in)?|geschäftsführer(?:in)?)\b")


def _role_start(sentence: str) -> int:
    """Where a match of _ROLE_OF may start at the earliest, -1 where none can. A title's match
    starts with one of _ROLE_TITLE, placed by the sieve: `re` need not try the titles at every
    offset before it (the opening and colon branches may start anywhere)."""
    if (":" in sentence and _COLON_BEFORE_ARTICLE.search(sentence) is not None) \
            or sentence.startswith(("Wie", "Nach Angaben von")):
        return 0
    return sieve.first_start(_ROLE_TITLE, sentence)


_COMMON_START = re.compile(
    r"(?i)existing|leading|following|according|including|recently|currently|previously|other|new|previous|current|several|many|some|most|all|both|each|"
    r"investors?|existing|former|earlier|later|today|yesterday|however|meanwhile|overall|"
    r"bestehende|neue|weitere|viele|alle|beide|investoren|heute|gestern|zudem|dennoch|laut|"
    r"we|i|you|he|she|they|our|my|your|this|that|these|those|there|here|what|when|why|how")  # "We make that visible."


_FUNCTION_WORD = 5.5  # wordfreq's zipf of "quand", "cette", "when": far above any company's name (Apple 4.9)
_WHO = re.compile(r"\s*,\s+(?:who|whose|der|die|qui)\s")
_NON_WORD_RUN = re.compile(r"\W*")


def _opening_ends(head: str, name: str) -> list[int]:
    """Where `name` ends when `head` opens with it, after nothing but non-word characters: what
    `_NON_WORD_RUN` followed by the escaped name would reach, without compiling a pattern per name
    (each new name evicted the shared `re` cache and cost a compile)."""
    lead = _NON_WORD_RUN.match(head).end()
    return [k + len(name) for k in range(lead + 1) if head.startswith(name, k)]


# (a byline's preposition opens no subject either: "Door Sanne de Vries · 13 februari", "Por Nuria Sancho")
_ARTICLE_START = re.compile(r"(?i)(?:der|die|das|the|a|an|ein|eine|with|for|from|after|by|on|at|it|its|le|la|les|"
                            r"un|une|l['’]|door|por|par)\b")
_QUOTE_START = re.compile(r"[\"“”„«»]")


# German names a company with its article and legal form: "Die Kaltwerk GmbH", "Leoben – Die X GmbH"
_ARTICLE_LEGAL = re.compile(r"(?:^|[–—]\s)(?:Die|Der|Das)\s+(?P<name>[A-ZÄÖÜ][\w.&-]*(?:\s[A-ZÄÖÜ][\w.&-]*){0,3}\s"
                            + GERMAN_LEGAL_FORM + r")\b")


# "Angeführt werde die Runde von X", "Beteiligt haben sich Y und Z": a fronted participle opens the sentence
_FRONTED_PARTICIPLE = re.compile(r"(?i)(?:angeführt|geleitet|investiert|beteiligt|unterstützt|begleitet|finanziert)\s")
_TITLE_INSIDE = re.compile(r"\s(?:CEO|CTO|CFO|COO|CSO|Co-?[Ff]ounder|Founder|Chief|President|Chair(?:man|woman)?)\s"
                           r"(?-i:[A-Z])")


# "09:40 Uhr: Plantbase streicht 40 Stellen", "06:10 – Salzkorn: ...": a ticker's or a podcast's
# item opens with its time stamp; the subject follows it
_TIME_STAMP = re.compile(r"(?i)^(?:(?:gestern|heute),?\s+)?\d{1,2}[:.]\d{2}(?:\s?uhr)?\s*[:–—-]\s*")


# a sentence adverb and its comma before the subject: "Separately, Kelvio announced ..."
_ADVERB_COMMA = re.compile(r"(?i)^(?:separately|elsewhere|meanwhile|additionally|in addition|in other news|similarly|"
                           r"likewise|also|further|furthermore|moreover|besides|however|still|now),\s+")


def _without_name_article(head: str, lang: str | None) -> tuple[str, bool]:
    """The sentence's opening without the article a company's name may take in the language ("A
    Nanoplex produz grafeno", "O Nubank anunciou"), and whether one was taken off."""
    articles = get_grammar(lang).name_articles if lang else None
    found = articles.match(head) if articles is not None else None
    return (head[found.end():], True) if found else (head, False)


def company_mentions(sentence: str, text: str, lang: str | None = None) -> list[tuple[int, str]]:
    """Names the sentence introduces as companies: its opening subject, "Startup X"."""
    out = []
    head = _LEAD_IN.sub("", _ADVERB_COMMA.sub("", _TIME_STAMP.sub("", sentence[:80].strip())))
    head, rare_only = _without_name_article(head, lang)
    if not _ARTICLE_START.match(head) \
            and not _PREP_START.match(head) and not _DE_TIME.match(head) and not _FRONTED_PARTICIPLE.match(head) and not _QUOTE_START.match(head):  # a quote names no subject
        name = name_from_phrase(head, first=True)
        # "Tidewater Bio CEO Marguerite LeBlanc told ...": the company ends where the person's title starts
        title = _TITLE_INSIDE.search(name) if name else None
        name = name[:title.start()] if title else name
        if name and _LEADER_OF_NAME.match(head):
            name = None  # "Zelva-Chefin Maria Costa sagt ...": a person opens it; the company is read below
        # "Musk, who launched xAI in 2023, ...": a "who" clause makes the subject a person
        who = name and any(_WHO.match(head, end) for end in _opening_ends(head, name))
        # "Quand un polytechnicien ...", "Cette transaction ...": a very common word opens the sentence
        function_word = bool(name) and lang is not None and " " not in name and zipf(name, lang) >= _FUNCTION_WORD
        # "Ruim 900 investeerders ...", "Más de 500 clientes ...": a count opens the sentence, not a name
        # ... or "Rund 600.000 Menschen nutzen die App": a number before a noun
        count = bool(name) and " " in name and any(re.fullmatch(r"\d[\d.,']*", w) for w in name.split()[::len(name.split()) - 1])
        # after an article ("A Nanoplex", never "A Empresa", "O Governo Federal") a name opens with a
        # rare word; the words after it may be common ones, as startups' names end ("A Orvanta Labs")
        common_after_article = rare_only and bool(name) and zipf(name.split()[0], lang) >= UNCOMMON
        if name and not who and _opening_ends(head, name.split()[0]) and not _COMMON_START.fullmatch(name) \
                and not function_word and not count and not common_after_article:
            out.append((0, name))
    legal = _ARTICLE_LEGAL.search(sentence[:120])
    if legal:  # "Die Kesselgas Technik GmbH, ein Spin-off ...", also after a town's dateline
        out.append((legal.start("name"), legal.group("name")))
    for m in sieve.finditer(_MENTION, sentence):
        name = name_from_phrase(m.group("name"), first=True)
        strong = m.group(0).lower().startswith(("startup", "start-up", "fintech", "biotech", "company"))
        if name and (strong or text.count(name) >= 2):
            out.append((m.start("name"), name))
    role_start = _role_start(sentence)
    for m in _ROLE_OF.finditer(sentence, role_start) if role_start >= 0 else ():
        group = next(k for k in ("name", "announcer", "colon") if m.group(k))
        name = name_from_phrase(m.group(group), first=True)
        if name:
            out.append((m.start(group), name))
    for m in sieve.finditer(_LEADER_OF_NAME, sentence):  # "Zelva's CEO, Maria Costa, said the company ..."
        name = name_from_phrase(m.group("name"), first=True)
        if name:
            out.append((m.start("name"), name))
    for m in sieve.finditer(_ENTERS_AT, sentence):  # "Seedhaus steigt bei Velbix ein. Das Startup erhält ..."
        name = name_from_phrase(m.group("name"), first=True)
        if name:
            out.append((m.start("name"), name))
    out += _described_names(sentence, lang, {n for _, n in out})
    for m in sieve.finditer(MONEY_FOR, sentence):  # "Frisches Geld (gibt es) für Rollbote: Das Startup erhält ..."
        name = name_from_phrase(m.group("name"), first=True)
        if name:
            out.append((m.start("name"), name))
    # a product's owner, when the sentence introduces no company otherwise (an everyday word opening it,
    # "Hospitals across Spain use the platform of Zentrio", is no company)
    if lang is not None and all(" " not in n and zipf(n, lang) >= UNCOMMON for _, n in out):
        # (sieved: its case-insensitive nouns were tried at every offset of most sentences)
        for m in sieve.finditer(_OWNER_OF, sentence):
            name = name_from_phrase(m.group("name"), first=True)
            if name and all(zipf(t, lang) < _OWNER_ZIPF for t in name.split()):
                out.append((m.start("name"), name))
    return out


# a name right after what the company is, within two words of it: "au producteur d'insectes Innovafeed",
# "el proveedor de software Tradevia", "the insurance provider Corvanta": the descriptors' words
# (data/descriptors.txt), so a new language's words are one data file's lines
_CAPITALISED = re.compile(r"(?<=\s)[A-ZÄÖÜÉ][\w.&-]*")
_GAP_WORD = re.compile(r"[a-zà-ÿß][\w-]*")


# descriptors of someone else than the company: a backer, a person, a group, a crowdfunding
# platform ("sur la plateforme WiSEED", "dem US-Investor Accel", "la fintech creada por X")
_NOT_THE_COMPANY = re.compile(r"(?i)invest|backer|^vcs?$|fund|fonds|partner|founder|ceo$|chair|chief|angel|business|"
                              r"backed|gründer|chef|geschäftsführer|manager|aktionär|geber|tochter|mutter|subsidiary|"
                              r"affiliate|^arm$|group|konkurrent|competitor|rival|concurrent|platform|plateforme|"
                              r"plataforma|piattaforma|plattform")
# the words a descriptor may take before the name: "d'insectes", "de logiciels", or a Romance
# adjective of origin, names.DEMONYM ("la start-up nantaise X", "la empresa madrileña X"); English
# puts them before the descriptor ("payments provider X")
_OF_WORD = re.compile(r"(?:d['’]|l['’])[a-zà-ÿ][\w-]*")
_OF = frozenset("de di do da du des del van".split())
_LOWER_WORD = re.compile(r"[a-zà-ÿ]+")


def _descriptor_before(words: list[str]) -> bool:
    """The word before the name (of the last three `words`) is a company's descriptor, or the
    descriptor and its "d'insectes", "de logiciels" or adjective of origin are."""
    if len(words) >= 2 and (_OF_WORD.fullmatch(words[-1]) or _LOWER_WORD.fullmatch(words[-1]) and DEMONYM.search(words[-1])):
        desc = words[-2]
    elif len(words) >= 3 and words[-2] in _OF and _GAP_WORD.fullmatch(words[-1]):
        desc = words[-3]
    else:
        desc = words[-1] if words else ""
    return is_descriptor(desc) and desc[:1].islower() and not _NOT_THE_COMPANY.search(desc)


def _described_names(sentence: str, lang: str | None, known: set[str]) -> list[tuple[int, str]]:
    """Names the sentence introduces with a descriptor before them, a rare word each (a common one,
    "le fabricant Renault" aside, is the language's noun: German's "Der Hersteller Produkte")."""
    # (German spells its nouns with capitals: "der Hersteller Multispektralkameras" names no company;
    # its descriptors are read by _MENTION)
    if lang is None or lang == "de":
        return []
    out = []
    for m in _CAPITALISED.finditer(sentence):
        if not _descriptor_before(sentence[max(0, m.start() - 60):m.start()].split()[-3:]):
            continue
        name = name_from_phrase(sentence[m.start():m.start() + 60], first=True)
        if not name or name in known or not sentence.startswith(name, m.start()):
            continue
        first = name.split()[0]
        if zipf(first, lang) >= UNCOMMON or first.lower() in places():
            continue
        out.append((m.start(), name))
        known.add(name)
    return out


# "Cada vez más hospitales usan la plataforma de Zentrio. La startup ha levantado ...": the owner of
# a product, of customers or a team is a company the next sentence's "la startup" may mean
_OWNER_OF = re.compile(
    r"(?i:platform|plattform|plataforma|plateforme|piattaforma|app|aplicación|aplicativo|applicazione|"
    r"software|tecnología|tecnologia|technologie|technology|solución|solução|soluzione|solution|oplossing|"
    r"(?:los |i |os |die |les )?(?:clientes|clients|clienti|klanten|kunden|customers)|producto|produto|prodotto|"
    r"produit|product|produkt)\s+(?:of|von|de|del|da|do|di|della|du|van)\s+"
    r"(?P<name>[A-ZÄÖÜ][\w.&-]*(?:\s[A-ZÄÖÜ][\w.&-]*){0,2})")
# ... only a word the language does not know: a known one is a big firm whose product the
# company uses ("la plataforma de Amazon"), not the startup itself
_OWNER_ZIPF = 1.5


def backer_at(sentence: str, pos: int, name: str, upto: int) -> bool:
    """The mention of `name` at `pos` is the subject of an investing verb before `upto`, alone or
    first of a list ("X und Y investieren ...")."""
    rest = sentence[pos + len(name):upto]
    listed = _LIST_GOES_ON.match(rest)
    rest = (rest[listed.end():] if listed else rest).lstrip(" ,")
    rest = rest[_AUXILIARIES.match(rest).end():]  # "Accel has now led the startup's Series A"
    return bool(_INVESTOR_VERB.match(rest) or _TO_LEAD.match(rest) or _ENTERS_AT.match(rest) or _INVESTS_ROMANCE.match(rest))


# "Kfund ha invertido 2 millones en la startup", "United Ventures ha investito", "Kaszek investiu",
# "Partech a investi": the lexicon languages' investing verbs after their backer
_INVESTS_ROMANCE = re.compile(r"(?i)(?:(?:ha|han|hanno|a|ont|há|heeft|hebben)\s+(?:también\s+|anche\s+|aussi\s+|também\s+|ook\s+)?)?"
                              rf"(?:{LEXICON_INVEST_VERBS})\b")


def entered_company(sentence: str) -> str | None:
    """The company a German investor's entry names ("Seedhaus steigt bei Velbix ein" -> Velbix)."""
    m = sieve.search(_ENTERS_AT, sentence)
    return name_from_phrase(m.group("name"), first=True) if m else None


# "Seedhaus steigt bei Velbix ein": the one who enters is the backer; the company follows "bei"
_ENTERS_AT = re.compile(r"(?i)(?:steigt|steigen|stieg|stiegen)\s+(?:[^.;]{0,60}?\s)?(?:bei|beim)\s+"
                        r"(?P<name>(?-i:[A-ZÄÖÜ])[\w.&-]*(?:\s(?-i:[A-ZÄÖÜ])[\w.&-]*){0,2})\s+(?:[^.;]{0,60}?\s)?ein\b")


# the perfect's auxiliary and adverbs between a backer and its verb
_AUXILIARIES = re.compile(r"(?i)(?:(?:has|have|had|also|now|just|recently|again|once again|hat|haben|hatte|hatten)\s+)*")


# "General Catalyst is in talks to lead the round", "Accel is expected to co-lead": a backer to be
_TO_LEAD = re.compile(r"(?i)(?:is|are|was|were|will|would)\s+(?:[\w-]+\s+){0,4}?to\s+(?:co-)?lead\b")


# "X und der Fonds Y investieren": the rest of a list of backers before their verb
_LIST_GOES_ON = re.compile(r"(?:\s*(?:,|\bund\b|\band\b|\bsowie\b|&)\s+[^,.;:]{1,60}?)+?(?=\s+(?:invest|steck|pump|led\b|leads\b|backs\b|backed\b))",
                           re.IGNORECASE)


# the words that put a backer's name right after them: "Förderung von aws und FFG", "led by Sequoia
# Capital", "con la participación de Repsol", "op Symbid", "auprès de Breizh Up"
_BACKER_CUE_BEFORE = re.compile(
    # a passive's agent is often the company itself ("raised by X", "recaudados por X", "bouclés par
    # X"): "by", "par", "por", "door", "da" count only after a word of leading or backing
    # ("stapt met 4 miljoen euro in bij X": the Dutch "instappen bij" names where the money goes)
    r"(?i)\b(?:from|alongside|bei|beim|auprès|(?<!\bin )bij|op|via|"
    r"(?:led|co-led|backed|funded|financed|joined)\s+by|(?:liderad|encabezad|financiad|respaldad|coliderad)[oa]s?\s+por|"
    r"(?:mené|menée|conduit|conduite|co-?mené|co-?menée)s?\s+par|(?:geleid|aangevoerd|gefinancierd)\s+door|"
    r"(?:guidat|finanziat|sostenut)[oai]\s+da(?:l|lla|i)?|"
    # German "von" is also "of" ("die Aktionäre von X"): only after a word of giving or leading
    r"(?:angeführt|geführt|geleitet|finanziert|unterstützt|gefördert)\s+(?:von|vom|durch)|"
    r"(?:participation|participación|participação|partecipazione|deelname|beteiligung|förderung|investition|"
    r"geld|kapital|zuschuss|darlehen|kredit|grant|loan|subvención|ayuda|subvenção|subvenzione|sovvenzione|"
    r"subsidie)\s+(?:from|of|de|del|da|do|di|van|der|des|von|vom|durch))"
    r"\s+(?:(?:the|der|die|dem|den|des|la|le|les|el|los|il|lo|het|de|o|a|os|as)\s+)?"
    r"(?:[\w-]+\s+(?:und|and|y|e|et|en)\s+)?$")


def named_as_backer(sentence: str, name: str) -> bool:
    """The name stands where a backer is named ("Förderung von aws und FFG", "led by X", "op Symbid"):
    the money's giver or channel, not the company that takes it."""
    at = sentence.find(name)
    cue = _BACKER_CUE_BEFORE.search(sentence, max(0, at - 60), at) if at > 0 else None
    if cue and cue.group(0).lower().startswith("bei") and _ENTERS.search(sentence):
        return False  # "Earlybird steigt mit 5 Mio. Euro bei X ein": the investor enters X, X raises
    return bool(cue)


# a German investor's entry ("steigt bei X ein", "ist bei X eingestiegen"): "bei" then names the company
_ENTERS = re.compile(r"(?i)\b(?:steigt|steigen|stieg|stiegen|eingestiegen|einsteigen)\b|"
                     r"\b(?:führt|führen|führte|führten)\b[^.;]{0,80}\ban\b")  # "führt die Runde bei X an"
