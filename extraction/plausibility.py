"""Does a string look like a company's name? One component, with its own tests.

The grammar finds *where* a name should stand ("X raised $5M", "das Startup X"); this
module judges *what* stands there. German capitalises every noun and English every
sentence start, so "Nachdem", "Founded", "Quartal 2021" or "Personalsoftware-Spezialist"
land in name slots; a name slot alone is weak evidence.

The evidence used, all of it language-general:
- the word's frequency in the article's language (wordfreq ships frequency lists for 40+
  languages inside its wheel): "Masse", "Ausbau", "Founded" are everyday words;
- German compounds made of everyday words ("Kapitalzusagen" = kapital + zusagen);
- descriptors ("Social-Media-Gigant", "Spin-Off"), job titles before a person, dates,
  round labels, places, media words (the shared lists in extraction/data/);
- how the article itself uses the string: a real name recurs written the same way, or
  stands in the headline; an everyday word also appears in lower case or after an article.

Frequency is evidence, not a verdict: Apple, Square and Porter are everyday words and
companies, so a frequent word still passes when the article uses it as a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice

from extraction import sieve
from extraction.names import LABEL, describes_company, is_descriptor, places, valid_name
from extraction.numbers import word_to_number

# wordfreq has no lists for these (or needs a tokenizer for them): no frequency evidence
_NO_FREQUENCY = {"zh", "ja", "ko", "th"}
# Zipf frequency (log10 of uses per billion words): 4 is "every few pages", 3 "every few books"
COMMON = 4.0
UNCOMMON = 2.9

_MONTHS = re.compile(
    r"(?i)^(?:jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|m(?:ar(?:ch)?|ärz|ars)|apr(?:il)?|ma[iy]|mai|"
    r"jun[ie]?|juin|jul[iy]?|juillet|aug(?:ust)?|août|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?|dez(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre|quartal|quarter|trimestre|semester|halbjahr)\.?$")
_PERIOD = re.compile(r"(?i)^(?:q[1-4]|h[12]|fy|19\d\d|20\d\d|\d{1,2}\.?)$")
_TITLE = re.compile(
    r"(?i)^(?:ceo|cfo|cto|coo|cmo|cpo|vp|svp|evp|chairman|chairwoman|president|founder|co-?founder|"
    r"gründer(?:in)?|mitgründer(?:in)?|mitbegründer(?:in)?|chef(?:in)?|vorstand|geschäftsführer(?:in)?|"
    r"managing|director|partner(?:in)?|analyst(?:in)?|investor(?:in)?|professor(?:in)?|prof\.?|dr\.?|"
    r"herr|frau|mr\.?|mrs\.?|ms\.?|fondateur|fondatrice|pdg|directeur|directrice|fundador[a]?|"
    r"director[a]?|presidente|sócio|socio|oprichter|amministratore)$")
# titles of people who speak for their own company ("founder of Orbix"; a governor or an
# analyst does not): one vocabulary for the checks here and the mentions of the pipeline
LEADER_TITLES = (r"(?:co-?)?founder|ceo|chief executive(?: officer)?|president|(?:mit)?gründer(?:in)?|"
                 r"chef(?:in)?|geschäftsführer(?:in)?|(?:co-?)?fondat(?:eur|rice)|pdg|(?:co-?)?fundador(?:a)?|"
                 # Italian and Dutch: "il fondatore di X", "de oprichter van X"
                 r"(?:co-?)?fondat(?:ore|ori)|(?:mede-?)?oprichter|"
                 # the chief executive: "la consejera delegada de X", "l'amministratore delegato di X",
                 # "o diretor executivo da X", "le directeur général de X", "topvrouw van X"
                 r"consejer[oa] delegad[oa]|amministratore delegato|diretor(?:a)? execut\w+|"
                 r"directeur général|directrice générale|top(?:man|vrouw)|directeur")
# "Matt Jones, founder of Orbix, said ...", "Anna Roth, Chefin des Start-ups": a name followed
# by a comma and a job title (a few words may stand between: "co-founder and CEO") is a person
_APPOSITIVE_TITLE = re.compile(
    r"\s*,\s+(?:(?:the|its|der|die|le|la|el|o|il|de)\s+)?(?:(?:company|startup|firm|start-up)[’']s\s+)?"
    r"(?:(?i:(?:co-?)?founder|gründer(?:in)?|mitgründer(?:in)?|fondat(?:eur|rice)|fundador(?:a)?)\s+"
    r"(?:and|und|et|y|e)\s+)?"
    r"(?i:(?:co-?)?founder|ceo|cfo|cto|coo|chief|president|chairman|chairwoman|governor|minister|"
    r"secretary|spokes(?:man|woman|person)|managing director|general partner|partner|director|"
    r"head|analyst|professor|executive|(?:mit)?gründer(?:in)?|mitbegründer(?:in)?|chef(?:in)?|"
    r"geschäftsführer(?:in)?|vorstand|sprecher(?:in)?|ministerin|minister|leiter(?:in)?|"
    r"fondat(?:eur|rice)|co-?fondat(?:eur|rice)|pdg|directeur|directrice|porte-parole|"
    r"fundador(?:a)?|cofundador(?:a)?|consejero delegado|presidente|director(?:a)?|portavoz|"
    r"amministratore|oprichter|directeur)\b")
_ROUND_WORD = re.compile(r"(?i)^(?:pre-?)?(?:series|serie|série|seed|pre-seed|angel|bridge|round|runde)\b")
_DETERMINER = {
    "de": r"der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|kein|keine|dieser|diese|dieses|"
          r"jeder|jede|jedes|jeden|diesen|diesem|unsere?|ihre?|seine?|zur|zum|im|am|vom|beim",
    "en": r"the|a|an|this|these|those|every|each|its|their|our",
    "fr": r"le|la|les|un|une|des|du|au|aux|ce|cette|ces",
    "es": r"el|la|los|las|un|una|unos|unas|del|al",
    "it": r"il|lo|la|gli|le|un|uno|una|del|della",
    "pt": r"o|a|os|as|um|uma|do|da|dos|das",
    "nl": r"de|het|een|deze|dit",
}
_PREPOSITION = {
    "de": r"in|im|mit|von|vom|für|aus|bei|beim|nach|seit|laut|trotz",
    "en": r"in|with|from|for|at|by|on|after|since|despite|according",
    "fr": r"en|à|avec|pour|dans|chez|par|depuis|selon|après",
    "es": r"en|con|para|desde|según|tras|hacia",
    "it": r"in|con|per|da|dal|dalla|nel|nella|secondo|dopo",
    "pt": r"em|com|para|desde|segundo|após|no|na|nos|nas",
    "nl": r"in|met|van|voor|bij|uit|volgens|na",
}
# "Sunday, a French startup", and between dashes: "A Ponte – a fintech que ... – acaba de levantar"
_APPOSITION = re.compile(r"(?:,|\s[—–])?\s(?:is\s)?(?:a|an|the|ein|eine|une?|el|la|o|il|een)\s(?P<words>(?:[\w-]+\s?){1,5})")
_BARE_APPOSITION = re.compile(r",\s([\w-]+)\s(?:de|da|do|del|di|della|para|per|pour|que|che|qui)\s")
_MONEY_WORD = re.compile(
    r"(?i)^(?:millions?|billions?|trillions?|mio|mrd|millionen|milliarden|billionen|milliards?|millones|"
    r"billones|milhões|bilhões|miljoen|miljard|bn|mn|tn)\.?$")
# a name that starts with digits: "8VC", "42CAP", "500px" (letters the figure cannot be read as: no
# ordinal, scale or unit such as "3rd", "5Mn", "20km")
_DIGIT_LED_NAME = re.compile(r"(?i)\d+(?!(?:st|nd|rd|th|mn|bn|km|kg|pm|am|ms|hz|gb|mb|tb|kw|mw|gw)\b)[a-z]{2,}\w*")
_LEGAL = re.compile(r"(?i)\s+(?:inc|ltd|gmbh|ag|se|sa|sas|llc|corp|plc|bv|nv|ug|kg)\.?$")


PLURAL_KIND = "a kind of company, in plural"


@dataclass(frozen=True)
class NameCheck:
    plausible: bool
    reason: str  # why not, or "ok"
    # refused on weak evidence only (a rarer word, a compound): a name among other names
    # (a round-up's list) may still pass
    weak: bool = False


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """How common `word` is in `lang` (0 for unknown words and unsupported languages)."""
    if lang in _NO_FREQUENCY or not word:
        return 0.0
    from wordfreq import zipf_frequency

    if lang not in _wordfreq_languages():
        lang = "en"
    return zipf_frequency(word.lower(), lang)


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


def _everyday_compound(word: str, lang: str) -> bool:
    """"Kapitalzusagen", "Gründerteam": a German-style compound of two everyday words."""
    low = word.lower()
    if lang not in ("de", "nl") or len(low) < 9 or not low.isalpha():
        return False
    for cut in range(4, len(low) - 3):
        head, tail = low[:cut], low[cut:]
        if zipf(tail, lang) < 3.5:
            continue
        head_freq = max(zipf(head, lang), zipf(head.rstrip("s"), lang))  # "Geschäfts-modell"
        # "Blackrock", "Salesforce": English words joined are a brand, not a German compound
        if head_freq >= 3.0 and head_freq > zipf(head, "en"):
            return True
    return False


class _Article:
    """What one article's own wording says about its words, read once per article (names are
    checked many times per article; compiling a pattern per name cost more than extraction)."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text[:_EVIDENCE_CHARS]
        self.lang = lang

    # read on first use: many articles only count a name's occurrences (the subject's check
    # builds one for headline + body), and scanning 30,000 characters twice cost more than that
    def has_lower_word(self, word: str) -> bool:
        """Is `word` one of the article's words that start in lower case (`_LOWER_WORD`: a run of
        word characters and hyphens)? Found where it is written, not by listing all of them (a
        scan of the whole article, for the few names of an article asked about)."""
        if not _LOWER_WORD.fullmatch(word):
            return False
        text, start, end = self.text, 0, len(word)
        while (i := text.find(word, start)) >= 0:
            start = i + 1
            # a whole run: neither a word character (str.isalnum() or "_", as re's \w) nor a
            # hyphen on either side
            before = text[i - 1] if i else " "
            after = text[i + end] if i + end < len(text) else " "
            if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
                return True
        return False

    @cached_property
    def after_determiner(self) -> frozenset[str]:
        det = _DETERMINER.get(self.lang)
        if not det:
            return frozenset()
        text = self.text
        low = text.lower() if text.isascii() or not sieve.odd_letters(text) else ""
        if len(low) != len(text):  # a letter that `re` folds beyond str.lower(): as written
            return frozenset(w for pair in _determiner_pattern(det).findall(text) for w in pair if w)
        # The same matches, found case-sensitively in the lower case, which `re` scans several
        # times faster than its case-insensitive alternation; the words are read from the text
        # itself. Exact: without odd letters a letter matches a lower-case literal ignoring case
        # exactly when its lower case is that literal, and lower-casing keeps every character
        # a word character, a space or neither (checked over all of Unicode).
        words = set()
        for m in _lower_determiner_pattern(det).finditer(low):
            words.add(text[m.start(1):m.end(1)])
            if m.start(2) >= 0:
                words.add(text[m.start(2):m.end(2)])
        return frozenset(words)

    def occurrences(self, name: str):
        """Start offsets of `name` as a whole word."""
        text, start = self.text, 0
        while (i := text.find(name, start)) >= 0:
            start = i + 1
            before = text[i - 1] if i else " "
            after = text[i + len(name)] if i + len(name) < len(text) else " "
            if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
                yield i


