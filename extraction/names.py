"""Company and investor names out of noun phrases and lists.

News wraps names in descriptions ("the Silicon-Valley investor G2VP", "das Berliner
Startup Medwing", "Smartphone maker Xiaomi Inc"). A name here is the last run of
name-like tokens in a phrase, minus leading descriptor nouns (data/descriptors.txt).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from extraction import sieve

_TOKEN_NAME = re.compile(r"^(?:[A-ZÄÖÜÀ-Ý0-9\u4e00-\u9fff]|[a-z]+[A-Z]|e[A-Z]|i[A-Z]|\d)")
_CONNECT = {"&", "of", "de", "der", "la", "le", "du", "van", "von", "and", "z"}  # inside names only
_PLACES = {
    "china", "china's", "india", "japan", "germany", "europe", "asia", "us", "u.s.", "uk", "u.k.",
    "america", "singapore", "korea", "france", "britain", "london", "berlin", "paris", "munich",
    "beijing", "shanghai", "israel", "indonesia", "switzerland", "austria", "the", "world",
    "silicon", "valley", "index", "deutschland", "österreich", "schweiz", "berliner",
}
_ARTICLES = {"der", "die", "das", "the", "ein", "eine", "a", "an", "den", "dem", "des", "these", "this", "het",
             "le", "la", "les", "l'", "l’", "un", "une", "du",
             "those", "that", "our", "their", "its", "his", "her", "seine", "ihre", "diese", "dieser",
             "dieses", "sein", "ihr"}
_LEAD_WORDS = {"in", "im", "at", "for", "für", "mit", "with", "von", "from", "bei", "nach", "after",
               "auch", "also", "und", "and", "while", "although", "as", "when", "since", "but", "meanwhile",
               "während", "als", "wie", "neben", "nun", "jetzt", "damit", "so", "zudem", "außerdem", "to", "zu",
               "on", "am", "um", "via", "by", "über", "unter", "an", "auf", "aus", "bereits", "erst"}
_BACKED = re.compile(r"(?:[A-Z][\w.&]*\s+){0,3}\S+-(?:backed|based|focused|headquartered|owned|funded|listed|led|founded)\b")
# words that may follow a name inside a clause; "bekannt" closes German's "gab X bekannt"
_TRAILING_OK = {"also", "has", "have", "had", "just", "now", "recently", "is", "was", "etwa", "wiederum", "bekannt",
                "zuletzt", "have", "all", "both", "too", "jointly", "together", "qui", "tous", "aussi"}
_BAD_NAME = re.compile(
    r"(?i)(?:runde|finanzierung|finanzrunde|round|funding|financing|investment|(?<!\s)kapital)$|^(?:fy|q[1-4]|h[12])\s?\d|"
    r"^(?:19|20)\d\d$")
_GENERIC = {
    "the", "a", "an", "it", "its", "this", "that", "der", "die", "das", "es", "er", "sie",
    "company", "startup", "start-up", "unternehmen", "firma", "investors", "investoren",
    "series", "serie", "round", "runde", "seed", "funding", "financing", "finanzierung",
    "euro", "dollar", "usd", "eur", "million", "millionen", "billion", "milliarden", "mio",
    "ceo", "cfo", "cto", "founder", "gründer", "inc", "ltd", "gmbh", "ag", "venture", "ventures",
    "capital", "group", "fund", "fonds", "vc", "vcs", "new", "neue", "also", "auch", "and",
    "und", "in", "im", "mit", "with", "for", "für", "from", "von", "bei", "at", "on", "by",
    "top", "source", "quelle", "photo", "foto", "update", "exclusive", "exklusiv", "breaking",
    "news", "today", "heute", "lead", "leads", "backers", "bestandsinvestoren", "altinvestoren",
    "insgesamt", "rund", "weitere", "damit", "nun", "jetzt", "zudem", "außerdem", "auch",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "januar", "februar", "märz", "juni", "juli", "oktober",
    "dezember", "monday", "tuesday", "wednesday", "thursday", "friday", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "mehr", "more", "als", "as",
    "unicorn", "einhorn", "ipo", "vision", "other", "others", "weitere", "andere", "anderen", "angels", "angel", "business",
    "investor", "family", "offices", "hnis", "individuals", "startups", "start-ups", "companies",
    "firms", "fintechs", "unicorns", "founders", "businesses", "deals", "rounds", "brands", "einhörner",
    "gründer", "unternehmen", "firmen", "jungunternehmen", "jungfirmen", "ai", "ki", "iot", "ml", "r&d",
    "ev", "evs", "esg", "saas", "b2b", "b2c", "d2c", "crypto", "blockchain", "research", "forschung",
    "infrastructure", "infrastruktur", "europe", "europa", "c'est", "c’est", "en", "cinq", "deux",
    "trois", "quatre", "geld", "co-investoren", "co-investor", "höhe", "millionenhöhe", "milliardenhöhe",
}
_SPLIT_LIST = re.compile(
    r"\s*(?:,\s*(?:and|und|sowie|as well as|plus|et)\s+|,\s*|\s+(?:and|und|sowie|as well as|along with|et|"
    r"zusammen mit|together with|plus)\s+|;\s*)",
)
_PAREN = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_TAIL = re.compile(
    r"\s+(?:aus|from|based in|(?i:(?:rund )?um (?:die |den )?(?:mit)?gründer(?:in|innen)?|um (?:ceo|chef|chefin))\b|of (?:the )?[A-Z][a-z]+ (?:region|area)|mit (?:seinem|ihrem|seinen|ihren)|"
    r"with (?:its|their)|via (?:its|their)|through (?:its|their)|über (?:seinen|ihren|seine|ihre))\b.*$",
)
_QUOTES = "\"'“”„‘’«»"


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Places that stand in name slots ("Chile recibió 46 millones"): our list (cities, regions,
    adjectives) and every country in the languages we read, from pycountry's ISO 3166 data."""
    text = resources.files("extraction").joinpath("data/places.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#")) | frozenset(_PLACES) | _countries()


