"""Does a cold cycle's cost follow the number of articles?  CPU and peak memory per cycle size.

    .venv/bin/python benchmarks/bench_scale.py                          # 2,500 and 5,000 articles, 1 run, 3 cycles in one process
    .venv/bin/python benchmarks/bench_scale.py --sizes 500,2500,5000,10000 --runs 3 --cycles 3   # the full version (~1 h on 2 cores)
    .venv/bin/python benchmarks/bench_scale.py --prefect --runs 3      # the same cycles as Prefect flow runs

Profile the largest size with py-spy (`pip install py-spy`):

    py-spy record --subprocesses --format raw -o cycle.txt -- .venv/bin/python benchmarks/bench_scale.py --sizes 5000 --cycles 1

For each size, a loopback farm (benchmarks/farm.py, its own process: sites of
`--feeds` feeds of `--articles` articles each, `--latency` per request) answers
every page; its companies have invented names, as distinct as real ones
(`--names numbered` gives the farm's old Company<i>x<j>x<k>, all within a typo
of each other: one component of names that deduplication must weigh whole). Each run starts one child process per size, the sizes side by side
(so the machine's load touches all alike), and the child runs `--cycles` cold
cycles in a row (what `fundwatch run --no-prefect` runs), each on a fresh
database; with `--prefect`, one cycle as `fundwatch run` runs it, a Prefect flow. Per cycle it reports:

- CPU seconds (user + system, every thread of the process) and wall seconds;
- peak RSS of the process during that cycle (VmHWM, reset before each cycle
  through /proc/self/clear_refs), and RSS once the cycle is over;
- new articles, and how many of them were read from feed text (the farm answers
  every page, so anything but 0 means pages timed out or were never sent).

The first cycle of each child is the cold cycle of a fresh process (imports and
model loads included in its peak, not in its CPU: they happen before it). The
later cycles show whether memory stays flat across cycles in one process, as it
must under `serve` or a long-lived worker. Printed at the end: medians per size,
the CPU ratio of each size to the first, and the largest RSS growth from a
child's first cycle to its last.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to the current RSS (Linux >= 4.0)
    except OSError:
        pass  # then each cycle's peak is the process's peak so far


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _config(workdir: Path, feeds: list[str]) -> Path:
    path = workdir / "fundwatch.toml"
    lines = ["[storage]", 'db = "fundwatch.db"', "", "[http]", "allow_private_networks = true", ""]
    for url in feeds:
        lines += ["[[feeds]]", f'url = "{url}"', 'lang = "en"', ""]
    path.write_text("\n".join(lines))
    return path


def child(feeds_file: str, cycles: int, prefect: bool) -> list[dict]:
    sys.path.insert(0, str(HERE.parent))
    from flows.cli_run import run_cycle_command
    from flows.settings import load_config

    feeds = json.loads(Path(feeds_file).read_text())
    out = []
    for number in range(cycles):
        workdir = Path(tempfile.mkdtemp(prefix="bench-scale-"))
        try:
            path = str(_config(workdir, feeds))
            config = load_config(path)
            _reset_peak()
            cpu, wall = _cpu_seconds(), time.perf_counter()
            # What `fundwatch run` does (with --no-prefect unless --prefect): the cycle, then the market page.
            report = run_cycle_command(path, config, use_prefect=prefect)
            out.append({
                "cpu_s": _cpu_seconds() - cpu, "wall_s": time.perf_counter() - wall,
                "peak_mb": _status_mb("VmHWM"), "rss_after_mb": _status_mb("VmRSS"),
                "new_articles": report.new_articles, "from_feed_text": report.articles_from_feed_text,
                "deferred": report.articles_deferred,
            })
            print(json.dumps(out[-1]), file=sys.stderr, flush=True)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    return out


class Farm:
    def __init__(self, sites: int, feeds: int, articles: int, latency: float, names: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "farm.py"), "--sites", str(sites), "--feeds", str(feeds),
             "--articles", str(articles), "--latency", str(latency), "--names", names],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        self.feeds = json.loads(self.process.stdout.readline())["feeds"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def run_child(feeds_file: Path, cycles: int, prefect: bool) -> list[dict]:
    command = [sys.executable, __file__, "--child", str(feeds_file), "--cycles", str(cycles)]
    if prefect:
        command.append("--prefect")
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"child failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2500,5000", help="articles per cold cycle")
    parser.add_argument("--feeds", type=int, default=5, help="feeds per site")
    parser.add_argument("--articles", type=int, default=20, help="articles per feed")
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--names", default="invented", choices=("invented", "numbered"),
                        help="farm company names (farm.py): numbered ones all match each other")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cycles", type=int, default=3, help="cold cycles in a row in one process")
    parser.add_argument("--prefect", action="store_true",
                        help="cycles as Prefect flow runs (`fundwatch run`; its temporary server, another "
                             "process, is not counted); one cycle per child")
    parser.add_argument("--child", metavar="FEEDS_JSON")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.cycles, args.prefect)))
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    if args.prefect:
        args.cycles = 1  # each `fundwatch run` starts its own server; `serve` runs each cycle in a new process
    per_site = args.feeds * args.articles
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    farms: dict[int, Farm] = {}
    try:
        for size in sizes:
            sites = max(1, round(size / per_site))
            farms[size] = Farm(sites, args.feeds, args.articles, args.latency, args.names)
            (work / f"feeds-{size}.json").write_text(json.dumps(farms[size].feeds))
        print(f"sites of {args.feeds} feeds x {args.articles} articles, {args.latency * 1000:.0f} ms per request; "
              f"{args.runs} run(s) of {args.cycles} cycle(s) per size", flush=True)
        results: dict[int, list[list[dict]]] = {size: [] for size in sizes}
        for run in range(args.runs):
            for size in sizes:
                cycles = run_child(work / f"feeds-{size}.json", args.cycles, args.prefect)
                results[size].append(cycles)
                for number, c in enumerate(cycles, 1):
                    print(f"  run {run + 1}, {size} articles, cycle {number}: CPU {c['cpu_s']:.1f} s, wall "
                          f"{c['wall_s']:.1f} s, peak RSS {c['peak_mb']:.0f} MB, after {c['rss_after_mb']:.0f} MB; "
                          f"{c['new_articles']} new, {c['from_feed_text']} from feed text, {c['deferred']} deferred",
                          flush=True)
        print(f"\nfirst (cold) cycle of each child, medians of {args.runs}:")
        base_cpu = None
        for size in sizes:
            firsts = [cycles[0] for cycles in results[size]]
            cpu = statistics.median(c["cpu_s"] for c in firsts)
            base_cpu = base_cpu or cpu
            print(f"  {size:>6} articles: CPU {cpu:6.1f} s ({cpu / base_cpu:.2f}x the {sizes[0]:,}), wall "
                  f"{statistics.median(c['wall_s'] for c in firsts):6.1f} s, peak RSS "
                  f"{statistics.median(c['peak_mb'] for c in firsts):4.0f} MB, from feed text "
                  f"{[c['from_feed_text'] for c in firsts]}")
        if args.cycles > 1:
            print(f"\nacross {args.cycles} cycles in one process (peak RSS per cycle; RSS after each):")
            for size in sizes:
                for cycles in results[size]:
                    print(f"  {size:>6}: peaks {[round(c['peak_mb']) for c in cycles]} MB, after "
                          f"{[round(c['rss_after_mb']) for c in cycles]} MB, CPU {[round(c['cpu_s'], 1) for c in cycles]} s")
    finally:
        for farm in farms.values():
            farm.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
