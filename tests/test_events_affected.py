"""Recording replays only the rounds new mentions can affect (storage.events_affected):
the rows must be exactly those of the full pass over the whole group of names.

Each case records the same articles, in the same order, twice: as recording does,
and with the replay turned off so that every article re-runs the clustering over
its whole group. Names are look-alikes (typos, longer forms, numbered names one
letter apart) so that groups are large and rounds move between them.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime

import pytest
from support_events import art, ev, wire_text

from storage import events_affected, open_db
from storage.events import record_article_events

NOW = datetime(2026, 3, 10, tzinfo=UTC)
BASES = ["Kelvo", "Lumora", "Tazen", "Volocopter", "Brightline", "Company1x2x3"]


def _name(rng: random.Random) -> str:
    base = rng.choice(BASES)
    roll = rng.random()
    if roll < 0.25 and len(base) > 5:
        i = rng.randrange(1, len(base) - 1)
        return base[:i] + rng.choice("aeioux0123456789") + base[i + 1 :]  # a letter off
    if roll < 0.4:
        return f"{base} {rng.choice(['Health', 'Robotics', 'Nova', 'Labs'])}"
    if roll < 0.5:
        return f"{base} GmbH"
    return base


def _articles(seed: int, count: int) -> list[tuple]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        published = rng.choice([None, "2026-03", *(f"2026-0{m}-{d:02d}" for m in (2, 3, 5) for d in (1, 9, 20))])
        events = []
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            events.append(ev(
                _name(rng),
                rng.choice([None, 5_000_000, 5_200_000, 6_000_000, 8_000_000, 20_000_000]),
                rng.choice(["USD", "EUR", None]),
                rng.choice(["unknown", "seed", "series_a", "series_a", "series_b"]),
                main=rng.random() < 0.8,
                status=rng.choice(["announced", "announced", "in_talks"]),
                lead=[rng.choice(["Northwind", "Example Ventures"])] if rng.random() < 0.4 else [],
            ))
        text = wire_text(events[0]["company"], "money", variant=i % 3) if events and rng.random() < 0.15 else None
        out.append((art(f"a{rng.randrange(10_000):04d}-{i}", published, text=text), events))
    return out


def _rows(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        tables = {
            "events": "select * from events order by id",
            "event_sources": "select id, event_id, article_id, event_index from event_sources order by id",
            "event_aliases": "select * from event_aliases order by event_id, company",
            "event_articles": "select article_id, duplicate_of from event_articles order by article_id",
            "outbox": "select id, event_id, kind, dedupe_key from outbox order by id",
        }
        return {name: conn.execute(sql).fetchall() for name, sql in tables.items()}
    finally:
        conn.close()


def _record(path, articles, results: list) -> dict:
    db = open_db(path)
    for ref, events in articles:
        r = record_article_events(db, ref, events, now=NOW)
        results.append((r.new_event_ids, r.updated_event_ids, r.duplicate_of))
    db.conn.close()
    return _rows(path)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_replay_writes_what_the_full_pass_writes(tmp_path, monkeypatch, seed):
    articles = _articles(seed, 70)
    replayed: list = []
    calls = []
    real = events_affected.affected_clusters

    def counted(db, new):
        calls.append(len(new))
        return real(db, new)

    monkeypatch.setattr(events_affected, "affected_clusters", counted)
    fast = _record(tmp_path / "fast.db", articles, replayed)
    assert len(calls) > len(articles) // 2  # the replay did run, not only the full pass

    def off(db, new):
        raise events_affected.Unsupported("turned off")

    monkeypatch.setattr(events_affected, "affected_clusters", off)
    full: list = []
    assert _record(tmp_path / "full.db", articles, full) == fast
    assert full == replayed