_COUNTRY_LANGUAGES = ("de", "fr", "es", "pt", "it", "nl")


def _countries() -> frozenset[str]:
    import gettext

    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        names |= {country.name.lower(), getattr(country, "common_name", country.name).lower()}
    for lang in _COUNTRY_LANGUAGES:
        try:
            translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
        except OSError:
            continue  # a pycountry without that catalogue: English names still count
        names |= {translate(c.name).lower() for c in pycountry.countries}
    # the states and regions of the countries most news here comes from ("Technologiegründerfonds
    # Sachsen", "a Texas startup"): top-level subdivisions, without "Sheng"/"[...]" decorations
    for code in _REGION_COUNTRIES:
        for region in pycountry.subdivisions.get(country_code=code) or ():
            if region.parent_code is None:
                name = re.sub(r"\s*\[.*?\]|\s+(?:Sheng|Shi|Zizhiqu)$|,.*$", "", region.name).strip().lower()
                if len(name) >= 4:
                    names.add(name)
    return frozenset(names)


_REGION_COUNTRIES = ("DE", "AT", "CH", "US", "GB", "FR", "ES", "IT", "NL", "IN", "CN", "BR", "CA", "AU")


@lru_cache(maxsize=1)
def _descriptors() -> tuple[frozenset[str], tuple[str, ...]]:
    words, suffixes = set(), []
    text = resources.files("extraction").joinpath("data/descriptors.txt").read_text("utf-8")
    for line in text.splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        if line.startswith("*"):
            suffixes.append(line[1:])
        else:
            words.add(line)
    return frozenset(words), tuple(suffixes)


def is_descriptor(token: str) -> bool:
    words, suffixes = _descriptors()
    low = token.lower().strip(_QUOTES + ",.")
    if low in words:
        return True
    if low.endswith("s") and len(low) > 5 and low[:-1] in words and token[:1].isupper() and token[1:2].islower() \
            and not token.endswith(("'", "’")):
        return True  # "des Startups Cellanox", "des Unternehmens": a German noun's genitive
    if len(low) <= 3 or not low.endswith(suffixes):
        return False
    return any(low.endswith(s) and len(low) > len(s) for s in suffixes)


