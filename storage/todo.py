"""The to-do list of feed entries whose article still has to be fetched and stored.

An entry joins the list as "pending" in the transaction that records its feed's
poll (storage.feeds.record_poll) and leaves it ("done") in the transaction that
stores its article, so a cycle killed at any point between the two leaves the
entry pending, and the next cycle does it first, whatever the feed answers.

A fetch that failed in a way that may pass (timeout, network error, 5xx, 429)
keeps the entry pending with a retry time; after MAX_ATTEMPTS such failures the
article is stored from the feed's own text, like any page that cannot be had.
A request never sent (the cycle ran out of time) counts no attempt.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from scrapers.dates import iso
from scrapers.models import ArticleDoc, FeedEntry

MAX_ATTEMPTS = 3
RETRY_BASE = timedelta(minutes=5)   # 5 min, then 10 min, ...
RETRY_CAP = timedelta(hours=6)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)


def _entry(row: dict) -> FeedEntry:
    return FeedEntry(
        feed_id=row["feed_id"], entry_key=row["entry_key"], url=row["url"], title=row["title"] or "",
        summary=row["summary"] or "", published=row["published"], published_raw=row["published_raw"],
        lang=row["lang"],
    )


def pending(db, now: datetime | None = None) -> list[FeedEntry]:
    """Pending entries of configured feeds that are due, oldest first."""
    rows = db.query(
        "select e.* from entries e join feeds f on f.id = e.feed_id"
        " where e.state = 'pending' and f.configured = 1"
        " and (e.next_attempt_at is null or e.next_attempt_at <= ?) order by e.id",
        [iso(_now(now))],
    )
    return [_entry(row) for row in rows]


def count_pending(db) -> int:
    return db.execute("select count(*) from entries where state = 'pending'").fetchone()[0]


def attempts(db, entry_key: str | None, feed_id: int | None) -> int:
    row = db.execute("select attempts from entries where feed_id = ? and entry_key = ?",
                     [feed_id, entry_key]).fetchone()
    return row[0] if row else 0


def mark_done(db, doc: ArticleDoc, now: datetime | None = None) -> int:
    """Every pending entry that led to this article is done; runs in the caller's transaction."""
    urls = sorted({u for u in (doc.url, doc.canonical_url) if u})
    marks = ",".join("?" * len(urls)) or "null"
    cursor = db.execute(
        "update entries set state = 'done', done_at = ?, last_error = ?, next_attempt_at = null"
        f" where state = 'pending' and ((feed_id = ? and entry_key = ?) or url in ({marks}))",
        [iso(_now(now)), doc.fetch_error, doc.feed_id, doc.entry_key, *urls],
    )
    return cursor.rowcount


def retry_delay(attempt: int) -> timedelta:
    return min(RETRY_BASE * 2 ** max(attempt - 1, 0), RETRY_CAP)


def mark_retry(db, doc: ArticleDoc, now: datetime | None = None) -> None:
    """Record a failed fetch that may pass: one more attempt, tried again after a delay."""
    now = _now(now)
    with db.atomic():
        count = attempts(db, doc.entry_key, doc.feed_id) + 1
        db.execute(
            "update entries set attempts = ?, last_error = ?, next_attempt_at = ?"
            " where feed_id = ? and entry_key = ? and state = 'pending'",
            [count, (doc.fetch_error or "")[:1000], iso(now + retry_delay(count)), doc.feed_id, doc.entry_key],
        )
