"""storage.feeds: config sync, due feeds, idempotent writes, health; and `fundwatch feeds`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from click.testing import CliRunner

import storage.feeds as feed_store
from scrapers.models import ArticleDoc, FeedEntry, FeedPoll

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Feed:
    url: str
    name: str | None = None
    lang: str | None = None


def entry(feed_id: int, key: str, url: str | None = None, title: str = "t") -> FeedEntry:
    return FeedEntry(feed_id=feed_id, entry_key=key, url=url, title=title, summary="s",
                     published="2026-11-01T10:00:00Z", published_raw=None, lang="en")


def doc(url: str, canonical: str | None = None) -> ArticleDoc:
    from scrapers.urls import url_id

    canonical = canonical or url
    return ArticleDoc(id=url_id(canonical), url=url, canonical_url=canonical, feed_id=1, title="T", text="x",
                      published=None, lang="en", source="page")


def test_migration_is_registered(fresh_db):
    assert {"feeds", "entries", "articles", "article_urls"} <= set(fresh_db.table_names())
    names = {r["name"] for r in fresh_db.query("select name from _sqlite_migrations")}
    assert "0001_feeds" in names


def test_sync_feeds_follows_the_config(fresh_db):
    db = fresh_db
    assert feed_store.sync_feeds(db, [Feed("https://a/f", "A", "en"), Feed("https://b/f")], T0)["added"] == 2
    assert feed_store.sync_feeds(db, [Feed("https://a/f", "A", "en"), Feed("https://b/f")], T0) == {
        "added": 0, "updated": 0, "unconfigured": 0, "reconfigured": 0}
    counts = feed_store.sync_feeds(db, [Feed("https://a/f", "A2", "de")], T0)
    assert counts["updated"] == 1 and counts["unconfigured"] == 1
    rows = {r["config_url"]: r for r in db["feeds"].rows}
    assert rows["https://a/f"]["name"] == "A2" and rows["https://a/f"]["lang"] == "de"
    assert rows["https://b/f"]["configured"] == 0  # kept, with its history
    assert [f.url for f in feed_store.due_feeds(db, T0)] == ["https://a/f"]
    assert feed_store.sync_feeds(db, [Feed("https://a/f", "A2", "de"), Feed("https://b/f")], T0)["reconfigured"] == 1


def test_record_poll_is_idempotent(fresh_db):
    db = fresh_db
    feed_store.sync_feeds(db, [Feed("https://a/f")], T0)
    poll = FeedPoll(feed_id=1, url="https://a/f", status="ok", http_status=200, etag='"e"',
                    entries=[entry(1, "k1", "https://a/1"), entry(1, "k2", "https://a/2")])
    assert len(feed_store.record_poll(db, poll, T0)) == 2
    assert feed_store.record_poll(db, poll, T0 + timedelta(minutes=1)) == []
    state = feed_store.due_feeds(db, T0 + timedelta(minutes=1))[0]
    assert state.etag == '"e"'
    assert db["entries"].count == 2


def test_record_poll_ignores_entries_of_other_feeds_and_unknown_feeds(fresh_db):
    feed_store.sync_feeds(fresh_db, [Feed("https://a/f")], T0)
    poll = FeedPoll(feed_id=1, url="https://a/f", status="ok", entries=[entry(2, "x")])
    assert feed_store.record_poll(fresh_db, poll, T0) == []
    assert feed_store.record_poll(fresh_db, FeedPoll(feed_id=99, url="u", status="ok"), T0) == []


def test_not_modified_keeps_validators(fresh_db):
    db = fresh_db
    feed_store.sync_feeds(db, [Feed("https://a/f")], T0)
    feed_store.record_poll(db, FeedPoll(1, "https://a/f", "ok", 200, etag='"e"', last_modified="Mon"), T0)
    feed_store.record_poll(db, FeedPoll(1, "https://a/f", "not_modified", 304), T0)
    state = feed_store.get_feed(db, 1)
    assert (state.etag, state.last_modified) == ('"e"', "Mon")


def test_permanent_move_onto_another_feed_is_reported_not_merged(fresh_db):
    db = fresh_db
    feed_store.sync_feeds(db, [Feed("https://a/f"), Feed("https://b/f")], T0)
    feed_store.record_poll(db, FeedPoll(1, "https://a/f", "ok", 200, new_url="https://b/f"), T0)
    health = {h["id"]: h for h in feed_store.feed_health(db, T0)}
    assert health[1]["url"] == "https://a/f" and "feed 2" in health[1]["last_problem"]


def test_entries_to_fetch_and_save_article_are_once_ever(fresh_db):
    db = fresh_db
    e1, e2 = entry(1, "k1", "https://a/1"), entry(1, "k2", "https://a/1")
    e3 = entry(1, "k3", None)
    assert feed_store.entries_to_fetch(db, [e1, e2, e3]) == [e1, e3]
    article_id, is_new = feed_store.save_article(db, doc("https://a/1"))
    assert is_new and feed_store.save_article(db, doc("https://a/1")) == (article_id, False)
    assert feed_store.entries_to_fetch(db, [e1]) == []
    # another URL whose page names the same canonical article
    assert feed_store.save_article(db, doc("https://a/amp/1", "https://a/1")) == (article_id, False)
    assert feed_store.entries_to_fetch(db, [entry(1, "k4", "https://a/amp/1")]) == []
    assert db["articles"].count == 1


def test_feed_health_states(fresh_db):
    db = fresh_db
    feed_store.sync_feeds(db, [Feed("https://a/f", "A"), Feed("https://b/f"), Feed("https://c/f"), Feed("https://d/f")], T0)
    feed_store.record_poll(db, FeedPoll(1, "https://a/f", "ok", 200, entries=[entry(1, "k")]), T0)
    feed_store.record_poll(db, FeedPoll(2, "https://b/f", "failed", 500, error="http 500"), T0)
    feed_store.record_poll(db, FeedPoll(3, "https://c/f", "gone", 410, error="410 Gone"), T0)
    states = {h["url"]: h["state"] for h in feed_store.feed_health(db, T0)}
    assert states == {"https://a/f": "ok", "https://b/f": "failing", "https://c/f": "disabled",
                      "https://d/f": "never polled"}
    assert [f.url for f in feed_store.due_feeds(db, T0 + timedelta(days=1))] == ["https://d/f", "https://a/f", "https://b/f"]


# ------------------------------------------------------------------ the CLI


def _config(tmp_path, feeds: list[str]) -> str:
    lines = ['[storage]\ndb = "fw.db"\n']
    for url in feeds:
        lines.append(f'[[feeds]]\nurl = "{url}"\nname = "Feed \\u001b[31m"\n')
    path = tmp_path / "fw.toml"
    path.write_text("\n".join(lines))
    return str(path)


def test_cli_feeds_table_and_json(tmp_path):
    from flows.cli import cli
    from storage import open_db

    config = _config(tmp_path, ["https://a.example/f", "https://b.example/f"])
    runner = CliRunner()
    result = runner.invoke(cli, ["feeds", "--config", config, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["state"] for r in rows] == ["never polled", "never polled"]

    assert not (tmp_path / "fw.db").exists()  # looking creates no database

    from flows.settings import load_config

    db = open_db(tmp_path / "fw.db")
    feed_store.sync_feeds(db, load_config(config).feeds)  # as a cycle does
    feed_store.record_poll(db, FeedPoll(2, "https://b.example/f", "failed", 503,
                                        error="http 503: \x1b[2J<script>bad</script>\nnext line"), T0)
    db.conn.close()
    result = runner.invoke(cli, ["feeds", "--config", config])
    assert result.exit_code == 0, result.output
    assert "failing" in result.output and "never polled" in result.output
    assert "\x1b" not in result.output  # escape sequences from the network never reach the terminal
    assert "last error: http 503" in result.output


def test_cli_feeds_bad_config_is_a_usage_error(tmp_path):
    from flows.cli import cli

    path = tmp_path / "bad.toml"
    path.write_text("[http]\nper_host = 9\n")
    result = CliRunner().invoke(cli, ["feeds", "--config", str(path)])
    assert result.exit_code == 2 and "http.per_host" in result.output


def test_save_articles_batch(fresh_db):
    results = feed_store.save_articles(fresh_db, [doc("https://a/1"), doc("https://a/2"), doc("https://a/1")])
    assert [is_new for _, is_new in results] == [True, True, False]
    assert results[0][0] == results[2][0] and fresh_db["articles"].count == 2
