"""Reading rounds back: one round with its sources, lists, exports, counts.

Rows whose sources all moved to another round (`source_count` 0) are never
listed; `get_event` on such an id follows `merged_into` to the round that took
them, so a link sent in an alert keeps working.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from storage import identity as ident



def live(alias: str = "") -> str:
    """SQL: a round that is still its own row. Recording a merge moves every source
    away and sets `merged_into` in the same write, so no sources means merged away."""
    return f"{alias}source_count > 0"


def round_date(alias: str = "") -> str:
    """SQL: the date a round is listed under: its earliest main report, else when it was stored."""
    return f"coalesce({alias}announced_on, substr({alias}first_seen, 1, 10))"


LIVE = live()
EVENT_ORDER = f"{round_date()} desc, id desc"


def _loads(value: str | None, default):
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


def _valuation(amount, currency) -> dict | None:
    return None if amount is None else {"amount": amount, "currency": currency}


def _round_values(row: dict) -> dict[str, Any]:
    """The values a round and each of its sources share, from either table's row."""
    return {
        "company": row["company"],
        "amount": row["amount"],
        "currency": row["currency"],
        "amount_usd": row["amount_usd"],
        "round": row["round"],
        "extension": bool(row["extension"]),
        "status": row["status"],
        "lead_investors": _loads(row["lead_investors"], []),
        "investors": _loads(row["investors"], []),
        "valuation": _valuation(row["valuation_amount"], row["valuation_currency"]),
        "main": bool(row["main"]),
        "confidence": row["confidence"],
        "evidence": row["evidence"],
    }


def _source(row: dict, copies: list[dict]) -> dict[str, Any]:
    return {
        "article_id": row["article_id"],
        "url": row["url"],
        "title": row["title"],
        "published": row["published"],
        "lang": row["lang"],
        **_round_values(row),
        "copies": copies,
    }


def _sources(db, event_id: int) -> list[dict]:
    rows = list(db.query("select * from event_sources where event_id = ? order by published is null, published, article_id", [event_id]))
    out = []
    for r in rows:
        copies = [
            {"article_id": c["article_id"], "url": c["url"], "title": c["title"], "published": c["published"]}
            for c in db.query(
                "select article_id, url, title, published from event_articles where duplicate_of = ? order by article_id",
                [r["article_id"]],
            )
        ]
        out.append(_source(r, copies))
    return out


def _event(db, row: dict, with_sources: bool = True) -> dict[str, Any]:
    event = {
        "id": row["id"],
        **_round_values(row),
        "announced_on": row["announced_on"],
        "first_seen": row["first_seen"],
        "updated_at": row["updated_at"],
        "source_count": row["source_count"],
        "conflicts": _loads(row.get("conflicts"), {}),
        "aliases": [
            r["company"]
            for r in db.query("select company from event_aliases where event_id = ? order by sources desc, company", [row["id"]])
        ],
    }
    if with_sources:
        event["sources"] = _sources(db, row["id"])
    return event


def get_event(db, event_id: int) -> dict[str, Any] | None:
    """One round with every source, its values and the conflicts; None when unknown."""
    seen = set()
    while event_id is not None and event_id not in seen:
        seen.add(event_id)
        rows = list(db.query("select * from events where id = ?", [event_id]))
        if not rows:
            return None
        row = rows[0]
        if row["source_count"]:
            return _event(db, row)
        event_id = row.get("merged_into")
    return None


def list_events(
    db,
    since: str | None = None,
    min_amount_usd: float | None = None,
    round: str | None = None,  # noqa: A002 - the field's name in the contract
    company: str | None = None,
    investor: str | None = None,
    lang: str | None = None,
    limit: int | None = 50,
    min_confidence: float | None = None,
) -> list[dict[str, Any]]:
    """Rounds, newest first (announcement date, else first seen), filtered."""
    where, params = [LIVE], []
    if min_confidence is not None:
        where.append("(confidence is null or confidence >= ?)")
        params.append(float(min_confidence))
    if since:
        where.append("coalesce(announced_on, substr(first_seen, 1, 10)) >= ?")
        params.append(str(since)[:10])
    if min_amount_usd is not None:
        where.append("amount_usd >= ?")
        params.append(float(min_amount_usd))
    if round:
        where.append("round = ?")
        params.append(round.lower())
    if company:
        key = ident.company_key(company) or company.lower()
        where.append(
            "(company_key like ? or company like ? or id in (select event_id from event_aliases where company_key like ?))"
        )
        params += [f"%{key}%", f"%{company}%", f"%{key}%"]
    if investor:
        where.append("investors like ?")
        params.append(f"%{investor}%")
    if lang:
        where.append("id in (select event_id from event_sources where lang = ?)")
        params.append(lang.lower())
    sql = f"select * from events where {' and '.join(where)} order by {EVENT_ORDER}"
    if limit:
        sql += " limit ?"
        params.append(int(limit))
    return [_event(db, row) for row in db.query(sql, params)]


def count_below_confidence(db, min_confidence: float) -> int:
    """Live rounds the extractor was less sure of than `min_confidence` (never alerted)."""
    sql = f"select count(*) from events where {LIVE} and confidence < ?"
    return db.execute(sql, [float(min_confidence)]).fetchone()[0]


def export_events(db) -> Iterator[dict[str, Any]]:
    """Every stored round, oldest id first, with its sources (url, title, published)."""
    for row in db.query(f"select * from events where {LIVE} order by id"):
        event = _event(db, row, with_sources=False)
        sources = [
            {"url": s["url"], "title": s["title"], "published": s["published"], "article_id": s["article_id"], "lang": s["lang"]}
            for s in db.query(
                "select url, title, published, article_id, lang from event_sources where event_id = ? "
                "order by published is null, published, article_id",
                [row["id"]],
            )
        ]
        yield {
            "id": event["id"],
            "company": event["company"],
            "amount": event["amount"],
            "currency": event["currency"],
            "round": event["round"],
            "status": event["status"],
            "lead_investors": event["lead_investors"],
            "investors": event["investors"],
            "valuation": event["valuation"],
            "first_seen": event["first_seen"],
            "sources": sources,
            "amount_usd": event["amount_usd"],
            "extension": event["extension"],
            "main": event["main"],
            "announced_on": event["announced_on"],
            "source_count": event["source_count"],
        }


def stats(db, top: int = 10) -> dict[str, Any]:
    """Counts over stored rounds: rounds, sources, by round, by currency, top investors."""
    rounds = list(db.query(f"select round, currency, investors, main from events where {LIVE}"))
    investors: Counter = Counter()
    spelling: dict[str, str] = {}
    for r in rounds:
        for name in {n for n in _loads(r["investors"], [])}:
            key = ident.person_key(name) or name.lower()
            spelling.setdefault(key, name)
            investors[key] += 1
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "rounds": len(rounds),
        "main_rounds": sum(1 for r in rounds if r["main"]),
        "sources": one("select count(*) from event_sources where event_id is not null"),
        "articles": one("select count(*) from event_articles"),
        "syndicated_copies": one("select count(*) from event_articles where duplicate_of is not null"),
        "by_round": dict(Counter(r["round"] for r in rounds).most_common()),
        "by_currency": dict(Counter(r["currency"] or "undisclosed" for r in rounds).most_common()),
        "top_investors": [{"investor": spelling[k], "rounds": n} for k, n in investors.most_common(top)],
    }
