"""Deal lists: one round per line, told in fields rather than sentences.

Newsletters and round-ups list their deals as lines such as

    Kivo (Berlin): 5 Millionen Euro von Earlybird
    Lendora – 3 Mio. Euro – Proptech – München
    SEED • Arumi Foods • US$ 2M • F&B

A line like that has no verb, so the sentence grammar finds no round in it. It is read
here as fields instead: the round label, the amount, and the name (the first field that
is no label, amount, sector or place). A single such line proves nothing (a headline
"Kivo: 5 Mio. Euro Umsatz" has the same shape); lines count only in a list of at least two
items in a funding context (a round label or a funding word in the list or in its heading).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from extraction import sieve
from extraction.money import Money, parse_money
from extraction.names import COLUMN_NAME, is_descriptor, name_from_phrase, places
from extraction.plausibility import zipf
from extraction.rounds import find_rounds

# fields are separated by a dash, bullet, bar or a colon
_FIELD_BREAK = re.compile(r"\s+[–—•|·]\s+|\s*:\s+|\s+-\s+")
_FIELD_MARK = re.compile(r"[–—•|·:-]")
_PAREN = re.compile(r"\s*\([^()]{1,40}\)")
_UNDISCLOSED = re.compile(
    r"(?i)^(?:undisclosed|not disclosed|n/?a|k\.\s?a\.|nicht (?:genannt|bekannt)|ungenannt|non communiqué|"
    r"no revelado|não divulgado|non divulgato)$")
# "Tollgate — undisclosed pre-seed from Y Combinator": a withheld amount that opens a field
_UNDISCLOSED_LEAD = re.compile(r"(?i)^(?:an? )?(?:undisclosed|unspecified)\s")
_MAX_LINE = 160
# a ranked list's number before the line's first field ("2. ", "#3 ", "4) ")
_LIST_NUMBER = re.compile(r"^(?:\d{1,2}[.)/]|#\d{1,2})\s+")
_FIELD_STRIP = " •-*/▶►▸→"  # spaces and the bullets a line may open with
# a lead told as a field of its own: "48 Mio. € Series B, Lead: Accel."
_LEAD_FIELD = re.compile(r"(?i)\blead(?:-?investor)?:\s*([^,.;()]{2,40})")
# "Heizhelden GmbH (Köln) – 15 Mio. € – davon 5 Mio. als Venture Debt.": fields however long the line
_NAME_PLACE_AMOUNT = re.compile(r"[^()–—:.]{2,50}\([^()]{1,30}\)\s*(?:[–—:]|\s-)\s*\d")
# an amount's field this long, before any name, is a sentence that tells the round ("Das
# Leipziger Legaltech X sammelt 13 Mio. Euro in der Series A"), not a field of a list line
_SENTENCE_WORDS = 8
_STAGE_LABEL = re.compile(r"(?i)^(?:late|early|growth|mid|later)[- ]stage$")
# words that put a list in a funding context ("Die Deals der Woche", "Funding roundup")
_FUNDING_WORDS = re.compile(
    r"(?i)\b(?:deals?|funding|fundings|raised|raises|rounds?|finanzierung\w*|investments?|investitionen|"
    r"runden?|finanzierungsrunden|levées?|financements?|rondas?|inversiones|rodadas?|investimentos?|"
    r"finanziamenti|investeringen|investering|financiering\w*|rondes?|seed|series|serie)\b")


# a statistics line, not a deal: "Series A: £166.2M across 8 deals", "Average Deal Size: £1.6M"
_STATISTIC = re.compile(
    r"(?i)\b(?:across|total|totals|in total|average|median|mean|avg|insgesamt|gesamt|summe|gesamtsumme|durchschnitt\w*|"
    r"median\w*|moyenne|au total|promedio|en total|média|totale|gemiddeld|totaal)\b|"
    r"\b\d+\s+(?:deals|rounds|companies|startups|start-ups|firms|deals|finanzierungsrunden|runden|unternehmen|"
    r"opérations|entreprises|rondas|empresas|rodadas)\b|"
    # "Funding Galore: Indian Startups Raised $120 Mn This Week": a plural subject raising is a market's total
    r"\b(?:startups|start-ups|companies|firms|fintechs|unternehmen|empresas|entreprises|jeunes pousses)\s+"
    r"(?:have\s+|haben\s+|ont\s+)?(?:raised|raise|secured|bagged|got|attracted|sammelten|erhielten|levantaron|"
    r"captaram|levé|lèvent)\b|"
    # other money in the same shape: revenue, takeovers, listings
    # a fund's own close in a deal table: "L Catterton India Fund | $200 Mn | First Close"
    r"(?i:\b(?:first|second|final|interim) close\b|\bfund (?:i{1,3}|iv|v|vi)\b)|"
    r"(?i:\b(?:umsatz|umsätze|revenue|sales|acqui\w+|übernommen|übernahme|übernimmt|kauft|gekauft|bought|buys|"
    r"ipo|börsengang|chiffre d['’]affaires|rachat|racheté|ventas|adquiri\w+|faturamento|fatturato|omzet|"
    r"overgenomen)\b)")


_AMOUNT_FIRST = re.compile(r"(?:[$€£]|[A-Z]{3}\s|R\$|US\$)?\s?\d")  # a field that opens with an amount
_COMMA_FIELD = re.compile(r",\s+(?![^()]*\))")  # a comma outside parentheses ("10,5 Mio." has no space)


_WITH_AMOUNT = re.compile(r"(?P<name>[^,;:()\d]{2,40}?(?:\s\([^()]{1,30}\))?),?\s+(?:mit|with|avec|con|com|met)\s+"
                          r"(?P<amount>\S.*?)[.]?")


def _with_amount(field: str, money: list[Money], line: str) -> list[str]:
    """A field "name with amount" as its two fields, where what follows "with" is an amount and nothing more."""
    m = _WITH_AMOUNT.fullmatch(field) if money else None
    if m and _whole_amount(m.group("amount"), money, line):
        return [m.group("name"), m.group("amount")]
    return [field]


def _whole_amount(field: str, money: list[Money], line: str) -> bool:
    """The field is one of the line's amounts and nothing more ("10 Mio. Euro", "$5M")."""
    return any(line[m.span[0]:m.span[1]].strip() == field.strip() for m in money)


