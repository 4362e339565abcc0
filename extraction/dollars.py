"""Which dollar a bare "$" means.

"$" reads as US dollars, as most English news means it. Two things in the article say otherwise:

- the same figure written with its own dollar elsewhere: the headline's "$12 million" is the
  body's "C$12 million";
- a home-market press: an Australian, Canadian or New Zealand outlet writes its own dollar bare
  ("Melbourne brewer Hopscotch raises $3.4 million", "Canadian tech funding news you may have
  missed: ... $40 million"). The article must be about that country throughout (several of its
  places, few American ones), and either mark other dollars itself ("$9 million USD", "NZ$6
  million": the writer tells dollars apart, so a bare one is the home one) or never name
  America at all. A US outlet's "Toronto-based X raises $20M" names the place once or twice
  and keeps its US dollars.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from extraction.money import Money, parse_money

_HOMES = {
    "AUD": r"Australian?s?|Aussie|Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra|Hobart|Queensland|"
           r"Victoria|New South Wales|ASX|NSW|Geelong|Tasmani(?:a|an|ans)|Gold Coast|Sunshine Coast|"
           r"Wollongong|Ballarat|Bendigo|Cairns|Townsville|Fremantle|Launceston|Toowoomba",
    "CAD": r"Canad(?:a|ian|ians)|Toronto|Montr[eé]al|Vancouver|Calgary|Ottawa|Edmonton|Winnipeg|Halifax|"
           r"Qu[eé]bec|Ontario|Alberta|British Columbia|Kitchener|Waterloo|Saskatoon|Saskatchewan|Manitoba|"
           r"Nova Scotia|New Brunswick|Mississauga|Kelowna|Fredericton",
    "NZD": r"New Zealand(?:ers?)?|Kiwis?|Auckland|Wellington|Christchurch|Dunedin|Tauranga|Queenstown",
}
_HOME_RES = {cur: re.compile(rf"\b(?:{words})\b") for cur, words in _HOMES.items()}
_US = re.compile(r"\b(?:U\.S\.|US(?![$\w])|USA|United States|Americans?|Silicon Valley|San Francisco|New York|NYC|"
                 r"Boston|Seattle|Los Angeles|Chicago|Austin|Nasdaq|NYSE)\b")
# the writer names a dollar: "US$", "USD", "U.S. dollars", "NZ$", "C$", "A$"
_MARKED = re.compile(r"US\$|U\.S\.\$|\bUSD\b|U\.S\. dollars|\b(?:NZ|A|AU|C|CA|S|HK)\$|\b(?:CAD|AUD|NZD)\b")
_SPECIFIC = {"CAD", "AUD", "NZD"}
# America as a market the company moves into ("would be used to launch in the US Midwest", "plans to
# expand into the US"): the home press names it so, and its dollars stay the home ones
_EXPANSION_BEFORE = re.compile(r"(?i)\b(?:launch|expand|expansion|enter|entry|move|push|grow|scale)\w*\b[^.]{0,25}?"
                               r"\b(?:in|into|to|across) (?:the )?$")


@lru_cache(maxsize=64)
def home_dollar(text: str) -> str | None:
    """The dollar an article's bare "$" means when it is not the US dollar, or None."""
    if "$" not in text:
        return None
    counts = {cur: len(rx.findall(text)) for cur, rx in _HOME_RES.items()}
    cur, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 3 or sorted(counts.values())[-2] * 2 > n:
        return None
    us = sum(1 for m in _US.finditer(text) if not _EXPANSION_BEFORE.search(text, max(0, m.start() - 60), m.start()))
    if us * 2 > n:
        return None
    marked = bool(_MARKED.search(text))
    return cur if marked or (us == 0 and n >= 4) else None


def _bare(text: str, money: Money) -> bool:
    """The amount is written with a plain "$" and no code after it ("$9 million USD" is marked)."""
    raw = text[money.span[0]:money.span[1]]
    return raw.startswith("$") and not raw.endswith("USD") and \
        not re.match(r"\s*(?:US dollars|U\.S\. dollars)\b", text[money.span[1]:])


def local_dollar(money: Money | None, text: str, lang: str) -> Money | None:
    """`money` with the dollar the article `text` means by it, for a round's amount."""
    if money is None or money.currency != "USD" or lang != "en" or "$" not in text:
        return money
    found = parse_money(text, lang)
    same = [m for m in found if m.amount == money.amount]
    if not same or not all(_bare(text, m) for m in same if m.currency == "USD"):
        return money  # written "US$" or "USD" somewhere: the writer said which dollar
    specific = {m.currency for m in same if m.currency in _SPECIFIC}
    if len(specific) == 1:
        return replace(money, currency=specific.pop())  # "$12 million" in the headline, "C$12 million" below
    home = home_dollar(text)
    return replace(money, currency=home) if home else money
