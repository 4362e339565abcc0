"""Backlog benchmark: thousands of new articles on one host, worked off over cycles.

    .venv/bin/python benchmarks/bench_backlog.py --feeds 20 --articles 100 --latency 0.05 --budget 10

The farm (benchmarks/farm.py, its own process) serves `feeds x articles` new
articles on ONE host; the client may have 2 requests in flight there
(`per_host`), so most requests wait their turn. Each cycle, on one database:
poll, record (entries join the to-do list), fetch what is pending with the
article budget, store each article and tick its entry off (the cycle's own
functions; text extraction and round-keeping are left out: they are measured in
bench_extraction.py, and the farm's look-alike pages make them slow here).

Per cycle: articles stored from their page and from feed text, entries still
pending, wall time. Expected: no article is read from feed text for want of
time (the total timeout counts from the send; pages not reached within the
budget wait for the next cycle), and about budget x per_host / latency pages
per cycle, so the backlog drains in articles x latency / per_host / budget cycles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--budget", type=float, default=10.0, help="article_budget_seconds")
    parser.add_argument("--per-host", type=int, default=2)
    args = parser.parse_args()

    import asyncio
    from datetime import datetime, timezone
    from types import SimpleNamespace

    import storage.feeds as feed_store
    import storage.todo as todo
    from flows.stages import pending_work
    from scrapers.http import Fetcher, HttpSettings
    from scrapers.poll import fetch_articles, poll_feeds
    from storage import open_db

    settings = HttpSettings(allow_private_networks=True, per_host=args.per_host,
                            article_budget_seconds=args.budget)

    async def cycle(db) -> dict:
        now = datetime.now(timezone.utc)
        async with Fetcher(settings) as fetcher:
            polls = await poll_feeds(fetcher, feed_store.due_feeds(db, now), now)
            for poll in polls:
                feed_store.record_poll(db, poll, now)
            to_fetch, _ = pending_work(db, now)
            docs = await fetch_articles(fetcher, to_fetch, time.monotonic() + settings.article_budget_seconds)
            requests = fetcher.stats.requests
        counts = {"page": 0, "feed": 0, "not reached": 0}
        for doc in docs:
            if doc.retryable:
                counts["not reached" if not doc.attempted else "feed"] += 1
                continue
            with db.atomic():
                feed_store.save_article(db, doc, now)
                todo.mark_done(db, doc, now)
            counts[doc.source] += 1
        return {"requests": requests, **counts}


    farm = subprocess.Popen(
        [sys.executable, str(HERE / "farm.py"), "--sites", "1", "--feeds", str(args.feeds),
         "--articles", str(args.articles), "--latency", str(args.latency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        feeds = json.loads(farm.stdout.readline())["feeds"]
        workdir = Path(tempfile.mkdtemp(prefix="fundwatch-backlog-"))
        total = args.feeds * args.articles
        print(f"{total} new articles on one host, {args.per_host} in flight, {args.latency * 1000:.0f} ms each, "
              f"article budget {args.budget:g} s")
        print(f"{'cycle':>5} {'requests':>8} {'from page':>9} {'from feed':>9} {'pending':>7} {'seconds':>8}")
        db = open_db(workdir / "fundwatch.db")
        feed_store.sync_feeds(db, [SimpleNamespace(url=u, name=None, lang="en") for u in feeds])
        for number in range(1, 50):
            started = time.perf_counter()
            result = asyncio.run(cycle(db))
            seconds = time.perf_counter() - started
            pending = todo.count_pending(db)
            print(f"{number:>5} {result['requests']:>8} {result['page']:>9} {result['feed']:>9} {pending:>7} "
                  f"{seconds:>8.1f}", flush=True)
            if pending == 0:
                break
        stored = dict(db.execute("select source, count(*) from articles group by source").fetchall())
        print(f"stored: {stored} of {total}; expected per cycle ~ {args.budget * args.per_host / args.latency:.0f}"
              " pages")
    finally:
        farm.stdin.close()
        farm.wait(timeout=10)


if __name__ == "__main__":
    main()
