"""`fundwatch run` against a sequential poller, start-up included, and on a local Dask cluster.

    .venv/bin/python benchmarks/bench_run.py --sites 10 --feeds 5 --articles 10 --latency 0.1 --runs 3

The farm (benchmarks/farm.py, its own process) answers every page after
`latency`. Each run measures side by side, each command a fresh process on a
fresh database, wall time from launch to exit:

- run:        `fundwatch run` (Prefect: its temporary server, the flow and task runs);
- run-dask:   the same with `[scale] workers = 2` (a local Dask cluster of 2 worker
              processes reads the pages; the cycle's process writes);
- no-prefect: `fundwatch run --no-prefect`;
- sequential: the naive reference of bench_polling.py: one request at a time, the
              same feed parser and page reader, nothing stored (once: it is slow).

Prefect's state (PREFECT_HOME) is kept across runs, as a user's is; the first
run pays for creating Prefect's database, the median does not. The articles
stored must be the same for the three `run`s. Rounds are counted, not compared:
this farm's stories are near-identical ("CompanyAxBxC raised N million euros in
a Series A led by Example Ventures"), and which of them merge into one round
depends on the order they are stored in, so two default runs differ too (60 and
58 rounds from 100 articles); tests/test_scale_dask.py compares every round on a
farm of distinct stories.
Target (issue 14): `run` >= 8x faster than the sequential poller.

`--modes run,no-prefect` measures only those; `--compare DIR` runs each mode with the
code of another checkout too (`git worktree add --detach DIR <commit>`), interleaved run
by run, so a loaded machine weighs on both alike; `--sequential 59.7` takes the sequential
poller's time from an earlier run instead of running it again (a minute).
Measured (10x5x10, 100 ms, 2 cores shared, load average ~2-3): sequential 59.7 s; `run`
22.9 s, `run --no-prefect` 16.4 s (medians of 4, interleaved with the commit before them:
29.3 s and 20.7 s); 174-194 rounds from the 500 articles in these runs. With the store
step's replay reading ahead: `run` 18.0 s, `run --no-prefect` 12.2 s (medians of 3, back to back
with 20.8 s and 15.1 s for the code before). One fsync per store batch and the one-time
loading moved off the cycle (load average 3-6 from other jobs, `--compare` with the commit
before, medians of 3): `run --no-prefect` 41.8 -> 23.6 s (CPU 21.3 -> 20.3 s), `run`
52.7 -> 53.1 s (CPU 31.4 -> 29.7 s); at that load only the CPU figures are steady.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script or imported: the farm sits beside it
from farm import add_farm_arguments  # noqa: E402
MODES = {"run": ([], ""), "run-dask": ([], "[scale]\nworkers = 2\n"), "no-prefect": (["--no-prefect"], "")}


def _config(workdir: Path, feeds: list[str], extra: str) -> Path:
    lines = ['[storage]', 'db = "fundwatch.db"', '', '[http]', 'allow_private_networks = true', '']
    for url in feeds:
        lines += ['[[feeds]]', f'url = "{url}"', 'lang = "en"', '']
    path = workdir / "fundwatch.toml"
    path.write_text("\n".join(lines) + extra)
    return path


def stored_rows(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": sorted(conn.execute("select id, canonical_url, title, text, published, lang, source from articles")),
            "events": sorted(conn.execute("select company, amount, currency, round, status, lead_investors, main, "
                                          "evidence, source_count from events"), key=repr),
        }
    finally:
        conn.close()


def _children_cpu() -> float:
    # User + system CPU of finished children and their own children (Prefect's server,
    # Dask workers): on a shared machine a steadier figure than wall time.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_mode(mode: str, feeds: list[str], prefect_home: Path, code: str | None = None) -> tuple[dict, dict]:
    args, extra = MODES[mode]
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-run-{mode}-"))
    try:
        config = _config(workdir, feeds, extra)
        env = dict(os.environ, PREFECT_HOME=str(prefect_home))
        env.pop("PREFECT_API_URL", None)
        if code:  # another checkout's code, ahead of the installed one
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [code, env.get("PYTHONPATH")]))
        started, cpu_before = time.perf_counter(), _children_cpu()
        done = subprocess.run([sys.executable, "-m", "flows", "run", "--config", str(config), "--json", *args],
                              cwd=workdir, env=env, capture_output=True, text=True)
        wall, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
        if done.returncode != 0:
            raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
        report = json.loads(done.stdout)
        return ({"wall_s": wall, "cpu_s": cpu, "cycle_s": report["seconds"], "new_articles": report["new_articles"],
                 "from_feed_text": report["articles_from_feed_text"]}, stored_rows(workdir / "fundwatch.db"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def sequential(farm: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "bench_polling.py"), "--child", "sequential", "--farm-json",
                    json.dumps(farm)], check=True, capture_output=True, text=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_farm_arguments(parser)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--modes", default=",".join(MODES),
                        help=f"comma-separated, of: {', '.join(MODES)} (default: all)")
    parser.add_argument("--compare", metavar="DIR",
                        help="also run every mode with the code of another checkout (e.g. the commit before), "
                             "interleaved run by run; its medians are printed beside these")
    parser.add_argument("--sequential", type=float, metavar="SECONDS",
                        help="the sequential poller's time measured before on this farm: not run again")
    args = parser.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or set(modes) - set(MODES):
        parser.error(f"--modes: choose from {', '.join(MODES)}")

    if args.compare:
        # each run starts in a temporary directory: a relative path would find no code there and
        # quietly measure the installed code twice
        args.compare = str(Path(args.compare).resolve())
        if not (Path(args.compare) / "flows").is_dir():
            parser.error(f"--compare {args.compare}: no checkout of this project there")
    farm_proc = subprocess.Popen(
        [sys.executable, str(HERE / "farm.py"), "--sites", str(args.sites), "--feeds", str(args.feeds),
         "--articles", str(args.articles), "--latency", str(args.latency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    variants = [(mode, None) for mode in modes]
    if args.compare:
        variants = [(mode, code) for mode in modes for code in (args.compare, None)]
    homes = {v: Path(tempfile.mkdtemp(prefix=f"bench-run-prefect-{v[0]}-")) for v in variants}
    try:
        farm = json.loads(farm_proc.stdout.readline())
        print(f"{args.sites} sites x {args.feeds} feeds x {args.articles} articles, "
              f"{args.latency * 1000:.0f} ms per request; wall time from launch to exit", flush=True)
        def label(variant: tuple) -> str:
            mode, code = variant
            return f"{mode} ({Path(code).name})" if code else mode

        walls: dict[tuple, list[float]] = {v: [] for v in variants}
        cpus: dict[tuple, list[float]] = {v: [] for v in variants}
        seq = args.sequential or sequential(farm)
        print(f"  sequential poller: {seq:.1f} s{' (given, not run)' if args.sequential else ''}", flush=True)
        same_rows = True
        for run in range(args.runs):
            rows = {}
            line = []
            for variant in variants:
                figures, rows[variant] = run_mode(variant[0], farm["feeds"], homes[variant], variant[1])
                walls[variant].append(figures["wall_s"])
                cpus[variant].append(figures["cpu_s"])
                line.append(f"{label(variant)} {figures['wall_s']:.1f} s, CPU {figures['cpu_s']:.1f} s "
                            f"(cycle {figures['cycle_s']:.1f} s, {figures['new_articles']} articles, "
                            f"{figures['from_feed_text']} from feed text)")
            articles = [rows[v]["articles"] for v in variants]
            same = all(a == articles[0] for a in articles) and len(articles[0]) > 0
            same_rows &= same
            rounds = ", ".join(f"{label(v)} {len(rows[v]['events'])}" for v in variants)
            print(f"  run {run + 1}: " + "; ".join(line) + f"; same articles: {same}; rounds: {rounds}", flush=True)
        print(f"\nmedians of {args.runs} (sequential poller {seq:.1f} s, once):")
        for variant in variants:
            wall = statistics.median(walls[variant])
            print(f"  {label(variant):24} {wall:6.1f} s  -> {seq / wall:4.1f}x faster than sequential; "
                  f"CPU {statistics.median(cpus[variant]):.1f} s")
        print(f"  same articles in every run: {same_rows}")
        if ("run", None) in walls:
            ratio = seq / statistics.median(walls[("run", None)])
            print(f"  [{'ok' if ratio >= 8 else 'MISSED'}] run >= 8x faster than sequential")
    finally:
        farm_proc.stdin.close()
        farm_proc.wait(timeout=10)
        for home in homes.values():
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
