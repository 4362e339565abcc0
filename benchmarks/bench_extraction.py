"""Extraction throughput: documents per second on one core, median of several runs.

Runs `extract_events` over the texts of ../shared/corpus/dev.jsonl (language left to
detection, as for feed items without a language), or over the test fixtures when the
shared corpus is absent. Rates use the process's CPU time (one core; other load on a
shared machine does not count). Target: >= 200 documents/s.

Example: python benchmarks/bench_extraction.py --runs 7
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from extraction import extract_events

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
FIXTURES = ROOT / "tests" / "fixtures" / "extraction"
TARGET = 200.0


def load_documents() -> tuple[str, list[dict]]:
    if DEV.exists():
        docs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        return str(DEV), docs
    print(f"{DEV} not found; falling back to the extraction fixtures", file=sys.stderr)
    return str(FIXTURES), [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]


def run_once(docs: list[dict], with_lang: bool) -> float:
    # CPU time of this process: on a shared machine wall time measures the neighbours too
    start = time.process_time()
    for doc in docs:
        extract_events(doc.get("text") or "", title=doc.get("title"), lang=doc.get("lang") if with_lang else None)
    return len(docs) / max(time.process_time() - start, 1e-9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (after one warm-up)")
    parser.add_argument("--with-lang", action="store_true", help="pass the known language instead of detecting it")
    args = parser.parse_args(argv)
    source, docs = load_documents()
    run_once(docs, args.with_lang)  # warm-up: imports, compiled patterns, language model
    rates = [run_once(docs, args.with_lang) for _ in range(max(1, args.runs))]
    median = statistics.median(rates)
    print(f"{len(docs)} documents from {source}")
    print(f"runs: {', '.join(f'{r:.0f}' for r in rates)} docs/s")
    print(f"median: {median:.0f} docs/s (target >= {TARGET:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
