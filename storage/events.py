"""Funding rounds (`events`) and the articles that report them (`event_sources`).

One `events` row per real round, however many outlets report it; one
`event_sources` row per (round, article) with that article's own values.
"""

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("fundwatch.events")


@MIGRATIONS(name="0001_events")
def _create_events(db) -> None:
    db["events"].create(
        {
            "id": int,
            "company": str,            # canonical display name
            "company_key": str,        # normalised name used for identity
            "amount": int,             # whole currency units, NULL when undisclosed
            "currency": str,           # ISO 4217
            "amount_usd": float,       # amount at the reference rate of announced_on
            "round": str,              # pre_seed, seed, ..., series_a..series_k, unknown
            "extension": int,          # 0/1
            "status": str,             # announced | reported | in_talks
            "lead_investors": str,     # JSON array
            "investors": str,          # JSON array, leads included
            "valuation_amount": int,
            "valuation_currency": str,
            "main": int,               # 1 when any source reports it as its news
            "confidence": float,
            "evidence": str,           # evidence sentence of the chosen source
            "announced_on": str,       # ISO date of the earliest source's publication
            "first_seen": str,         # ISO timestamp when fundwatch first stored it
            "updated_at": str,
            "source_count": int,
        },
        pk="id",
        not_null={"company", "company_key", "round", "status", "first_seen"},
        defaults={"extension": 0, "main": 0, "source_count": 0, "lead_investors": "[]", "investors": "[]"},
    )
    db["events"].create_index(["company_key"])
    db["events"].create_index(["announced_on"])
