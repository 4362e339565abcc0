"""Chinese funding grammar (modest): "天天果园宣布新获1亿元人民币D+轮融资,由X领投", "凡客近日已完成
逾1億美元的第7輪(G輪)融資,IDG、淡馬錫等老股東均有參與".

Chinese has no spaces between words, so the word-based engine does not apply; this module
reads sentences itself with patterns for amounts (亿/万 with a currency), rounds (A轮,
天使轮), the company before the reporting verb, and leads (由X领投) and participants (X、Y等参与).
"""

from __future__ import annotations

import re
from dataclasses import replace

from extraction.grammar import get_grammar, register
from extraction.model import FundingEvent

_SCALE = {"亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "千万": 1e7, "千萬": 1e7, "百万": 1e6, "百萬": 1e6}
_CURRENCY = {"美元": "USD", "元人民币": "CNY", "元人民幣": "CNY", "人民币": "CNY", "人民幣": "CNY",
             "元": "CNY", "港元": "HKD", "港币": "HKD", "港幣": "HKD", "日元": "JPY", "欧元": "EUR",
             "歐元": "EUR", "英镑": "GBP", "新台币": "TWD"}
MONEY = re.compile(
    r"(?P<approx>逾|超过|超過|近|约|約|超)?(?P<num>\d+(?:\.\d+)?)\s?(?P<scale>千万|千萬|百万|百萬|亿|億|万|萬)"
    r"(?P<cur>美元|元人民币|元人民幣|人民币|人民幣|港元|港币|港幣|日元|欧元|歐元|英镑|新台币|元)")
UNDISCLOSED = re.compile(r"数(?:千万|亿|百万|千萬|億|百萬)|數(?:千萬|億|百萬)|未披露|未透露金额")
ROUND = re.compile(r"(?:Pre-?)?(?P<letter>[A-Ka-k])(?P<plus>\+{1,2})?\s?(?:轮|輪)|(?P<kind>天使|种子|種子|战略|戰略|Pre-A)(?:轮|輪)?")
FUNDING = re.compile(r"融资|融資|投资|投資|领投|領投|注资|注資")
# a listing and its proceeds are never a round (but a "Pre-IPO轮" and money "上市前" are)
PUBLIC = re.compile(r"(?<![Pp]re-)(?<![Pp]re)IPO|上市(?!前)|首次公开募股|首次公開募股|公开发行|"
                    r"公開發行|招股|挂牌|掛牌|每股|发行价|發行價")
NEGATIVE = re.compile(r"收购|收購|并购|併購|(?<![Pp]re-)(?<![Pp]re)IPO|上市(?!前)|"
                      r"营收|營收|收入|销售额|銷售額|总计|總計|累计|累計|共计|共計|估值|市值|要约|要約")
VERB = re.compile(r"宣布|完成|获得|獲得|新获|新獲|获|獲|表示|披露|拿到|斩获|斬獲|迎来|迎來")
LEAD = re.compile(r"由(?P<names>[^,，。;；]{1,40}?)(?:联合)?(?:领投|領投)")
PARTICIPANTS = re.compile(r"(?P<names>[^,，。;；]{2,80}?)等?(?:老股东|老股東|机构|機構|投资方|投資方)?(?:均有|也|亦)?(?:参与|參與|跟投|参投|參投)")
_PAREN = re.compile(r"\([^()]*\)|（[^（）]*）|【[^】]*】")
_TIME_TAIL = re.compile(r"(?:于|於)?(?:今日|近日|日前|昨日|昨天|今天|本周|上周|周[一二三四五六日]晚?|週[一二三四五六日]晚?|\d+月\d+日)+$")
_DESCRIPTOR = re.compile(r".*(?:的|电商|電商|公司|企业|企業|平台|品牌|初创|初創|创业公司|創業公司|厂商|廠商|董事长|董事長|"
                         r"创始人|創始人|CEO|生产商|生產商|机构|機構|基金|集团|集團)")
_NAME_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·.&\- ]{2,20}$")