def _name_like(token: str) -> bool:
    t = token.strip(_QUOTES)
    if not t:
        return False
    if t.lower() in ("&", "of", "de", "van", "la", "du", "z"):  # "z": the Polish "Sp. z o.o."
        return True
    return bool(_TOKEN_NAME.match(t)) or ("." in t[1:-1] and t[0].isalnum())


# "la start-up nantaise", "healthtech goiana", "la empresa madrileña": a Romance adjective of origin
# after the descriptor, not a name written in lower case ("platform smallcase")
DEMONYM = re.compile(r"(?:aise|oise|ienne|eñ[ao]|ense|es[ae]|an[ao]|in[ao])s?$")
# Central European legal forms written in lower case with dots ("Bankito sp. z o.o.", "Datera s.r.o.",
# "Kovix d.o.o."): dropped, as "GmbH" is kept, so that the dots end no name
_DOTTED_LEGAL = re.compile(r"(?<=\w)\s+(?:[Ss]p\. z o\.o\.?|s\.r\.o\.?|d\.o\.o\.?|a\.s\.)(?=\s*(?:[,;]|$))")


# a group of backers before its first member: "ein Konsortium aus X, Y und Z", "a consortium of X",
# "un consorcio de X", "une cordata di X", "een consortium van X"
_GROUP_OF = re.compile(r"(?i)\b(?:[\w-]*konsortium|consortium|syndikat|syndicate|consorcio|consórcio|consorzio|cordata|"
                       r"groupe d['’]investisseurs|group of investors|investorengruppe)\s+(?:aus|of|von|de|di|van|des|del|da|do)\s+")


# a German compound of a company and its leader's title, then the leader: "Kornwerk-Chefin Anna
# Maier", "Kornwerk-Gründer Max Maier", "Kornwerk-CEO X" (a former employer, "Zalando-Manager",
# is no leader's company)
_LEADER_COMPOUND = re.compile(r"(?P<co>[A-ZÄÖÜ][\w.&]*(?:-[A-ZÄÖÜ0-9][\w.&]*)*)-(?:Mit|Co-)?(?:[Gg]ründer(?:in)?|Chef(?:in)?|CEO|"
                              r"Geschäftsführer(?:in)?|Vorstandschef(?:in)?)\s+(?-i:[A-ZÄÖÜ])\w+")


def leader_company(name: str) -> str | None:
    """The company in a name read as "Kornwerk-Chefin Anna Maier": a round told of its leader is the
    company's (a backer told so is the person: "Microsoft-Gründer Bill Gates investiert")."""
    m = _LEADER_COMPOUND.match(name) if "-" in name else None
    return m.group("co") if m else None


