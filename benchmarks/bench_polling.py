"""Polling benchmark: a cold and a warm cycle against a generated loopback farm.

    .venv/bin/python benchmarks/bench_polling.py --sites 10 --feeds 5 --articles 10 --latency 0.1 --runs 3

The farm (benchmarks/farm.py) runs in its own process: N sites, each on its own
127.0.0.x address, M feeds per site, K articles per feed, `latency` seconds per
request. Every measurement runs in a fresh child process, on a fresh database:

- cold: the first cycle (every feed new, every article fetched and extracted);
- warm: the next cycle (nothing new: conditional GETs only, no article fetched);
- start-up, reported on its own: imports, opening the database, syncing the
  feeds, creating the client. Both cycles pay it; "work" is the rest.
- references measured in the same run: the politeness bound
  (max requests per host x latency / per-host limit), a naive sequential
  fetcher (one request at a time, same parsing and extraction) and the
  extraction CPU (every page extracted once, in one thread).

Targets (10 x 5 x 10 at 100 ms): cold work <= 1.5 x bound + extraction CPU, and
>= 5x faster than sequential; warm: conditional requests only, no article
fetched, work < 3 s. The scrapers layer and storage are measured directly;
Prefect's own start-up is measured with the flow (see ../shared/PREFECT-NOTES.md).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script or imported: the farm sits beside it
from farm import add_farm_arguments  # noqa: E402
_T_PROCESS = time.perf_counter()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------ children


def child_cycle(farm: dict, db_path: str, offset_minutes: int) -> dict:
    import asyncio
    from datetime import datetime, timedelta, timezone
    from types import SimpleNamespace

    import storage.feeds as feed_store
    from scrapers.http import Fetcher, HttpSettings
    from scrapers.poll import fetch_articles, poll_feeds
    from storage import open_db

    now = datetime.now(timezone.utc) + timedelta(minutes=offset_minutes)
    feeds = [SimpleNamespace(url=url, name=None, lang="en") for url in farm["feeds"]]
    settings = HttpSettings(allow_private_networks=True)
    db = open_db(db_path)
    feed_store.sync_feeds(db, feeds, now)

    async def cycle() -> dict:
        async with Fetcher(settings) as fetcher:
            t_start = time.perf_counter()
            due = feed_store.due_feeds(db, now)
            polls = await poll_feeds(fetcher, due, now)
            new = [e for p in polls for e in feed_store.record_poll(db, p, now)]
            todo = feed_store.entries_to_fetch(db, new)
            docs = await fetch_articles(fetcher, todo)
            saved = sum(1 for _, is_new in feed_store.save_articles(db, docs, now) if is_new)
            t_end = time.perf_counter()
            stats = fetcher.stats
            return {
                "startup_s": t_start - _T_PROCESS,
                "work_s": t_end - t_start,
                "feeds_polled": len(polls),
                "poll_status": {s: sum(1 for p in polls if p.status == s) for s in {p.status for p in polls}},
                "new_entries": len(new),
                "articles_fetched": len(todo),
                "articles_from_page": sum(1 for d in docs if d.source == "page"),
                "articles_saved": saved,
                "requests": stats.requests,
                "conditional_requests": stats.conditional,
                "wire_bytes": stats.wire_bytes,
                "max_requests_per_host": max(stats.by_host.values()) if stats.by_host else 0,
                "per_host": settings.per_host,
            }

    result = asyncio.run(cycle())
    db.conn.close()
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def child_sequential(farm: dict) -> dict:
    """The naive reference: one request at a time, same parser and extractor, no storage."""
    import httpx

    from scrapers.articles import extract_article
    from scrapers.feeds import parse_feed

    t_start = time.perf_counter()
    requests = pages = 0
    with httpx.Client(timeout=30, trust_env=False) as client:
        for url in farm["feeds"]:
            response = client.get(url)
            requests += 1
            for entry in parse_feed(response.content, url, response.headers.get("content-type")).entries:
                page = client.get(entry.url)
                requests += 1
                extract_article(page.content, entry.url, page.headers.get("content-type"))
                pages += 1
    return {"work_s": time.perf_counter() - t_start, "requests": requests, "pages": pages,
            "peak_rss_mb": _peak_rss_mb()}


def child_extraction(sites: int, feeds: int, articles: int) -> dict:
    """Extraction CPU: every farm page extracted once, in one thread (imports included)."""
    sys.path.insert(0, str(HERE))
    import farm as farm_module

    pages = [(farm_module.article_html(s, f, a), f"http://127.0.0.{10 + s}/news/{f}/{a}.html")
             for s in range(sites) for f in range(feeds) for a in range(articles)]
    t_start = time.perf_counter()
    from scrapers.articles import extract_article

    for body, url in pages:
        extract_article(body, url, "text/html; charset=utf-8")
    return {"cpu_s": time.perf_counter() - t_start, "pages": len(pages)}


# ------------------------------------------------------------------ driver


def _run_child(*args: str) -> dict:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], check=True,
                         capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - started
    return result


def start_farm(args) -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "farm.py"), "--sites", str(args.sites), "--feeds", str(args.feeds),
         "--articles", str(args.articles), "--latency", str(args.latency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    return proc, json.loads(proc.stdout.readline())


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_farm_arguments(parser)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sequential-runs", type=int, default=1, help="the naive reference is slow; 1 is enough")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--child", choices=["cycle", "sequential", "extraction"], help=argparse.SUPPRESS)
    parser.add_argument("--farm-json", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--offset-minutes", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "cycle":
        print(json.dumps(child_cycle(json.loads(args.farm_json), args.db, args.offset_minutes)))
        return
    if args.child == "sequential":
        print(json.dumps(child_sequential(json.loads(args.farm_json))))
        return
    if args.child == "extraction":
        print(json.dumps(child_extraction(args.sites, args.feeds, args.articles)))
        return

    proc, farm = start_farm(args)
    farm_arg = json.dumps(farm)
    colds, warms, seqs, extractions = [], [], [], []
    try:
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                db = str(Path(tmp) / "bench.db")
                colds.append(_run_child("--child", "cycle", "--farm-json", farm_arg, "--db", db))
                warms.append(_run_child("--child", "cycle", "--farm-json", farm_arg, "--db", db, "--offset-minutes", "16"))
            extractions.append(_run_child("--child", "extraction", "--sites", str(args.sites), "--feeds",
                                          str(args.feeds), "--articles", str(args.articles)))
            if run < args.sequential_runs:
                seqs.append(_run_child("--child", "sequential", "--farm-json", farm_arg))
            print(f"run {run + 1}: cold work {colds[-1]['work_s']:.2f} s, warm work {warms[-1]['work_s']:.2f} s, "
                  f"start-up {warms[-1]['startup_s']:.2f} s", file=sys.stderr)
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)

    bound = median(colds, "max_requests_per_host") * args.latency / colds[0]["per_host"]
    extraction_cpu = median(extractions, "cpu_s")
    cold_work, warm_work, seq_work = median(colds, "work_s"), median(warms, "work_s"), median(seqs, "work_s")
    report = {
        "farm": {"sites": args.sites, "feeds_per_site": args.feeds, "articles_per_feed": args.articles,
                 "latency_s": args.latency, "runs": args.runs, "sequential_runs": len(seqs)},
        "startup_s": median(colds + warms, "startup_s"),
        "process_overhead_s": statistics.median(r["process_s"] - r["startup_s"] - r["work_s"] for r in colds + warms),
        "cold": {k: median(colds, k) for k in ("work_s", "requests", "wire_bytes", "peak_rss_mb", "articles_fetched",
                                               "articles_from_page", "articles_saved", "new_entries")},
        "warm": {k: median(warms, k) for k in ("work_s", "requests", "conditional_requests", "wire_bytes",
                                               "peak_rss_mb", "articles_fetched", "new_entries")},
        "politeness_bound_s": bound,
        "extraction_cpu_s": extraction_cpu,
        "sequential_work_s": seq_work,
        "sequential_requests": seqs[0]["requests"],
    }
    target_cold = 1.5 * bound + extraction_cpu
    report["checks"] = {
        "cold_within_1.5x_bound_plus_cpu": cold_work <= target_cold,
        "cold_at_least_5x_faster_than_sequential": seq_work / cold_work >= 5,
        "warm_only_conditional": all(w["requests"] == w["conditional_requests"] for w in warms),
        "warm_fetches_no_article": all(w["articles_fetched"] == 0 for w in warms),
        "warm_under_3s": warm_work < 3,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    c, w = report["cold"], report["warm"]
    print(f"farm: {args.sites} sites x {args.feeds} feeds x {args.articles} articles, {args.latency * 1000:.0f} ms "
          f"per request; medians of {args.runs} runs (sequential: {len(seqs)})")
    print(f"start-up (imports, open db, sync feeds, client): {report['startup_s']:.2f} s "
          f"(+ {report['process_overhead_s']:.2f} s interpreter launch and exit)")
    print(f"cold: work {cold_work:.2f} s, {c['requests']:.0f} requests, {c['wire_bytes'] / 1e6:.1f} MB, "
          f"peak RSS {c['peak_rss_mb']:.0f} MB, {c['articles_from_page']:.0f}/{c['articles_fetched']:.0f} pages extracted")
    print(f"      politeness bound {bound:.2f} s, extraction CPU {extraction_cpu:.2f} s -> target <= {target_cold:.2f} s "
          f"(ratio to bound+cpu: {cold_work / (bound + extraction_cpu):.2f})")
    print(f"      sequential fetcher {seq_work:.2f} s -> {seq_work / cold_work:.1f}x faster")
    print(f"warm: work {warm_work:.2f} s, {w['requests']:.0f} requests ({w['conditional_requests']:.0f} conditional), "
          f"{w['wire_bytes'] / 1e3:.1f} kB, {w['articles_fetched']:.0f} articles fetched, peak RSS {w['peak_rss_mb']:.0f} MB")
    for name, ok in report["checks"].items():
        print(f"  [{'ok' if ok else 'MISSED'}] {name}")


if __name__ == "__main__":
    main()