def _name(text: str) -> str | None:
    text = _PAREN.sub("", text).strip(" ,，、:：")
    text = _TIME_TAIL.sub("", text)
    text = re.sub(r"(?:近日|今日|日前)?(?:已|正式|正)?$", "", text)
    m = _DESCRIPTOR.match(text)
    if m and m.end() < len(text):
        text = text[m.end():]
    text = text.strip(" ,，、")
    if not _NAME_OK.match(text) or FUNDING.search(text) or re.search(r"\d{4}年|记者|記者", text):
        return None
    return text


def _names(text: str) -> list[str]:
    out = []
    for part in re.split(r"、|及|与|與|,|，|以及", _PAREN.sub("", text)):
        name = _name(part.replace("除", "").replace("外", "") if part.startswith("除") else part)
        if name and name not in out:
            out.append(name)
    return out


def _round(text: str) -> tuple[str, bool]:
    m = ROUND.search(text)
    if not m:
        return "unknown", False
    if m.group("letter") and not m.group(0).lower().startswith("pre"):
        return f"series_{m.group('letter').lower()}", bool(m.group("plus"))
    kind = m.group("kind") or ""
    return {"天使": "angel", "种子": "seed", "種子": "seed", "战略": "strategic", "戰略": "strategic"}.get(kind, "unknown"), False


def _add_investors(event: FundingEvent, text: str) -> None:
    lead = LEAD.search(text)
    for name in _names(lead.group("names")) if lead else []:
        if name not in event.lead_investors and name != event.company:
            event.lead_investors.append(name)
    for m in PARTICIPANTS.finditer(text):
        for name in _names(m.group("names")):
            if name not in event.investors and name not in event.lead_investors and name != event.company:
                event.investors.append(name)


def extract_zh(body: str, title: str | None) -> list[FundingEvent]:
    """Rounds in a Chinese article: one per sentence that names a company, an amount and 融资."""
    text = (title + "。" if title else "") + body
    events: list[FundingEvent] = []
    last_at = -10
    for idx, sentence in enumerate(re.split(r"(?<=[。！？!?\n])", text)[:300]):
        if not FUNDING.search(sentence):
            continue
        if events and idx - last_at <= 2 and not MONEY.search(sentence):
            _add_investors(events[-1], sentence)  # "...等老股東均有參與" in the next sentence
            continue
        for verb in VERB.finditer(sentence):
            subject = sentence[:verb.start()].split("，")[-1].split(",")[-1]
            if PUBLIC.search(subject):
                continue  # "X IPO获得...", "X在港交所上市..."
            company = _name(subject)
            if not company:
                continue
            rest = sentence[verb.end():verb.end() + 60]
            money = MONEY.search(rest)
            funding = FUNDING.search(rest)
            if not funding or (money and money.start() > funding.start()):
                money = None
            if money is None and not UNDISCLOSED.search(rest[:funding.start()] if funding else ""):
                continue
            clause = rest[:funding.end()] if funding else rest
            if NEGATIVE.search(clause) or PUBLIC.search(clause):
                continue
            amount = currency = None
            if money:
                amount = int(round(float(money.group("num")) * _SCALE[money.group("scale")]))
                currency = _CURRENCY[money.group("cur")]
            rnd, ext = _round(clause)
            event = FundingEvent(company=company, amount=amount, currency=currency, round=rnd,
                                 extension=ext, confidence=0.5, evidence=sentence[:300])
            _add_investors(event, sentence[verb.end():])
            events.append(event)
            last_at = idx
            break
    out: list[FundingEvent] = []
    for e in events:  # headline and body often repeat the round
        if not any(o.company == e.company and o.amount == e.amount for o in out):
            out.append(e)
    return out


GRAMMAR = register(replace(get_grammar("en"), code="zh", custom=extract_zh))
