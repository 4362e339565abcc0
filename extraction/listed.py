"""Companies listed on a stock exchange, which the article marks with their ticker.

"BigBox Retail Corp. (NYSE: BBX) said it had signed a $2 billion revolving credit facility": a
listed company's financing (a credit line, a share sale, a bond) is no startup's funding round,
which is what the extractor reports. A ticker in brackets right after the name is the mark
newswires use ("Talon Logistics, Inc. (NYSE: TLN)", "Quantiva Corp. (Nasdaq: QTVA)").
"""

from __future__ import annotations

import re

from extraction.names import name_from_phrase, same_company

_EXCHANGE = (r"\((?:NYSE(?: American)?|NASDAQ|Nasdaq|LSE|AIM|TSX(?:V)?|ASX|ETR|FWB|Xetra|SIX|"
             r"Euronext(?: \w+)?|BME|NSE|BSE|HKEX|SEHK|TYO|TSE|KRX|KOSDAQ|OTC\w*)\s*:")
_TICKER = re.compile(r"(?P<name>(?:[A-Z][\w.&'’-]*,?\s){1,5}?)" + _EXCHANGE + r"\s*[A-Z0-9.]{1,8}\)")
# every _TICKER match holds an exchange's bracket: `re` skips to each "(" for it, where _TICKER
# tries its lazy run of capitalised words at every capital letter of the article
_HAS_EXCHANGE = re.compile(_EXCHANGE)


def listed_companies(text: str) -> list[str]:
    """The names the text gives a ticker, in order ("BigBox Retail Corp. (NYSE: BBX)" -> BigBox Retail)."""
    out = []
    if not _HAS_EXCHANGE.search(text):
        return out
    for m in _TICKER.finditer(text):
        name = name_from_phrase(m.group("name").strip(" ,"), tail=True)
        if name and not any(same_company(name, n) for n in out):
            out.append(name)
    return out


def is_listed(company: str, listed: list[str]) -> bool:
    return any(same_company(company, name) for name in listed)