def _town_adjective_of(word: str, text: str, title: str | None) -> bool:
    """The article makes an adjective of `word` the way German does of towns ("Leobener")."""
    # the pattern is case-sensitive and spells out "<word>er": where that string is missing it
    # cannot match, and compiling it (a new pattern for every word) is most of the cost
    needed = word + "er"
    if needed not in text and not (title and needed in title):
        return False
    adjective = re.compile(rf"\b{re.escape(word)}er\s+(?-i:[A-ZÄÖÜ])")
    return bool(adjective.search(text) or (title and adjective.search(title)))


_CURRENCY_CODES = frozenset({"USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "SGD", "HKD", "INR", "JPY", "CNY", "RMB",
                             "KRW", "BRL", "MXN", "SEK", "NOK", "DKK", "PLN", "ZAR", "NGN", "KES", "IDR", "MYR",
                             "ILS", "NIS"})
_PLACE_WORD_BEFORE = re.compile(r"(?i)\b(?:aus|from|based in|im raum|sitz in|headquartered in)\s+$")


def _only_after_place_words(word: str, doc: "_Article") -> bool:
    """Every mention of `word` stands after "aus", "from", "based in": a town's name, not a company's."""
    spots = list(islice(doc.occurrences(word), _SPOTS))
    return bool(spots) and all(_PLACE_WORD_BEFORE.search(doc.text, max(0, i - 12), i) for i in spots)


