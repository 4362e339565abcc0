"""Does a cycle's fetching wait for its storing?  A whole cycle on a loopback farm.

    .venv/bin/python benchmarks/bench_cycle.py --sites 10 --feeds 5 --articles 10 --latency 0.1 --runs 3

The farm (benchmarks/farm.py, its own process) answers every page. Each run,
in fresh child processes on fresh databases, measures side by side:

- cycle: `flows.cycle.run_plain`, the whole cycle (`fundwatch run --no-prefect`):
  poll, fetch, extract and store, deliver;
- fetch: the same cycle with the store step left out (pages fetched and read,
  nothing extracted or stored);
- store: the store step alone (extraction and rounds, flows.stages.store_articles)
  on the documents the fetch-only cycle read, with no network.

If fetching waited for storing, cycle = fetch + store; when they overlap, the
cycle takes about the longer of the two. Also printed: articles the cycle read
from feed text (the farm answers every page, so 0 is right).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script or imported: the farm sits beside it
from farm import add_farm_arguments  # noqa: E402


def _config(workdir: Path, feeds: list[str]) -> Path:
    path = workdir / "fundwatch.toml"
    lines = ['[storage]', 'db = "fundwatch.db"', '', '[http]', 'allow_private_networks = true', '']
    for url in feeds:
        lines += ['[[feeds]]', f'url = "{url}"', 'lang = "en"', '']
    path.write_text("\n".join(lines))
    return path


def child(mode: str, config_path: str) -> dict:
    sys.path.insert(0, str(HERE.parent))
    from flows import cycle, stages
    from flows.settings import load_config

    config = load_config(config_path)
    if mode == "cycle":
        report = cycle.run_plain(config)
        return {"cycle_s": report.seconds, "new_articles": report.new_articles,
                "from_feed_text": report.articles_from_feed_text, "deferred": report.articles_deferred}
    read: list = []

    def keep(db_path, docs):
        read.extend(docs)
        return stages.StoreOutcome()

    steps = cycle.Steps(poll=cycle.PLAIN_STEPS.poll, record=cycle.PLAIN_STEPS.record, scrape=cycle.PLAIN_STEPS.scrape,
                        store=keep, deliver=cycle.PLAIN_STEPS.deliver)
    import asyncio
    import logging

    report = asyncio.run(cycle.run_cycle(config, steps, logging.getLogger("bench")))
    started = time.perf_counter()
    stored = stages.store_articles(Path(config_path).parent / "store-only.db", read)
    return {"fetch_s": report.seconds, "store_s": time.perf_counter() - started,
            "docs": len(read), "stored": stored.new_articles}


def run_child(mode: str, feeds: list[str]) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-cycle-{mode}-"))
    config = _config(workdir, feeds)
    try:
        out = subprocess.run([sys.executable, __file__, "--child", mode, str(config)], capture_output=True,
                             text=True, check=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    add_farm_arguments(parser)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "CONFIG"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return

    farm = subprocess.Popen(
        [sys.executable, str(HERE / "farm.py"), "--sites", str(args.sites), "--feeds", str(args.feeds),
         "--articles", str(args.articles), "--latency", str(args.latency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        feeds = json.loads(farm.stdout.readline())["feeds"]
        print(f"{args.sites} sites x {args.feeds} feeds x {args.articles} articles, {args.latency * 1000:.0f} ms per request")
        results: dict[str, list[float]] = {"cycle_s": [], "fetch_s": [], "store_s": []}
        feed_text = []
        for run in range(args.runs):
            whole = run_child("cycle", feeds)
            parts = run_child("fetch", feeds)
            for key in results:
                results[key].append(whole.get(key, parts.get(key)))
            feed_text.append(whole["from_feed_text"])
            print(f"  run {run + 1}: cycle {whole['cycle_s']:.1f} s ({whole['new_articles']} new articles, "
                  f"{whole['from_feed_text']} from feed text, {whole['deferred']} deferred); "
                  f"fetch only {parts['fetch_s']:.1f} s, store only {parts['store_s']:.1f} s "
                  f"({parts['docs']} documents)", flush=True)
        cycle_s, fetch_s, store_s = (statistics.median(results[k]) for k in ("cycle_s", "fetch_s", "store_s"))
        print(f"\nmedians of {args.runs}: cycle {cycle_s:.1f} s; fetch only {fetch_s:.1f} s + store only "
              f"{store_s:.1f} s = {fetch_s + store_s:.1f} s; the longer of the two {max(fetch_s, store_s):.1f} s")
        print(f"cycle / (fetch + store) = {cycle_s / (fetch_s + store_s):.2f}; articles from feed text: {feed_text}")
    finally:
        farm.stdin.close()
        farm.wait(timeout=10)


if __name__ == "__main__":
    main()
