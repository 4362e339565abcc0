"""A cycle holds a few scraped batches at a time, not every page it read: when storing is
slower than fetching, fetching waits for the writer (flows.cycle.StoreWriter), and a
writer that fails while fetching waits stops the cycle instead of hanging it."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time

import pytest
from support_farm import NewsFarm, farm_config

from flows import cycle, stages
from flows.settings import load_config
from storage import open_db

BATCH = 2
CONCURRENCY = 4  # a window of ceil(4 / 2) + 1 = 3 batches scraped at a time


def _farm_config(tmp_path, farm, read_processes: int | None = None):
    path = tmp_path / "fundwatch.toml"
    farm_config(path, tmp_path / "fundwatch.db", farm.feed_urls, http=f"concurrency = {CONCURRENCY}")
    if read_processes is not None:
        path.write_text(path.read_text(encoding="utf-8") + f"[scale]\nread_processes = {read_processes}\n",
                        encoding="utf-8")
    return load_config(path)


def _run(config, store):
    steps = cycle.Steps(poll=cycle.PLAIN_STEPS.poll, record=cycle.PLAIN_STEPS.record,
                        scrape=counting_scrape, store=store, deliver=cycle.PLAIN_STEPS.deliver)
    return asyncio.run(asyncio.wait_for(cycle.run_cycle(config, steps, logging.getLogger("test")), timeout=120))


scraped = {"batches": 0}


async def counting_scrape(fetcher, entries, not_after, **kwargs):
    docs = await cycle.PLAIN_STEPS.scrape(fetcher, entries, not_after, **kwargs)
    scraped["batches"] += 1
    return docs


# Pages read in the cycle's process (threads), and in a reading process beside it
# (flows/process_reading.py: the default on 2+ cores): the same bound either way.
@pytest.mark.parametrize("read_processes", [0, 1])
def test_fetching_waits_for_a_slow_writer_instead_of_holding_every_page(tmp_path, monkeypatch, read_processes):
    monkeypatch.setattr(cycle, "ARTICLES_PER_TASK", BATCH)
    scraped["batches"] = 0
    stored, held = [], []
    lock = threading.Lock()

    def slow_store(db_path, docs):
        with lock:
            # batches read from the network and not stored yet, this one included
            # (the writer stores batches that queued meanwhile together: count batches by articles)
            held.append(scraped["batches"] - sum(stored) // BATCH)
        time.sleep(0.15)  # a writer far slower than a loopback farm
        out = stages.store_articles(db_path, docs)
        stored.append(len(docs))
        return out

    with NewsFarm(sites=3, feeds=2) as farm:
        farm.publish(8)  # 48 stories: 24 batches of 2
        config = _farm_config(tmp_path, farm, read_processes)
        report = _run(config, slow_store)

    assert report.new_articles == 48 and report.articles_from_feed_text == 0
    window = -(-CONCURRENCY // BATCH) + 1
    # queued + the one being stored + finished scrapes waiting for room
    assert max(held) <= cycle.WRITER_BACKLOG + 1 + window, held
    assert max(held) < 24 / 2, "nearly every batch was held at once"
    db = open_db(config.db_path)
    assert db.execute("select count(*) from entries where state = 'pending'").fetchone()[0] == 0
    db.conn.close()


def test_a_writer_that_fails_while_fetching_waits_stops_the_cycle(tmp_path, monkeypatch):
    monkeypatch.setattr(cycle, "ARTICLES_PER_TASK", BATCH)
    calls = []

    def failing_store(db_path, docs):
        calls.append(len(docs))
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        time.sleep(0.3)  # long enough for the backlog to fill behind it
        return stages.store_articles(db_path, docs)

    with NewsFarm(sites=3, feeds=2) as farm:
        farm.publish(8)
        config = _farm_config(tmp_path, farm)
        with pytest.raises(sqlite3.OperationalError, match="disk is full"):
            _run(config, failing_store)
    assert len(calls) == 2, "the writer stored on after its error"
    db = open_db(config.db_path)
    done = db.execute("select count(*) from entries where state != 'pending'").fetchone()[0]
    db.conn.close()
    assert done == BATCH, "only the first batch was stored; the rest waits for the next cycle"


def test_waiting_for_the_writer_does_not_count_against_the_fetch_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(cycle, "ARTICLES_PER_TASK", BATCH)

    def slow_store(db_path, docs):
        time.sleep(0.15)  # 24 batches: ~3.6 s of storing against a 1 s budget for fetching
        return stages.store_articles(db_path, docs)

    with NewsFarm(sites=3, feeds=2) as farm:
        farm.publish(8)
        path = tmp_path / "fundwatch.toml"
        farm_config(path, tmp_path / "fundwatch.db", farm.feed_urls,
                    http=f"concurrency = {CONCURRENCY}\narticle_budget_seconds = 1.0")
        report = _run(load_config(path), slow_store)
    assert report.articles_deferred == 0
    assert report.new_articles == 48 and report.articles_from_feed_text == 0