# German writes an everyday noun after an article or "per"/"via" ("in den Startlöchern", "per
# Crowdinvesting"); a company's name stands bare at least once, or with its legal form or a
# descriptor ("die Feldfreund GmbH", "das Start-up Feldfreund")
_NOUN_ARTICLE_BEFORE = re.compile(r"(?:\b(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Dd]em|[Dd]es|[Ee]in|[Ee]ine|[Ee]inen|[Ee]inem|[Ee]iner|"
                                  r"[Ee]ines|im|am|zum|zur|vom|beim|per|via) )$")
_NAME_GOES_ON = re.compile(r" [A-ZÄÖÜ&]")


def _only_as_noun(word: str, doc: "_Article") -> bool:
    """Every mention of `word` stands right after an article, none goes on with a capitalised word."""
    spots = list(islice(doc.occurrences(word), _SPOTS))
    text = doc.text
    return bool(spots) and all(
        _NOUN_ARTICLE_BEFORE.search(text, max(0, i - 8), i) and not _NAME_GOES_ON.match(text, i + len(word))
        for i in spots)


_LEGAL_FORM_AFTER = re.compile(r" (?:GmbH|AG|UG|SE|KG|Inc\.|Ltd\.|LLC|SAS|S\.A\.|B\.V\.)(?![\w-])")
_FROM_TOWN = re.compile(r" (?:aus|from) ([A-ZÄÖÜ][\w-]+)")
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:der|die|das|den|dem|the) $")
_EVIDENCE_CHARS = 30_000  # a name's evidence is in the article's first pages
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zäöüßàâçéèêëîïôûùüÿñæœáíóú][\w-]*")


@lru_cache(maxsize=16)
def _determiner_pattern(det: str) -> re.Pattern[str]:
    return re.compile(rf"(?i:\b(?:{det}))\s+(\w+)(?:\s+(\w+))?")


