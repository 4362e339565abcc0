"""One reader for Chinese, Japanese and Korean funding news; each language is a lexicon file.

The word-based engine needs spaces and capitals to find names, which these scripts do not
give, so CJK text is read here, clause by clause, with the language's data
(extraction/data/lexicons/<lang>.toml, `reader = "cjk"`):

- an amount is a number with a scale and/or a currency ("1.5亿元", "5,000万米ドル", "101억원",
  "约十亿元", "近亿元"), full-width digits folded first; "数千万", "非公開", "비공개" are rounds
  whose size is undisclosed;
- the company is the name right before a marker: a verb in Chinese ("宣布", "完成", "获得"), a
  subject particle in Japanese and Korean ("が", "は", "이", "가"); descriptors before it
  ("深圳机器人公司", "スタートアップ") and adverbs after it ("再", "又", "日前") are not part of it;
- leads and participants come from the language's patterns ("由X领投", "Xが主導", "X가 참여").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from extraction import sieve
from extraction.model import FundingEvent

_NAME_CHAR = r"[\w·・&.\-]"
_NUM = r"\d+(?:[.,]\d+)*|[一二两兩三四五六七八九十百千]+"
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10, "百": 100, "千": 1000}


def _alt(words: list[str]) -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(words) + ")" if words else r"(?!x)x"


def _cn_number(text: str) -> float | None:
    """"十" -> 10, "二十五" -> 25, "三百" -> 300: the small numbers news writes in characters."""
    total, current = 0, 0
    for ch in text:
        value = _CN_DIGITS.get(ch)
        if value is None:
            return None
        if value >= 10:
            total += (current or 1) * value
            current = 0
        else:
            current = value
    return float(total + current) or None


@dataclass
class Reader:
    """The compiled lexicon of one language. Keys of the `[cjk]` table (lists of regex fragments
    unless said otherwise):

    scales, currencies (tables), approx, default_currency (ISO code for amounts without one),
    undisclosed            amounts and their words; "数千万" is a round of undisclosed size
    funding                a clause needs one of these near its amount (anywhere after it when
                           verb_final = true: Korean and Japanese end with the verb)
    topic_first            (true/false) a name not in the amount's clause is the sentence's
                           topic ("Xは、…、N億円を調達"), not the nearest name
    topic_markers          the topic particle ("は"): when the topic is sought, a name before it
                           wins over an earlier one marked otherwise ("Yが近い…を運営するXは")
    markers                what follows a company's name: verbs ("宣布"), particles ("が", "이")
    name_chars, spaced     characters of a name; spaced: words are separated by spaces (Korean)
    descriptors, name_head, name_tail, particles, not_names, never_in_names
                           what is cut from a name or makes it no name
    investor_suffixes      a subject ending with one is an investor raising its own fund
    fund_closing           a name in a sentence with one of these raised a fund, not a round
    investor_verbs         a marked name followed by one leads or backs the round, it does not raise
    subject_after          (one regex with a `name` group) a company named after its round
    total_after            right after an amount: it is a total of parts ("20亿美元，其中包括…")
    invests_in             between an investor's name and the quoted name of the company it backs
    backs                  (one regex with `backer` and `name` groups) an investor, the sentence's topic,
                           backing a company of untold round ("Xは…Yに出資したと発表")
    anaphora               a clause opening with one of these ("公司", "同社") is about the article's company
    announce               a round announced without its size, named before the phrase
    negatives, sentence_negatives, public, cumulative, valuation
                           amounts that are no rounds: in the clause, in the sentence, listings,
                           totals before the amount, valuations
    reported, in_talks, past   the status and whether the round is the article's news
    lead, participants     regexes with a `names` group; list_split splits the names
    clause_split           a clause ends at these; rounds: round name -> patterns
    """
    code: str
    money: re.Pattern[str]
    part: re.Pattern[str]
    scales: dict[str, float]
    currencies: dict[str, str]
    default_currency: str | None
    undisclosed: re.Pattern[str]
    funding: re.Pattern[str]
    verb_final: bool
    topic_first: bool
    topic_marker: re.Pattern[str]
    markers: re.Pattern[str]
    name_run: re.Pattern[str]
    spaced: bool
    descriptor: re.Pattern[str]
    name_head: re.Pattern[str]
    name_tail: re.Pattern[str]
    particle_tail: re.Pattern[str]
    not_name: re.Pattern[str]
    never_in_name: re.Pattern[str]
    investor_name: re.Pattern[str]
    fund_closing: re.Pattern[str]
    investor_after: re.Pattern[str]
    subject_after: re.Pattern[str]
    anaphora: re.Pattern[str]
    invests_in: re.Pattern[str]
    backs: re.Pattern[str]
    total_after: re.Pattern[str]
    announce: re.Pattern[str]
    negative: re.Pattern[str]
    sentence_negative: re.Pattern[str]
    public: re.Pattern[str]
    cumulative: re.Pattern[str]
    valuation: re.Pattern[str]
    reported: re.Pattern[str]
    in_talks: re.Pattern[str]
    past: re.Pattern[str]
    leads: list[re.Pattern[str]]
    participants: list[re.Pattern[str]]
    list_split: re.Pattern[str]
    clause_split: re.Pattern[str]
    rounds: list[tuple[re.Pattern[str], str]]


@lru_cache(maxsize=None)
def reader(code: str) -> Reader:
    from extraction.grammar.lexicon import load

    d = load(code)["cjk"]
    scales = {k: float(v) for k, v in d["scales"].items()}
    currencies = dict(d["currencies"])
    scale = _alt([re.escape(s) for s in scales])
    cur = _alt([re.escape(c) for c in currencies])
    # "1億2000万円", "1조3880억원": a larger unit followed by a smaller one is one amount
    part = rf"(?:{_NUM})\s?{scale}"
    money = re.compile(
        # "약 600억원": Korean spaces the hedge from its figure
        rf"(?:(?P<approx>{_alt(d.get('approx', []))})\s?)?"
        rf"(?P<body>(?:{part})(?:\s?(?:{part}))*(?:\s?\d+(?![.,\d]))?|(?P<bare>{_NUM})(?=\s?{cur})|"
        rf"(?P<lone>{scale}))\s?(?P<cur>{cur})?")

    def rx(key: str) -> re.Pattern[str]:
        return re.compile(_alt(d.get(key, [])))

    chars = d.get("name_chars", _NAME_CHAR)
    not_names = d.get("not_names", []) + d.get("valuation", [])
    return Reader(
        code=code, money=money, part=re.compile(rf"({_NUM})\s?({scale})?"), scales=scales,
        currencies=currencies, default_currency=d.get("default_currency"),
        undisclosed=rx("undisclosed"), funding=rx("funding"), verb_final=bool(d.get("verb_final")),
        topic_first=bool(d.get("topic_first")),
        topic_marker=rx("topic_markers"),
        markers=rx("markers"),
        # the name is the run of name characters that ends at the marker
        name_run=re.compile(rf"{chars}(?:{chars}| (?=[A-Za-z0-9]))*$"),
        spaced=bool(d.get("spaced")),
        descriptor=re.compile(rf"^.*{_alt(d.get('descriptors', []))}"),
        name_head=re.compile(rf"^(?:{_alt(d.get('name_head', []))})+"),
        # a name never ends with an adverb or a marker verb: "商汤再", "小米公司证实"
        name_tail=re.compile(rf"(?:{_alt(d.get('name_tail', []) + d.get('markers', []))})+$"),
        particle_tail=re.compile(rf"(?:{_alt(d.get('particles', []))})$"),
        not_name=re.compile(rf"^(?:{_alt(not_names)})$|\d{{4}}年|\d+月|\d+日"),
        never_in_name=rx("never_in_names"),
        investor_name=re.compile(rf"(?:{_alt(d.get('investor_suffixes', []))})$", re.IGNORECASE),
        fund_closing=rx("fund_closing"), investor_after=rx("investor_verbs"),
        subject_after=re.compile(d.get("subject_after", r"(?!x)x")),
        total_after=re.compile(rf"\s*(?:{_alt(d.get('total_after', []))})"),
        invests_in=re.compile(_alt(d.get("invests_in", [])) if d.get("invests_in") else ""),
        backs=re.compile(d.get("backs", r"(?!x)x")),
        anaphora=re.compile(rf"\s*(?:{_alt(d.get('anaphora', []))})"),
        announce=rx("announce"), negative=rx("negatives"), sentence_negative=rx("sentence_negatives"),
        public=rx("public"), cumulative=rx("cumulative"), valuation=rx("valuation"),
        reported=rx("reported"), in_talks=rx("in_talks"), past=rx("past"),
        leads=[re.compile(p) for p in d.get("lead", [])],
        participants=[re.compile(p) for p in d.get("participants", [])],
        list_split=re.compile(d.get("list_split", r"、|,|，")),
        clause_split=re.compile(d.get("clause_split", r"[，,;；]")),
        rounds=[(re.compile(p, re.IGNORECASE), r) for r, ps in d.get("rounds", {}).items() for p in ps],
    )


_PAREN = re.compile(r"\([^()]*\)|「[^」]*」|【[^】]*】|\[[^\]]*\]")
_NAME_OK = re.compile(r"^[\w·・&.\- ]{2,30}$")


_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")
# ("300萬美元(約新台幣9,700萬元)": the other currency's name may come before its figure)
_ALT_FIGURE = re.compile(r"\s*\(\s*(?:约合|約合|约|約|合|약|約)?\s*(?:新台[币幣]|人民[币幣]|港[币幣]|台[币幣])?\s*$")


_DAY_INSIDE = re.compile(r"([今昨明本])\(\d{1,2}\)日")
_CIRCLED = re.compile(r"(?<![^\n])[\u2460-\u2473]", re.MULTILINE)


def _fold(text: str) -> str:
    """Full-width digits, letters and brackets to their plain forms ("１﹒２" -> "1.2"), and
    without the pinyin some pages print after characters ("領(lǐng)投")."""
    # a circled number ("①株式会社X|シリーズB|15億円") marks a list item: NFKC would leave a bare
    # digit glued to the name, so it becomes "1." as other lists write it
    text = _CIRCLED.sub(lambda m: f"{ord(m.group(0)) - 0x245F}.", text)
    text = unicodedata.normalize("NFKC", text).replace("﹒", ".")
    # "今(17)日宣布": Taiwanese papers put the day of the month inside "今日"; without it the word is
    # the "today" a name's tail may hold, not a bracket between a name and its verb
    return _PINYIN.sub("", _DAY_INSIDE.sub(r"\1日", text))


# "新台幣3億元", "港幣5000萬元": a currency the lexicon names (never the bare "元") written before the
# figure decides what the "元" after it is
def _value(m: re.Match[str], r: Reader) -> tuple[int | None, str | None]:
    cur = r.currencies.get(m.group("cur") or "")
    if cur in (None, "CNY") and (m.group("cur") or "") in ("", "元"):
        before = m.string[max(0, m.start() - 6):m.start()].rstrip()  # "新台幣 1.5 億元": spaced too
        cur = next((c for w, c in r.currencies.items() if len(w) >= 2 and before.endswith(w)), cur)
    if m.group("lone"):
        # "近亿元", "超亿元": a scale without a figure is one of it, "亿元级" is no figure
        if not m.group("approx") or not cur:
            return None, None
        return int(r.scales[m.group("lone")]), cur
    if m.group("bare"):
        try:
            value = float(m.group("bare").replace(",", ""))
        except ValueError:
            return None, None
        return (int(value), cur) if cur and value >= 10_000 else (None, None)
    total = 0.0
    for num, unit in r.part.findall(m.group("body")):
        value = _cn_number(num) if not num[0].isdigit() else float(
            num.replace(",", "") if re.search(r",\d{3}(?!\d)", num) else num.replace(",", "."))
        if value is None:
            return None, None
        total += value * (r.scales[unit] if unit else 1)
    if not cur and not r.default_currency:
        return None, None
    return int(round(total)), cur or r.default_currency


# in a spaced language's list of investors: a word ending with a copula or topic particle
# ("투자사인", "이번 투자는") closes the words before the name, "등" ("and others") ends it
_SPACED_LEAD_IN = re.compile(r"^.*\S(?:인|은|는)\s")
_SPACED_AND_OTHERS = re.compile(r"\s등(?:\s.*)?$")
# (a date before the name ends the words before it too: "지난해 4월 퓨처플레이")
_ENDS_PHRASE = re.compile(r"(?:가|이|은|는|을|를|고|며|와|과|의|도|로|에|서|다|\d+[년월일]|지난해|올해|작년|최근|이번)$")


def _clean_name(text: str, r: Reader, investor: bool = False, marked: bool = False) -> str | None:
    """The name in `text`, or None. An investor's name may hold words a company's may not: a
    Korean VC is often called "...투자" or "...투자파트너스", and keeps its spaces in a list
    ("RA 캐피탈 매니지먼트"). `marked`: the particle after the name was cut off already, so a last
    syllable that looks like one belongs to the name ("별빛페이" before "가")."""
    # a closing quote ends the name: "‘별빛페이’" keeps its last syllable, which is no particle
    marked = marked or bool(re.search(r"[’”'\"]\s*$", text))
    text = _PAREN.sub("", text).strip(" 、,，:：\"'“”‘’")
    if r.spaced and investor:
        text = _SPACED_AND_OTHERS.sub("", _SPACED_LEAD_IN.sub("", text))
    for k in range(3):
        text = r.name_tail.sub("", text).strip()
        # one particle at most: "별빛페이가" is 별빛페이, whose last syllable is no second particle
        text = r.particle_tail.sub("", text).strip() if r.spaced and k == 0 and not marked else text
    m = r.descriptor.match(text)
    # ("美的集团" is no description "美的" of a "集团": a remainder that is no name keeps the whole)
    if m and m.end() < len(text) and (len(text) > 6 or not r.not_name.search(text[m.end():].strip(" 、,，"))):
        text = text[m.end():]
    text = r.name_head.sub("", text).strip(" 、,，")
    if r.spaced:
        words = text.split(" ")
        if investor:
            # "RA 캐피탈 매니지먼트", "LB 프라이빗에쿼티": the item's last words are the investor's name,
            # back to a word that ends a phrase ("알토스벤처스가 주도했고 카카오벤처스")
            keep = [words[-1]]
            for word in reversed(words[:-1]):
                if len(keep) == 3 or _ENDS_PHRASE.search(word):
                    break
                keep.insert(0, word)
            text = " ".join(keep)
        elif not re.search(r"[A-Za-z] [A-Za-z]", text):
            text = words[-1]
    funding = r.funding.search(text)
    if not _NAME_OK.match(text) or r.not_name.search(text) or (r.never_in_name.search(text) and not investor) or (
            funding and (funding.start() == 0 or len(text) - len(funding.group(0)) < 2)):
        return None  # "博裕投資" is an investor's name, "投资方" and "本轮融资" are none
    if any(_value(m, r)[0] for m in r.money.finditer(text)):
        return None  # "飞梭正以50亿美元估值": a name holds no amount of money
    if text.isdigit() or len(text.strip()) < 2 or _RANK_OR_COUNT.match(text):
        return None  # "1位" (a ranking's first place), "3社", "20家": a position or a count, no name
    return text.strip()


_RANK_OR_COUNT = re.compile(r"^[第约約]?\s*[0-9０-９一二三四五六七八九十百]+\s*(?:位|社|件|番|号|號|名|人|家|个|個|위|곳|개|등|번째)$")


_READING = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9&.\- ]{1,40})\(([\u30a0-\u30ffー]{2,30})[,、)]")
_LEGAL_NAME = re.compile(
    r"([\u4e00-\u9fff]{2,8})\([\u4e00-\u9fff]{2,3}\)[\u4e00-\u9fff]{0,12}?(?:股份)?有限(?:责任|責任)?公司")
_LATIN_ALIAS = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\- ]{1,40}?)\s*\)")


@lru_cache(maxsize=None)
def _quoted(code: str) -> re.Pattern[str]:
    """A name in corner brackets before a marker, adverbs between them ("「毛球快跑」日前完成")."""
    r = reader(code)
    tails = rf"(?:{r.name_tail.pattern[:-1]})?"
    # (Chinese quotation marks too: "研发商“精准时代”获得…")
    # (its registered name in brackets may stand between: "「栖云智能」(杭州栖云智能科技有限公司)近日完成")
    return re.compile(rf"[「『“]([^」』”“，,。]{{1,30}})[」』”](?=(?:\s*\([^()]*\))?{tails}\s*(?:(?:{r.markers.pattern})|$))")


def _subject(before: str, r: Reader, first: bool = False) -> str | None:
    """The company named right before a marker in `before` (the clause up to the amount).

    A name followed by its Latin form in brackets ("ジュール・ラブズ(Juul Labs)", "서지넥스(SURGINEX)")
    is given in that form: reports in other languages use it, so rounds merge across languages."""
    # a registered name "星海圖(北京)人工智能科技有限公司" goes by the brand before its city
    before = _LEGAL_NAME.sub(r"\1", before)
    aliases = {}
    for m in _LATIN_ALIAS.finditer(before):
        run = r.name_run.search(_PAREN.sub("", before[:m.start()]))
        if run:
            aliases[_clean_name(run.group(0), r)] = m.group(1).strip()
    # "AI新創「雲棲智能」獲...": a name in corner brackets right before a marker is the name (other
    # bracketed words are asides and fall away); its description before it is no part of it
    # adverbs may stand between the bracket and the marker ("「毛球快跑」日前完成", "「启行」已完成"); a
    # bracketed name is whole: a last character that looks like an adverb is its own ("「食研所」")
    quoted = _quoted(r.code).findall(before)
    before = _quoted(r.code).sub(r"，\1", before)
    before = _PAREN.sub("", before)
    markers = list(r.markers.finditer(before))
    if first:
        # a relative clause may mark its own subject before the topic ("賞味期限が近い食品を…運営するXは"):
        # names before the topic particle are tried first
        markers.sort(key=lambda m: not r.topic_marker.fullmatch(m.group(0)))
    # the nearest name before the amount, or with `first` the sentence's topic ("Xは…、Y氏…による資金調達")
    for marker in markers if first else reversed(markers):
        if r.investor_after.match(before, marker.end()):
            continue  # "Xが主導する…ラウンド": X leads, it does not raise
        # (a Latin name is spaced from the verb after it: "新創 PawPal 完成")
        head = before[:marker.start()]
        head = head.rstrip(" ") if re.search(r"[A-Za-z0-9] +$", head) else head
        run = r.name_run.search(head)
        if not run:
            continue
        name = _clean_name(run.group(0), r, marked=True)
        whole = next((q for q in quoted if name and q.startswith(name) and run.group(0).startswith(q)), None)
        name = _clean_name(whole, r, marked=True) and whole if whole else name
        if name and not r.investor_name.search(name):  # "Yが運営するファンド": Y is an investor
            return aliases.get(name, name)
    return None


_STAGES = ("pre_seed", "seed", "angel", "series")


def _round(text: str, r: Reader) -> tuple[str, bool]:
    best = None
    for regex, kind in r.rounds:
        m = regex.search(text)
        # "J-KISS型新株予約権でシード1億円": the stage named beside the instrument is the round
        staged = best is not None and kind in _STAGES and best[1] == "convertible"
        # (at one position the longer pattern is the more telling: "시리즈B 전 브릿지" is a bridge)
        longer = best is not None and m is not None and m.start() == best[0].start() and m.end() > best[0].end()
        if m and (best is None or m.start() < best[0].start() or staged or longer) and not (
                kind == "convertible" and best is not None and best[1] in _STAGES):
            best = (m, kind)
    if not best:
        return "unknown", False
    m, kind = best
    if kind == "series":
        letter = m.group("letter").lower()
        return f"series_{letter}", bool(m.groupdict().get("plus"))
    return kind, False


def _rounds_in(text: str, r: Reader) -> list[tuple[str, bool]]:
    """Every stage named in `text`, in order, when it names more than one ("天使轮和Pre-A轮")."""
    found: dict[int, tuple[str, bool]] = {}
    spans: list[tuple[int, int]] = []
    for regex, kind in r.rounds:
        for m in regex.finditer(text):
            # a stage inside another's words is that stage ("シード" in "プレシード")
            if any(abs(m.start() - at) < 2 for at in found) or any(a <= m.start() < b for a, b in spans):
                continue
            spans.append(m.span())
            found[m.start()] = ((f"series_{m.group('letter').lower()}", bool(m.groupdict().get("plus")))
                                if kind == "series" else (kind, False))
    stages = [found[k] for k in sorted(found)]
    return stages if len(set(stages)) > 1 else []


_QUOTED_ITEM = re.compile(r"[^、,，「『]*[「『]([^」』、,，]{2,40})[」』]")


def _names(text: str, r: Reader, marked: bool = False) -> list[str]:
    """The investors named in a list."""
    out: list[str] = []
    # "KDDIのCVC「KDDI Open Innovation Fund」": a list item's name in corner brackets is the name,
    # the words before it describe it (elsewhere bracketed words are asides and fall away)
    text = _PAREN.sub("", _QUOTED_ITEM.sub(r"\1", text))
    cuts = list(r.list_split.finditer(text))
    starts = [0, *(m.end() for m in cuts)]
    ends = [*(m.start() for m in cuts), len(text)]
    for k, (a, b) in enumerate(zip(starts, ends)):
        part = text[a:b]
        # a part cut off by a joining particle ("퓨처플레이와 디캠프") ends with its name, no particle
        # (so does one cut off by a comma: "퓨처플레이, 신용보증기금이" - only the list's last name carries the particle)
        joined = k < len(cuts) and r.spaced
        name = _clean_name(part, r, investor=True, marked=joined or (marked and k == len(cuts)))
        if name and name not in out:
            out.append(name)
    return out


def _investors(event: FundingEvent, text: str, r: Reader) -> None:
    for regex in r.leads:
        for m in sieve.finditer(regex, text):
            for name in _names(m.group("names"), r):
                if name not in event.lead_investors and name != event.company:
                    event.lead_investors.append(name)
    for regex in r.participants:
        for m in sieve.finditer(regex, text):
            # "퓨처플레이로부터", "미래플레이가 후속 투자": the pattern took the particle after the list's last name
            cut = r.spaced and bool(re.match(r"\s?(?:으로부터|로부터)|(?:이|가|도)\s", text[m.end("names"):]))
            for name in _names(m.group("names"), r, marked=cut):
                if name not in event.investors and name not in event.lead_investors and name != event.company:
                    event.investors.append(name)


def _sentences(text: str) -> list[str]:
    # "【X获3000万元A轮融资】X…": a round-up's bracketed headline is a sentence of its own
    # (an outlet's tag, "【财新网】", is no headline and stays with its sentence)
    text = re.sub(r"(【[^】\n]{8,}】)", "\\1\n", text)
    # (a list's number "1. X" ends no sentence)
    return [s for s in re.split(r"(?<=[。！？!?\n])|(?<=\.)(?<!\n\d\.)(?<!\n\d\d\.)(?<!^\d\.)\s", text)
            if s.strip()][:300]


# a round-up's row: a list mark, the company (an aside in brackets), then its deal after "|" or ":"
# ("1. 曜石半导体 | A轮 | 1亿元 | X领投", "・宙翔テクノロジーズ(宇宙機向け推進系):シリーズCで35億円。")
# (a briefing's "▶ X — 시리즈A 80억원": an arrow marks the item, a dash stands for the bar)
_ROW = re.compile(r"^\s*(?:\d{1,2}[.、)]|[・•●◆▪▌▶►▷■*\-])\s*(?P<name>[^|:。,，、—–]{2,40}?)\s*(?:[|:]|\s[—–])\s*(?P<rest>\S.*)$")
# a round-up item whose heading line is the company alone, its deal on the next line
# ("1. 株式会社ソラトモ(ドローン点検)\nシリーズBラウンドで総額15億円を調達。")
_DASHED = re.compile(r"(?P<name>[^|:。,，、—–]{2,40}?)\s[—–]\s*(?P<rest>\S.*)$")
_HEADING = re.compile(r"^\s*(?P<mark>\d{1,2}[.、)]|[・•●◆▪▌■*\-])\s*(?P<name>[^|:。,，、\n]{2,40}?)\s*\n$")
_LATIN_FIRST = re.compile(r"^([A-Za-z][A-Za-z0-9&.\- ]*[A-Za-z0-9])\s+[^\x00-\x7f]")


def _blank(text: str, spans: list[re.Match[str]]) -> str:
    """`text` with the amounts blanked: "総額15億円" opens the round's size (the amount's hedge),
    no total of rounds."""
    for m in reversed(spans):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


def _headed_row(heading: str, body: str, r: Reader) -> FundingEvent | None:
    """The round of an item told under a heading that is only its company's name, or None.
    A body that is a row of its own, or names its own subject before a marker, is not the heading's."""
    m = _HEADING.match(heading)
    # ("■今後の展望\n当社は…": a body opening with "the company" tells the article's company, under a section heading)
    if not m or _ROW.match(body) or _HEADING.match(body) or r.funding.search(heading) or r.anaphora.match(body):
        return None
    return _row(f"・{m.group('name')}:{body.strip()}", r)