def name_from_phrase(phrase: str, allow_lower_last: bool = False, first: bool = False,
                     tail: bool = False) -> str | None:
    """The proper name a descriptive noun phrase ends with (or starts with, `first`), or None.

    `tail` insists that the name closes the phrase (a few adverbs may follow).

    >>> name_from_phrase("das Berliner Startup Medwing")
    'Medwing'
    """
    phrase = _PAREN.sub(" ", phrase)
    if ". " in phrase or phrase.endswith("."):
        phrase = _DOTTED_LEGAL.sub("", phrase)
    group = _GROUP_OF.search(phrase) if sieve.may_match(_GROUP_OF, phrase) else None
    if group:  # "ein Konsortium aus Earlybird": the group's first member is the name
        phrase = phrase[group.end():]
    if sieve.may_match(_BACKED, phrase):  # the pattern itself tries every offset of every phrase
        phrase = _BACKED.sub(" ", phrase)
    phrase = (_TAIL.sub("", phrase) if sieve.may_match(_TAIL, phrase) else phrase).strip(" ,;:-–—" + _QUOTES)
    tokens = [t for t in phrase.split() if t]
    if not tokens or len(tokens) > 40:
        return None
    if first:
        i = 0
        while i < len(tokens) and (tokens[i].lower() in _LEAD_WORDS or tokens[i].lower() in _ARTICLES
                                   or not _name_like(tokens[i]) and tokens[i].islower()):
            if i >= 4:
                return None
            i += 1
        end = i
        while end < len(tokens) and _name_like(tokens[end]) and tokens[end].lower() not in _LEAD_WORDS:
            end += 1
            if tokens[end - 1][-1] in ",:;":
                break  # "Flink: Lieferdienst ..." ends the name at the colon
        if end == i:
            return None
        return _finish([*tokens[i:end - 1], tokens[end - 1].rstrip(",:;")])
    end = len(tokens)
    while end and not _name_like(tokens[end - 1]):
        if allow_lower_last and end == len(tokens) and re.fullmatch(r"[a-z][a-z0-9.]{2,}", tokens[-1]) \
                and len(tokens) > 1 and is_descriptor(tokens[-2]) and not DEMONYM.search(tokens[-1]):
            break  # "platform smallcase"
        if tail and tokens[end - 1].lower() not in _TRAILING_OK:
            return None
        end -= 1
    if end == 0:
        return None
    start = end - 1
    while start > 0 and _name_like(tokens[start - 1]):
        start -= 1
    if all(t.lower().strip(".,") in LEGAL_FORMS for t in tokens[start:end]):
        # "Prosper fintech Limited": a legal form alone names no one; the name stands before it
        back = start
        while back > 0 and start - back < 2 and not _name_like(tokens[back - 1]):
            back -= 1
        if back > 0 and _name_like(tokens[back - 1]):
            return _finish(tokens[back - 1:start])
        return None
    return _finish(tokens[start:end])


# legal forms a company's name ends with, lower case and without dots ("S.L." is "sl")
LEGAL_FORMS = frozenset({"limited", "ltd", "inc", "gmbh", "ag", "llc", "corp", "corporation", "plc", "sa",
                         "sas", "bv", "nv", "se", "ug", "kg", "co", "pvt", "private", "sl", "slu", "srl", "spa",
                         "ltda", "lda", "sarl"})


# how an investor's own name ends ("Corviglia Capital", "Kibo Ventures"): a fund, not a round's company
FUND_ENDINGS = ("capital", "ventures", "venture partners", "partners", "fund", "fonds", "investments", "equity", "vc")
# a name that ends as a fund's does: "Corviglia Capital Fund", "True Ventures"
FUND_NAME = re.compile(rf"(?i)\b(?:{'|'.join(FUND_ENDINGS)})$")


# words that end an investment firm's name ("Hanriver Partners"): never a kind of company
_FIRM_WORDS = frozenset({"capital", "partners", "ventures", "venture", "fund", "funds", "group", "holdings",
                         "investments", "equity", "collective", "management", "advisors", "associates", "vc"})


# a dateline or a time phrase beside a name is no part of it: "2022-02-16 Flutterwave",
# "Aleph Alpha Ende 2023", "Acme Q3 2024"
_DATE_TOKEN = re.compile(
    r"(?i)^(?:\d{4}-\d{2}(?:-\d{2})?|(?:19|20)\d\d|q[1-4]|h[12]|ende|anfang|mitte|end|early|late|mid|"
    r"fin|début|finales|principios)[.,]?$")


def town_adjective(token: str) -> bool:
    low = token.lower()
    # Dutch towns in -en drop it before the adjective's -se: "Groningse" (Groningen), "Leidse", "Wageningse"
    return (low.endswith("se") and (low[:-2] in places() or low[:-2] + "en" in places())) \
        or (low.endswith("er") and low[:-2] in places())


_BACKED_BY_WORD = re.compile(r"\w-(?:backed|owned|powered|funded|led|run|incubated|supported)$", re.I)


# compiled once: `re.fullmatch(r"...", x)` looks its pattern up in re's cache at every call, and
# these run for every candidate name
_YEAR = re.compile(r"(?:19|20)\d\d[.,]?")
_ATTRIBUTIVE = re.compile(r"\w-(?:rival|backed|owned|funded|founded|born|listed|headquartered|focused|powered|led|run)$")


