"""Storing new articles: does the cost follow the news or the size of the database?

    .venv/bin/python benchmarks/bench_storage.py                  # 500 new on 500, 5,000 stored articles and 100,000 generated mentions
    .venv/bin/python benchmarks/bench_storage.py --sizes 500,5000 --repeats 3

Each database is built once: the small ones by storing invented articles the way
a cycle does (flows.stages.store_articles), the largest by writing 100,000
mentions of invented rounds straight into `event_sources` and `events` (storing
them one by one would take most of an hour) and indexing their names. Then, for
each repeat and each database in turn (side by side, so the machine's load
touches all alike), a copy of the file takes the same 500 new articles through
store_articles. About a third of them report a round of a company already
stored (under its name, a typo of it, or a longer form), a tenth are syndicated
copies of another new article. Extraction is replaced by the articles' known
rounds: its cost per article does not depend on the database
(bench_extraction.py measures it) and would only dilute the ratios.

Prints the median seconds per size and the ratio to the smallest size.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ONSETS = "b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pl pr st tr sk sp".split()
VOWELS = "a e i o u ai ea io ou y".split()
CODAS = ["", "", "", "n", "r", "s", "x", "l", "m", "k", "t"]
SECOND_WORDS = "ai labs capital health mobility robotics energy bio pay cloud systems studio one go".split()
# Chinese names draw on thousands of characters; a small pool would chain every
# name to every other by containment ("一动" in "一动小"), which real names do not.
CJK_CHARS = "".join(chr(0x4E00 + (k * 37) % 20000) for k in range(1500))
ROUNDS = ["seed", "series_a", "series_b", "series_c", "unknown", "pre_seed", "growth"]
FILLER = (
    "the company said on tuesday that it will use the money to hire engineers expand into new markets "
    "across europe and asia and build out its platform for customers in logistics retail and finance "
    "investors in the round include several funds and angels the startup was founded by former engineers "
    "revenue grew sharply last year according to people familiar with the matter the valuation was not disclosed"
).split()


def word(rng: random.Random) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(rng.randint(2, 3)))


def company(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return "".join(rng.choice(CJK_CHARS) for _ in range(rng.randint(2, 4)))
    name = word(rng).capitalize()
    if rng.random() < 0.3:
        name += " " + rng.choice(SECOND_WORDS + [word(rng)]).capitalize()
    return name + rng.choice(["", "", "", " GmbH", " Inc"])


def variant(rng: random.Random, name: str) -> str:
    """How another outlet may write a stored company's name."""
    roll = rng.random()
    if roll < 0.2 and len(name) > 6 and " " not in name:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1 :]  # a typo
    if roll < 0.4:
        return name + " " + rng.choice(SECOND_WORDS).capitalize()
    return name


def day(rng: random.Random, month: int) -> str:
    return f"2026-{month:02d}-{rng.randint(1, 28):02d}"


def event(rng: random.Random, name: str, amount: int | None = None, round_: str | None = None) -> dict:
    amount = amount or rng.choice([1, 2, 3, 5, 8, 12, 20, 35, 50, 80, 120]) * 1_000_000
    return {
        "company": name, "amount": amount, "currency": rng.choice(["USD", "EUR", "USD"]),
        "round": round_ or rng.choice(ROUNDS), "extension": False, "status": "announced",
        "lead_investors": [word(rng).capitalize() + " Ventures"], "investors": [], "valuation": None,
        "main": True, "confidence": 0.95, "evidence": f"{name} raised money",
    }


def text(rng: random.Random, name: str) -> str:
    return f"{name} raised a new round. " + " ".join(rng.choice(FILLER) for _ in range(90))


def articles(rng: random.Random, n: int, prefix: str, month: int, known: list[dict]) -> list[tuple]:
    """(ArticleDoc, events) pairs; a third report rounds in `known`, a tenth copy another's text."""
    from scrapers.models import ArticleDoc

    out = []
    for i in range(n):
        published = day(rng, month)
        if out and rng.random() < 0.1:
            doc0, evs0 = rng.choice(out)
            body, evs = doc0.text, evs0
        elif known and rng.random() < 0.33:
            old = rng.choice(known)
            evs = [event(rng, variant(rng, old["company"]), old["amount"], old["round"])]
            body = text(rng, evs[0]["company"])
        else:
            evs = [event(rng, company(rng))]
            if rng.random() < 0.15:
                evs.append({**event(rng, company(rng)), "main": False})  # a past round in passing
            body = text(rng, evs[0]["company"])
        url = f"https://news{i % 7}.example.test/{prefix}/{i}"
        doc = ArticleDoc(id=f"{prefix}{i}", url=url, canonical_url=url, feed_id=None, title=f"headline {prefix}{i}",
                         text=body, published=published, lang="en", source="page", entry_key=url)
        out.append((doc, evs))
    return out