def _row(sentence: str, r: Reader) -> FundingEvent | None:
    """The round of a round-up's row, or None: a row names a stage, or a funding word and a size."""
    m = _ROW.match(sentence)
    if not m:
        return None
    rest, raw = m.group("rest").strip(), m.group("name")
    inner = _DASHED.match(rest)
    if inner and not any(rx.search(inner.group("name")) for rx, _ in r.rounds) and not r.money.search(inner.group("name")):
        # "▶ 모빌리티 | 달림모터스 — 시리즈B 150억 원": the first cell is the sector, the name stands before the dash
        rest, raw = inner.group("rest").strip(), inner.group("name")
    raw = _PAREN.sub("", raw).strip()
    latin = _LATIN_FIRST.match(raw)  # "Polaris Bio 星枢生物": the Latin form, as in other reports
    company = latin.group(1) if latin else _clean_name(raw, r)
    rnd, ext = _round(rest, r)
    vague = [u.span() for u in r.undisclosed.finditer(rest)]
    monies = [x for x in r.money.finditer(rest) if _value(x, r)[0] and not any(a <= x.start() < b for a, b in vague)
              and not r.valuation.search(rest, max(0, x.start() - 6), x.start())]
    if not company or r.investor_name.search(company) or r.public.search(rest) or r.negative.search(rest) \
            or r.sentence_negative.search(rest) or r.cumulative.search(_blank(rest, monies)):
        return None
    if not any(rx.search(rest) for rx, _ in r.rounds) and not (r.funding.search(rest) and (monies or vague)):
        return None
    amount, currency = _value(monies[0], r) if monies else (None, None)
    event = FundingEvent(company=company, amount=amount, currency=currency, round=rnd, extension=ext,
                         status="announced", confidence=0.5, evidence=sentence.strip()[:300])
    _investors(event, rest, r)
    cells = [c.strip() for c in rest.split("|")]
    if len(cells) > 2 and not event.lead_investors and not event.investors:
        event.investors = _names(cells[-1], r)  # "| 启明创投": a table's last column holds the backers
    return event


