"""Round names in EN/DE (and the Romance languages where cheap): "Series-C-Runde", "Serie C",
"seed", "Brückenfinanzierung", "venture debt", "A+", "second closing" ...

`find_rounds` returns every cue with its position so that a sentence listing
several deals can give each amount the nearest round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_LETTER = r"(?P<letter>[A-Ka-k])(?P<plus>\+)?"
_ORDINALS = {
    "first": "a", "second": "b", "third": "c", "fourth": "d", "fifth": "e",
}

_PATTERNS: list[tuple[str, str, tuple[str, ...]]] = [
    # pre-Series A is its own thing: never Series A (labelled "unknown" by analysts)
    (r"\bpre[- ]?(?:series|serie|série)[- ]?[a-k]\b(?:[- ]?(?:runde|round|funding|financing))?", "unknown", ("pre",)),
    (r"\bpre[- ]?ipo\b(?:[- ]?(?:runde|round|funding|financing|finanzierung))?", "unknown", ("pre", "pré")),
    # "pré-seed", "pre-semilla", "pre-seedinvestering": the Romance and Dutch spellings and compounds
    (r"(?<![\w-])pr[eé][- ]?(?:seed|semilla|semente)(?:[- ]?(?:ronde|investering|financiering))?\b|"
     r"\bpré[- ]?amorçage\b", "pre_seed", ("pre", "pré")),
    # "Series A1", "Series B-2": tranches of the same letter
    (rf"\b(?:series|serie|série|serie|séries|rodada|ronda)\s?-?\s?{_LETTER}(?:-?[1-9](?![\w.,]))?(?![\w])", "series", ("serie", "série", "rodada", "ronda")),
    (rf"\b{_LETTER}-(?:runde|finanzierungsrunde|finanzierung|round)\b", "series", ("-runde", "-finanz", "-round")),
    (rf"(?<![\w-])(?:round|runde)\s+{_LETTER}(?![\w])", "series", ("round ", "runde ")),
    (r"\b(?P<ord>first|second|third|fourth|fifth)[- ]round (?:of )?(?:financing|funding)\b", "ordinal", ("round",)),
    (r"\bseed(?:-?(?:runde|finanzierung|round|funding|financing|investment|capital))?\b|(?<!prêt d')(?<!prêt d’)(?<!prêts d')(?<!prêts d’)\bamorçage\b|\bsemilla\b",
     "seed", ("seed", "amorçage", "semilla")),
    (r"\bangel[- ](?:round|runde|investment|funding|financing|finanzierung)\b|\bbusiness[- ]angels?[- ]runde\b|"
     r"\bfrom (?:a group of )?(?:business )?angels\b|\bvon business[- ]angels\b", "angel", ("angel",)),
    (r"\bbridge(?:[- ](?:round|loan|financing|funding))?\b|\bbr[üu]ckenfinanzierung\b|\bzwischenfinanzierung\b",
     "bridge", ("bridge", "brücken", "brucken", "zwischenfin")),
    # French convertibles: "en BSA AIR" (bons de souscription d'actions), "obligations convertibles"
    (r"\bconvertible(?: notes?| loans?| bonds?)?\b|\bwandeldarlehen\b|\bwandelanleihe\b|\bBSA[- ]?AIR\b|"
     r"\b(?:obligations?|prêts?) convertibles?\b", "convertible",
     ("convertible", "wandel", "bsa")),
    (r"\bventure[- ]debt\b|\bdebt (?:financing|funding|facility|round)\b|\bcredit (?:line|facility)\b|"
     r"\bkreditrahmen\b|\bkreditlinie\b|\bkredit\b|\bfremdkapital(?:finanzierung)?\b|\bschulden\b|"
     r"\bdarlehen\b|\b(?:term |bank |venture )?loans?\b|"
     # French: "un prêt d'amorçage de Bpifrance", "un prêt participatif", "sous forme de dette"
     r"\bprêts? (?:d['’](?:amorçage|innovation|honneur|investissement)|participatifs?|bancaires?|garantis?|"
     r"à taux zéro)\b|\bdette\b|"
     # "$25 million in debt from Alteria", "£100m debt line", "$150M project financing", a table's "Debt" cell
     r"\b(?:in|of) (?:new )?debt\b(?!\s+(?:and|&|or)\s+equity)|\bdebt (?:line|deal|raise|capital|package)\b|"
     r"\bwarehouse (?:line|facility|financing)\b|\bproject financ(?:e|ing)\b|^\s*debt\s*$", "debt",
     ("debt", "credit", "kredit", "fremdkapital", "schulden", "darlehen", "loan", "prêt", "dette", "warehouse",
      "project financ")),
    (r"\bgrowth(?:[- ](?:round|funding|financing|equity|investment|capital))\b|\bwachstumsfinanzierung\b|"
     r"\bwachstumsrunde\b", "growth", ("growth", "wachstums")),
    (r"\bgrants?\b|\bf[öo]rdert\b|\bf[öo]rderte\b|\bzusch[uü]ss(?:e)?\b|\bf[öo]rdermittel\b|\bf[öo]rderung\b|\bf[öo]rderprogramm\w*|\w*stipendi(?:um|en)\b|\bf[öo]rdergeld(?:er)?\b|\bsubvention|"
     r"\bf[öo]rderbescheid\w*|\bzuwendungsbescheid\w*|\bf[öo]rderzusage\w*|"
     r"\bnon-dilutive (?:funding|financing|capital)\b|"
     # Canadian agencies' grants: "a $1.5 million non-repayable contribution from ACOA"
     r"\bnon-repayable (?:contribution|funding|investment|grant)s?\b", "grant",
     ("grant", "zusch", "förder", "forder", "subvention", "stipendi", "non-dilutive", "non-repayable")),
    (r"\bcrowd[- ]?(?:funding|investing|finanzierung)\b|\bequity crowdfunding\b|\bfinancement participatif\b|"
     # "via Crowdcube", "on Birchal": an equity crowdfunding platform named as the channel
     r"\b(?:on|via|through|using) (?:Crowdcube|Seedrs|Birchal|Wefunder|StartEngine|Equitise|Companisto|Seedmatch)\b|"
     # German crowds: "Crowdinvesting-Kampagne", "Schwarmfinanzierung", "sammelt über die Plattform
     # Companisto 750.000 Euro ein", "Knapp 1.100 Investorinnen und Investoren zeichneten ..."
     r"\bcrowd-?invest\w*|\bschwarm(?:finanzierung|investment)\w*|"
     r"\büber (?:die|eine) (?:[\w-]*crowd[\w-]*[- ])?plattform (?-i:[A-Z])[\w.-]+(?=(?:[^.;]|\.(?=\d)){0,50}\b(?:ein|eingesammelt|eingeworben)\b)|"
     r"\b(?:\d{1,3}(?:\.\d{3})+|\d{3,})\s+(?:\w+\s+und\s+)?(?:investor(?:inn)?en|(?:klein)?anleger(?:innen)?)"
     r"(?=[^.;]{0,30}\b(?:zeichneten|investierten|beteiligten)\b)",
     "crowdfunding", ("crowd", "financement participatif", "seedrs", "birchal", "wefunder", "startengine",
                      "equitise", "companisto", "seedmatch", "schwarm", "plattform", "investor", "anleger")),
    (r"\bstrategic (?:investment|round|funding|financing)\b|\bstrategische(?:s|n)? (?:investment|investition|beteiligung)\b",
     "strategic", ("strategi",)),
]


def _lexicon_patterns() -> list[tuple[str, str, tuple[str, ...]]]:
    """Round names of the language lexicons (extraction/data/lexicons, `[rounds]`), one pattern
    per round; the pre-filter keys are the fragments' leading letters."""
    from extraction.grammar.lexicon import round_patterns

    by_kind: dict[str, list[str]] = {}
    for pattern, kind in round_patterns():
        by_kind.setdefault(kind, []).append(pattern)
    out = []
    for kind, patterns in by_kind.items():
        keys = tuple({re.match(r"[^\\()\[?*+|{.]*", p).group(0).lower()[:5] or p[:1].lower() for p in patterns})
        body = "|".join(sorted(patterns, key=len, reverse=True))
        out.append((rf"(?<![\w-])(?:{body})(?![\w])", kind, keys))
    return out