def _finish(run: list[str]) -> str | None:
    while len(run) > 1 and _DATE_TOKEN.match(run[0]):
        run = run[1:]
    # a trailing year stays ("Studio 2000") unless a time word stands before it ("Ende 2023")
    while len(run) > 2 and _YEAR.fullmatch(run[-1]) and _DATE_TOKEN.match(run[-2]):
        run = run[:-2]
    while len(run) > 1 and run[0].lower() in _ARTICLES:
        run = run[1:]
    while run and (run[0].lower() in _CONNECT or run[0].lower() in _LEAD_WORDS and len(run) > 1):
        run = run[1:]
    while run and run[-1].lower() in _CONNECT:
        run = run[:-1]
    if len(run) > 2 and [t.lower() for t in run[:2]] == ["family", "office"]:
        run = run[2:]  # "das Family Office Kastel Holding"
    # "Elon Musk's Zephyr AI" is Zephyr AI: an owner before a possessive is no part of the name
    owner = max((i for i, tok in enumerate(run[:-1]) if tok.endswith(("’s", "'s"))), default=-1)
    if owner >= 0 and _name_like(run[owner + 1]):
        run = run[owner + 1:]
    # "Utrechtse Zonwerk", "Berliner Kivano": a town's adjective before a name is no part of it
    while len(run) > 1 and town_adjective(run[0]):
        run = run[1:]
    # "IAN Group-powered BioAngels", "Sequoia Capital-backed Zepto": what backs or runs a company
    # is no part of its name, however many words it takes
    backed = [i for i, tok in enumerate(run[:-1]) if "-" in tok and _BACKED_BY_WORD.search(tok)]  # its match holds "-"
    if backed:
        run = run[backed[-1] + 1:]
    # drop descriptors and possessive places ("China's Baidu", "Berliner Startup Medwing")
    cut, cuts = 0, [0]
    for i, tok in enumerate(run[:-1]):
        low = tok.lower().strip(_QUOTES)
        if is_descriptor(tok) or (low.endswith(("’s", "'s")) and low[:-2] in places()) or (
                "-" in low and _ATTRIBUTIVE.search(low)):
            cut = i + 1  # also "Kahoot-rival Quizly", "Swiggy-backed Rapido"
            cuts.append(cut)
        elif not (low.endswith("er") or low in places() or "-" in low or low in _ARTICLES):
            break
    if cut and all(t.lower() in _FIRM_WORDS for t in run[cut:]):
        # "Pioneer Capital", "Founder Collective", "der Vermögensverwalter Partners Group": the
        # word before a firm word is part of the firm's name
        cut = cuts[-2]
    if cut and " ".join(run[cut:]).lower().strip(_QUOTES + ",.;:") in places():
        cut -= 1  # "Technologiegründerfonds Sachsen": a place alone names no one, the descriptor belongs
    run = run[cut:]
    if run and len(run) > 1 and is_descriptor(run[-1]) and run[-1].lower() not in _FIRM_WORDS and (
            "-" in run[-1] or all(t.lower().endswith("er") or t.lower() in places() for t in run[:-1])):
        return None  # "Berliner Meditations-App", "Kölner App" name a kind of company, not one
    if run and run[0].lower().endswith(("’s", "'s")) and run[0].lower()[:-2] in places():
        run = run[1:]
    if len(run) > 6:
        return None
    name = " ".join(run).strip(_QUOTES + ",.;:")
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    if not valid_name(name):
        return None
    return name


# "AI-powered", "Berlin-based", "Sequoia-backed": adjectives that stand where a name may
_ADJECTIVE_COMPOUND = re.compile(
    r"[\w.]+-(?:powered|based|driven|backed|focused|led|enabled|first|native|centric|owned|funded|"
    r"founded|listed|born|headquartered|made|built|friendly|ready)")