def _row_loan(sentence: str, row: FundingEvent, r: Reader) -> FundingEvent | None:
    """A loan told on a round-up row's line after its round ("加えて日本政策金融公庫から2億円の融資を受けた"):
    a debt round of the row's company, or None."""
    if _round(sentence, r)[0] != "debt" or r.negative.search(sentence) or r.sentence_negative.search(sentence):
        return None
    money = next((m for m in r.money.finditer(sentence) if _value(m, r)[0]), None)
    if money is None or _value(money, r)[0] == row.amount:
        return None
    amount, currency = _value(money, r)
    # the lender is named before "から" ("Xから2億円の融資"); the investor patterns read no loan
    lender = re.search(r"([^、。]{2,40}?)から", sentence[:money.start()])
    return FundingEvent(company=row.company, amount=amount, currency=currency, round="debt", status=row.status,
                        confidence=0.45, evidence=sentence.strip()[:300],
                        investors=_names(lender.group(1), r, marked=True) if lender else [])


def _told_loan(sentence: str, last: FundingEvent, r: Reader) -> FundingEvent | None:
    """A loan told, without a subject of its own, right after a round ("…2億8000万円を調達した。併せて
    日本政策金融公庫から5000万円の融資を受けた。"): a debt round of that round's company, or None."""
    money = next((m for m in r.money.finditer(sentence) if _value(m, r)[0]), None)
    if money is None or _subject(sentence[:money.start()], r, first=True) is not None:
        return None
    return _row_loan(sentence, last, r)


