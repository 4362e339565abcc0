"""`fundwatch report` on 10,000 rounds: time to render the page, and its size.

    .venv/bin/python benchmarks/bench_report.py [--rounds 10000] [--runs 3]

Builds a database of generated rounds spread over a year (stages, currencies,
1-3 sources in three languages, 400 investors, 12 feeds, some of them failing),
written straight into the tables as storage would leave them, then renders the
page for the last 365 days (every round counts: the worst case) `--runs` times
and prints the median. Targets: under 2 s and under 2 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from market.build import build  # noqa: E402
from storage import open_db  # noqa: E402

ROUNDS = [("pre_seed", 3e5, 2e6), ("seed", 1e6, 8e6), ("angel", 1e5, 1e6), ("series_a", 5e6, 3e7),
          ("series_b", 2e7, 8e7), ("series_c", 5e7, 3e8), ("growth", 1e8, 1e9), ("debt", 1e6, 2e8),
          ("grant", 1e5, 5e6), ("unknown", 5e5, 5e7)]
CURRENCIES = [("USD", 1.0), ("EUR", 1.08), ("GBP", 1.27), ("CHF", 1.12)]
LANGS = ["en", "en", "en", "de", "fr"]


def fill(path: Path, n: int, now: datetime, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = open_db(path)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    feeds = [{"id": i, "url": f"https://news{i}.example.test/feed", "config_url": f"https://news{i}.example.test/feed",
              "name": f"News {i}", "lang": LANGS[i % len(LANGS)], "configured": 1, "enabled": 1,
              "consecutive_failures": 3 if i % 5 == 0 else 0, "last_status": "failed" if i % 5 == 0 else "ok",
              "last_error": "HTTP 503" if i % 5 == 0 else None, "last_polled_at": stamp, "last_success_at": stamp,
              "next_poll_at": (now + timedelta(minutes=40)).strftime("%Y-%m-%dT%H:%M:%SZ") if i % 5 == 0 else None,
              "created_at": stamp, "updated_at": stamp} for i in range(1, 13)]
    investors = [f"Fund {i:03d} Ventures" for i in range(400)]
    events, sources, articles = [], [], []
    for i in range(1, n + 1):
        label, low, high = rng.choice(ROUNDS)
        currency, rate = rng.choice(CURRENCIES)
        amount = None if rng.random() < 0.12 else int(rng.uniform(low, high) / rate)
        day = (now - timedelta(days=rng.uniform(0, 364))).strftime("%Y-%m-%d")
        leads = rng.sample(investors, rng.randint(0, 2))
        others = rng.sample(investors, rng.randint(0, 4))
        events.append({
            "id": i, "company": f"Company {i}", "company_key": f"company {i}", "amount": amount,
            "currency": currency if amount else None, "amount_usd": amount * rate if amount else None,
            "round": label, "status": "announced", "lead_investors": json.dumps(leads),
            "investors": json.dumps(sorted(set(leads + others))), "main": 0 if rng.random() < 0.05 else 1,
            "confidence": rng.choice([0.97, 0.98, 0.95, 0.99, 0.5]), "evidence": "raised", "announced_on": day,
            "first_seen": day + "T08:00:00Z", "updated_at": stamp, "source_count": 0,
        })
        for k in range(rng.randint(1, 3)):
            article = f"a{i}-{k}"
            lang = rng.choice(LANGS)
            feed = rng.randint(1, 12)
            url = f"https://news{feed}.example.test/{article}"
            articles.append({"id": article, "url": url, "canonical_url": url, "feed_id": feed, "title": f"Company {i} raises",
                             "text": "", "published": day, "lang": lang, "source": "page", "fetched_at": stamp})
            sources.append({"event_id": i, "article_id": article, "event_index": 0, "url": url,
                            "title": f"Company {i} raises", "published": day, "lang": lang, "company": f"Company {i}",
                            "main": 1, "confidence": 0.9, "recorded_at": stamp})
            events[-1]["source_count"] += 1
    with db.atomic():
        db["feeds"].insert_all(feeds, alter=False)
        db["articles"].insert_all(articles, batch_size=2000)
        db["events"].insert_all(events, batch_size=2000)
        db["event_sources"].insert_all(sources, batch_size=2000)
    db.conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        path = Path(tmp) / "fundwatch.db"
        started = time.perf_counter()
        fill(path, args.rounds, now)
        print(f"database: {args.rounds:,} rounds written in {time.perf_counter() - started:.1f}s")
        seconds, sizes = [], []
        for _ in range(args.runs):
            db = open_db(path)
            started = time.perf_counter()
            html, data = build(db, "365d", now=now)
            seconds.append(time.perf_counter() - started)
            sizes.append(len(html.encode()))
            db.conn.close()
        print(f"page: {len(data.rounds):,} rounds counted ({data.less_certain:,} less certain and "
              f"{data.background:,} mentioned in passing left out), {len(data.weeks)} weeks")
        print(f"render: median {statistics.median(seconds):.2f}s of {args.runs} "
              f"({', '.join(f'{s:.2f}' for s in seconds)}); target under 2 s")
        print(f"size: {statistics.median(sizes) / 1024:.0f} KB; target under 2 MB")
        if statistics.median(seconds) >= 2 or statistics.median(sizes) >= 2 * 1024 * 1024:
            sys.exit("over target")


if __name__ == "__main__":
    main()
