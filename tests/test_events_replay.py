"""End to end: labelled cases replayed as several outlets' feeds on 127.0.0.1.

The cases that share a labelled round are spread over three invented outlets
(RSS feeds and article pages built at test time from ../shared, nothing copied
into the project), one of them also republished word for word under a fourth
outlet's URL. The real poller, article extraction, event extraction and storage
run without Prefect; afterwards every labelled round the extractor found must be
one row, and the republished copy must not count as a source (it is listed as a
copy of the original instead).
"""

from __future__ import annotations

import asyncio
import html
import json
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from storage.dedup_eval import match_events

OUTLETS = ("wire", "daily", "zeitung")


def _date(published: str) -> datetime:
    parts = [int(p) for p in published[:10].split("-")] + [15]
    return datetime(parts[0], parts[1], parts[2] if len(parts) > 3 else 15, 9, tzinfo=timezone.utc)


def _page(case: dict) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in case["text"].split("\n") if p.strip())
    title = html.escape(case.get("title") or case["text"][:80])
    return (
        f"<!doctype html><html lang=\"{case['lang']}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def _feed(outlet: str, items: list[tuple[str, dict]]) -> str:
    entries = "".join(
        f"<item><title>{html.escape(c.get('title') or c['text'][:80])}</title>"
        f"<link>{{{{BASE}}}}/{outlet}/{slug}.html</link><guid>{outlet}-{slug}</guid>"
        + (f"<pubDate>{format_datetime(_date(c['published']))}</pubDate>" if c.get("published") else "")
        + f"<description>{html.escape(c['text'][:200])}</description></item>"
        for slug, c in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{outlet}</title><link>{{{{BASE}}}}/{outlet}/</link><description>news</description>"
        f"{entries}</channel></rss>"
    )


@pytest.fixture
def replay(shared_dir, tmp_path):
    pytest.importorskip("extraction")
    from flows import stages
    from flows.demo_server import DemoSite
    from flows.settings import load_config
    from scrapers.http import Fetcher
    from scrapers.poll import fetch_articles, poll_feeds

    lines = (shared_dir / "corpus" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    cases = [json.loads(x) for x in lines if x.strip()]
    grouped = [c for c in cases if any(e.get("group") for e in c["events"])]
    # Outlets report a round within days. Some labelled excerpts lost their date, and
    # the pipeline would date them by the fetch (today): date them a day after the
    # round's earliest dated report instead.
    dated: dict[str, datetime] = {}
    for c in grouped:
        for e in c["events"]:
            if e.get("group") and c.get("published"):
                day = _date(c["published"])
                dated[e["group"]] = min(day, dated.get(e["group"], day))
    for c in grouped:
        if not c.get("published"):
            days = [dated[e["group"]] for e in c["events"] if e.get("group") in dated]
            if days:
                c["published"] = (min(days) + timedelta(days=1)).date().isoformat()
    site = tmp_path / "site"
    items: dict[str, list] = defaultdict(list)
    for i, case in enumerate(grouped):
        items[OUTLETS[i % len(OUTLETS)]].append((case["id"], case))
    # reprint a case the extractor finds something in, so the copy has a round to join
    from extraction import extract_events

    reprinted = next(
        (c for c in grouped if extract_events(c["text"], title=c.get("title"), lang=c["lang"])), grouped[0]
    )
    items["reprint"].append((f"copy-{reprinted['id']}", reprinted))
    for outlet, entries in items.items():
        (site / outlet).mkdir(parents=True)
        (site / outlet / "feed.xml").write_text(_feed(outlet, entries), encoding="utf-8")
        for slug, case in entries:
            (site / outlet / f"{slug}.html").write_text(_page(case), encoding="utf-8")
    with DemoSite(root=site) as server:
        config_path = tmp_path / "fundwatch.toml"
        feeds = "".join(f'[[feeds]]\nurl = "{server.url}/{o}/feed.xml"\n' for o in items)
        config_path.write_text(
            f'[storage]\ndb = "rounds.db"\n[http]\nallow_private_networks = true\n{feeds}', encoding="utf-8"
        )
        config = load_config(str(config_path))

        async def cycle():
            now = stages.utcnow()
            due = stages.due_feeds(config.db_path, config.feeds, now)
            async with Fetcher(config.http) as fetcher:
                polls = await poll_feeds(fetcher, due, now)
                outcome = stages.record_polls(config.db_path, polls, now)
                docs = await fetch_articles(fetcher, outcome.to_fetch)
            return stages.store_articles(config.db_path, docs)

        stored = asyncio.run(cycle())
    return {"cases": {c["id"]: c for c in grouped}, "stored": stored, "db_path": config.db_path}


def test_one_row_per_labelled_round(replay):
    from storage import open_db
    from storage.events import get_event, list_events

    db = open_db(replay["db_path"])
    try:
        rows_of_group: dict[str, set[int]] = defaultdict(set)
        copies: set[str] = set()
        for row in list_events(db, limit=None):
            event = get_event(db, row["id"])
            for source in event["sources"]:
                copies |= {c["article_id"] for c in source["copies"]}
                slug = source["url"].rsplit("/", 1)[-1].removesuffix(".html")
                case = replay["cases"].get(slug.removeprefix("copy-"))
                if case is None:
                    continue
                pred = {"company": source["company"], "amount": source["amount"], "currency": source["currency"]}
                for _, j in match_events([pred], case["events"]):
                    group = case["events"][j].get("group")
                    if group:
                        rows_of_group[group].add(event["id"])
    finally:
        db.conn.close()
    # which of the two is the source depends on the article ids (same date), not on arrival
    assert len(copies) == 1
    assert rows_of_group, "the extractor found none of the labelled rounds"
    split = {g: ids for g, ids in rows_of_group.items() if len(ids) > 1}
    # A ceiling set on the 274-case dev set; it only moves down. The splits are rounds told with
    # figures too far apart to merge, and rounds whose undated articles are dated when first seen,
    # years after the dated reports of the same round (the 45-day window then keeps them apart).
    assert len(rows_of_group) >= 25 and len(split) <= 0.3 * len(rows_of_group), (len(rows_of_group), split)