def store(path: Path, batch: list[tuple]) -> float:
    """Seconds for store_articles on `batch`, its extraction replaced by the known rounds."""
    from flows import stages

    known = {doc.text: evs for doc, evs in batch}
    original = stages.extract
    stages.extract = lambda doc: known[doc.text]
    try:
        started = time.perf_counter()
        stages.store_articles(path, [doc for doc, _ in batch])
        return time.perf_counter() - started
    finally:
        stages.extract = original


def build_recorded(path: Path, n: int, rng: random.Random) -> list[dict]:
    batch = articles(rng, n, f"s{n}-", 3, [])
    for i in range(0, n, 500):
        store(path, batch[i : i + 500])
    return [evs[0] for _, evs in batch]


def ident_key_names(name: str) -> tuple[str, list[str]]:
    from storage import identity as ident

    return ident.company_key(name), ident.name_keys(name)


def build_generated(path: Path, mentions: int, rng: random.Random) -> list[dict]:
    """`mentions` mentions of invented rounds, two articles per round on average, written directly."""
    from storage import open_db

    db = open_db(path)
    rounds, sources, known = [], [], []
    article = 0
    while len(sources) < mentions:
        name = company(rng)
        ev = event(rng, name)
        eid = len(rounds) + 1
        published = f"20{rng.randint(20, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        key, names = ident_key_names(name)
        rounds.append({"id": eid, "company": name, "company_key": key, "amount": ev["amount"], "currency": ev["currency"],
                       "round": ev["round"], "status": "announced", "first_seen": "2026-01-01T00:00:00+00:00",
                       "source_count": 0, "main": 1})
        for _ in range(rng.choice([1, 1, 2, 3])):
            article += 1
            written = variant(rng, name)
            wkey, wnames = ident_key_names(written)
            sources.append({"event_id": eid, "article_id": f"g{article}", "event_index": 0, "url": f"https://g.test/{article}",
                            "published": published, "lang": "en", "company": written, "company_key": wkey,
                            "name_keys": json.dumps(wnames, ensure_ascii=False), "amount": ev["amount"],
                            "currency": ev["currency"], "round": ev["round"], "extension": 0, "status": "announced",
                            "lead_investors": "[]", "investors": "[]", "main": 1, "confidence": 0.9})
            rounds[-1]["source_count"] += 1
        known.append(ev)
    with db.atomic():
        db["events"].insert_all(rounds, batch_size=1000)
        db["event_sources"].insert_all(sources, batch_size=1000)
    started = time.perf_counter()
    with db.atomic():
        from storage import events_names

        indexed = events_names.index_queued(db) if hasattr(events_names, "index_queued") else 0
    print(f"  generated {len(sources)} mentions of {len(rounds)} rounds; indexed {indexed} names in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    db.conn.close()
    return known


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500,5000,g100000",
                        help="stored articles; gN: N generated mentions")
    parser.add_argument("--new", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from storage import events_fingerprint
    from storage import identity as ident

    ident.converter(), events_fingerprint.signature(" ".join(FILLER))  # one-time loads, not timed
    work = Path(tempfile.mkdtemp(prefix="bench-storage-"))
    rng = random.Random(14)
    bases: dict[str, tuple[Path, list]] = {}
    for size in args.sizes.split(","):
        path = work / f"base-{size}.db"
        started = time.perf_counter()
        if size.startswith("g"):
            known = build_generated(path, int(size[1:]), rng)
        else:
            known = build_recorded(path, int(size), rng)
        print(f"built {size}: {time.perf_counter() - started:.1f} s", flush=True)
        bases[size] = (path, articles(random.Random(7), args.new, "new-", 4, known))

    times: dict[str, list[float]] = {size: [] for size in bases}
    for rep in range(args.repeats):
        for size, (base, batch) in bases.items():
            copy = work / f"run-{size}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(str(copy) + suffix).unlink(missing_ok=True)
            shutil.copy(base, copy)
            seconds = store(copy, batch)
            times[size].append(seconds)
            print(f"  repeat {rep + 1}: {args.new} new on {size}: {seconds:.2f} s", flush=True)
    first = statistics.median(times[next(iter(times))])
    print(f"\n{args.new} new articles stored (median of {args.repeats}):")
    for size, values in times.items():
        median = statistics.median(values)
        print(f"  on {size:>8}: {median:6.2f} s  ({median / args.new * 1000:.1f} ms per article)  {median / first:.2f}x")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