@lru_cache(maxsize=16)
def _lower_determiner_pattern(det: str) -> re.Pattern[str]:
    """_determiner_pattern for lower-case text: case-sensitive (the determiners are written in
    lower case), led by a look-ahead for their first letters, which `re` skips ahead to."""
    firsts = "".join(sorted({word[0] for word in det.split("|")}))
    return re.compile(rf"(?=[{firsts}])\b(?:{det})\s+(\w+)(?:\s+(\w+))?")


# the kind words an investor's name follows: "investment firm Kestrel Growth", "der Wagniskapitalgeber
# Kornblum", "le fonds d'investissement Altis"
_INVESTOR_KIND = re.compile(
    r"(?i)(?:\b(?:investment|venture(?:[- ]capital)?|vc|private[- ]equity|growth(?:[- ]equity)?) (?:firm|fund|house|"
    r"investor|manager)|\b(?:investor|geldgeber|kapitalgeber|risikokapitalgeber|wagniskapitalgeber|"
    r"beteiligungsgesellschaft|vc-firma|vc-fonds|investisseur|fonds d['’]investissement|fondo(?: de inversi[oó]n)?|"
    r"gestora|investidora)),?\s*$")


def described_as_investor(name: str, doc: _Article) -> bool:
    """"investment firm Kestrel Growth", "der Geldgeber Kornblum": the article calls the name a backer."""
    return any(_INVESTOR_KIND.search(doc.text, max(0, i - 50), i) for i in doc.occurrences(name))


@lru_cache(maxsize=8)
def article_words(text: str, lang: str) -> _Article:
    """The article's own evidence about its words (cached: every check of one article shares it)."""
    return _Article(text, lang)


def described(name: str, doc: _Article, lang: str) -> bool:
    """"taxi-hailing service Go", "das Startup Kurparkdaten", "Sunday, a French startup": a
    descriptor stands beside the name."""
    text = doc.text
    for i in doc.occurrences(name):
        before = text[max(0, i - 40):i].split()
        # German capitalises its descriptors; elsewhere a capital marks a headline's words
        if before and is_descriptor(before[-1].strip(",")) and (lang == "de" or before[-1][:1].islower()):
            return True
        apposition = _APPOSITION.match(text, i + len(name))
        if apposition and any(is_descriptor(w) for w in apposition.group("words").split()):
            return True
        # Romance appositions drop the article: "A Varanda, marketplace de arrendamento, angariou"
        bare = _BARE_APPOSITION.match(text, i + len(name))
        if bare and lang in ("es", "pt", "it", "fr") and is_descriptor(bare.group(1)):
            return True
        # "Die Leipziger Kartenhaus GmbH": a legal form after the word makes it a company's name
        if _LEGAL_FORM_AFTER.match(text, i + len(name)):
            return True
        # "Nachtschicht aus Berlin baut ...": a town after a name, no article before it, places a company
        town = _FROM_TOWN.match(text, i + len(name))
        if town and town.group(1).lower() in places() and not _ARTICLE_BEFORE.search(text, max(0, i - 5), i):
            return True
        # a round-up's item label: "Nachtschicht: Die Berliner App für ... erhält"
        line = text.rfind("\n", 0, i) + 1
        label = LABEL.match(text, line) if i - line <= 24 else None
        if label and label.start("name") == i and describes_company(text[label.end():label.end() + 200], lang):
            return True
    return False


def written_as_word(name: str, text: str, lang: str) -> bool:
    """The article also writes the word as an everyday word: in lower case ("founded",
    "angeführt") or after an article ("die Masse", "der Ausbau")."""
    doc = article_words(text, lang)
    word = name.split()[0]
    if word.lower() != word and doc.has_lower_word(word.lower()):
        return True
    if word in doc.after_determiner:
        return lang == "de" or zipf(word, lang) >= COMMON
    return False


def used_as_name(name: str, text: str, lang: str, title: str | None = None, strict: bool = False) -> bool:
    """The article writes `name` the way names are written: beside a descriptor ("the startup
    X"); or never in lower case nor after an article, and then in mid-sentence with a capital
    (twice in German, which capitalises every noun) or, unless `strict` (for everyday words,
    which headlines capitalise anyway), in its headline."""
    doc = article_words(text, lang)
    if described(name, doc, lang):
        return True
    if written_as_word(name, text, lang):
        return False
    if not strict and title and name in title:
        return True
    mid = sum(1 for i in doc.occurrences(name)
              if i >= 2 and doc.text[i - 1] == " " and (doc.text[i - 2].isalnum() or doc.text[i - 2] in ",;:"))
    return mid >= (2 if lang == "de" else 1)


# compiled once (re's own cache is looked up at every call of re.search(r"...")
_DIGIT = re.compile(r"\d")
_SHORT_TITLE = re.compile(r"(?i)c[a-z]o$|dr|prof")
_CONTRACTION = re.compile(r"[’']t$")
_LINK_CHROME = re.compile(r"(?i)related|lesetipps?|weiterlesen|auch interessant|passend dazu")
# an episode's, issue's or week's number heading a page: "Folge 142", "Episode 12", "KW 12", "Teil 3"
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBERED_LABEL = re.compile(r"(?i)(?:folge|episode|ep\.?|ausgabe|teil|kapitel|staffel|nr\.?|nummer|kw|issue|part|"
                             r"chapter|week|no\.?|vol\.?|volume|épisode|numéro|episodio|número|aflevering)\s?#?\d{1,4}")