def extract(code: str, body: str, title: str | None) -> list[FundingEvent]:
    """Rounds in a CJK article: one per clause that names a company, an amount (or an
    undisclosed one) and a funding word."""
    r = reader(code)
    text = _fold((title + "。" if title else "") + body)
    events: list[FundingEvent] = []
    last_at = -10
    sentences = _sentences(text)
    row_line = False
    skip = -1
    for idx, sentence in enumerate(sentences):
        if idx == skip:
            continue
        row = _row(sentence, r)
        if row is None and idx + 1 < len(sentences):
            row = _headed_row(sentence, sentences[idx + 1], r)
            if row is not None:  # the heading's body is read: its line is the row's
                skip, sentence = idx + 1, sentences[idx + 1]
        if row is not None or (row_line and events):
            if row is not None:
                events.append(row)
            else:  # the row's line goes on: "…シリーズCで35億円。リードはX、Yが参加"
                loan = _row_loan(sentence, events[-1], r)
                if loan is not None:
                    events.append(loan)
                _investors(events[-1], sentence, r)
            row_line = not sentence.endswith("\n")
            last_at = idx
            continue
        row_line = False
        loan = _told_loan(sentence, events[-1], r) if events and idx - last_at <= 2 and events[-1].main else None
        if loan is not None:
            events.append(loan)
            last_at = idx
            continue
        funding = r.funding.search(sentence)
        # the investor patterns only matter for a sentence without a funding word
        # the investor patterns start with a lazy run of any characters, tried at every offset:
        # the sieve first looks for the words they need ("领投", "로부터")
        if not funding and events and idx - last_at <= 2 and events[-1].valuation is None:
            # "調達後の企業価値は300億円を超える見通し", "投后估值达20亿元": the round just told's valuation
            for m in r.money.finditer(sentence):
                amount, currency = _value(m, r)
                if amount and currency and r.valuation.search(sentence, max(0, m.start() - 8), m.start()):
                    events[-1].valuation = {"amount": amount, "currency": currency}
                    break
        if not funding and not r.backs.search(sentence) and not any(
                sieve.search(p, sentence) for p in r.leads + r.participants):
            continue
        # "数千万元" is a size left untold, not "千万元"
        vague = [u.span() for u in r.undisclosed.finditer(sentence)]
        monies = [m for m in r.money.finditer(sentence) if _value(m, r)[0]
                  and not any(a <= m.start() < b for a, b in vague)] if funding else []
        # "X正在洽談新一輪融資，估值達3000億美元": a figure that is only the valuation tells no size
        # ("正以50亿美元估值寻求融资": the figure before "估值" is one too)
        sized = [m for m in monies if not r.valuation.search(sentence, max(0, m.start() - 6), m.start())
                 and not r.valuation.match(sentence[m.end():m.end() + 6].lstrip("とのでは、,의 "))]
        # "累计融资金额数千万元": an untold total is no untold round
        undisclosed = next((u for u in r.undisclosed.finditer(sentence) if not r.cumulative.search(
            sentence, max(0, u.start() - 12), u.start())), None) if funding else None
        if not undisclosed and (not monies or (not sized and r.announce.search(sentence))):
            announced = r.announce.search(sentence)
            company = None
            if announced:  # the name right before the phrase ("蔚来已完成新一轮融资"), else the clause's topic
                c0 = max([m.end() for m in _breaks(sentence, r) if m.end() <= announced.start()] or [0])
                head = sentence[c0:announced.start()]
                quoted = _quoted(r.code).findall(head)  # "「极简碳」宣布连续完成…"
                run = r.name_run.search(_PAREN.sub("", head))
                # (an investor's name there takes the new shares: "「KDDI Fund」を引受先とする第三者割当増資を
                # 実施" is the topic's round, so the next candidate is tried)
                company = (quoted[-1] if quoted and _clean_name(quoted[-1], r) and not r.investor_name.search(
                    quoted[-1]) else None) or (_clean_name(run.group(0), r) if run else None) or _subject(
                    sentence[:announced.start()], r, first=True)
            backer = None
            backed = None if announced or monies else r.backs.search(sentence)
            if backed:  # "VCのXは2日、…を開発するYに出資したと発表した": Y's round, X among its backers
                run = r.name_run.search(_PAREN.sub("", backed.group("name")))
                backer = _clean_name(backed.group("backer"), r, investor=True)
                company = _clean_name(run.group(0), r) if run and backer else None
                company = None if company == backer else company
            if company and not r.investor_name.search(company) and not r.sentence_negative.search(sentence) \
                    and not r.public.search(sentence):
                # "X完成A轮融资", "Xは第三者割当増資による資金調達を発表": a round of untold size
                # "X连续完成天使轮和Pre-A轮融资": one round for each stage the phrase names
                stages = (_rounds_in(announced.group(0), r) if announced else []) or [_round(sentence, r)]
                status = "in_talks" if r.in_talks.search(sentence) else "reported" if r.reported.search(sentence) \
                    else "announced"
                valued = [_value(m, r) for m in monies]  # the figures here are the valuation only
                for rnd, ext in stages:
                    events.append(FundingEvent(company=company, round=rnd, extension=ext, confidence=0.45,
                                               status=status, evidence=sentence[:300],
                                               valuation={"amount": valued[0][0], "currency": valued[0][1]}
                                               if valued and valued[0][1] else None))
                    _investors(events[-1], sentence, r)
                    if backer and backer not in events[-1].investors:
                        events[-1].investors.append(backer)
                last_at = idx
            elif events and idx - last_at <= 2:
                _investors(events[-1], sentence, r)  # "...等老股東均有參與" in the next sentence
                if events[-1].round == "unknown" and not r.past.search(sentence):
                    # "YにX出資した。シリーズAラウンドで、…": the stage told just after (a backer's name is
                    # no stage: "본엔젤스벤처파트너 참여")
                    bare = sentence
                    for name in events[-1].investors + events[-1].lead_investors:
                        bare = bare.replace(name, " ")
                    events[-1].round, events[-1].extension = _round(bare, r)
            continue
        recent = events[-1] if events and idx - last_at <= 3 else None
        found = _read(sentence, monies, undisclosed, r, recent, events[0].company if events else None)
        for k, (pos, event) in enumerate(found):
            # with several rounds in one sentence, each takes the investors named up to the next
            upto = found[k + 1][0] if k + 1 < len(found) else len(sentence)
            _investors(event, sentence[pos if k else 0:upto], r)
            # (two rounds in one sentence are told in two tenses: "2021년 … 5억원의 시드 투자를 받은 X는
            # 최근 … 60억원을 유치했다"; each is read in its own stretch)
            told = sentence[pos if k else 0:upto] if len(found) > 1 else sentence
            event.main = not r.past.search(told[:200]) or idx == 0
            events.append(event)
            last_at = idx
    # "Flowlabo(フローラボ)は…": the name in kana is the same company as its Latin form before it
    for m in _READING.finditer(text):
        for e in events:
            if e.company == m.group(2):
                e.company = m.group(1).strip()
    out: list[FundingEvent] = []
    for e in events:  # headline and body often repeat the round
        # "蔚来汽车" in the headline and "蔚来" in the body are one company
        twin = next((o for o in out if _same_company(o.company, e.company, text)
                     and (o.amount == e.amount or None in (o.amount, e.amount))
                     and (o.round == e.round or "unknown" in (o.round, e.round)
                          # "シードラウンドでJ-KISSにより6,000万円": the stage and its instrument, one round
                          or ("convertible" in (o.round, e.round) and o.amount == e.amount and o.amount))
                     # "再获B+轮" is no twin of "去年完成B轮"; a round in talks none of a past one told after it
                     and (o.extension == e.extension or "unknown" in (o.round, e.round))
                     and not (o.main != e.main and (o.status == "in_talks") != (e.status == "in_talks"))), None)
        if twin is None:
            out.append(e)
            continue
        if f"「{e.company}」" in text and f"「{twin.company}」" not in text:
            twin.company = e.company  # the name the article puts in corner brackets is written whole
        twin.amount = twin.amount or e.amount
        twin.currency = twin.currency or e.currency
        twin.valuation = twin.valuation or e.valuation  # the headline seldom gives the valuation
        twin.round = twin.round if twin.round != "unknown" else e.round
        twin.main = twin.main or e.main
        twin.lead_investors += [n for n in e.lead_investors if n not in twin.lead_investors]
        twin.investors += [n for n in e.investors if n not in twin.investors]
    # a name the article shows closing a fund ("Thrive Capitalは…6号ファンドを組成") raised that fund
    managers = [sentence for sentence in _sentences(text) if r.fund_closing.search(sentence)]
    out = [e for e in out if not any(e.company in sentence for sentence in managers)]
    for e in out:
        e.investors = [*e.lead_investors, *[n for n in e.investors if n not in e.lead_investors]]
    return out