@dataclass(frozen=True)
class DealLine:
    company: str
    money: Money | None
    round: str
    leads: tuple[str, ...] = ()  # named by a table's lead column (extraction.tables)
    investors: tuple[str, ...] = ()
    # "$10M in equity + $40M debt facility": a second part of the deal, with its own round
    more: tuple[tuple[Money, str], ...] = ()


def read_line(line: str, lang: str) -> DealLine | None:
    """The deal a list line tells, or None when the line has not that shape."""
    deal = _read_line(line, lang)
    return deal if isinstance(deal, DealLine) else None


# an item of a list that tells its round in a sentence of its own: the grammar reads it, and it
# counts as a neighbour of the list's other lines
_SENTENCE = "sentence"


# wordfreq's zipf of "no", "the", "und": a word this common names no company
_FUNCTION_WORD = 5.5


def _read_line(line: str, lang: str) -> DealLine | str | None:
    if len(line) > _MAX_LINE or line.rstrip().endswith((".", "?", "!")) and line.count(" ") > 12 \
            and not _NAME_PLACE_AMOUNT.match(line):
        return None  # a sentence, which the grammar reads
    stripped = _LIST_NUMBER.sub("", line.strip())  # "2. Tessin Grid AG (Lugano) – CHF 15 Mio.": the rank is no field
    # every field break holds one of these; the pattern's leading \s* tries every offset
    parts = _FIELD_BREAK.split(stripped) if _FIELD_MARK.search(stripped) else [stripped]
    fields = [f.strip(_FIELD_STRIP) for f in parts if f.strip(_FIELD_STRIP)]
    money = [m for m in parse_money(line, lang) if m.currency or m.has_scale]
    # "Platz 1: Orbina mit 4,5 Mio. €", "Driftwood with $7M", "Pelvo, com R$ 3 milhões": a ranked
    # list joins the name to its amount by "with"; that field is the two fields of a list line
    fields = [g for f in fields for g in _with_amount(f, money, line)]
    commas = [f.strip() for f in _COMMA_FIELD.split(fields[0])] if fields else []
    if len(commas) >= 3 and any(_whole_amount(f, money, line) for f in commas) or len(commas) == 2 and money \
            and _AMOUNT_FIRST.match(commas[1]) and len(commas[1].split()) <= 6:
        # ... or "Pâtes & Co, 2 M€", "Bloom Vision, 12 M€ de série A": a name and its amount
        # "Sensory (Berlin), 10 Mio. Euro, Series A, Investoren: ...": commas part the fields
        # where one of the parts is an amount and nothing else
        fields = commas + fields[1:]
    if len(fields) < 2:
        return None
    undisclosed = any(_UNDISCLOSED.match(f) or _UNDISCLOSED_LEAD.match(f) and find_rounds(f) for f in fields)
    if not money and not undisclosed:
        return None
    # asked after the cheap tests above (all pure): most lines are no list line, and this
    # pattern's plural nouns ("Unternehmen", "startups") send many to a full scan
    if sieve.search(_STATISTIC, line):
        return None
    rounds = [c for c in find_rounds(line) if c.round != "unknown"]
    name = None
    for field in fields:
        bare = _PAREN.sub("", field).strip()
        if len(bare.split()) >= _SENTENCE_WORDS and money and name is None and re.search(r"\d", bare):
            return _SENTENCE  # "Deal 2: Das Legaltech X sammelt 13 Mio. Euro ein, Lead: Y": read by the grammar
        if not bare or re.search(r"\d", bare) or _UNDISCLOSED.match(bare) or _UNDISCLOSED_LEAD.match(bare):
            continue  # the amount's field, or a date
        if _STAGE_LABEL.match(bare):
            continue  # "LATE STAGE • Sociolla • US$ 250M": a stage, like a round label
        cues = find_rounds(bare)
        if cues and sum(c.end - c.start for c in cues) >= len(bare) * 0.5:
            continue  # "SEED", "Series A"
        if bare.lower() in places() or is_descriptor(bare) and name_from_phrase(bare, first=True) != bare:
            continue  # "München", "Proptech" (but "Kelpa Biotech" is a name that ends on a descriptor)
        if COLUMN_NAME.search(bare):
            return None  # "China Digest: X raises $100m; Y leads ...": a column's headline
        name = name_from_phrase(bare, first=True)
        if name and " " not in name and zipf(name, lang) >= _FUNCTION_WORD:
            return None  # "No — Bolt-on Logistics (Ghana) raised ...": a reply or a number's "No", no list's name
        if name and name == bare.strip("\"'“”„«»"):
            break
        name = None
        break  # the first free field is the name or nothing: a phrase is no list line
    if not name:
        return None
    more = _more_parts(line, money, rounds)
    if len(money) > 1:
        # "$10M in equity + $40M debt facility": the first amount's round stands around it, not
        # after the next amount
        rounds = [c for c in rounds if c.end <= money[0].span[0] or money[0].span[1] <= c.start < money[1].span[0]]
    lead = _LEAD_FIELD.search(line)
    leads = tuple(x for x in [name_from_phrase(lead.group(1).strip(), first=True) if lead else None] if x and x != name)
    return DealLine(name, money[0] if money else None, rounds[0].round if rounds else "unknown", leads, leads,
                    more=more)