# The shared patterns come first: overlaps are resolved in favour of the earlier pattern.
_PATTERNS += _lexicon_patterns()
_COMPILED = [(re.compile(p, re.IGNORECASE), kind, keys) for p, kind, keys in _PATTERNS]
_KEYS = tuple({k for _, _, keys in _PATTERNS for k in keys})
EXTENSION_RE = re.compile(
    r"\bextension\b|\bextended\b|\bextends\b|\btop[- ]?up\b|\bsecond clos(?:e|ing)\b|\berweiter(?:ung|t)\b|"
    r"\badd(?:s|ed)?\b[^.;]{0,40}\bto (?:its|the|their) (?:[\w-]+ ){0,2}(?:series|seed|round)\b|"
    r"\b(?:expand(?:s|ed)?|upsize[sd]?) (?:its|the|their) (?:[\w-]+ ){0,2}(?:series|seed|round)\b|"
    r"\btack(?:s|ed)?\b[^.;]{0,40}\bon(?:to)? (?:its |the |their )?(?:[\w-]+ ){0,2}(?:series|seed|round)\b|"
    r"\baufgestockt\b|\baufstock|\bstockt\b.{0,80}\bauf\b|\bzweiten closing\b",
    re.IGNORECASE,
)

# a capitalised cue word followed by one of these is part of a name, not a round
# and "die Crowdinvesting-Plattform Verve": the kind of round a platform runs
_KIND_OF_FIRM = re.compile(r"(?i)(?:-(?:and|to|through)-\w+(?: [a-k])?)?[ -](?:firm|fund|vc|specialist|investor|"
                           r"plattform|platform|portal)\b")
