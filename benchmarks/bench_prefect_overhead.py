"""What Prefect costs fundwatch per cycle: start-up and per-task overhead.

Measures, in fresh processes (so start-up is real), medians of --repeat runs:
  import     `import prefect`
  startup    a flow with no tasks: ephemeral server start + one flow run
  tasks-N    the same flow running N trivial sync tasks, and N async tasks gathered
Per-task overhead = (tasks-N - startup) / N. Baseline measured in the same run: the
same N calls as plain functions (no Prefect), which is what the stages cost alone.

Usage: python benchmarks/bench_prefect_overhead.py [--repeat 3] [--tasks 40]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap

CHILD = textwrap.dedent(
    """
    import asyncio, json, sys, time
    t0 = time.perf_counter()
    mode, n = sys.argv[1], int(sys.argv[2])
    if mode == "plain":
        def work(i): return i * 2
        out = [work(i) for i in range(n)]
        print(json.dumps({"total": time.perf_counter() - t0}))
        raise SystemExit
    import prefect
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    t_import = time.perf_counter() - t0

    @task(cache_policy=NO_CACHE)
    def work(i): return i * 2

    @task(cache_policy=NO_CACHE)
    async def awork(i): return i * 2

    @flow
    async def cycle(n: int, kind: str):
        if kind == "sync":
            return [work(i) for i in range(n)]
        return await asyncio.gather(*(awork(i) for i in range(n)))

    t1 = time.perf_counter()
    asyncio.run(cycle(n, mode))
    print(json.dumps({"import": t_import, "flow": time.perf_counter() - t1, "total": time.perf_counter() - t0}))
    """
)


def run(mode: str, n: int, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(n)], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=40)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="fundwatch-bench-prefect-")
    env = dict(os.environ, PREFECT_HOME=home, DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_LOGGING_LEVEL="WARNING")
    env.pop("PREFECT_API_URL", None)
    run("sync", 0, env)  # the first start creates Prefect's database; users pay it once
    results: dict[str, list[dict]] = {k: [] for k in ("plain", "empty", "sync", "async")}
    for _ in range(args.repeat):
        results["plain"].append(run("plain", args.tasks, env))
        results["empty"].append(run("sync", 0, env))
        results["sync"].append(run("sync", args.tasks, env))
        results["async"].append(run("async", args.tasks, env))

    def med(kind, key):
        return statistics.median(r[key] for r in results[kind])

    startup = med("empty", "flow")
    print(f"repeats={args.repeat} tasks={args.tasks} (medians, seconds)")
    print(f"  import prefect                      {med('empty', 'import'):.2f}")
    print(f"  empty flow run (ephemeral start-up) {startup:.2f}   whole process {med('empty', 'total'):.2f}")
    print(f"  plain functions, no Prefect (base)  {med('plain', 'total'):.3f}")
    for kind in ("sync", "async"):
        flow = med(kind, "flow")
        per_task = (flow - startup) / args.tasks * 1000
        print(f"  {args.tasks} {kind:5} tasks                      {flow:.2f}   -> {per_task:.1f} ms per task beyond start-up")


if __name__ == "__main__":
    main()
