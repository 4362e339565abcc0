"""The fault suite: whole cycles (sync, poll, store, fetch, save) against a real 127.0.0.1 server.

Every test runs a healthy feed beside the faulty one and checks three things:
the right outcome for the fault, the healthy feed undisturbed, nothing stored twice.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import storage.feeds as feed_store
from scrapers import robots
from scrapers.http import Fetcher, HttpSettings
from scrapers.poll import fetch_articles, parse_max_age, parse_retry_after, poll_feeds
from support_http import Reply, conditional, endless, gzip_bomb, http_date, http_server, sequence  # noqa: F401

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
SETTINGS = HttpSettings(allow_private_networks=True, jitter_seconds=0.0, read_timeout=1.0, total_timeout=2.0,
                        max_bytes=512 * 1024)
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Feed:
    url: str
    name: str | None = None
    lang: str | None = None


def rss(base: str, *items: tuple[str, str], guid: bool = True) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>"
        + (f"<guid>{base}{path}</guid>" if guid else "")
        + f"<description>{title}: the feed's own summary of the round.</description></item>"
        for title, path in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>{body}</channel></rss>'.encode()


def article(title: str, canonical: str | None = None) -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    text = f"{title} announced a funding round led by Example Ventures. " * 6
    return (f"<html lang='en'><head><title>{title}</title>{link}</head><body><article><h1>{title}</h1>"
            f"<p>{text}</p><p>{text}</p></article></body></html>").encode()


@dataclass
class World:
    server: object
    db: object
    feeds: list[Feed] = field(default_factory=list)
    now: datetime = T0

    def feed(self, path: str, route, **kwargs) -> str:
        url = self.server.add(path, route)
        self.feeds.append(Feed(url, **kwargs))
        return url

    def cycle(self, advance: timedelta = timedelta(minutes=15), settings: HttpSettings = SETTINGS):
        """One full cycle as the flow runs it; returns (polls, new entries, docs, saved ids)."""
        self.now = self.now + advance
        feed_store.sync_feeds(self.db, self.feeds, self.now)
        due = feed_store.due_feeds(self.db, self.now)

        async def network():
            async with Fetcher(settings) as fetcher:
                polls = await poll_feeds(fetcher, due, self.now)
                new = [e for p in polls for e in feed_store.record_poll(self.db, p, self.now)]
                todo = feed_store.entries_to_fetch(self.db, new)
                docs = await fetch_articles(fetcher, todo)
                return polls, new, docs

        polls, new, docs = asyncio.run(network())
        saved = [feed_store.save_article(self.db, d, self.now) for d in docs]
        return polls, new, docs, saved

    def health(self, url: str) -> dict:
        return next(h for h in feed_store.feed_health(self.db, self.now) if h["config_url"] == url)

    def count(self, table: str) -> int:
        return self.db[table].count


@pytest.fixture
def world(http_server, fresh_db):
    # robots.txt answers are cached per process by origin; a port an earlier test used may come back
    robots.clear_cache()
    w = World(http_server, fresh_db)
    base = http_server.base_url
    http_server.add("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}))
    w.feed("/healthy.xml", conditional(rss(base, ("Healthy One", "/h/1"), ("Healthy Two", "/h/2")), content_type=RSS))
    http_server.add("/h/1", Reply(200, article("Healthy One"), {"Content-Type": HTML}))
    http_server.add("/h/2", Reply(200, article("Healthy Two"), {"Content-Type": HTML}))
    return w


def healthy_ok(w: World) -> None:
    h = w.health(w.server.url("/healthy.xml"))
    assert h["state"] == "ok" and h["entries"] == 2 and h["consecutive_failures"] == 0
    stored = {r["url"] for r in w.db.query("select url from articles where source = 'page'")}
    assert {w.server.url("/h/1"), w.server.url("/h/2")} <= stored


def assert_no_duplicates(w: World) -> None:
    entries, articles = w.count("entries"), w.count("articles")
    polls, new, docs, saved = w.cycle()
    assert new == [] and docs == [] and saved == []
    assert (w.count("entries"), w.count("articles")) == (entries, articles)


# ------------------------------------------------------------------ the happy path


def test_cold_then_warm_cycle(world):
    polls, new, docs, saved = world.cycle()
    assert [p.status for p in polls] == ["ok"]
    assert len(new) == 2 and all(d.source == "page" for d in docs) and all(is_new for _, is_new in saved)
    healthy_ok(world)
    polls, new, docs, saved = world.cycle()
    assert [p.status for p in polls] == ["not_modified"] and new == [] and docs == []
    request = world.server.requests_for("/healthy.xml")[-1]
    assert request.headers.get("if-none-match") == '"v1"'
    assert world.server.hits("/h/1") == 1 and world.server.hits("/robots.txt") == 1
    assert_no_duplicates(world)


# ------------------------------------------------------------------ feed faults


def test_slow_feed_times_out_and_backs_off(world):
    url = world.feed("/slow.xml", Reply(200, b"<rss/>", delay=3))
    polls, *_ = world.cycle()
    slow = next(p for p in polls if p.url == url)
    assert slow.status == "failed" and "timeout" in slow.error
    healthy_ok(world)
    h = world.health(url)
    assert h["state"] == "failing" and h["consecutive_failures"] == 1 and "timeout" in h["last_error"]
    assert h["next_poll_at"] > feed_store.iso(world.now)
    # not due again right away, but never dropped: due once the backoff has passed
    assert url not in [f.url for f in feed_store.due_feeds(world.db, world.now + timedelta(seconds=10))]
    assert url in [f.url for f in feed_store.due_feeds(world.db, world.now + timedelta(hours=7))]


def test_500_backs_off_exponentially_then_recovers(world):
    base = world.server.base_url
    url = world.feed("/flaky.xml", sequence(Reply(500, b"down"), Reply(500, b"down"), Reply(500, b"down"),
                                            Reply(200, rss(base, ("Flaky", "/h/1")), {"Content-Type": RSS})))
    waits = []
    for _ in range(3):
        world.cycle(advance=timedelta(hours=7))
        h = world.health(url)
        waits.append(datetime.fromisoformat(h["next_poll_at"].replace("Z", "+00:00")) - world.now)
    assert h["consecutive_failures"] == 3 and "http 500" in h["last_error"]
    assert waits[0] < waits[1] < waits[2] <= timedelta(hours=6, minutes=40)
    world.cycle(advance=timedelta(hours=7))
    h = world.health(url)
    assert h["state"] == "ok" and h["consecutive_failures"] == 0 and h["last_error"] is None
    healthy_ok(world)
    # /h/1 is in both feeds: one article, fetched once
    assert world.server.hits("/h/1") == 1
    assert_no_duplicates(world)


def test_backoff_is_capped(fresh_db):
    assert feed_store.backoff_seconds(1) < feed_store.backoff_seconds(3)
    assert feed_store.backoff_seconds(50) <= feed_store.MAX_BACKOFF_SECONDS


def test_429_retry_after_is_honoured(world):
    url = world.feed("/busy.xml", Reply(429, b"slow down", {"Retry-After": "7200"}))
    polls, *_ = world.cycle()
    busy = next(p for p in polls if p.url == url)
    assert busy.status == "failed" and busy.retry_after_seconds == 7200 and busy.http_status == 429
    assert world.health(url)["next_poll_at"] >= feed_store.iso(world.now + timedelta(seconds=7200))
    assert url not in [f.url for f in feed_store.due_feeds(world.db, world.now + timedelta(minutes=90))]
    healthy_ok(world)


def test_unchanged_body_without_validators_is_not_parsed_again(world):
    base = world.server.base_url
    url = world.feed("/plain.xml", Reply(200, rss(base, ("Plain", "/h/1")), {"Content-Type": RSS}))
    world.cycle()
    polls, new, *_ = world.cycle()
    plain = next(p for p in polls if p.url == url)
    assert plain.status == "not_modified" and plain.http_status == 200 and plain.entries == []
    assert world.health(url)["state"] == "ok" and world.server.hits("/plain.xml") == 2


def test_cache_control_max_age_is_a_minimum_interval(world):
    base = world.server.base_url
    url = world.feed("/cached.xml", Reply(200, rss(base, ("Cached", "/c/1")),
                                          {"Content-Type": RSS, "Cache-Control": "public, max-age=3600"}))
    world.cycle()
    assert url not in [f.url for f in feed_store.due_feeds(world.db, world.now + timedelta(minutes=30))]
    assert url in [f.url for f in feed_store.due_feeds(world.db, world.now + timedelta(minutes=61))]


@pytest.mark.parametrize("code, moves", [(301, True), (308, True), (302, False), (307, False)])
def test_redirects_update_the_stored_url_only_when_permanent(world, code, moves):
    base = world.server.base_url
    world.server.add("/moved/feed.xml", conditional(rss(base, ("Moved", "/m/1")), content_type=RSS))
    url = world.feed("/old.xml", Reply(code, b"", {"Location": "/moved/feed.xml"}))
    world.cycle()
    h = world.health(url)
    assert h["state"] == "ok" and h["entries"] == 1
    assert h["url"] == (world.server.url("/moved/feed.xml") if moves else url)
    assert h["config_url"] == url
    world.cycle()
    assert world.server.hits("/old.xml") == (1 if moves else 2)
    assert world.health(url)["last_status"] == "not_modified"
    healthy_ok(world)
    assert_no_duplicates(world)


def test_redirect_loop_is_a_failure(world):
    world.server.add("/loop-b.xml", Reply(302, b"", {"Location": "/loop-a.xml"}))
    url = world.feed("/loop-a.xml", Reply(301, b"", {"Location": "/loop-b.xml"}))
    world.cycle()
    h = world.health(url)
    assert h["state"] == "failing" and "loop" in h["last_error"] and h["url"] == url
    healthy_ok(world)


def test_410_disables_the_feed_with_the_reason(world):
    url = world.feed("/gone.xml", Reply(410, b"gone"))
    world.cycle()
    h = world.health(url)
    assert h["state"] == "disabled" and not h["enabled"] and "410" in h["disabled_reason"]
    world.cycle(advance=timedelta(days=2))
    assert world.server.hits("/gone.xml") == 1
    healthy_ok(world)


def test_broken_xml_keeps_its_entries_and_the_problem(world):
    base = world.server.base_url
    broken = rss(base, ("Broken One", "/b/1"), ("Broken Two", "/b/2")).replace(b"</channel></rss>", b"<item><title>cut")
    url = world.feed("/broken.xml", Reply(200, b"\n" + broken, {"Content-Type": RSS}))
    world.cycle()
    h = world.health(url)
    assert h["state"] == "ok" and h["entries"] >= 2 and h["last_problem"]
    healthy_ok(world)
    assert_no_duplicates(world)


def test_not_a_feed_is_a_failure_not_silence(world):
    url = world.feed("/login.xml", Reply(200, b"<html><body><form>Log in</form></body></html>", {"Content-Type": "text/html"}))
    world.cycle()
    h = world.health(url)
    assert h["state"] == "failing" and "not a feed" in h["last_error"]
    healthy_ok(world)


def test_wrong_encodings(world, shared_dir):
    lying = world.feed("/lying.xml", Reply(200, (FIXTURES / "latin1-declared-utf8.rss.xml").read_bytes(), {"Content-Type": RSS}))
    koi8 = world.feed("/koi8.xml", Reply(200, (shared_dir / "feeds" / "feedparser-test.koi8r-undeclared.rss.xml").read_bytes(),
                                         {"Content-Type": "text/xml"}))
    sjis = world.feed("/sjis.xml", Reply(200, (shared_dir / "feeds" / "feedparser-test.shiftjis-undeclared.atom.xml").read_bytes(),
                                         {"Content-Type": "application/atom+xml"}))
    world.cycle()
    titles = {r["title"] for r in world.db.query("select title from entries")}
    assert {"Gründer sammeln fünf Millionen", "Как пережить новогоднюю ночь"} <= titles
    assert any(t.startswith("DrecomRSSに記事投稿") for t in titles)
    for url in (lying, koi8, sjis):
        assert world.health(url)["state"] == "ok"
    healthy_ok(world)


def test_gzip_bomb_feed_is_cut_off(world):
    url = world.feed("/bomb.xml", Reply(200, gzip_bomb(64 * 1024 * 1024),
                                        {"Content-Type": RSS, "Content-Encoding": "gzip"}))
    world.cycle()
    h = world.health(url)
    assert h["state"] == "failing" and "too_large" in h["last_error"]
    healthy_ok(world)


def test_endless_feed_is_cut_off(world):
    url = world.feed("/endless.xml", Reply(200, endless(), {"Content-Type": RSS}))
    world.cycle()
    assert "too_large" in world.health(url)["last_error"]
    healthy_ok(world)


def test_entity_bomb_feed_is_defused(world):
    url = world.feed("/entities.xml", Reply(200, (FIXTURES / "entity-bomb.rss.xml").read_bytes(), {"Content-Type": RSS}))
    world.cycle()
    h = world.health(url)
    assert h["state"] == "ok" and h["entries"] == 2 and "entity declarations removed" in h["last_problem"]
    longest = world.db.execute("select max(length(summary)), max(length(title)) from entries").fetchone()
    assert max(longest) < 1000
    healthy_ok(world)


def test_duplicate_guids_all_stored_once(world):
    url = world.feed("/dups.xml", Reply(200, (FIXTURES / "duplicate-guids.rss.xml").read_bytes(), {"Content-Type": RSS}))
    world.server.add("/robots.txt", Reply(404, b""))
    world.cycle()
    assert world.health(url)["entries"] == 4
    healthy_ok(world)
    assert_no_duplicates(world)


def test_publisher_changing_guids_does_not_duplicate(world):
    base = world.server.base_url
    first = rss(base, ("Same item", "/s/1"))
    second = first.replace(f"<guid>{base}/s/1</guid>".encode(), b"<guid>new-cms-id-1</guid>")
    url = world.feed("/guids.xml", sequence(Reply(200, first, {"Content-Type": RSS}), Reply(200, second, {"Content-Type": RSS})))
    world.cycle()
    world.cycle()
    assert world.health(url)["entries"] == 1


# ------------------------------------------------------------------ article faults


def test_article_fallbacks_use_the_feed_text(world):
    base = world.server.base_url
    world.server.add("/a/pdf", Reply(200, b"%PDF-1.7 ...", {"Content-Type": "application/pdf"}))
    world.server.add("/a/missing", Reply(404, b"nope"))
    world.server.add("/a/slow", Reply(200, article("Slow"), {"Content-Type": HTML}, delay=3))
    world.server.add("/private/a", Reply(200, article("Private"), {"Content-Type": HTML}))
    world.server.add("/a/empty", Reply(200, b"<html><body></body></html>", {"Content-Type": HTML}))
    world.server.add("/a/walled", Reply(302, b"", {"Location": "/consent?return=/a/walled"}))
    world.server.add("/consent", Reply(200, article("Accept cookies", canonical=f"{base}/consent"), {"Content-Type": HTML}))
    world.feed("/mixed.xml", Reply(200, rss(base, ("PDF", "/a/pdf"), ("Missing", "/a/missing"), ("Slow", "/a/slow"),
                                            ("Robots", "/private/a"), ("Empty", "/a/empty"), ("Walled", "/a/walled")),
                                   {"Content-Type": RSS}))
    *_, docs, saved = world.cycle()
    by_title = {d.title: d for d in docs}
    assert "not HTML" in by_title["PDF"].fetch_error
    assert "http 404" in by_title["Missing"].fetch_error
    assert "timeout" in by_title["Slow"].fetch_error
    assert "robots.txt" in by_title["Robots"].fetch_error
    assert "no article text" in by_title["Empty"].fetch_error
    assert "consent or login" in by_title["Walled"].fetch_error
    for title in ("PDF", "Missing", "Slow", "Robots", "Empty", "Walled"):
        doc = by_title[title]
        assert doc.source == "feed" and doc.text.startswith(f"{title}: the feed's own summary")
    assert world.server.hits("/private/a") == 0 and world.server.hits("/robots.txt") == 1
    assert all(is_new for _, is_new in saved)
    healthy_ok(world)
    assert_no_duplicates(world)


def test_robots_txt_is_asked_once_per_host_across_cycles(world):
    base = world.server.base_url
    world.server.add("/n/1", Reply(200, article("New one"), {"Content-Type": HTML}))
    world.server.add("/n/2", Reply(200, article("New two"), {"Content-Type": HTML}))
    world.feed("/growing.xml", sequence(Reply(200, rss(base, ("New one", "/n/1")), {"Content-Type": RSS}),
                                        Reply(200, rss(base, ("New one", "/n/1"), ("New two", "/n/2")), {"Content-Type": RSS})))
    world.cycle()
    *_, docs, _ = world.cycle()
    assert [d.source for d in docs] == ["page"]
    assert world.server.hits("/robots.txt") == 1


def test_robots_unavailable_means_disallowed_and_404_means_allowed(world):
    world.server.add("/robots.txt", Reply(503, b""))
    *_, docs, _ = world.cycle()
    assert all(d.source == "feed" and "robots.txt" in d.fetch_error for d in docs)
    assert world.server.hits("/h/1") == 0


def test_same_article_in_two_feeds_and_under_two_urls_is_fetched_once(world):
    base = world.server.base_url
    world.server.add("/story", Reply(200, article("Story"), {"Content-Type": HTML}))
    world.server.add("/amp/story", Reply(200, article("Story", canonical=f"{base}/story"), {"Content-Type": HTML}))
    world.feed("/one.xml", Reply(200, rss(base, ("Story", "/story?utm_source=one")), {"Content-Type": RSS}))
    world.feed("/two.xml", Reply(200, rss(base, ("Story", "/story"), ("Story AMP", "/amp/story")), {"Content-Type": RSS}))
    world.cycle()
    assert world.server.hits("/story") == 1
    rows = list(world.db.query("select * from articles where canonical_url = ?", [f"{base}/story"]))
    assert len(rows) == 1
    # the AMP copy was fetched once, found to be the same article, and is remembered by its URL
    aliases = {r["url"] for r in world.db.query("select url from article_urls where article_id = ?", [rows[0]["id"]])}
    assert f"{base}/amp/story" in aliases
    healthy_ok(world)
    assert_no_duplicates(world)


def test_one_feed_failing_never_stops_the_others(world):
    base = world.server.base_url
    faults = {
        "/f1.xml": Reply(500, b""), "/f2.xml": Reply(200, b"", {"Content-Type": RSS}), "/f3.xml": Reply(404, b""),
        "/f4.xml": Reply(200, b"\x00\xff", {"Content-Type": RSS}), "/f5.xml": Reply(200, b"<rss/>", delay=3),
    }
    for path, reply in faults.items():
        world.feed(path, reply)
    world.feed("/fine.xml", Reply(200, rss(base, ("Fine", "/h/2")), {"Content-Type": RSS}))
    polls, *_ = world.cycle()
    assert len(polls) == 7
    assert sorted(p.status for p in polls).count("failed") == 5
    healthy_ok(world)


# ------------------------------------------------------------------ header helpers


def test_parse_retry_after_and_max_age():
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert parse_retry_after("120") == 120
    assert parse_retry_after(http_date(now.timestamp() + 300), now) == pytest.approx(300, abs=1)
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
    assert parse_max_age("public, max-age=600") == 600 and parse_max_age("s-maxage=5") is None
    assert parse_max_age("no-store, max-age=600") is None and parse_max_age(None) is None
