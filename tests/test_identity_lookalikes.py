"""Look-alike companies stay apart; re-reports of one company still merge.

Thousands of invented companies, stored through the real store into a real SQLite
file. Each pair of look-alikes raises a round on the same day, with the same label
and the same money once converted (one in USD, the other in EUR), so only the name
can tell them apart: the issue's "Tazen Energy" / "Razen Energy" case, many times.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from support_events import art, ev

from storage import identity as ident
from storage.events import record_article_events

NOW = datetime(2026, 1, 1, tzinfo=UTC)
CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"


def word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables)) + rng.choice("nrsl")


def other_first_letter(rng: random.Random, w: str) -> str:
    return rng.choice([c for c in CONSONANTS if c != w[0]]) + w[1:]


def other_token(rng: random.Random, w: str) -> str:
    """Another word of the same length and first letter: a whole word apart, not a typo."""
    while True:
        new = w[0] + word(rng, len(w) // 2)[1 : len(w)]
        if sum(a != b for a, b in zip(new, w)) >= 2 and len(new) == len(w):
            return new


def lookalike_pairs(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """`n` pairs of invented names, each pair one first letter or one whole word apart.

    Names are long enough that a fuzzy ratio alone would call them one company.
    """
    pairs, seen = [], set()
    while len(pairs) < n:
        a, b, c = word(rng, 4), word(rng, 4), word(rng, 2)
        kind = len(pairs) % 3
        if kind == 0:  # "Tazen Energy" / "Razen Energy"
            first = (f"{a} {b}", f"{other_first_letter(rng, a)} {b}")
        elif kind == 1:  # a later word's first letter
            first = (f"{a} {b}", f"{a} {other_first_letter(rng, b)}")
        else:  # one whole word apart
            first = (f"{a} {b} {c}", f"{a} {b} {other_token(rng, c)}")
        names = tuple(n.title() for n in first)
        if ident.company_key(names[0]) == ident.company_key(names[1]) or names[0] in seen or names[1] in seen:
            continue
        seen.update(names)
        pairs.append(names)
    return pairs


def eur_for(usd: int, day: date) -> int:
    """The euro figure an outlet would print for `usd` on `day`, rounded to 100,000."""
    rate = ident.to_usd(1_000_000, "EUR", day) / 1_000_000
    return round(usd / rate / 100_000) * 100_000


def rows_by_company(db) -> dict[int, set[str]]:
    rows: dict[int, set[str]] = {}
    for event_id, company in db.execute(
        "select event_id, s.company from event_sources s join events e on e.id = s.event_id where e.source_count > 0"
    ).fetchall():
        rows.setdefault(event_id, set()).add(company)
    return rows


def test_thousands_of_lookalike_companies_never_merge(fresh_db):
    rng = random.Random(12)
    pairs = lookalike_pairs(rng, 1500)  # 3,000 companies
    owner: dict[str, str] = {}  # article -> company
    for i, (a, b) in enumerate(pairs):
        day = date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + i % 300)
        usd = rng.randrange(20, 400) * 100_000
        published = day.isoformat()
        for j, (name, amount, currency) in enumerate(((a, usd, "USD"), (b, eur_for(usd, day), "EUR"))):
            aid = f"p{i}-{j}"
            owner[aid] = name
            record_article_events(
                fresh_db, art(aid, published), [ev(name, amount, currency, "series_a", lead=[f"{name} Lead Fund"])], now=NOW
            )
    mixed = {eid: names for eid, names in rows_by_company(fresh_db).items() if len(names) > 1}
    assert not mixed, f"{len(mixed)} wrong merges, e.g. {sorted(mixed.values())[:5]}"
    assert fresh_db.execute("select count(*) from events where source_count > 0").fetchone()[0] == 3000


def rereport(rng: random.Random, name: str, usd: int, day: date) -> tuple[str, int, str]:
    """The same company and round as another outlet writes it."""
    way = rng.randrange(4)
    if way == 0:
        return name.upper(), usd, "USD"
    if way == 1:
        return name.replace("e", "é", 1).replace("a", "à", 1), usd, "USD"
    if way == 2:
        return f"{name} {rng.choice(['GmbH', 'Inc.', 'Ltd', 'SE', 'Holding AG'])}", usd, "USD"
    return name, eur_for(usd, day), "EUR"  # rounded, in another currency


def test_rereports_of_one_company_still_merge(fresh_db):
    rng = random.Random(7)
    names = [n for pair in lookalike_pairs(rng, 500) for n in pair]
    for i, name in enumerate(names):
        day = date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + i % 300)
        usd = rng.randrange(20, 400) * 100_000 + 37_000  # "$7,537,000" vs "$7.5 million"
        record_article_events(fresh_db, art(f"a{i}", day.isoformat()), [ev(name, usd, "USD", "seed")], now=NOW)
        again, amount, currency = rereport(rng, name, round(usd, -5), day)
        record_article_events(fresh_db, art(f"b{i}", day.isoformat()), [ev(again, amount, currency, "seed")], now=NOW)
    assert fresh_db.execute("select count(*) from events where source_count > 0").fetchone()[0] == len(names)
    assert fresh_db.execute("select count(*) from events where source_count > 0 and source_count != 2").fetchone()[0] == 0


def test_tazen_is_not_razen():
    assert ident.name_score("Tazen Energy", "Razen Energy") == 0
    assert ident.name_score("Lumora Health", "Lumora Wealth") == 0
    assert ident.name_score("Volocopter", "Volocoptor") > 0  # a typo inside a word still is one
    assert ident.name_score("Volo Copter", "Volocoptor") > 0  # and so is a space