_CLOCK_TIME = re.compile(r"(?i)\d{1,2}[:.]\d{2}(?:\s?(?:uhr|h|am|pm))?")


# a sector, a branch of industry, a scene: many companies, whose money is a total
_SECTOR_ENDINGS = ("sector", "sektor", "branche", "industrie", "industry", "szene", "ecosysteem", "ökosystem", "ecosystem")


@lru_cache(maxsize=512)  # a pure judgement, asked again for the same name in the same article
def check_name(name: str, lang: str, text: str = "", title: str | None = None,
               investor: bool = False) -> NameCheck:
    """Is `name` plausibly a company's name in an article of language `lang`?

    `investor`: the name comes from a list of backers, where a name is expected; there an
    everyday word is refused only when the article also writes it as one."""
    if not valid_name(name):
        return NameCheck(False, "not a name")
    bare = _LEGAL.sub("", name.strip()).strip()
    tokens = bare.split()
    if not tokens:
        return NameCheck(False, "not a name")
    low = bare.lower()
    # the article's first pages hold the evidence (and bound the cost on huge pages)
    doc = article_words(text, lang) if text else None
    evidence = doc.text if doc else ""
    if low in places() or (lang == "de" and low.endswith("s") and low[:-1] in places()):
        return NameCheck(False, "a place")  # also "Deutschlands", "Europas": a place's genitive
    if lang == "de" and len(tokens) == 1 and bare.isalpha() and doc and _town_adjective_of(bare, doc.text, title):
        return NameCheck(False, "a place")  # "Leoben" beside "das Leobener Startup": a town
    if len(tokens) == 1 and doc and _only_after_place_words(bare, doc) and not investor:
        return NameCheck(False, "a place")  # "die Kantinen-App aus Bielefeld": only ever where a town stands
    if lang == "de" and len(tokens) == 1 and doc and not investor and _only_as_noun(bare, doc):
        return NameCheck(False, "an everyday word")  # "in den Startlöchern", "per Crowdinvesting"
    # a match at the start of `after` starts with one of _BASED_AFTER_STARTS: a plain test skips the rest
    if any(after.startswith(_BASED_AFTER_STARTS) and sieve.match(_BASED_AFTER, after)
           for after in _afters(bare, evidence)):
        return NameCheck(False, "a place")  # "The Louisville, Ky.-based firm", "a Berlin-based startup"
    if any(_MONTHS.match(t.strip(",.")) for t in tokens) and all(
            _MONTHS.match(t.strip(",.")) or _PERIOD.match(t.strip(",.")) for t in tokens):
        return NameCheck(False, "a date")
    if _NUMBERED_LABEL.fullmatch(bare):
        return NameCheck(False, "a numbered label")  # "Folge 142: X-Gründerin über ...": a podcast's episode
    if _CLOCK_TIME.fullmatch(bare):
        return NameCheck(False, "a time")  # "09:40 Uhr": a ticker item's time stamp
    if _LINK_CHROME.fullmatch(bare):
        return NameCheck(False, "page chrome")  # "RELATED: X holt ...", "Lesetipp: ...": a link's label
    if _ROUND_WORD.match(bare):
        return NameCheck(False, "a round label")
    if not _DIGIT.search(bare) and any(_SUM_WORD.fullmatch(t) for t in tokens):
        return NameCheck(False, "a sum")  # "Milliarde Euro", "Millionen Dollar": money, not a name
    if lang == "de" and any(_SUM_COMPOUND.fullmatch(t) for t in tokens):
        return NameCheck(False, "a sum")  # "erhält Millionenbetrag", "Millionenförderung für ...": money told in a word
    if lang == "de" and _ROUND_COMPOUND.fullmatch(tokens[0]):
        return NameCheck(False, "a round label")  # "in der Finanzierungsrunde 2021"
    if len(tokens) >= 2 and _PROGRAMME.fullmatch(tokens[-1]):
        return NameCheck(False, "a programme")  # "GCE Grants", "Horizon Programme": money's source, not a company
    if len(tokens) >= 2 and _YEAR.fullmatch(tokens[-1]) and not investor:
        return NameCheck(False, "an edition")  # "Innov'up 2024", "Web Summit 2023": a programme's or an event's year
    # "CFO René Griemens", "Gründer Max Muster"; but "Founder Collective" is a firm
    if _TITLE.match(tokens[0]) and (len(tokens) >= 3 or len(tokens) == 2 and _SHORT_TITLE.match(tokens[0])):
        return NameCheck(False, "a person with a job title")
    if text and len(tokens) >= 2 and tokens[0][:1].isupper() and _APPOSITIVE_TITLE.match(
            evidence, _after_first(evidence, bare)):
        return NameCheck(False, "a person with a job title")
    if lang == "de" and len(tokens) >= 2 and tokens[-1].endswith("s") and is_descriptor(tokens[-1][:-1]) and not investor \
            and tokens[-1].lower() not in ("ventures", "partners", "holdings", "investments", "funds", "labs"):
        # "Deutsche Fintechs", "Europäische Start-ups": many companies, whose money is a total
        return NameCheck(False, PLURAL_KIND)
    spots = [(doc.text[max(0, i - 60):i], doc.text[i + len(bare):i + len(bare) + 60])
             for i in islice(doc.occurrences(bare), _SPOTS)] if doc else []
    if len(tokens) >= 2 and not investor and _HONORIFIC.fullmatch(tokens[0]):
        return NameCheck(False, "a person")  # "Herr Brandt, Sie haben 3 Millionen Euro eingesammelt"
    if len(tokens) == 1 and not investor and any(_HONORIFIC_BEFORE.search(before) for before, _ in spots):
        return NameCheck(False, "a person")  # "Frau Nkemelu, Sie haben gerade 5 Mio. Euro eingesammelt"
    if len(tokens) == 1 and any(sieve.search(_TITLED_PERSON_BEFORE, before) for before, _ in spots):
        return NameCheck(False, "a person with a job title")  # "Renner" of "Gründer Hanno Renner"
    if len(tokens) == 2 and not investor and any(sieve.search(_TITLE_BEFORE, before) for before, _ in spots):
        return NameCheck(False, "a person with a job title")  # "..., managing partner Claire Donovan said"
    if len(tokens) == 2 and not investor and any(_FOUNDED_BY_BEFORE.search(before) for before, _ in spots):
        return NameCheck(False, "a founder")  # "la plataforma fundada por Beatriz Olmo y Jaime Salcedo, ultima ..."
    # _MODIFIER_AFTER matches only where `after` opens with a space (`\s` is what str.isspace() says)
    if lang == "en" and any(after[:1].isspace() and sieve.match(_MODIFIER_AFTER, after)
                            and not before.endswith(("the ", "The "))
                            for before, after in spots):
        return NameCheck(False, "a modifier")  # "Seattle startup just landed $3M": whose startup, not which
    if len(tokens) == 1 and (is_descriptor(bare) or is_descriptor(bare.split("-")[-1]) and "-" in bare):
        return NameCheck(False, "a descriptor")
    if tokens[-1].islower() and tokens[-1].endswith(_SECTOR_ENDINGS) and not investor:
        return NameCheck(False, PLURAL_KIND)  # "De Belgische biotechsector haalde 1,2 miljard op": a sector's sum
    last = tokens[-1].split("-")[-1]
    if lang in ("de", "nl") and "-" in tokens[-1] and last[1:].islower() and (
            zipf(last, lang) >= COMMON or _everyday_compound(last, lang)):
        # "Direct-Air-Capture-Technologie", "Social-Media-Gigant", "Sport-Analysesoftware"
        return NameCheck(False, "a descriptor")
    if bare.islower() and " " not in bare and zipf(bare, lang) >= COMMON:
        return NameCheck(False, "an everyday word")  # "about", "which": a lower-case word of the language
    if lang == "en" and len(tokens) == 1 and bare.endswith("s") and bare[1:].islower() and not investor \
            and zipf(bare[:-1], lang) >= COMMON and zipf(bare, lang) < UNCOMMON:
        return NameCheck(False, "an everyday word")  # "Smaller Fundings", "Fundings": a rare plural of a common noun
    if _CONTRACTION.search(bare):
        return NameCheck(False, "not a name")  # "Gov’t", "Don't"
    if all(t[:1].isdigit() and not _DIGIT_LED_NAME.fullmatch(t) for t in tokens) or any(
            _MONEY_WORD.match(t) for t in tokens):
        return NameCheck(False, "a number")
    if len(tokens) == 1 and bare in _CURRENCY_CODES:
        return NameCheck(False, "a currency")  # "$22 million CAD (about $16 million USD)"
    if len(tokens) == 1 and bare.isalpha() and word_to_number(bare, lang) is not None:
        return NameCheck(False, "a number")  # "Eighteen months after ...": a number word opening a sentence
    # everyday words: judged on every token, since "Unsere Schlagzeilen" is two of them
    freqs = [zipf(t.strip("\"'“”„‘’«»"), lang) for t in tokens]
    if lang in _NO_FREQUENCY:
        return NameCheck(True, "ok")
    det = _DETERMINER.get(lang)
    if len(tokens) >= 2 and det and re.fullmatch(det, tokens[0].lower()):
        return NameCheck(False, "a phrase")  # "Unsere Schlagzeilen": starts with a determiner
    prep = _PREPOSITION.get(lang)
    if len(tokens) >= 2 and prep and re.fullmatch(prep, tokens[0].lower()):
        return NameCheck(False, "a phrase")  # "En Estados Unidos", "In Berlin Mitte": a place phrase
    if len(tokens) >= 4 and sum(f >= COMMON for f in freqs) * 2 >= len(tokens) and any(
            f >= 6.0 and t[:1].isupper() for t, f in zip(tokens[1:], freqs[1:])):
        return NameCheck(False, "a headline")  # "Top VCs Raise Concerns About Valuations"
    if lang == "de" and len(tokens) == 1 and bare.endswith("ungen") and max(freqs) >= 2.5:
        return NameCheck(False, "an everyday word")  # "Förderprogramm für Gründungen": a plural of "-ung", no brand
    compound = len(tokens) == 1 and _everyday_compound(bare, lang)
    # a name of several words may hold everyday ones ("Black Forest Labs") but not only those
    common = min(freqs) >= COMMON or compound
    # German capitalises every noun, so there even a rarer word in a name slot needs evidence
    uncommon_word = lang == "de" and not common and min(freqs) >= UNCOMMON and len(tokens) == 1
    if len(tokens) == 1 and min(freqs) >= 2.5 and written_as_word(bare, text, lang) and not described(
            bare, article_words(text, lang), lang):
        return NameCheck(False, "an everyday word", weak=not common)  # "valuations" in lower case too
    if investor:
        if described(bare, article_words(text, lang), lang):
            return NameCheck(True, "ok")  # "den Fonds Isarkapital"
        if compound or (common and len(tokens) == 1 and written_as_word(bare, text, lang)):
            return NameCheck(False, "an everyday word")
        if len(tokens) == 1 and text and common and not used_as_name(bare, text, lang, title):
            # "Daneben investieren mehrere Business Angels": a sentence's first word, never a name
            return NameCheck(False, "an everyday word")
        return NameCheck(True, "ok")
    if common and lang not in ("de", "lb") and len(tokens) >= 2 and text:
        # "Primary Portal", "The Fashion Kingdom": where only names and sentence starts take a
        # capital, everyday words capitalised after the first one in running text are a name;
        # in title-case lines only ("... Reaches €1.25 Trillion in Green Loans") they are not
        if all(t[:1].isupper() for t in tokens[1:]) and _in_running_text(bare, evidence):
            return NameCheck(True, "ok")
        if not described(bare, article_words(text, lang), lang):
            return NameCheck(False, "everyday words in title case")
    if (common or uncommon_word) and not used_as_name(bare, text, lang, title, strict=common and not compound):
        if compound:
            return NameCheck(False, "a compound of everyday words", weak=True)
        return NameCheck(False, "an everyday word", weak=not common)
    return NameCheck(True, "ok")


