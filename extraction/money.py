"""Money amounts in news text: "$1.2B", "US$5m", "1,5 Mrd. Euro", "elf Millionen Euro", "Rs 50 crore".

`parse_money` finds every amount in a string; `format_money` writes one back in a
form that `parse_money` reads again (the round trip is tested with Hypothesis).
Decimal commas and points are told apart by shape, so one parser serves all
languages: a single separator followed by exactly three digits groups thousands
("728.000", "$200,000"); anything else is a decimal mark ("1,5", "20.8").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from functools import lru_cache

from extraction import sieve
from extraction.numbers import word_to_number

__all__ = ["Money", "parse_money", "format_money", "MONEY_HINT"]


@dataclass(frozen=True)
class Money:
    amount: int
    currency: str | None
    approx: bool
    span: tuple[int, int]
    has_scale: bool = True


_PRE = {
    "us$": "USD", "u.s.$": "USD", "usd": "USD", "$": "USD", "s$": "SGD", "sgd": "SGD",
    "hk$": "HKD", "hkd": "HKD", "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD",
    "ca$": "CAD", "cad$": "CAD", "cad": "CAD", "nz$": "NZD", "r$": "BRL", "brl": "BRL", "€": "EUR",
    "eur": "EUR", "£": "GBP", "gbp": "GBP", "chf": "CHF", "rs": "INR", "rs.": "INR",
    "inr": "INR", "₹": "INR", "rmb": "CNY", "cny": "CNY", "¥": "CNY", "jpy": "JPY",
    "rm": "MYR", "myr": "MYR", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "idr": "IDR",
    "rp": "IDR", "₩": "KRW", "krw": "KRW", "₦": "NGN", "ngn": "NGN", "zar": "ZAR",
    "nt$": "TWD", "twd": "TWD", "pln": "PLN", "fr.": "CHF", "sfr.": "CHF", "sfr": "CHF",
    # Latin American pesos by their codes: "COP 6.000 millones", "MXN 40 millones"
    "mxn": "MXN", "cop": "COP", "clp": "CLP", "ars": "ARS",
    "nis": "ILS", "ils": "ILS", "₪": "ILS",  # Israeli press: "NIS 22 million ($6 million)"
    # Asian and African press: "PHP 280 million", "KSh 500 million", "R45 million" (rand, a capital R
    # right before the digits)
    "php": "PHP", "₱": "PHP", "kes": "KES", "ksh": "KES", "egp": "EGP", "r": "ZAR",
}
_POST = {
    "us-dollar": "USD", "us-$": "USD", "dollar": "USD", "dollars": "USD", "usd": "USD",
    "$": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR", "€": "EUR", "franken": "CHF",
    "chf": "CHF", "swiss francs": "CHF", "schweizer franken": "CHF", "britische pfund": "GBP",
    "britischen pfund": "GBP", "pfund sterling": "GBP", "pfund": "GBP", "pounds": "GBP", "pound": "GBP",
    "gbp": "GBP", "£": "GBP", "yuan": "CNY", "rmb": "CNY", "renminbi": "CNY", "cny": "CNY",
    "yen": "JPY", "jpy": "JPY", "rupees": "INR", "rupee": "INR", "inr": "INR",
    "kronen": "SEK", "sek": "SEK", "ringgit": "MYR", "real": "BRL", "reais": "BRL",
    "dólares": "USD", "dolares": "USD", "dollari": "USD", "dollaro": "USD", "dólar": "USD",
    "won": "KRW", "baht": "THB", "pesos": "MXN", "lira": "TRY", "shekels": "ILS", "nis": "ILS", "rand": "ZAR",
    "kronor": "SEK", "zloty": "PLN", "złoty": "PLN", "zł": "PLN", "fr.": "CHF", "sfr.": "CHF",
    # Swiss francs in the Romance languages and Dutch
    "francs suisses": "CHF", "franchi svizzeri": "CHF", "francos suizos": "CHF", "francos suíços": "CHF",
    "zwitserse frank": "CHF", "zwitserse franken": "CHF",
    # French: "francs" alone are Swiss today; the CFA franc and the dirham of West and North Africa
    "francs": "CHF", "francs cfa": "XOF", "fcfa": "XOF", "f cfa": "XOF", "dirhams": "MAD", "dirham": "MAD",
}
# "3,5 M$" in a French text about Québec: the dollar written after the figure is the Canadian one
_QUEBEC = re.compile(r"(?i)\b(?:québec\w*|quebec|montréal\w*|montreal|canad\w+)\b")
_JAPAN = re.compile(r"(?i)\b(?:japan|japanese|tokyo|osaka|kyoto|fukuoka|nagoya|yokohama|sapporo|yen)\b")
# a bare Indian scale ("lakh", "crore") before a plural noun counts things: "1.8 lakh active SIP
# accounts", "over 2 crore users" (adjectives and acronyms may stand between); money takes "Rs"/"₹"
# or goes on with "in", "from", "funding" ("raised 50 crore in its Series A")
_NOT_ADJECTIVE = r"(?!(?:in|into|from|for|to|of|by|with|at|as|on|its|their|his|her|the|a|an|and|or|via|through|led|under)\b)"
_COUNTED_AFTER = re.compile(rf"\+?(?:\s+{_NOT_ADJECTIVE}(?:[a-z]+|[A-Z]{{2,}})){{0,2}}\s+{_NOT_ADJECTIVE}"
                            r"(?!(?:rupees|funds|investments|proceeds|loans|grants|dollars|debts|bonds|series)\b)[a-z]{3,}s\b")
_VERB_LIKE_POST = ("won", "rand", "real", "lira")  # currency words that are also ordinary words
# Scale words; German "Billion" is 10**12, English "billion" 10**9 (resolved by case).
_SCALES = [
    (r"thousand|tausend|tsd\.?|k|mille", 1e3),
    (r"lakhs?", 1e5),
    (r"crores?|crs?", 1e7),
    (r"millions?|millionen|million|mio\.?|mill\.?|mln\.?|mn|mil|mm|m|millones|milioni|miljoen|milhões|milhão|millón|milione", 1e6),
    (r"billions?|milliarden?|mrd\.?|bn|bln|b|milliards?|mds?|miliardi|miliardo|mil millones|miljard|bilhões|bilhão", 1e9),
    (r"trillions?|billionen|trn|tn", 1e12),
]
_SCALE_RE = "|".join(f"(?:{p})" for p, _ in _SCALES)
_SCALES_COMPILED = [(re.compile(p), value) for p, value in _SCALES]

# "Fr. 5 Mio.", "5 Mio. Fr.", "SFr. 5 Mio.": Swiss francs as the Swiss press writes them
_PRE_RE = r"US\$|U\.S\.\$|USD|S\$|SGD|HK\$|HKD|NT\$|TWD|PLN|A\$|AU\$|AUD|C\$|CA\$|CAD\$|CAD|NZ\$|R\$|BRL|\$|€|EUR|£|GBP|CHF|SFr\.?|Fr\.|Rs\.?|INR|₹|RMB|CNY|¥|JPY|RM|MYR|SEK|NOK|DKK|IDR|Rp|₩|KRW|₦|NGN|ZAR|MXN|COP|CLP|ARS|NIS|ILS|₪|PHP|₱|KES|KSh|EGP|(?-i:R)(?=\d[\d.,]*\s?(?:million|billion|bn|mn|m|k)\b)"
_POST_RE = (
    r"US-Dollar|US-\$|Dollars?|dollars?|USD|Euros?|euros?|EUR|€|\$|Schweizer Franken|Franken|CHF|Swiss francs|"
    r"francs suisses|franchi svizzeri|francos suizos|francos suíços|Zwitserse frank(?:en)?|"
    r"francs CFA|F ?CFA|francs|dirhams?|"
    r"britischen? Pfund|Pfund Sterling|Pfund|"
    r"pounds?(?: sterling)?|GBP|£|Yuan|yuan|RMB|renminbi|CNY|yen|Yen|JPY|rupees?|INR|Kronen|SEK|"
    r"ringgit|reais|real|dólares|dolares|dollari|dólar|won|baht|pesos|lira|shekels|NIS|rand|kronor|złoty|zloty|zł|SFr\.|Fr\."
)
_WORDS = r"[A-Za-zÄÖÜäöüßéèàíóúñç]+(?:[ -][A-Za-zÄÖÜäöüßéèàíóúñç]+){0,2}"
_NUM = (# Indian grouping in lakhs: "INR 1,84,900", "Rs 1,20,000 crore"
        r"\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])|"
        r"\d{1,3}(?P<sep>[.,'’])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d+)?(?!\d)|"
        # "500 000 Euro": thousands grouped by spaces, only right before a currency
        r"\d{1,3}(?: \d{3})+(?![\d.,])(?=\s?(?:€|euro|eur\b|dollar|us-dollar|usd|franken|chf|francs?\b|\$))|\d+(?:[.,]\d+)?")



def _compile(extra_scales: str = "", extra_post: str = "") -> re.Pattern[str]:
    """The amount pattern; a language's own scale and currency words are tried first."""
    scales = f"{extra_scales}|{_SCALE_RE}" if extra_scales else _SCALE_RE
    posts = f"{extra_post}|{_POST_RE}" if extra_post else _POST_RE
    # a number in words has a scale word of more than one letter: "Serie B de USD 40 millones"
    # is no "Serie billion" that takes the currency from the amount after it
    words_scale = rf"\s(?!\w(?![^\W\d_]))(?P<wscale>{scales})(?![^\W\d_])"

    def amount(words: str) -> re.Pattern[str]:
        return re.compile(
            rf"(?<![\w$€£¥₹])(?:(?P<pre>{_PRE_RE})\s?)?"
            rf"(?:(?P<num>{_NUM})(?:\s?-?\s?(?P<scale>{scales})(?![^\W\d_]))?"
            rf"|{words})"
            rf"(?:\s?-?\s?(?:de |d['’]|di |van |em )?(?P<post>{posts})(?![A-Za-z]))?",
            re.IGNORECASE,
        )

    pattern = amount(rf"(?P<words>{_WORDS}){words_scale}")
    # Numbers in words are rare, yet trying them at every word costs half of the pattern's time.
    # Each needs a scale word right after a letter and a space ("elf Millionen"); where the text
    # has none, the pattern without them (its groups kept, never matching) finds the same amounts.
    _WORDLESS[id(pattern)] = (
        pattern,
        re.compile(r"\s(?<=[A-Za-zÄÖÜäöüßéèàíóúñç]\s)" + words_scale[2:], re.IGNORECASE),
        amount(r"(?P<words>(?!))(?P<wscale>(?!))"),
    )
    return pattern