# "secured £750,000 via crowdfunding platform Crowdcube": the platform is the round's channel
_CHANNEL = re.compile(r"(?i)\b(?:via|through|on|using)\s+(?:the\s+|a\s+|an\s+)?(?:equity\s+)?$")
_IN_NAME = re.compile(
    r" (?:Capital|Fund|Funds|Fonds|Ventures|Venture Partners|Partners|Investments?|Invest|Equity|Group|"
    r"Holdings?|Bank|Labs?|Management|Advisors|Associates|Camp|Club|Network|Foundation|Stiftung|"
    r"Beteiligungen|Beteiligungsgesellschaft|Collective|Syndicate|VC|AG|GmbH|LLC|LP|Inc)\b")
_AFTER_FIGURE = re.compile(r"\d\s?(?:[A-Za-z]{1,4}\.?|Mio\.?|Millionen|million|Million)?\s?$")


@dataclass(frozen=True)
class RoundCue:
    round: str
    extension: bool
    start: int
    end: int


def find_rounds(sentence: str) -> list[RoundCue]:
    """All round cues in a sentence, left to right, overlaps resolved in favour of the first pattern."""
    return list(_find_rounds(sentence))


@lru_cache(maxsize=4096)
def _find_rounds(sentence: str) -> tuple[RoundCue, ...]:
    # cached: the reader asks about one sentence several times (its amount, its investors)
    return tuple(_scan_rounds(sentence))


def _scan_rounds(sentence: str) -> list[RoundCue]:
    cues: list[RoundCue] = []
    low = sentence.lower()
    if not any(k in low for k in _KEYS):
        return cues
    taken: list[tuple[int, int]] = []
    for regex, kind, keys in _COMPILED:
        if not any(k in low for k in keys):
            continue
        for m in regex.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            ext = False
            if _KIND_OF_FIRM.match(sentence, m.end()) and not (kind == "crowdfunding" and _CHANNEL.search(
                    sentence, max(0, m.start() - 20), m.start())):
                continue  # "the San Francisco seed-and-Series A firm": the stage a firm invests in
            if kind not in ("series", "ordinal") and _IN_NAME.match(sentence, m.end()) \
                    and m.group(0)[:1].isupper() and not _AFTER_FIGURE.search(sentence, 0, m.start()):
                continue  # "Granite Bridge Capital", "Alpine Seed Fund": an investor's name
            if kind == "series":
                letter = m.group("letter")
                if letter.islower() and not re.match(r"(?i)series|serie|série", m.group(0)):
                    continue  # "a-Runde" is not a round letter; "Series a" is
                if letter.upper() == "A" and re.search(r"(?i)\bserie\s?a\b", m.group(0)) and \
                        re.match(r"\s+(?:League|liga)", sentence[m.end():]):
                    continue
                name = f"series_{letter.lower()}"
                ext = bool(m.group("plus"))
            elif kind == "ordinal":
                name = f"series_{_ORDINALS[m.group('ord').lower()]}"
            else:
                name = kind
            taken.append((m.start(), m.end()))
            cues.append(RoundCue(name, ext, m.start(), m.end()))
    cues.sort(key=lambda c: c.start)
    return cues


def detect_round(sentence: str) -> tuple[str, bool]:
    """The first round named in a sentence, with the extension flag ("A+", "second closing")."""
    cues = find_rounds(sentence)
    if not cues:
        return "unknown", bool(EXTENSION_RE.search(sentence))
    cue = cues[0]
    return cue.round, cue.extension or bool(EXTENSION_RE.search(sentence))


# a round name followed by a plural round noun: "Seed-Runden", "Series A rounds", "rondas semilla"
# ... or its deals in the plural: "Seed- und Series-A-Investments betreuen", "series A deals"
_PLURAL_NOUN_AFTER = re.compile(r"(?i)^-?\s?(?:[\w]+-)?(?:finanzierungs)?(?:runden|rounds|tours|rondas|rodadas|rondes|"
                                r"investments|investitionen|investissements|inversiones|investimenti|investimentos|deals|"
                                r"finanzierungen|financements|tickets)\b")
_COORDINATED_AFTER = re.compile(r"(?i)^-?\s*(?:und|and|oder|or|bis|to|et|y|e|ou|o|en|of|,|/)\s*$")


def kind_of_rounds(sentence: str, cues: list[RoundCue]) -> bool:
    """Whether the sentence's round names all stand for a kind of rounds, in the plural: "will vor
    allem in Seed- und Series-A-Runden investieren", "backs pre-seed and seed rounds". A fund's
    focus or a market's share, not one company's round."""
    if not cues:
        return False
    for k, cue in enumerate(cues):
        after = sentence[cue.end:cue.end + 30]
        if _PLURAL_NOUN_AFTER.match(after):
            continue
        nxt = cues[k + 1] if k + 1 < len(cues) else None
        if nxt is None or not _COORDINATED_AFTER.match(sentence[cue.end:nxt.start]):
            return False
    return True
