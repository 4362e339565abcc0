"""Deadlines: a stalled alert receiver never holds the cycle (or its lock) past its budget;
an HTTP request's timeout starts when it is sent, not while it waits for its host's slot;
pages not reached in a cycle wait on the to-do list instead of falling back to feed text."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

from support_farm import NewsFarm, farm_config
from support_http import Reply, http_server  # noqa: F401 - fixture
from support_receivers import TricklingReceiver, WebhookReceiver, insert_round

from alerts.delivery import deliver_pending
from alerts.targets import AlertTarget
from flows.cycle import run_plain
from flows.cycle_lock import cycle_lock
from flows.settings import load_config
from scrapers.http import Fetcher, HttpSettings
from storage import open_db


def _in_thread(fn, timeout: float):
    """Run `fn` in a thread; (finished in time?, result, seconds). A hang fails, not blocks, the test."""
    box: dict = {}
    started = time.monotonic()
    thread = threading.Thread(target=lambda: box.setdefault("result", fn()), daemon=True)
    thread.start()
    thread.join(timeout)
    return not thread.is_alive(), box.get("result"), time.monotonic() - started


def _deliver(db_path, targets, **kwargs):
    db = open_db(db_path)  # in the calling thread: a connection belongs to its thread
    try:
        return deliver_pending(db, targets, **kwargs)
    finally:
        db.conn.close()


def test_a_trickling_receiver_fails_the_send_at_its_deadline(tmp_path, fresh_db):
    for name in ("Alpha", "Beta", "Gamma"):
        insert_round(fresh_db, name)
    with TricklingReceiver(every=2.0) as slow:
        target = AlertTarget.from_mapping({"url": slow.apprise_url(), "timeout_seconds": 1.5})
        done, report, seconds = _in_thread(lambda: _deliver(tmp_path / "fundwatch.db", [target]), timeout=30)
        assert done, "a receiver answering 1 byte every 2 s held the delivery for 30 s"
        assert slow.requests == 1
    assert seconds < 5
    assert report.sent == 0 and report.failed == 1 and report.pending == 3
    assert "no complete answer within 1.5 s" in report.lines[0]
    row = fresh_db.execute("select status, next_attempt_at from deliveries order by id limit 1").fetchone()
    assert row[0] == "failed" and row[1], "retried on a later cycle"


def test_the_delivery_budget_bounds_a_cycle_of_slow_receivers(tmp_path, fresh_db):
    insert_round(fresh_db, "Alpha")
    with TricklingReceiver(every=2.0) as one, TricklingReceiver(every=2.0) as two, WebhookReceiver() as fine:
        targets = [AlertTarget.from_mapping({"url": r.apprise_url(), "timeout_seconds": 10}) for r in (one, two)]
        targets.append(AlertTarget.from_mapping({"url": fine.apprise_url()}))
        done, report, seconds = _in_thread(lambda: _deliver(tmp_path / "fundwatch.db", targets, budget_seconds=2.0), 30)
        assert done
    assert seconds < 4, seconds
    assert report.out_of_time and report.sent == 0
    statuses = sorted(r[0] for r in fresh_db.execute("select status from deliveries"))
    assert statuses == ["failed", "pending", "pending"], "the unreached target is untouched, due next cycle"


def test_a_stalled_receiver_does_not_hold_the_cycle_lock(tmp_path):
    with NewsFarm(sites=1, feeds=1) as farm, TricklingReceiver(every=2.0) as slow:
        farm.publish(2)
        config_path = tmp_path / "fundwatch.toml"
        farm_config(config_path, tmp_path / "fundwatch.db", farm.feed_urls)
        config_path.write_text(config_path.read_text() + f'[[alerts]]\nurl = "{slow.apprise_url()}"\n'
                               "timeout_seconds = 2\n", encoding="utf-8")
        config = load_config(config_path)
        done, report, seconds = _in_thread(lambda: run_plain(config), timeout=60)
        assert done, "the cycle never ended"
        with cycle_lock(config.db_path):  # free again: a next cycle can start
            pass
    assert len(report.new_rounds) == 2 and report.alerts_failed == 1 and report.alerts_pending == 2
    print(f"\ncycle with a stalled receiver ended after {seconds:.1f} s")


def test_the_total_timeout_starts_when_the_request_is_sent(http_server):
    # One slot for the host, 8 pages of 0.4 s each: the last waits ~2.8 s for its slot,
    # far past the 1 s total timeout, yet each page is answered 0.4 s after it is sent.
    http_server.latency = 0.4
    for i in range(8):
        http_server.add(f"/p/{i}.html", Reply(200, b"<html>ok</html>", {"Content-Type": "text/html"}))
    settings = HttpSettings(allow_private_networks=True, per_host=1, total_timeout=1.0, read_timeout=1.0,
                            jitter_seconds=0)

    async def fetch_all():
        async with Fetcher(settings) as fetcher:
            return await asyncio.gather(*(fetcher.get(http_server.url(f"/p/{i}.html")) for i in range(8)),
                                        return_exceptions=True)

    results = asyncio.run(fetch_all())
    assert [getattr(r, "status", r) for r in results] == [200] * 8
    assert http_server.hits("/p/0.html") == 1 and len(http_server.requests) == 8


def _sources(db_path) -> list[tuple[str, str | None]]:
    conn = sqlite3.connect(db_path)
    try:
        return [tuple(r) for r in conn.execute("select source, fetch_error from articles order by url")]
    finally:
        conn.close()


def test_pages_not_reached_wait_for_the_next_cycle_instead_of_feed_text(tmp_path):
    with NewsFarm(sites=1, feeds=1, latency=0.3) as farm:
        companies = farm.publish(8)
        config_path = tmp_path / "fundwatch.toml"
        farm_config(config_path, tmp_path / "fundwatch.db", farm.feed_urls,
                    http="per_host = 1\narticle_budget_seconds = 1.0")
        first = run_plain(load_config(config_path))
        reached = first.new_articles
        assert 0 < reached < 8 and first.articles_deferred == 8 - reached
        assert first.articles_from_feed_text == 0
        assert f"; {8 - reached} articles left for the next cycle" in first.summary_line()
        db = open_db(tmp_path / "fundwatch.db")
        pending = db.execute("select count(*) from entries where state = 'pending'").fetchone()[0]
        attempts = db.execute("select max(attempts) from entries").fetchone()[0]
        db.conn.close()
        assert pending == 8 - reached and attempts == 0, "not reached is no failed attempt"

        farm_config(config_path, tmp_path / "fundwatch.db", farm.feed_urls, http="per_host = 1")
        second = run_plain(load_config(config_path))
    assert second.feeds_not_modified == 1, "the feed answered 304, the to-do list still had work"
    assert second.new_articles == 8 - reached
    assert _sources(tmp_path / "fundwatch.db") == [("page", None)] * 8
    assert sorted(first.new_rounds + second.new_rounds) and \
        len(first.new_rounds) + len(second.new_rounds) == len(companies)


def test_a_page_that_fails_for_now_is_tried_again_before_the_feed_text_is_used(tmp_path):
    from support_http import sequence

    with NewsFarm(sites=1, feeds=1) as farm:
        farm.publish(1)
        server = farm.sites[0].server
        page = server._routes["/news/0/0.html"]
        server.add("/news/0/0.html", sequence(Reply(503, b"busy"), page))
        config_path = tmp_path / "fundwatch.toml"
        farm_config(config_path, tmp_path / "fundwatch.db", farm.feed_urls)
        first = run_plain(load_config(config_path))
        assert first.new_articles == 0 and first.articles_deferred == 1
        db = open_db(tmp_path / "fundwatch.db")
        db.execute("update entries set next_attempt_at = null")  # the retry time has come
        db.conn.close()
        second = run_plain(load_config(config_path))
    assert second.new_articles == 1 and len(second.new_rounds) == 1
    assert _sources(tmp_path / "fundwatch.db") == [("page", None)]