_PLUS = re.compile(r"(?i)^\s*(?:in [a-z]+(?: [a-z]+)?\s*)?(?:\+|plus|and)\s*$")


def _more_parts(line: str, money: list[Money], rounds: list) -> tuple[tuple[Money, str], ...]:
    """The amounts added to the first one ("$10M in equity + $40M debt facility"), each with the
    round named between it and the next amount."""
    out = []
    for prev, m in zip(money, money[1:]):
        if not _PLUS.match(line[prev.span[1]:m.span[0]]) or m.currency != money[0].currency:
            break
        nxt = next((x.span[0] for x in money if x.span[0] > m.span[0]), len(line))
        own = [c.round for c in rounds if m.span[1] <= c.start < nxt]
        out.append((m, own[0] if own else "unknown"))
    return tuple(out)


def deal_lines(sentences: list[str], lang: str, lines: list[int] | None = None) -> dict[int, DealLine]:
    """The deal lines of a document (by sentence index), kept only where they form a list of
    two or more in a funding context. `lines`: the text line of each sentence."""
    read = {i: d for i, s in enumerate(sentences) if (d := _read_line(s, lang))}
    if len(read) < 2:
        return {}
    found = {i: d for i, d in read.items() if isinstance(d, DealLine)}
    if not found:
        return {}
    first = min(read)
    # the lines, the two sentences before the list, and the sentence under each line: a round-up's
    # item ("Trilha — R$ 50 milhões" / "A edtech ... recebeu uma rodada Série A") tells its round below
    context = " ".join(sentences[max(0, first - 2):first] + [sentences[i] for i in read]
                       + [sentences[i + 1] for i in found if i + 1 < len(sentences) and i + 1 not in read])
    if not (_FUNDING_WORDS.search(context) or any(d.round != "unknown" for d in found.values())):
        return {}
    # a list is lines close together: a stray line far from the others stands alone (a heading line
    # over an item of two or three sentences stands a few lines from the next). Lines further apart
    # over short sentences are not joined: page chrome ("Foto: PR", "Teilen") is short too.
    keep = {i: d for i, d in found.items() if any(_close(sentences, i, j, lines) for j in read)}
    # a lone field line among items told as sentences needs a list of three or more around it
    return keep if len(keep) >= 2 or keep and len(read) >= 3 else {}


