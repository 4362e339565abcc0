"""The to-do list of entries: queued with their feed's validators, done with their article,
and databases from before it keep their history as done."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations

import storage.feeds as feed_store
import storage.todo as todo
from flows import stages
from scrapers.models import FeedEntry, FeedPoll
from storage import open_db

T0 = datetime(2026, 12, 1, 12, tzinfo=UTC)
FEED = SimpleNamespace(url="https://news.example/feed", name=None, lang="en")
TEXT = ("Tidewell, a Lisbon startup that builds software for port logistics, has raised €18 million "
        "in a Series A round led by Atlantic Harbour Ventures.")


def entry(key: str, url: str | None = None) -> FeedEntry:
    return FeedEntry(feed_id=1, entry_key=key, url=url or f"https://news.example/{key}", title=f"Story {key}",
                     summary=TEXT if key == "a" else f"Story {key}.", published="2026-12-01T10:00:00Z")


def state(db) -> dict[str, str]:
    return {r["entry_key"]: r["state"] for r in db.query("select entry_key, state from entries")}


def test_validators_never_advance_without_their_entries(fresh_db, monkeypatch):
    feed_store.sync_feeds(fresh_db, [FEED])
    poll = FeedPoll(1, FEED.url, "ok", 200, entries=[entry("a"), entry("b")], etag='"v2"')
    real, calls = feed_store._entry_seen, []

    def crash_on_second(db, e):
        calls.append(e)
        if len(calls) == 2:
            raise OSError("killed here")
        return real(db, e)

    monkeypatch.setattr(feed_store, "_entry_seen", crash_on_second)
    with pytest.raises(OSError):
        feed_store.record_poll(fresh_db, poll, T0)
    row = next(fresh_db.query("select etag from feeds"))
    assert row["etag"] is None and state(fresh_db) == {}, "a 304 next time would have lost both entries"


def test_an_entry_is_done_only_when_its_article_is_stored(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)
    feed_store.sync_feeds(db, [FEED])
    feed_store.record_poll(db, FeedPoll(1, FEED.url, "ok", 200, entries=[entry("a"), entry("b")], etag='"v1"'), T0)
    # The same story under a second feed item: one article, both entries done with it.
    feed_store.record_poll(db, FeedPoll(1, FEED.url, "ok", 200, entries=[entry("a2", "https://news.example/a")]), T0)
    assert state(db) == {"a": "pending", "b": "pending", "a2": "pending"}
    fetch, stored = stages.pending_work(db, T0)
    assert [e.entry_key for e in fetch] == ["a", "b"] and stored == []
    db.conn.close()

    from scrapers.poll import feed_doc

    stages.store_articles(db_path, [feed_doc(fetch[0], "http 404")])
    db = open_db(db_path)
    assert state(db) == {"a": "done", "b": "pending", "a2": "done"}
    assert [e.entry_key for e in todo.pending(db, T0)] == ["b"]
    assert db.execute("select count(*) from events").fetchone()[0] == 1
    db.conn.close()


def test_a_stored_article_whose_entry_was_not_ticked_off_is_finished_not_fetched(tmp_path):
    from scrapers.poll import feed_doc

    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)
    feed_store.sync_feeds(db, [FEED])
    feed_store.record_poll(db, FeedPoll(1, FEED.url, "ok", 200, entries=[entry("a")]), T0)
    feed_store.save_article(db, feed_doc(entry("a"), "http 404"))  # a cycle died right after this
    fetch, stored = stages.pending_work(db, T0)
    db.conn.close()
    assert fetch == [] and [d.entry_key for d in stored] == ["a"]
    outcome = stages.store_articles(db_path, stored)
    assert outcome.new_articles == 0 and len(outcome.new_rounds) == 1, "its rounds are recorded now"
    db = open_db(db_path)
    assert state(db) == {"a": "done"}
    db.conn.close()


def test_entries_stored_before_the_to_do_list_count_as_done(tmp_path):
    # A database as the releases before the to-do list left it: feeds migrations 0001-0002 only.
    old = Migrations("fundwatch.feeds")
    for migration in feed_store.MIGRATIONS._migrations[:2]:
        old(name=migration.name)(migration.fn)
    raw = sqlite_utils.Database(tmp_path / "fundwatch.db")
    old.apply(raw)
    raw["feeds"].insert({"id": 1, "url": FEED.url, "config_url": FEED.url, "configured": 1, "enabled": 1,
                         "consecutive_failures": 0, "created_at": "2026-11-01T00:00:00Z"})
    raw["entries"].insert({"feed_id": 1, "entry_key": "old", "url": "https://news.example/old",
                           "first_seen": "2026-11-01T00:00:00Z"})
    raw.conn.close()
    db = open_db(tmp_path / "fundwatch.db")
    assert state(db) == {"old": "done"} and todo.pending(db) == []
    assert next(db.query("select entries_left_out, pending from feed_health")) == {"entries_left_out": 0,
                                                                                   "pending": 0}
    db.conn.close()


def test_an_article_whose_rounds_cannot_be_recorded_does_not_block_the_list(tmp_path, monkeypatch):
    from scrapers.poll import feed_doc

    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)
    feed_store.sync_feeds(db, [FEED])
    feed_store.record_poll(db, FeedPoll(1, FEED.url, "ok", 200, entries=[entry("a")]), T0)
    db.conn.close()

    def broken(*args, **kwargs):
        raise ValueError("a bug in the identity rules")

    monkeypatch.setattr(stages, "record_article_events", broken)
    outcome = stages.store_articles(db_path, [feed_doc(entry("a"), "http 404")])
    assert outcome.new_articles == 1 and outcome.failed_articles[0][1].startswith("ValueError")
    db = open_db(db_path)
    assert state(db) == {"a": "done"}, "done, with the article stored; reextract reads it after a fix"
    db.conn.close()