_SUM_WORD = re.compile(r"(?i)millionen?|milliarden?|mio\.?|mrd\.?|millions?|billions?|milliards?|millones|"
                       r"milhões|milioni|miljoen|euros?|dollars?|us-dollar|franken|pfund")
# German compounds of a sum or a round: "Millionenbetrag", "Milliardenfinanzierung", "Kapitalrunde"
_SUM_COMPOUND = re.compile(r"(?i)(?:millionen|milliarden)[a-zäöüß-]{4,}")
_ROUND_COMPOUND = re.compile(r"(?i)[\w-]*(?:finanzierungs|kapital|investment|investitions|wachstums|seed-?|series-?)runde")
_PROGRAMME = re.compile(r"(?i)grants?|programmes?|programs?|initiative|awards?|prizes?|challenges?|"
                        r"förderprogramm|förderpreis|wettbewerb|stipendium|concours|programa")
_EMPLOYER = re.compile(r"[^,;.]{0,40}?\b(?:of|at|von|bei|de|du|del|chez)\s+(?:the\s+)?"
                       r"(?P<name>[A-ZÄÖÜ][\w.&-]*(?:\s[A-ZÄÖÜ][\w.&-]*){0,2})")


_FOUNDER_TITLE = re.compile(rf"(?i){LEADER_TITLES}")