def _close(sentences: list[str], i: int, j: int, lines: list[int] | None = None) -> bool:
    """Two list lines near enough to belong to one list: two lines apart, or four when both are
    headings (no full stop) over items of their own."""
    # ... and so may two lines of the "Name (Place): amount" shape, a list's own ("Kapstok (Antwerpen): 42
    # miljoen euro." over two sentences of its own)
    reach = 4 if all(not _full_stop(sentences[k]) or _NAME_PLACE_AMOUNT.match(sentences[k]) for k in (i, j)) else 2
    if lines is not None and 0 < abs(i - j) <= 6:
        # a list's lines one under the other, with no blank line between: one list, its items told
        # as fields or as sentences ("• Kornwerk (Madrid): 5 millones ..." / "• Lumetra cierra una ronda ...")
        first, last = sorted((lines[i], lines[j]))
        if 0 < last - first <= 6 and set(range(first, last + 1)) <= set(lines[min(i, j):max(i, j) + 1]):
            return True
    return 0 < abs(i - j) <= reach


# a scale's abbreviation ends a heading line with a dot that is no full stop ("– CHF 15 Mio.")
_SCALE_DOT = re.compile(r"(?i)\b(?:mio|mrd|mn|bn|tsd|mill|md|mds|mln)\.$")


def _full_stop(line: str) -> bool:
    line = line.rstrip()
    return line.endswith(".") and not _SCALE_DOT.search(line)


def _whole_line_amount(line: str, lang: str) -> Money | None:
    """The line is an amount and nothing else ("$20 Mn", "4 Mio. Euro")."""
    money = [m for m in parse_money(line, lang) if m.currency or m.has_scale]
    if len(money) == 1 and line[money[0].span[0]:money[0].span[1]].strip() == line.strip() \
            and money[0].amount >= 10_000:  # a price, never a round
        return money[0]
    return None


def _name_line(line: str) -> str | None:
    """A line that holds a name and nothing else: no label, amount, sector or place."""
    bare = _PAREN.sub("", line).strip(" •-*/")
    if not bare or len(bare.split()) > 4 or re.search(r"\d", bare) or bare.endswith((".", ":", "?", "!")):
        return None
    cues = find_rounds(bare)
    if cues or _STAGE_LABEL.match(bare) or bare.lower() in places() or is_descriptor(bare) or _UNDISCLOSED.match(bare):
        return None
    name = name_from_phrase(bare, first=True)
    return name if name and name == bare.strip("\"'“”„«»") else None


def column_blocks(sentences: list[str], lang: str) -> dict[int, DealLine]:
    """Deals printed one field per line, a table a page reader unrolled:

        Kivora / Fintech / $20 Mn / Series B / Accel, Sequoia / Lumina / Healthtech / $5 Mn / Seed

    Each line that is only an amount belongs to the block that starts with the nearest name line
    before it; the blocks must repeat with one period (the same number of lines from one amount to
    the next), at least twice, in a funding context."""
    amounts = {i: m for i, s in enumerate(sentences) if len(s) < 40 and (m := _whole_line_amount(s, lang))}
    if len(amounts) < 2:
        return {}
    idx = sorted(amounts)
    # a row whose amount is withheld ("k.A.") stretches one step: the period divides every step,
    # and each row between that holds no amount says it is withheld
    gcd = math.gcd(*(b - a for a, b in zip(idx, idx[1:])))
    period, withheld = 0, set()
    for p in range(min(gcd, 8), 1, -1):
        rows = {i for i in range(idx[0], idx[-1], p) if i not in amounts}
        if gcd % p == 0 and all(_UNDISCLOSED.match(sentences[i].strip()) for i in rows):
            period, withheld = p, rows
            break
    if not period:
        return {}
    idx = sorted([*idx, *withheld])
    # the name stands the same number of lines before every amount: the offset that holds a name
    # line in every block (a backers' line of the block before may hold one too, but not always)
    offsets = [k for k in range(1, period) if all(i - k >= 0 and _name_line(sentences[i - k]) for i in idx)]
    if len(offsets) != 1:
        return {}
    k = offsets[0]
    out: dict[int, DealLine] = {}
    for i in idx:
        j = i - k
        rounds = [c for m in range(j, min(len(sentences), j + period)) for c in find_rounds(sentences[m])
                  if c.round != "unknown" and len(sentences[m]) < 40]
        out[i] = DealLine(_name_line(sentences[j]), amounts.get(i), rounds[0].round if rounds else "unknown")
    context = " ".join(sentences[max(0, idx[0] - period - 2):idx[-1] + 1])
    if not _FUNDING_WORDS.search(context) and all(d.round == "unknown" for d in out.values()):
        return {}
    return out
