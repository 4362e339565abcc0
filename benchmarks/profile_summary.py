"""Where a cycle's CPU goes, from a py-spy raw profile: shares by stage and the busiest functions.

    pip install py-spy
    py-spy record --subprocesses --format raw -r 20 -o cycle.txt -- \\
        .venv/bin/python benchmarks/bench_scale.py --sizes 5000 --cycles 1
    .venv/bin/python benchmarks/profile_summary.py cycle.txt --process "--child"

Each sample is counted once, under the first stage (in the order of STAGES) that
one of its frames belongs to, so the shares add up to 100 %. Samples of threads
that only wait (a worker thread waiting for work, the event loop in select) are
counted apart: py-spy sees a thread blocked in C as busy.
"""

from __future__ import annotations

import argparse
import collections

# Leaf frames of threads that only wait (py-spy counts a thread blocked in C as busy)
IDLE = ("_worker (concurrent/futures/thread.py:81)", "select (selectors.py", "wait (threading.py")
# (stage, what a frame's text contains); the first that matches a sample wins
STAGES = [
    ("HTML to text (trafilatura, lxml)", ("trafilatura/", "lxml/", "scrapers/articles.py")),
    ("extraction", ("extraction/",)),
    ("name lookup and regrouping", ("storage/events_names.py", "storage/name_blocks.py", "storage/events_cluster.py")),
    ("near-copies (MinHash)", ("storage/events_fingerprint.py", "datasketch/")),
    ("storing (SQLite, rows)", ("storage/", "sqlite_utils/", "flows/stages.py")),
    ("feeds (feedparser)", ("feedparser/", "scrapers/feeds.py")),
    ("HTTP", ("httpx/", "httpcore/", "scrapers/http.py", "h11/", "anyio/")),
    ("Prefect", ("prefect/",)),
    ("event loop, threads", ("asyncio/", "threading.py", "concurrent/")),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile", help="py-spy --format raw output")
    parser.add_argument("--process", default="", help="only samples of processes whose command line holds this")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()

    stages: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    total = 0
    with open(args.profile) as lines:
        for line in lines:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            frames = stack.split(";")
            if args.process and not any(f.startswith("process ") and args.process in f for f in frames[:2]):
                continue
            frames = [f for f in frames if not f.startswith("process ")]
            n = int(count)
            total += n
            if frames and any(mark in frames[-1] for mark in IDLE):
                stage = "waiting (idle threads, event loop's select)"
            else:
                stage = next((name for name, marks in STAGES if any(m in f for f in frames for m in marks)), "other")
            stages[stage] += n
            if frames:
                own[frames[-1]] += n
    if not total:
        raise SystemExit("no samples matched")
    print(f"{total} samples")
    for stage, n in stages.most_common():
        print(f"  {100 * n / total:5.1f} %  {stage}")
    print("busiest functions (own time):")
    for frame, n in own.most_common(args.top):
        print(f"  {100 * n / total:5.1f} %  {frame}")


if __name__ == "__main__":
    main()