def employer(person: str, text: str) -> str | None:
    """The company in "Matt Jones, founder of Orbix, ...": where the person works, or None."""
    end = _after_first(text, person)
    title = _APPOSITIVE_TITLE.match(text, end)
    if not title or not _FOUNDER_TITLE.search(title.group(0)):
        return None
    m = _EMPLOYER.match(text, title.end())
    return m.group("name") if m else None


# context beside a name, matched on the few characters around each of its occurrences
_TITLED_PERSON_BEFORE = re.compile(rf"(?i:\b(?:{LEADER_TITLES}|cfo|cto|vorstand))\s+[A-ZÄÖÜ][\w-]+\s+$")
# "Frau Nkemelu", "Mr. Alvarez", "Madame Roux": an honorific names a person
_HONORIFICS = (r"(?:Frau|Herr|Herrn|Mr\.|Mrs\.|Ms\.|Madame|Monsieur|Mme\.?|Señora?|Sra?\.|Signora?|Sig\.|"
               r"Sig\.ra|Dhr\.|Mevr\.|Senhora?)")
_HONORIFIC_BEFORE = re.compile(rf"\b{_HONORIFICS}\s+$")
_HONORIFIC = re.compile(_HONORIFICS)
_TITLE_BEFORE = re.compile(rf"(?i:\b(?:{LEADER_TITLES}|cfo|cto|coo|(?:managing|general|founding) partner|"
                           r"spokes(?:wo)?man|spokesperson|vorstand|sprecher(?:in)?))\s+$")
