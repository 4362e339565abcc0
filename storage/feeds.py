"""Storage area 'feeds': feeds and their health, entries seen, articles fetched.

Writes are idempotent: entries are unique per (feed, entry key), articles per
canonical URL (with every URL that led to them kept in `article_urls`), so a
retried task or a restarted run never stores anything twice.

Times are ISO 8601 UTC strings ("2026-01-31T12:00:00Z"), which sort as text.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlite_utils.migrations import Migrations

from scrapers.dates import iso
from scrapers.models import ArticleDoc, FeedEntry, FeedPoll, FeedState

MIGRATIONS = Migrations("fundwatch.feeds")

BASE_BACKOFF_SECONDS = 300
MAX_BACKOFF_SECONDS = 6 * 3600
MAX_WAIT_SECONDS = 24 * 3600  # the most a Retry-After or max-age may defer a poll


@MIGRATIONS(name="0001_feeds")
def _create_feeds(db) -> None:
    db["feeds"].create(
        {
            "id": int,
            "url": str,                  # current URL (follows permanent redirects)
            "config_url": str,           # URL as configured: identity for sync_feeds
            "name": str,
            "lang": str,
            "title": str,                # the feed's own title
            "configured": int,           # 0: removed from the config, history kept
            "enabled": int,              # 0: disabled (410 Gone), see disabled_reason
            "disabled_reason": str,
            "etag": str,
            "last_modified": str,
            "next_poll_at": str,         # NULL: due now
            "consecutive_failures": int,
            "last_status": str,          # ok | not_modified | failed | gone
            "last_http_status": int,
            "last_error": str,
            "last_problem": str,         # bozo note of the last parsed document
            "last_polled_at": str,
            "last_success_at": str,
            "last_new_item_at": str,
            "last_elapsed": float,
            "moved_from": str,           # previous URL after a permanent redirect
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"url", "config_url", "configured", "enabled", "consecutive_failures", "created_at"},
        defaults={"configured": 1, "enabled": 1, "consecutive_failures": 0},
    )
    db["feeds"].create_index(["config_url"], unique=True)
    db["feeds"].create_index(["url"], unique=True)
    db["feeds"].create_index(["next_poll_at"])

    db["entries"].create(
        {
            "id": int,
            "feed_id": int,
            "entry_key": str,
            "url": str,
            "title": str,
            "summary": str,
            "published": str,
            "published_raw": str,
            "lang": str,
            "first_seen": str,
        },
        pk="id",
        foreign_keys=[("feed_id", "feeds", "id")],
        not_null={"feed_id", "entry_key", "first_seen"},
    )
    db["entries"].create_index(["feed_id", "entry_key"], unique=True)
    db["entries"].create_index(["feed_id", "url"])
    db["entries"].create_index(["published"])

    db["articles"].create(
        {
            "id": str,                   # hash of canonical_url (scrapers.urls.url_id)
            "url": str,                  # the URL fetched
            "canonical_url": str,
            "feed_id": int,
            "entry_key": str,
            "title": str,
            "text": str,
            "published": str,
            "lang": str,
            "source": str,               # page | feed
            "fetch_error": str,
            "fetched_at": str,
        },
        pk="id",
        not_null={"url", "canonical_url", "source", "fetched_at"},
    )
    db["articles"].create_index(["canonical_url"], unique=True)
    db["articles"].create_index(["published"])
    db["article_urls"].create(
        {"url": str, "article_id": str},
        pk="url",
        foreign_keys=[("article_id", "articles", "id")],
    )


@MIGRATIONS(name="0002_feeds_content_hash")
def _add_content_hash(db) -> None:
    # Hash of the last feed body parsed: an unchanged body from a server that sends
    # no ETag/Last-Modified is then treated like a 304 and not parsed again.
    db["feeds"].add_column("content_hash", str)


@MIGRATIONS(name="0003_entries_todo")
def _entries_todo(db) -> None:
    # The to-do list: an entry stays "pending" until its article is stored (or its
    # fetch failed for good), so a cycle that dies after polling loses nothing; the
    # next cycle fetches what is pending first, even when the feed answers 304.
    # Entries stored before this migration were handled by the old code: done.
    db.execute("alter table entries add column state text not null default 'pending'")
    db.execute("alter table entries add column attempts integer not null default 0")
    db.execute("alter table entries add column next_attempt_at text")
    db.execute("alter table entries add column last_error text")
    db.execute("alter table entries add column done_at text")
    db.execute("update entries set state = 'done', done_at = first_seen")
    db["entries"].create_index(["state", "next_attempt_at"])


@MIGRATIONS(name="0004_feeds_entries_left_out")
def _entries_left_out(db) -> None:
    # How many entries of the last parsed document were not read (more than
    # scrapers.feeds.MAX_ENTRIES): feed health says so instead of dropping them silently.
    db.execute("alter table feeds add column entries_left_out integer not null default 0")


# ---------------------------------------------------------------------- feeds


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)


def sync_feeds(db, feeds: Iterable[Any], now: datetime | None = None) -> dict[str, int]:
    """Make storage follow the config: insert new feeds, update name/lang, mark removed ones.

    Feeds no longer configured keep their rows and history but are not polled.
    Returns counts: added, updated, unconfigured, reconfigured.
    """
    stamp = iso(_now(now))
    counts = {"added": 0, "updated": 0, "unconfigured": 0, "reconfigured": 0}
    wanted: set[str] = set()
    with db.atomic():
        for feed in feeds:
            url = feed.url.strip()
            wanted.add(url)
            row = next(db.query("select * from feeds where config_url = ? or url = ? order by config_url = ? desc limit 1",
                                [url, url, url]), None)
            if row is None:
                db["feeds"].insert(
                    {"url": url, "config_url": url, "name": feed.name, "lang": feed.lang, "configured": 1,
                     "enabled": 1, "consecutive_failures": 0, "created_at": stamp, "updated_at": stamp},
                )
                counts["added"] += 1
                continue
            changes: dict[str, Any] = {}
            if row["name"] != feed.name or row["lang"] != feed.lang:
                changes.update(name=feed.name, lang=feed.lang)
                counts["updated"] += 1
            if not row["configured"]:
                changes["configured"] = 1
                counts["reconfigured"] += 1
            if row["config_url"] != url:
                changes["config_url"] = url
            if changes:
                changes["updated_at"] = stamp
                db["feeds"].update(row["id"], changes)
        for row in db.query("select id, config_url from feeds where configured = 1"):
            if row["config_url"] not in wanted:
                db["feeds"].update(row["id"], {"configured": 0, "updated_at": stamp})
                counts["unconfigured"] += 1
    return counts


def _state(row: dict) -> FeedState:
    return FeedState(
        id=row["id"], url=row["url"], name=row["name"], lang=row["lang"], etag=row["etag"],
        last_modified=row["last_modified"], consecutive_failures=row["consecutive_failures"],
        next_poll_at=row["next_poll_at"], content_hash=row.get("content_hash"),
    )


def due_feeds(db, now: datetime | None = None) -> list[FeedState]:
    """Configured, enabled feeds whose next poll time has come (backoff and server hints respected)."""
    rows = db.query(
        "select * from feeds where configured = 1 and enabled = 1 "
        "and (next_poll_at is null or next_poll_at <= ?) order by next_poll_at is not null, next_poll_at, id",
        [iso(_now(now))],
    )
    return [_state(row) for row in rows]


def waiting_after_errors(db, now: datetime | None = None) -> int:
    """Configured, enabled feeds not polled now because they are backing off after failures."""
    row = db.execute(
        "select count(*) from feeds where configured = 1 and enabled = 1 and consecutive_failures > 0 "
        "and next_poll_at > ?",
        [iso(_now(now))],
    ).fetchone()
    return row[0]


def get_feed(db, feed_id: int) -> FeedState | None:
    row = next(db.query("select * from feeds where id = ?", [feed_id]), None)
    return _state(row) if row else None


def backoff_seconds(failures: int, base: int = BASE_BACKOFF_SECONDS, cap: int = MAX_BACKOFF_SECONDS) -> float:
    """Exponential backoff with +-10 % jitter: base, 2x base, 4x base ... capped."""
    if failures <= 0:
        return 0.0
    delay = min(cap, base * 2 ** min(failures - 1, 30))
    return min(cap, delay * random.uniform(0.9, 1.1))


def _entry_seen(db, entry: FeedEntry) -> bool:
    if next(db.query("select 1 from entries where feed_id = ? and entry_key = ?", [entry.feed_id, entry.entry_key]), None):
        return True
    # Same link and title under another key: the publisher changed its GUIDs.
    if entry.url and next(db.query("select 1 from entries where feed_id = ? and url = ? and title = ? limit 1",
                                   [entry.feed_id, entry.url, entry.title]), None):
        return True
    return False


def record_poll(
    db,
    poll: FeedPoll,
    now: datetime | None = None,
    *,
    base_backoff: int = BASE_BACKOFF_SECONDS,
    max_backoff: int = MAX_BACKOFF_SECONDS,
) -> list[FeedEntry]:
    """Store a poll's outcome and its entries; return only the entries never seen before.

    The new entries join the to-do list (state "pending") in the same transaction
    that advances the feed's validators (ETag, Last-Modified, content hash): a
    validator that would make the next poll answer 304 is never stored without
    the entries it stands for.
    """
    now = _now(now)
    stamp = iso(now)
    row = next(db.query("select * from feeds where id = ?", [poll.feed_id]), None)
    if row is None:
        return []
    changes: dict[str, Any] = {
        "last_status": poll.status, "last_http_status": poll.http_status, "last_polled_at": stamp,
        "last_elapsed": round(poll.elapsed_seconds, 3), "updated_at": stamp,
    }
    wait = 0.0
    if poll.status in ("ok", "not_modified"):
        changes.update(consecutive_failures=0, last_error=None, last_success_at=stamp)
        if poll.etag or poll.status == "ok":
            changes["etag"] = poll.etag
        if poll.last_modified or poll.status == "ok":
            changes["last_modified"] = poll.last_modified
        if poll.content_hash:
            changes["content_hash"] = poll.content_hash
        if poll.status == "ok":
            changes["last_problem"] = poll.problem
            changes["entries_left_out"] = poll.entries_left_out
            if poll.title:
                changes["title"] = poll.title
        wait = poll.max_age_seconds or 0.0
    elif poll.status == "gone":
        changes.update(enabled=0, last_error=poll.error,
                       disabled_reason=f"410 Gone at {stamp}: the publisher removed this feed")
    else:
        failures = row["consecutive_failures"] + 1
        changes.update(consecutive_failures=failures, last_error=poll.error)
        wait = backoff_seconds(failures, base_backoff, max_backoff)
    if poll.retry_after_seconds:
        wait = max(wait, poll.retry_after_seconds)
    wait = min(wait, MAX_WAIT_SECONDS)
    changes["next_poll_at"] = iso(now + timedelta(seconds=wait)) if wait > 0 else stamp
    if poll.new_url and poll.new_url != row["url"]:
        clash = next(db.query("select id from feeds where url = ? and id != ?", [poll.new_url, row["id"]]), None)
        if clash is None:
            changes.update(url=poll.new_url, moved_from=row["url"], etag=poll.etag, last_modified=poll.last_modified)
        else:
            changes["last_problem"] = f"moved permanently to {poll.new_url}, already polled as feed {clash['id']}"

    new: list[FeedEntry] = []
    with db.atomic():
        for entry in poll.entries:
            if entry.feed_id != poll.feed_id or _entry_seen(db, entry):
                continue
            cursor = db.execute(
                "insert or ignore into entries (feed_id, entry_key, url, title, summary, published, "
                "published_raw, lang, first_seen, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
                [entry.feed_id, entry.entry_key, entry.url, entry.title, entry.summary,
                 entry.published or stamp, entry.published_raw, entry.lang, stamp],
            )
            if cursor.rowcount:
                new.append(entry)
        if new:
            changes["last_new_item_at"] = stamp
        db["feeds"].update(row["id"], changes)
    return new


# ---------------------------------------------------------------------- articles


def _article_for_url(db, url: str | None) -> str | None:
    if not url:
        return None
    row = next(db.query("select article_id from article_urls where url = ?", [url]), None)
    return row["article_id"] if row else None


def entries_to_fetch(db, entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """Entries whose article is not stored yet, each article once (first entry wins)."""
    todo: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in entries:
        key = entry.url or f"{entry.feed_id}\x00{entry.entry_key}"
        if key in seen:
            continue
        seen.add(key)
        if entry.url and _article_for_url(db, entry.url):
            continue
        todo.append(entry)
    return todo


def find_article(db, doc: ArticleDoc) -> str | None:
    """The id of the stored article `doc` is, if any (by canonical URL or any URL that led to it)."""
    existing = _article_for_url(db, doc.canonical_url) or _article_for_url(db, doc.url)
    if existing is None:
        row = next(db.query("select id from articles where canonical_url = ?", [doc.canonical_url]), None)
        existing = row["id"] if row else None
    return existing


def stored_article_doc(db, entry: FeedEntry) -> ArticleDoc | None:
    """The stored article this entry's link leads to, as a document to store again (a no-op
    unless its rounds were never recorded), or None."""
    article_id = _article_for_url(db, entry.url)
    row = next(db.query("select * from articles where id = ?", [article_id]), None) if article_id else None
    if row is None:
        return None
    return ArticleDoc(
        id=row["id"], url=entry.url or row["url"], canonical_url=row["canonical_url"], feed_id=entry.feed_id,
        title=row["title"] or "", text=row["text"] or "", published=row["published"], lang=row["lang"],
        source=row["source"], fetch_error=row["fetch_error"], entry_key=entry.entry_key,
    )


def save_article(db, doc: ArticleDoc, now: datetime | None = None) -> tuple[str, bool]:
    """Store an article once per canonical URL; (article id, inserted now?)."""
    stamp = iso(_now(now))
    with db.atomic():
        existing = find_article(db, doc)
        is_new = existing is None
        article_id = existing or doc.id
        if is_new:
            db.execute(
                "insert or ignore into articles (id, url, canonical_url, feed_id, entry_key, title, text, "
                "published, lang, source, fetch_error, fetched_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [doc.id, doc.url, doc.canonical_url, doc.feed_id, doc.entry_key, doc.title, doc.text,
                 doc.published, doc.lang, doc.source, doc.fetch_error, stamp],
            )
        for url in {doc.url, doc.canonical_url}:
            db.execute("insert or ignore into article_urls (url, article_id) values (?, ?)", [url, article_id])
    return article_id, is_new


def save_articles(db, docs: Iterable[ArticleDoc], now: datetime | None = None) -> list[tuple[str, bool]]:
    """`save_article` for a batch, in one transaction (one disk sync instead of one per article)."""
    with db.atomic():
        return [save_article(db, doc, now) for doc in docs]


# ---------------------------------------------------------------------- health


def _health_state(row: dict, now: str) -> str:
    if not row["configured"]:
        return "not configured"
    if not row["enabled"]:
        return "disabled"
    if row["last_polled_at"] is None:
        return "never polled"
    if row["consecutive_failures"]:
        return "failing"
    return "ok"


def feed_health(db, now: datetime | None = None) -> list[dict]:
    """One dict per feed (configured first), for `fundwatch feeds`."""
    stamp = iso(_now(now))
    rows = db.query(
        "select f.*, (select count(*) from entries e where e.feed_id = f.id) as entries, "
        "(select count(*) from entries e where e.feed_id = f.id and e.state = 'pending') as pending "
        "from feeds f order by f.configured desc, f.enabled desc, f.id"
    )
    out = []
    for row in rows:
        out.append({
            "id": row["id"],
            "name": row["name"] or row["title"],
            "url": row["url"],
            "config_url": row["config_url"],
            "lang": row["lang"],
            "state": _health_state(row, stamp),
            "configured": bool(row["configured"]),
            "enabled": bool(row["enabled"]),
            "disabled_reason": row["disabled_reason"],
            "consecutive_failures": row["consecutive_failures"],
            "last_status": row["last_status"],
            "last_http_status": row["last_http_status"],
            "last_error": row["last_error"],
            "last_problem": row["last_problem"],
            "last_polled_at": row["last_polled_at"],
            "last_success_at": row["last_success_at"],
            "last_new_item_at": row["last_new_item_at"],
            "next_poll_at": row["next_poll_at"],
            "moved_from": row["moved_from"],
            "entries": row["entries"],
            "entries_left_out": row.get("entries_left_out") or 0,
            "pending": row["pending"],
        })
    return out