def _same_company(a: str, b: str, text: str) -> bool:
    """One company under two names: one holds the other ("蔚来汽车", "蔚来"), or the article gives
    one as the other's Latin form in brackets ("「森林數據」(Forestdata)")."""
    if a in b or b in a:
        return True
    # (a legal form may stand between: "クオンタムリンク株式会社(QuantumLink Inc.)")
    return any(re.search(rf"{re.escape(x)}(?:株式会社|㈱)?[」』”]?\(\s*{re.escape(y)}\s*[,、)]", text)
               for x, y in ((a, b), (b, a)))


def _breaks(sentence: str, r: Reader) -> list[re.Match[str]]:
    """Where the clauses of `sentence` end; a comma inside brackets ends none ("X(本社:東京都、代表:Y)は")."""
    out = []
    opened = [i for i, ch in enumerate(sentence) if ch in "(「『"]
    closed = [i for i, ch in enumerate(sentence) if ch in ")」』"]
    for m in r.clause_split.finditer(sentence):
        if sum(i < m.start() for i in opened) <= sum(i < m.start() for i in closed):
            out.append(m)
    return out


def _holds(rx: re.Pattern[str], sentence: str, start: int, end: int) -> bool:
    """Whether a match of `rx` spans the text at start..end."""
    return any(m.start() <= start and m.end() >= end for m in rx.finditer(sentence, max(0, start - 40), end + 40))