# by id of the pattern (kept in the value): the probe for a number in words, and the pattern without
_WORDLESS: dict[int, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


MONEY_RE = _compile()


def _words_alt(words: object) -> str:
    keys = sorted((str(k) for k in words or {}), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s") for k in keys)


@lru_cache(maxsize=None)
def _language(lang: str | None) -> tuple[re.Pattern[str], dict[str, float], dict[str, str], dict[str, str]]:
    """Pattern, scale values, currency words and scale currencies of `lang` (its lexicon's
    `[money]` table, extraction/data/lexicons): "500 mil euros" is 500,000 in Spanish, "mdd" is
    millions of US dollars."""
    from extraction.grammar.lexicon import money_words

    words = money_words((lang or "").lower()[:2] or None)
    scales = {k.lower(): float(v) for k, v in (words.get("scales") or {}).items()}
    currencies = {k.lower(): v for k, v in (words.get("currencies") or {}).items()}
    scale_cur = {k.lower(): v for k, v in (words.get("scale_currency") or {}).items()}
    if not (scales or currencies):
        return MONEY_RE, {}, {}, {}
    return _compile(_words_alt(scales), _words_alt(currencies)), scales, currencies, scale_cur


# MONEY_HINT's alternatives one by one, for `_has_money_hint`: as one pattern `re` tries every
# branch at every offset (its (?i:) part and the \b and \d starts give it no fast skip);
# apart, each but the last scans ahead in C for its first character
_HINT_SIGN = re.compile(r"[$€£¥₹₩₦]")
_HINT_SCALE = re.compile(r"\d\s?(?:k|m|b|bn|mn|cr|bln|mln)\b")
_HINT_WORD = re.compile(r"illion|illiard|Mio\b|Mrd\b|crore|lakh|Euro|euro|Dollar|dollar|Franken|Pfund|pound|"
                        r"yuan|Yuan|rupee|franc|dirham|CFA|mio\.")
_HINT_CODE = re.compile(r"\b(?:USD|EUR|GBP|CHF|INR|RMB|CNY|JPY|Rs|RM|SGD|HKD|MXN|COP|CLP|ARS)")
# every alternative of _HINT_WORD but "Mio\b" and "Mrd\b"
_HINT_WORD_PLAIN = ("illion", "illiard", "crore", "lakh", "Euro", "euro", "Dollar", "dollar", "Franken", "Pfund",
                    "pound", "yuan", "Yuan", "rupee", "franc", "dirham", "CFA", "mio.")
# Spanish, Portuguese, Italian and Dutch scale and currency words
_HINT_FOLDED = re.compile(r"(?i:mill[oó]n|milh[õã]|milion|miliard|miljoen|miljard|bilh[õã]|\bml[nd]\b|\bmdd\b|"
                          r"d[óo]lar|reais)")
# in lower case every match of _HINT_FOLDED holds one of these, save for the letters that
# `re` folds beyond `str.lower()` (sieve.odd_letters)
_HINT_FOLDED_NEEDS = ("millon", "millón", "milh", "milion", "miliard", "miljoen", "miljard", "bilh", "mln", "mld",
                      "mdd", "dólar", "dolar", "reais")
_HINT_FOLDED_NEED = re.compile("|".join(map(re.escape, _HINT_FOLDED_NEEDS))).search
# _HINT_CODE without its \b, which leaves `re` no first character to skip ahead to
_HINT_CODE_WORDS = re.compile(r"USD|EUR|GBP|CHF|INR|RMB|CNY|JPY|Rs|RM|SGD|HKD|MXN|COP|CLP|ARS")
# Cheap pre-filter: a sentence without any of these has no money in it.
MONEY_HINT = re.compile("|".join(p.pattern for p in (_HINT_SIGN, _HINT_SCALE, _HINT_CODE, _HINT_WORD, _HINT_FOLDED)))


def _has_money_hint(text: str) -> bool:
    """`bool(MONEY_HINT.search(text))`, several times faster."""
    if _HINT_SIGN.search(text) or _HINT_SCALE.search(text):
        return True
    # _HINT_WORD's plain words by substring search (its alternation starts on most letters)
    for word in _HINT_WORD_PLAIN:
        if word in text:
            return True
    if ("Mio" in text or "Mrd" in text) and _HINT_WORD.search(text):
        return True
    for m in _HINT_CODE_WORDS.finditer(text):
        # \b before a letter: the text starts there or a non-word character precedes
        i = m.start()
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
            return True
    low = text.lower()
    if _HINT_FOLDED_NEED(low) or sieve.odd_letters(text):
        return bool(_HINT_FOLDED.search(text))
    return False


_APPROX_WORDS = ("about", "around", "roughly", "nearly", "almost", "over", "more than", "up to", "some",
                 "approximately", "circa", "ca.", "rund", "etwa", "knapp", "mehr als", "über", "fast", "bis zu",
                 "umgerechnet", "gut", "environ", "plus de", "près de")
_APPROX = re.compile("(?:" + "|".join(map(re.escape, _APPROX_WORDS)) + r")\s*$", re.IGNORECASE)


def _approx_before(text: str) -> bool:
    """`bool(_APPROX.search(text))`: the text ends with one of the words, then spaces only (a
    space to re is what str.isspace() says). Its case-insensitive alternation is tried at every offset;
    the lower case tells the same save for the letters re folds beyond it (sieve.odd_letters)."""
    if sieve.odd_letters(text):
        return bool(_APPROX.search(text))
    return text.rstrip().lower().endswith(_APPROX_WORDS)


def _scale_value(word: str, own: dict[str, float] | None = None) -> float:
    low = " ".join(word.lower().split())
    if own and low in own:
        return own[low]
    if low.startswith("billion") and word[0] == "B" and low != "billions":
        # German "Billion(en)" means 10**12; English capitalises only at sentence start,
        # where "Billion" alone (without a number) does not reach this function.
        return 1e12 if low == "billionen" else 1e9
    for pattern, value in _SCALES_COMPILED:
        if pattern.fullmatch(low):
            return value
    return 1.0


def _number(text: str) -> float | None:
    text = text.replace("’", "'").replace(" ", "")
    seps = [c for c in text if c in ".,'"]
    if not seps:
        return float(text)
    if len(set(seps)) == 2:  # "2.993.877,12" or "1,234.5": the last one is decimal
        dec = text[max(text.rfind("."), text.rfind(","))]
        grp = "," if dec == "." else "."
        return float(text.replace(grp, "").replace("'", "").replace(dec, "."))
    sep = seps[0]
    if sep == "'" or len(seps) > 1:
        return float(text.replace(sep, ""))
    head, tail = text.split(sep)
    if len(tail) == 3 and head != "0":
        return float(head + tail)
    return float(head + "." + tail)


# Without numbers in words every amount starts at a digit or at most this far before one
# (a currency sign or code and a space: "U.S.$ 5"; the longest of _PRE_RE, counted generously)
_PRE_REACH = max(len(alt.replace("\\", "")) for alt in _PRE_RE.split("|")) + 1
_DIGIT = re.compile(r"\d")


def _figures(pattern: re.Pattern[str], text: str):
    """`pattern.finditer(text)` for an amount pattern without numbers in words, searched from
    just before each next digit: between figures the pattern would try its dozens of
    case-insensitive currency prefixes at every offset of the text."""
    pos = 0
    while (digit := _DIGIT.search(text, pos)) is not None:
        # no match starts before this: it would hold a digit before this one, at or after pos
        m = pattern.search(text, max(pos, digit.start() - _PRE_REACH))
        if m is None:
            return
        yield m
        pos = m.end()  # the pattern matches no empty string: each match holds a digit


# a letter of _WORDS (which is matched ignoring case, so a few non-ASCII letters fold into it)
_WORD_LETTER = re.compile(r"[A-Za-zÄÖÜäöüßéèàíóúñç]", re.IGNORECASE).match
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _is_word_letter(ch: str) -> bool:
    return ch in _ASCII_LETTERS or (not ch.isascii() and _WORD_LETTER(ch) is not None)


def _words_start(text: str, end: int) -> int:
    """Where a number in words (_WORDS: up to three runs of letters joined by a space or a
    hyphen) that ends at `end` starts at the earliest."""
    i = end
    for run in range(3):
        while i > 0 and _is_word_letter(text[i - 1]):
            i -= 1
        if run == 2 or i < 2 or text[i - 1] not in " -" or not _is_word_letter(text[i - 2]):
            break
        i -= 1
    return i


def _amount_matches(pattern: re.Pattern[str], probe: re.Pattern[str], text: str):
    """`pattern.finditer(text)` for the full amount pattern, searched only from where a match
    may start: just before the next digit, or a few words before a scale word after a letter
    (`probe`, "elf Millionen"; also "Series B", which makes most such texts). Tried at every
    offset, the words branch cost ~60 us per sentence that holds such a scale word."""
    # every number in words ends at a probe hit; probed at each offset, since hits may overlap
    words = []  # (hit, the earliest start of a match through it)
    hit = probe.search(text)
    while hit is not None:
        words.append((hit.start(), _words_start(text, hit.start()) - _PRE_REACH))
        hit = probe.search(text, hit.start() + 1)
    pos = 0
    while True:
        # a match from pos on holds a digit at or after pos, or a number in words ending at a
        # hit at or after pos; none starts before the earliest of their bounds
        starts = [start for at, start in words if at >= pos]
        digit = _DIGIT.search(text, pos)
        if digit is not None:
            starts.append(digit.start() - _PRE_REACH)
        if not starts:
            return
        m = pattern.search(text, max(pos, min(starts)))
        if m is None:
            return
        yield m
        pos = m.end()  # the pattern matches no empty string


def parse_money(text: str, lang: str | None = None) -> list[Money]:
    """Every money amount in `text`, in order; bare numbers without a currency or scale are skipped."""
    return list(_parse_money(text, lang))


# An article's sentences are read twice, as possible deal lines and as sentences: the second
# reading finds them here. A few hundred entries hold one article's sentences.
@lru_cache(maxsize=512)
def _parse_money(text: str, lang: str | None) -> tuple[Money, ...]:
    return tuple(_dollar_codes(text, _ranges(text, _amounts(text, lang))))


def _ranges(text: str, amounts: list[Money]) -> list[Money]:
    """"$200-250 million": a range whose sign stands before its low end and whose scale follows its
    high end is one amount, its low end at the high end's scale, approximate."""
    out: list[Money] = []
    for money in amounts:
        prev = out[-1] if out else None
        high = re.match(r"\d+(?:\.\d+)?", text[money.span[0]:money.span[1]])
        low = re.search(r"\d+(?:\.\d+)?$", text[prev.span[0]:prev.span[1]]) if prev is not None else None
        if prev is not None and high and low and prev.currency and not prev.has_scale \
                and money.currency in (None, prev.currency) and money.has_scale \
                and re.fullmatch(r"\s*[-–]\s*", text[prev.span[1]:money.span[0]]) \
                and float(high.group(0)) > float(low.group(0)):
            scale = money.amount / float(high.group(0))
            out[-1] = Money(int(round(float(low.group(0)) * scale)), prev.currency, True, (prev.span[0], money.span[1]), True)
            continue
        out.append(money)
    return out


# "$22 million CAD (about $16 million USD)": the code after a dollar amount says which dollar
_DOLLAR_CODE = re.compile(r"\s+(CAD|AUD|NZD|SGD|HKD|USD|MXN|TWD)\b")


def _dollar_codes(text: str, amounts: list[Money]) -> list[Money]:
    out = []
    for money in amounts:
        code = _DOLLAR_CODE.match(text, money.span[1]) if "$" in text[money.span[0]:money.span[1]] else None
        if code:
            money = replace(money, currency=code.group(1), span=(money.span[0], code.end()))
        out.append(money)
    return out


def _amounts(text: str, lang: str | None) -> list[Money]:
    out: list[Money] = []
    if not text or not _has_money_hint(text):
        return out
    pattern, own_scales, own_currencies, scale_currency = _language(lang)
    variants = _WORDLESS.get(id(pattern))
    matches = pattern.finditer(text)
    if variants is not None:
        matches = _figures(variants[2], text) if not variants[1].search(text) else \
            _amount_matches(pattern, variants[1], text)
    for m in matches:
        pre, num, words, post = m.group("pre", "num", "words", "post")
        scale = m.group("scale") or m.group("wscale")
        if not (pre or post or scale):
            continue
        if words is not None:
            if not scale or pre:
                continue
            value = None
            parts = words.split()
            for k in range(len(parts)):
                value = word_to_number(" ".join(parts[k:]), lang)
                if value is not None:
                    start = m.start("words") + len(" ".join(parts[:k])) + (1 if k else 0)
                    break
            if value is None:
                continue
        else:
            try:
                value = _number(num)
            except ValueError:
                continue
            start = m.start()
        if scale:
            low = scale.lower().rstrip(".")
            if low in ("m", "b", "k", "mm", "cr", "mn", "bn") and num is None:
                continue
            if low in ("m", "b", "k", "mil", "mds", "md", "b") and not (pre or post):
                continue  # "5 m" alone is more often metres than millions
            value *= _scale_value(scale, own_scales)
        elif pre is None and post is None:
            continue
        if post and post.lower() in _VERB_LIKE_POST and not scale:
            continue  # "12 billion won" is money, "the team of 5 won" is not
        if pre and post and pre.lower() in ("rs", "rs.") and not scale:
            pass
        currency = None
        if pre:
            currency = _PRE.get(pre.lower().replace(" ", ""))
            if pre == "¥" and _JAPAN.search(text):
                currency = "JPY"  # "¥" is yen and yuan alike; a Japanese context tells
        if post:
            low_post = " ".join(post.lower().split())
            currency = own_currencies.get(low_post) or _POST.get(
                low_post.split()[0] if low_post.startswith("pound") else low_post, currency)
            if post == "$" and not pre and lang == "fr" and _QUEBEC.search(text):
                currency = "CAD"
        if currency is None and scale and scale.lower() in scale_currency:
            currency = scale_currency[scale.lower()]
        if currency is None and scale and scale.lower().startswith(("crore", "lakh", "cr")):
            if _COUNTED_AFTER.match(text, m.end()):
                continue  # "1.8 lakh active SIP accounts", "2 crore users": a count, not rupees
            currency = "INR"
        if value <= 0 or value > 1e14:
            continue
        approx = _approx_before(text[max(0, start - 16):start])
        out.append(Money(int(round(value)), currency, approx, (start, m.end()), bool(scale)))
    return out


def format_money(amount: int, currency: str | None) -> str:
    """A compact, parseable rendering: `format_money(1_500_000, "EUR") == "EUR 1.5 million"`."""
    prefix = f"{currency} " if currency else ""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if amount >= scale:
            text = f"{amount / scale:.2f}".rstrip("0").rstrip(".")
            if abs(float(text) * scale - amount) < 0.5:
                return f"{prefix}{text} {word}"
    return f"{prefix}{amount:,}"  # without a currency this is a bare figure, not money
