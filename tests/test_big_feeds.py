"""Feeds with more entries than are read: the newest are kept whatever the document's
order, and feed health says how many were left out."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from click.testing import CliRunner
from support_http import Reply, http_server  # noqa: F401 - fixture

import scrapers.feeds as feeds
from flows import stages
from flows.cli import cli
from scrapers.http import Fetcher, HttpSettings
from scrapers.poll import poll_feeds
from storage import open_db

START = datetime(2026, 1, 1, tzinfo=UTC)


def rss(items: list[tuple[int, datetime | None]]) -> bytes:
    out = []
    for n, when in items:
        date = f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>" if when else ""
        out.append(f"<item><title>Story {n}</title><link>https://news.example/{n}</link>"
                   f"<guid isPermaLink='false'>story-{n}</guid>{date}<description>Story {n}.</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title>'
            f"{''.join(out)}</channel></rss>").encode()


def test_the_newest_entries_are_kept_whatever_the_order(monkeypatch):
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 5)
    order = [7, 2, 9, 0, 5, 8, 1, 6, 3, 4]  # shuffled; story n is n hours after START
    parsed = feeds.parse_feed(rss([(n, START + timedelta(hours=n)) for n in order]), "https://news.example/feed")
    assert sorted(e.entry_key for e in parsed.entries) == [f"story-{n}" for n in (5, 6, 7, 8, 9)]
    assert [e.entry_key for e in parsed.entries] == ["story-7", "story-9", "story-5", "story-8", "story-6"]
    assert parsed.left_out == 5 and "5 older entries left out" in parsed.problem


def test_undated_entries_rank_after_dated_ones(monkeypatch):
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 3)
    parsed = feeds.parse_feed(rss([(0, None), (1, START), (2, None), (3, START + timedelta(days=1))]),
                              "https://news.example/feed")
    assert [e.entry_key for e in parsed.entries] == ["story-0", "story-1", "story-3"]
    assert parsed.left_out == 1


def test_a_10000_entry_feed_oldest_first_keeps_the_newest_and_says_so(tmp_path, http_server):
    total = 10_000
    body = rss([(n, START + timedelta(minutes=n)) for n in range(total)])  # oldest first
    url = http_server.add("/big.xml", Reply(200, body, {"Content-Type": "application/rss+xml"}))
    config = tmp_path / "fundwatch.toml"
    config.write_text(f'[storage]\ndb = "fundwatch.db"\n[[feeds]]\nurl = "{url}"\n', encoding="utf-8")
    db_path = tmp_path / "fundwatch.db"
    now = datetime.now(UTC)
    due = stages.due_feeds(db_path, [type("F", (), {"url": url, "name": None, "lang": "en"})()], now)

    async def poll():
        async with Fetcher(HttpSettings(allow_private_networks=True, jitter_seconds=0)) as fetcher:
            return await poll_feeds(fetcher, due)

    outcome = stages.record_polls(db_path, asyncio.run(poll()), now)
    assert outcome.entries_left_out == total - feeds.MAX_ENTRIES
    newest = {f"story-{n}" for n in range(total - 10, total)}
    assert newest <= {e.entry_key for e in outcome.to_fetch}, "the 10 newest stories are on the to-do list"
    db = open_db(db_path)
    try:
        keys = {r[0] for r in db.execute("select entry_key from entries")}
        health = dict(next(db.query("select * from feed_health")))
    finally:
        db.conn.close()
    assert len(keys) == feeds.MAX_ENTRIES and newest <= keys and "story-0" not in keys
    assert health["entries_left_out"] == 8_000 and health["pending"] == feeds.MAX_ENTRIES
    assert "8000 older entries left out" in health["last_problem"]

    shown = CliRunner().invoke(cli, ["feeds", "--config", str(config)])
    assert shown.exit_code == 0, shown.output
    assert "left out: the last document had 8000 more entries than are read" in shown.output
    as_json = json.loads(CliRunner().invoke(cli, ["feeds", "--config", str(config), "--json"]).output)
    assert as_json[0]["entries_left_out"] == 8_000