def _nearest_round(sentence: str, lo: int, start: int, end: int, hi: int, r: Reader) -> tuple[str, bool] | None:
    """The stage named nearest to the amount at start..end, looking no further than lo..hi, or None."""
    best: tuple[int, str] | None = None
    for rx, _ in r.rounds:
        for m in rx.finditer(sentence, lo, hi):
            if m.end() <= start or m.start() >= end:
                gap = start - m.end() if m.end() <= start else m.start() - end
                if best is None or gap < best[0]:
                    best = (gap, m.group(0))
    return _round(best[1], r) if best else None


def _read(sentence: str, monies: list[re.Match[str]], undisclosed: re.Match[str] | None,
          r: Reader, recent: FundingEvent | None = None, topic: str | None = None) -> list[tuple[int, FundingEvent]]:
    """The rounds of one sentence: each amount (or undisclosed size) with a funding word in
    its clause and a company named before it."""
    spots: list[tuple[int, int, re.Match[str] | None]] = [(m.start(), m.end(), m) for m in monies]
    for m in r.undisclosed.finditer(sentence):
        if not any(s <= m.start() < e for s, e, _ in spots):
            spots.append((m.start(), m.end(), None))
    out: list[tuple[int, FundingEvent]] = []
    prev_end = 0
    for start, end, money in sorted(spots, key=lambda x: x[0]):
        last_end, prev_end = prev_end, end
        if last_end and _ALT_FIGURE.fullmatch(sentence[last_end:start]):
            continue  # "6億美元(約46.8億港元)": the same round in another currency
        window = sentence[max(last_end, start - 12):start]
        breaks = _breaks(sentence, r)
        c0 = max([m.end() for m in breaks if m.end() <= start] or [0])
        c1 = min([m.start() for m in breaks if m.start() >= end] or [len(sentence)])
        # Korean and Japanese put the verb last: "X는 80억원, Y가 30억원의 투자를 유치했다"
        reach = len(sentence) if r.verb_final else min(c1, end + 40)
        # (a funding phrase may hold the amount: "VCなどから約30億円を調達")
        if not (r.funding.search(sentence, end, reach) or r.funding.search(sentence, max(0, start - 40), start)
                or _holds(r.funding, sentence, start, end)):
            continue
        clause = sentence[c0:c1]
        if money is not None and (r.valuation.search(sentence, max(c0, last_end), start)
                                  or r.valuation.match(sentence[end:end + 6].lstrip("とのでは、,의 "))):
            # "..., 估值达30亿美元": the valuation of this sentence's round, else of the one just told
            target = out[-1][1] if out else recent
            if target is not None and target.valuation is None:
                amount, currency = _value(money, r)
                target.valuation = {"amount": amount, "currency": currency}
            continue
        # a listing before the amount makes it the listing's money ("完成首次公开募股，融资2亿美元")
        if r.negative.search(clause) or r.public.search(sentence, 0, c1) or r.cumulative.search(window) \
                or r.total_after.match(sentence, end) \
                or r.sentence_negative.search(sentence):
            continue
        # else the clauses before: "X表示，完成A轮融资，涉资...", or the topic of "Xは、…により、N円を調達"
        company = _subject(sentence[c0:start], r) or (
            # (the topic opens the sentence, however long the clauses after it: "Xは、…をリード投資家とし、
            # A、Bを引受先とする第三者割当増資により、総額5億円の資金調達")
            _subject(sentence[0 if r.topic_first else max(c0 - 60, 0):c0], r, first=r.topic_first) if c0 else None)
        after = r.subject_after.search(sentence, end, c1) if company is None else None
        if after:  # "4500억원 시리즈C 투자 유치에 성공한 메가존클라우드는": named after its round
            company = _clean_name(after.group("name"), r)
        if not company and topic and (r.anaphora.match(sentence, c0) or r.anaphora.match(sentence)):
            # (or the sentence opens with it: "该公司表示，本轮融资金额为1.8亿元")
            company = topic  # "公司上一轮融资为…", "同社は2022年に…": the article's company
        backer = None
        if company:
            # "小米宣布战略投资「灵犀半导体」，投资金额为2亿元": the name before the verb invests in the one after
            target = re.search(rf"{re.escape(company)}(?:{r.invests_in.pattern})[「『“\"]([^」』”\"]{{2,30}})[」』”\"]",
                               sentence) if r.invests_in.pattern else None
            if target:
                backer, company = company, target.group(1)
        if not company:
            continue
        amount = currency = None
        if money is not None:
            amount, currency = _value(money, r)
        rnd, ext = _round(sentence[c0:c1], r)
        if rnd == "unknown":  # "完成A輪融資，涉資6億美元": the round is named in the clause before
            rnd, ext = _round(sentence[last_end:c1], r)
        if rnd == "unknown" and r.verb_final:
            # "X는 80억원, Y가 30억원의 시리즈A 투자를 유치했다": the verb's clause names the stage of both
            rnd, ext = _round(sentence[end:], r)
        nxt = min([s for s, _, _ in spots if s > start] or [len(sentence)])
        if len(spots) > 1 and (c0 < last_end or nxt < c1):
            # two amounts in one clause ("5억원의 시드 투자를 받은 X는 … 시리즈A 라운드에서 60억원을 유치"):
            # each takes the stage nearest to it, between the amounts beside it
            rnd, ext = _nearest_round(sentence, last_end, start, end, nxt, r) or (rnd, ext)
        # one company's rounds in one sentence are one, unless they are told as two stages in one clause,
        # or in a language whose topic carries over the clauses ("同社は2021年のシリーズBで15億円、2019年の
        # シリーズAで4億円を調達"; a Chinese sentence's "；另外，…" may pass to another company)
        two_stages = (c0 < last_end or r.verb_final) and not any(
            e.round == rnd or "unknown" in (e.round, rnd) for _, e in out if e.company == company)
        if any(e.company == company for _, e in out) and not two_stages:
            continue
        status = "in_talks" if r.in_talks.search(sentence) else "reported" if r.reported.search(sentence) else "announced"
        # (where the round's own words start: after the amount before it when both share a clause)
        out.append((max(c0, last_end), FundingEvent(company=company, amount=amount, currency=currency, round=rnd,
                                     extension=ext, status=status, confidence=0.5, evidence=sentence[:300],
                                     investors=[backer] if backer else [])))
    return out
