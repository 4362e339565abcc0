"""The cycle's stages as plain functions: no Prefect here, so they test without a server.

`flows/monitor.py` wraps them in tasks. Each stage opens its own connection:
Prefect may run a task in another thread than the flow, and a sqlite3
connection belongs to the thread that made it.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

import storage.feeds as feed_store
from extraction import extract_events
from scrapers.models import ArticleDoc, FeedEntry, FeedPoll, FeedState
from storage import open_db
from storage.events import ArticleRef, record_article_events

log = logging.getLogger("fundwatch.stages")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def due_feeds(db_path: Path, feeds: Iterable, now: datetime) -> list[FeedState]:
    """Bring the feeds table in line with the config; return the feeds to poll now."""
    db = open_db(db_path)
    try:
        feed_store.sync_feeds(db, feeds)
        return feed_store.due_feeds(db, now)
    finally:
        db.conn.close()


@dataclass
class PollOutcome:
    to_fetch: list[FeedEntry] = field(default_factory=list)
    new_entries: int = 0
    ok: int = 0
    not_modified: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def record_polls(db_path: Path, polls: Sequence[FeedPoll], now: datetime) -> PollOutcome:
    """Store each feed's health and entries; return entries whose article is still unknown."""
    out = PollOutcome()
    db = open_db(db_path)
    try:
        new: list[FeedEntry] = []
        for poll in polls:
            entries = feed_store.record_poll(db, poll, now)
            new.extend(entries)
            if poll.status == "ok":
                out.ok += 1
            elif poll.status == "not_modified":
                out.not_modified += 1
            else:
                out.failed.append((poll.url, poll.error or poll.status))
        out.new_entries = len(new)
        out.to_fetch = feed_store.entries_to_fetch(db, new)
    finally:
        db.conn.close()
    return out


@dataclass
class StoreOutcome:
    new_articles: int = 0
    from_feed_text: int = 0
    syndicated: int = 0
    new_rounds: list[int] = field(default_factory=list)  # the article's news: these alert
    new_background: list[int] = field(default_factory=list)  # past rounds mentioned in passing
    updated_rounds: list[int] = field(default_factory=list)
    failed_articles: list[tuple[str, str]] = field(default_factory=list)  # (url, error)


def store_articles(db_path: Path, docs: Sequence[ArticleDoc]) -> StoreOutcome:
    """Save each article, extract its rounds, and merge them into the stored rounds.

    Safe to retry: articles are keyed by canonical URL and rounds by identity, so a
    second pass over the same documents adds nothing and enqueues no alert.
    """
    out = StoreOutcome()
    db = open_db(db_path)
    try:
        for doc in docs:
            article_id, is_new = feed_store.save_article(db, doc)
            if is_new:
                out.new_articles += 1
                out.from_feed_text += doc.source == "feed"
            # Decided by "were its rounds recorded?", not "is the article new?": a retry
            # after a crash between saving and recording must still record them.
            if not doc.text or _already_recorded(db, article_id):
                continue
            try:
                result = extract_and_record(
                    db, article_id, doc.canonical_url or doc.url, doc.title, doc.text, doc.published, doc.lang
                )
            except sqlite3.Error:
                raise  # the database's trouble, not the article's: let the task retry
            except Exception as exc:
                # One article that trips the extractor must not cost the batch its
                # other articles; `fundwatch reextract` reads it again after a fix.
                log.exception("could not extract rounds from %s", doc.canonical_url or doc.url)
                out.failed_articles.append((doc.canonical_url or doc.url, repr(exc)))
                continue
            for event_id in result.new_event_ids:
                if _is_main(db, event_id):
                    out.new_rounds.append(event_id)
                else:
                    out.new_background.append(event_id)
            out.updated_rounds += result.updated_event_ids
            out.syndicated += result.duplicate_of is not None
    finally:
        db.conn.close()
    return out


def extract_and_record(db, article_id: str, url: str, title: str | None, text: str,
                       published: str | None, lang: str | None):
    """Extract an article's rounds and merge them into the stored rounds.

    Replaces whatever was recorded for this article before, so it serves both
    a first read and a re-extraction after an extractor upgrade.
    """
    events = extract_events(text, title=title, lang=lang, published=(published or "")[:10] or None)
    ref = ArticleRef(id=article_id, url=url, title=title, published=published, lang=lang, text=text)
    return record_article_events(db, ref, [e.as_dict() for e in events])


def _already_recorded(db, article_id: str) -> bool:
    row = db.execute("select 1 from event_articles where article_id = ?", [article_id]).fetchone()
    return row is not None


def _is_main(db, event_id: int) -> bool:
    row = db.execute("select main from events where id = ?", [event_id]).fetchone()
    return bool(row and row[0])


def deliver_alerts(db_path: Path, targets: Sequence):
    from alerts.delivery import deliver_pending

    db = open_db(db_path)
    try:
        return deliver_pending(db, targets)
    finally:
        db.conn.close()


def batched(items: Sequence, size: int) -> list[list]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
