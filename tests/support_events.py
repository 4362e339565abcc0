"""Builders for the events tests: invented articles and extraction dicts, an outbox spy."""

from __future__ import annotations

import json

import pytest

from storage.events import ArticleRef


def ev(company: str, amount: int | None = None, currency: str | None = "USD", round: str = "unknown", **kw) -> dict:  # noqa: A002
    """An extraction dict as extraction.extract_events returns it."""
    return {
        "company": company,
        "amount": amount,
        "currency": currency if amount is not None else kw.pop("currency_hint", None),
        "round": round,
        "extension": kw.pop("extension", False),
        "status": kw.pop("status", "announced"),
        "lead_investors": kw.pop("lead", []),
        "investors": kw.pop("investors", []),
        "valuation": kw.pop("valuation", None),
        "main": kw.pop("main", True),
        "confidence": kw.pop("confidence", 0.97),  # a sure round: above the default alert threshold
        "evidence": kw.pop("evidence", f"{company} raised {amount} {currency}"),
        **kw,
    }


def art(article_id: str, published: str | None, lang: str = "en", text: str | None = None, url: str | None = None) -> ArticleRef:
    return ArticleRef(
        id=article_id,
        url=url or f"https://{lang}.example.test/{article_id}",
        title=f"headline {article_id}",
        published=published,
        lang=lang,
        text=text,
    )


def wire_text(company: str, amount: str, variant: int = 0) -> str:
    """An invented agency text; variants differ by a word or two, as syndicated copies do."""
    words = [
        f"{company} said on Tuesday it had raised {amount} in a new financing round as it expands",
        "its logistics software into new markets across Europe and Asia this year.",
        "The company, founded six years ago by two former engineers, sells route planning tools",
        "to grocery chains and parcel carriers, and says revenue tripled over the past year.",
        "Existing investors joined the round, the chief executive said in an interview,",
        "adding that the money would go to hiring engineers and opening offices in three cities.",
        "The startup did not disclose its valuation but people familiar with the matter said",
        "it had more than doubled since its previous round eighteen months ago.",
    ]
    if variant:
        words.append(f"Reporting by desk {variant}; editing by the night shift.")
    return " ".join(words)


class OutboxSpy:
    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []

    def __call__(self, db, event_id: int, kind: str) -> None:
        self.calls.append((event_id, kind))

    def kinds(self, event_id: int) -> list[str]:
        return [k for e, k in self.calls if e == event_id]


@pytest.fixture
def outbox_spy(monkeypatch) -> OutboxSpy:
    """Records enqueue calls instead of writing the alerts side's outbox."""
    import storage.outbox

    spy = OutboxSpy()
    monkeypatch.setattr(storage.outbox, "enqueue", spy, raising=False)
    return spy


def snapshot(db) -> list[dict]:
    """The stored rounds without ids and timestamps, for order-independence checks."""
    out = []
    for row in db.query("select * from events where source_count > 0"):
        sources = sorted(
            (r["article_id"], r["event_index"])
            for r in db.query("select article_id, event_index from event_sources where event_id = ?", [row["id"]])
        )
        values = {k: v for k, v in row.items() if k not in ("id", "first_seen", "updated_at", "merged_into")}
        out.append(json.dumps({**values, "sources": sources}, sort_keys=True, default=str))
    copies = sorted(tuple(r) for r in db.execute("select article_id, duplicate_of from event_articles").fetchall())
    return sorted(out) + [json.dumps(copies)]
