"""Deal tables: rows of cells under a header row that names the columns.

Round-ups often print their deals as a table, which a page reader turns into lines like

    Date | Name | Sector | Funding Round Size | Funding Round Type | Investors | Lead Investor
    3 Mar 2025 | Kivora | Fintech | $20 Mn | Series B | Accel, Sequoia | Accel

The header says what each cell is, so each row is read by its columns: the company, the
amount, the round, the investors and the leads, in whatever order and language the header
gives them. A row without a header above it is left to the deal-list reader (listings.py).
"""

from __future__ import annotations

import re

from extraction.listings import _STATISTIC, DealLine
from extraction import sieve
from extraction.money import Money, parse_money
from extraction.names import name_from_phrase, split_names
from extraction.rounds import find_rounds

# a header cell's kind, asked in this order: "Lead Investor" is a lead column before an investor
# one, "Funding Round Size" an amount before a round, "Funding Round Type" a round
_KINDS = (
    ("leads", re.compile(r"(?i)\blead")),
    ("round", re.compile(r"(?i)\b(?:type|stage|phase|tipo|typ|étape|etapa)\b|\bart der\b")),
    ("amount", re.compile(r"(?i)\b(?:size|amount|raised|funding amount|betrag|summe|volumen|höhe|montant|monto|"
                          r"importe|importo|valor|bedrag)\b|^(?:funding|finanzierung|amount)$")),
    ("round", re.compile(r"(?i)\b(?:round|series|runde|tour|ronda|rodada|fase)\b")),
    ("investors", re.compile(r"(?i)\b(?:investors?|backers?|investoren|geldgeber|investisseurs|inversores|"
                             r"inversionistas|investidores|investitori|investeerders)\b")),
    ("company", re.compile(r"(?i)^(?:startup|start-up|company|companies|name|startup name|company name|"
                           r"unternehmen|firma|empresa|entreprise|société|azienda|bedrijf)s?$")),
)
# "n. b." (nicht bekannt), "k. A." (keine Angabe), "n. v." (nicht verfügbar): a withheld amount
_NO_VALUE = re.compile(r"^\W*$|^(?:n/?a|none|k\. ?a\.|n\. ?b\.|n\. ?v\.|n\. ?g\.|undisclosed|-+|–)$", re.I)


def _cells(line: str) -> list[tuple[int, str]] | None:
    """The cells of a row with their offsets in the line, or None for a line that is no row."""
    if line.count("|") < 2:
        return None
    cells, start = [], 0
    for part in line.split("|"):
        stripped = part.strip()
        offset = start + (part.find(stripped) if stripped else 0)
        cells.append((offset, stripped))
        start += len(part) + 1
    # a row printed with outer bars ("| a | b |") has empty cells at both ends
    while cells and not cells[0][1]:
        cells.pop(0)
    while cells and not cells[-1][1]:
        cells.pop()
    return cells if len(cells) >= 3 else None


def _kind(cell: str) -> str | None:
    for kind, pattern in _KINDS:
        if pattern.search(cell):
            return kind
    return None


def _header(cells: list[tuple[int, str]]) -> list[str | None] | None:
    kinds = [_kind(text) for _, text in cells]
    if "company" in kinds and ("amount" in kinds or "round" in kinds):
        return kinds
    return None


_LEAD_MARK = re.compile(r"(?:^|[,;/&]\s*|\bund\s|\band\s)([^,;/&()]{2,40}?)\s*\((?i:lead|lead-?investor|federführend)\)")


def _names(cell: str) -> tuple[str, ...]:
    if _NO_VALUE.match(cell):
        return ()
    # "IAN Group-powered BioAngels": a name's description falls away as in running text
    return tuple(name_from_phrase(n, tail=True) or n for n in split_names(cell))


def _row(cells: list[tuple[int, str]], header: list[str | None], lang: str) -> DealLine | None:
    by_kind: dict[str, tuple[int, str]] = {}
    for kind, cell in zip(header, cells):
        if kind and kind not in by_kind:
            by_kind[kind] = cell
    company_cell = by_kind.get("company")
    if company_cell is None:
        return None
    company = name_from_phrase(company_cell[1], first=True)
    if not company:
        return None
    money: Money | None = None
    if "amount" in by_kind:
        offset, text = by_kind["amount"]
        found = [m for m in parse_money(text, lang) if m.currency or m.has_scale]
        if found:
            m = found[0]
            money = Money(m.amount, m.currency, m.approx, (offset + m.span[0], offset + m.span[1]), m.has_scale)
        elif not _NO_VALUE.match(text):
            return None  # an amount column holding something else: no deal row
    rounds = [c for c in find_rounds(by_kind["round"][1]) if c.round != "unknown"] if "round" in by_kind else []
    leads = _names(by_kind["leads"][1]) if "leads" in by_kind else ()
    investors = _names(by_kind["investors"][1]) if "investors" in by_kind else ()
    if "leads" not in by_kind and "investors" in by_kind:
        # "Headline (Lead), Speedinvest": a backer marked as the lead in the investors' cell
        marked = _LEAD_MARK.findall(by_kind["investors"][1])
        leads = tuple(x for n in marked for x in _names(n))
    if "investors" not in by_kind and len(leads) > 1:
        # "Lead investor(s) | X; Y; Z" with no column for the others: such tables list every backer
        # there, so they are the round's investors, and which of them led is not told
        leads, investors = (), leads
    return DealLine(company, money, rounds[0].round if rounds else "unknown", leads=leads, investors=investors)


def table_deals(sentences: list[str], lang: str) -> dict[int, DealLine]:
    """The deal rows of a document's tables, by sentence index."""
    out: dict[int, DealLine] = {}
    header: list[str | None] | None = None
    for i, line in enumerate(sentences):
        cells = _cells(line)
        if cells is None:
            header = None  # a table ends where its rows end
            continue
        found = _header(cells)
        if found is not None:
            header = found
            continue
        if header is None or len(cells) != len(header) or sieve.search(_STATISTIC, line):
            continue  # other money in the same shape: a fund's close, revenue, a takeover
        deal = _row(cells, header, lang)
        if deal is not None:
            out[i] = deal
    return out