# "fundada por Beatriz Olmo y Jaime Salcedo", "founded by Ana Ruiz and ...": the founders, persons
_FOUNDED_BY_BEFORE = re.compile(
    r"(?i:\b(?:co-?founded|founded|co-?fundad[oa]s?|fundad[oa]s?|co-?fondée?s?|fondée?s?|fondat[oa]|opgericht|gegründet)"
    r"\s+(?:by|por|par|da|door|von))\s+(?:[A-ZÀ-Ý][\w'’-]+\s+){0,3}?(?:(?:and|y|e|et|en|und)\s+)?$")
_MODIFIER_AFTER = re.compile(
    r"\s+(?:startup|start-up|firm|company|unicorn)\s+(?:just\s+|has\s+|have\s+)?"
    r"(?:raised|landed|secured|closed|bagged|snagged|got|nabbed|received|raises|lands|secures)\b")
_BASED_AFTER = re.compile(r"(?:,\s*[A-Z][\w.]{1,12})?-based\b")
_BASED_AFTER_STARTS = (",", "-based")  # how a match of _BASED_AFTER begins


def _afters(name: str, evidence: str) -> list[str]:
    """What follows each of the first mentions of `name` in `evidence`, found by plain search
    (not whole words: "Berlin-based" must count as a mention of Berlin)."""
    out, start = [], 0
    while (i := evidence.find(name, start)) >= 0 and len(out) < _SPOTS:
        start = i + 1
        out.append(evidence[i + len(name):i + len(name) + 40])
    return out


_SPOTS = 20  # a name's first mentions tell how the article uses it


# _in_running_text's lower-case word: not a function word that title case keeps in lower case
# ("Secures €433M in Green Loans")
_RUNNING_WORD = (r"(?!(?:a|an|the|and|but|or|for|nor|on|at|to|from|by|in|of|with|as|vs|via|per|into|over|upon)\b)"
                 r"[a-z][\w-]*")
# the halves of "\b{word}[,;]?\s+NAME\b|NAME(?:\s*\([^()]{1,30}\))?[,;:]?\s+{word}" that do not
# depend on the name, compiled once
_WORD_THEN_SPACE = re.compile(rf"\b{_RUNNING_WORD}[,;]?\s+")
_WORD_AFTER = re.compile(rf"(?:\s*\([^()]{{1,30}}\))?[,;:]?\s+{_RUNNING_WORD}")
_WORD_BOUNDARY = re.compile(r"\b")


def _in_running_text(name: str, text: str) -> bool:
    """`name` stands somewhere beside a lower-case word ("Primary Portal, building ...", "the
    Fashion Kingdom has"), not only in title-case headlines ("European Capital Reaches ...").

    Read at each place the name stands (str.find), not by a pattern searched through the text:
    a pattern led by a word boundary is tried at every offset of the article's first pages (a
    millisecond and more per name), and one built per name is compiled anew each time."""
    start = 0
    while (i := text.find(name, start)) >= 0:
        start = i + 1  # every place, overlapping ones too, as a search would try them
        end = i + len(name)
        if _WORD_AFTER.match(text, end):
            return True  # "Primary Portal, building ..."
        if _WORD_BOUNDARY.match(text, end) and _word_then_space_before(text, i):
            return True  # "the Fashion Kingdom has"
    return False


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # re's \w


def _word_then_space_before(text: str, i: int) -> bool:
    """Does a match of _WORD_THEN_SPACE end exactly at `i`? Such a match is a run of word
    characters and hyphens, an optional comma or semicolon, and all the whitespace up to `i`
    (none of those characters is whitespace, so its spaces start where the run of whitespace
    before `i` starts); it may start only where that run of word characters and hyphens starts,
    or after one of its hyphens (a word boundary before a letter). Only those starts are tried."""
    j = i
    while j > 0 and text[j - 1].isspace():  # re's \s
        j -= 1
    if j == i:
        return False
    k = j - 1 if j > 0 and text[j - 1] in ",;" else j
    q = k
    while q > 0 and (_is_word_char(text[q - 1]) or text[q - 1] == "-"):
        q -= 1
    for s in range(q, k):
        if "a" <= text[s] <= "z" and (s == 0 or not _is_word_char(text[s - 1])):
            m = _WORD_THEN_SPACE.match(text, s, i)  # up to `i` only: the name follows there
            if m is not None and m.end() == i:
                return True
    return False


def _after_first(text: str, name: str) -> int:
    """Where the first mention of `name` ends in `text` (past the end when it is absent)."""
    i = text.find(name)
    return len(text) if i < 0 else i + len(name)


def plausible_name(name: str | None, lang: str, text: str = "", title: str | None = None,
                   investor: bool = False) -> bool:
    if not name:
        return False
    # called as the other callers call it when `investor` is false: the cache keys a call by
    # its arguments as given, and a default written out would be a second entry, judged again
    return (check_name(name, lang, text, title, True) if investor else check_name(name, lang, text, title)).plausible