_HYPHENATED_WORD = re.compile(r"[A-Z][a-z]+-[a-z]+")
_DIGITS = re.compile(r"\d+")
_FIGURE = re.compile(r"[\d.,%$€£ -]+")
# an amount cut from its digits: "INR 1" of "INR 1,84,900", "CAD 2"
_CODE_FIGURE = re.compile(r"(?:[A-Z]{3}|Rs\.?|RM|US\$|S\$|A\$|C\$)\s?[\d.,]+")
_LABEL = re.compile(r"(?i)(?:series|serie)[- ][a-k]\b|[a-k]-runde|q[1-4]\b|h[12]\b")


@lru_cache(maxsize=1024)  # a name is judged again at each of its mentions
def valid_name(name: str | None) -> bool:
    if not name or len(name) < 2 or len(name) > 70:
        return False
    low = name.lower()
    if low in places() or _BAD_NAME.search(name) or _HYPHENATED_WORD.fullmatch(name) \
            or _ADJECTIVE_COMPOUND.fullmatch(name):
        return False
    if all(w in _GENERIC or _DIGITS.fullmatch(w) for w in low.split()):
        return False
    if low in _GENERIC or all(w in _GENERIC for w in low.split()):
        return False
    if " " not in name and (low.strip(_QUOTES) in _descriptors()[0] or
                            ("-" not in name and is_descriptor(name) and name[1:].islower())):
        return False
    if _FIGURE.fullmatch(name) or _CODE_FIGURE.fullmatch(name):
        return False
    if _LABEL.match(name):
        return False
    return True


def split_names(fragment: str, stop: re.Pattern[str] | None = None,
                splitter: re.Pattern[str] | None = None) -> list[str]:
    """Names in a list such as "X, Y and the VC Z", cut at `stop` (end of the list); `splitter`
    separates the items where a language has its own "and" ("X y Z", "X e Z", "X en Z")."""
    if stop is not None:
        m = stop.search(fragment)
        if m:
            fragment = fragment[:m.start()]
    fragment = _PAREN.sub(" ", fragment)
    out: list[str] = []
    for item in (splitter or _SPLIT_LIST).split(fragment):
        item = item.strip()
        if not item:
            continue
        name = name_from_phrase(item)
        if name and name.lower() not in {n.lower() for n in out}:
            out.append(name)
        if len(out) >= 15:
            break
    return out


_POSSESSIVE = re.compile(r"[’']s\b")
_KEY_WORD = re.compile(r"[a-z0-9äöüßà-ÿ\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1024)  # every comparison of names computes both keys
def norm_key(name: str) -> str:
    """Loose comparison key: case, punctuation and legal suffixes ignored."""
    low = _POSSESSIVE.sub("", name.lower())
    # letters of every script we read: Latin with accents, CJK, kana, hangul
    words = _KEY_WORD.findall(unicodedata.normalize("NFC", low))
    legal = {"inc", "ltd", "gmbh", "ag", "se", "sa", "llc", "corp", "co", "plc", "bv", "nv",
             "the", "holdings", "holding", "group", "limited"}
    kept = [w for w in words if w not in legal] or words
    return "".join(kept)


_WEAK = {"capital", "ventures", "venture", "partners", "group", "technology", "technologies", "health",
         "labs", "bank", "holdings", "mobility", "global", "digital", "systems", "software", "media",
         "international", "china", "india", "beijing", "shanghai", "fund", "invest", "investments"}


def same_company(a: str, b: str) -> bool:
    ka, kb = norm_key(a), norm_key(b)
    if not ka or not kb:
        return False
    if ka == kb or (min(len(ka), len(kb)) >= 3 and (ka in kb or kb in ka)):
        return True
    ta = {w for w in _WORD.findall(a.lower()) if len(w) >= 4 and w not in _WEAK}
    tb = {w for w in _WORD.findall(b.lower()) if len(w) >= 4 and w not in _WEAK}
    return bool(ta & tb)


# a German company's legal form after its name ("Kaltwerk GmbH"), as patterns write it
GERMAN_LEGAL_FORM = r"(?:GmbH|AG|UG|SE|KG|GmbH & Co\. KG)"
# descriptors of backers and corporates, who give money rather than take it ("backers Tiger",
# "der Softwarekonzern SAP", "Der Investor Index Ventures")
BACKER_KIND = re.compile(r"(?i)invest|backer|geldgeber|kapitalgeber|fonds|fund|vc$|konzern|gigant|giant|riese|"
                         r"bank|holding|gruppe|group|eigentümer|owner|parent|mutter")
# definite articles (and the French/Italian elided ones) that open a description
_DEFINITE = {lang: re.compile(rf"(?i)(?:{words})$") for lang, words in {
    "de": r"das|die|der|dem|den", "en": r"the", "fr": r"la|le|les|l", "es": r"la|el|los",
    "it": r"la|il|lo|l", "pt": r"a|o|os", "nl": r"de|het",
}.items()}
_WORD = re.compile(r"[\w-]+")  # "l'entreprise" gives "l" and "entreprise"
# a page's column or feed names itself by what it is, never a company: "Startup-Ticker Schweiz:",
# "Deal-Radar:", "Gründer-News am Montag:" (a word or compound ending in a section noun); so does
# a programme that pays out money: "EIC Accelerator:", "KI-Innovationswettbewerb:"
COLUMN_NAME = re.compile(r"(?i)(?:^|[\s-])(?:\w*ticker|radar|news|newsletter|podcast|briefing|roundup|round-up|"
                         r"\w*rückblick|digest|recap|accelerator|inkubator|incubator|\w*wettbewerb|\w*programm|"
                         r"challenge|award)(?:$|\s)")

# what ends an item's label: "Kivano: ", "Kivano (Berlin) – ", "Kivano — "
LABEL_END = re.compile(r"(?: \([^()]{1,30}\))?(?: ?: +| [–—-] )(?=\S)")
# an item's label: one to three capitalised words, after a list number ("3. (tie) ") or a
# country column ("SINGAPORE | "), before short details ("Meridian Space, $90M, aerospace:")
# and the label's end
# ("06:10 – Salzkorn: ...": a podcast's or ticker's item may open with its time stamp)
LABEL = re.compile(r"(?:[•▪►→*🔹🔸✅📌]\s*)?(?:\d{1,2}[:.]\d{2}(?: Uhr)?:?\s+[–—-]?\s*)?(?:\d{1,2}\.\s+)?(?:\([^()]{1,10}\)\s+)?(?:[A-ZÄÖÜ][A-ZÄÖÜ ]{2,20} \| )?"
                   r"(?P<name>[A-Z0-9ÄÖÜ][\w.&+'’-]*(?: [A-Z0-9ÄÖÜ&][\w.&+'’-]*){0,2})"
                   r"(?:,[^:,–—]{1,25}){0,2}" + LABEL_END.pattern)


def describes_company(rest: str, lang: str) -> bool:
    """`rest` opens with a definite description of a company ("Das Essener Startup", "The
    Lisbon-based fintech"), or with an amount for one ("750.000 Euro für das Dortmunder
    Logistik-Startup"). A backer's description ("Der Investor X") is none."""
    dets = _DEFINITE.get(lang)
    if not dets:
        return False
    clause = re.split(r"\.\s|[;–—]| - ", rest, maxsplit=1)[0]
    words = _WORD.findall(clause)
    # a headline's description without its article: "Wiener Buchungsplattform für Hütten holt ..."
    # ("Plattform für Hütten", "Wiener Buchungsplattform"); "Venture Debt für X" is the money's kind
    if len(words) > 1 and words[0][:1].isupper():
        if is_descriptor(words[0]) and words[1][:1].islower() or town_adjective(words[0]) and is_descriptor(words[1]):
            return not BACKER_KIND.search(words[1] if town_adjective(words[0]) else words[0])
    # the article is the first word, or follows the amount that opens the item
    reach = 7 if rest[:1].isdigit() else 1
    for i, w in enumerate(words[:reach]):
        if not dets.match(w):
            continue
        # the description's noun comes within three words of its article
        noun = next((x for x in words[i + 1:i + 4] if is_descriptor(x)), None)
        return noun is not None and not BACKER_KIND.search(noun)
    return False
