"""The cycle's stages as plain functions: no Prefect here, so they test without a server.

`flows/monitor.py` wraps them in tasks. Each stage opens its own connection:
Prefect may run a task in another thread than the flow, and a sqlite3
connection belongs to the thread that made it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

import storage.feeds as feed_store
import storage.todo as todo
from extraction import extract_events
from scrapers.models import ArticleDoc, FeedEntry, FeedPoll, FeedState, FetchedPage
from scrapers.poll import read_page
from storage import open_db
from storage.db import synced_once
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


def feeds_waiting(db_path: Path, now: datetime) -> int:
    """How many feeds sit this cycle out, backing off after errors (for the summary)."""
    db = open_db(db_path)
    try:
        return feed_store.waiting_after_errors(db, now)
    finally:
        db.conn.close()


@dataclass
class PollOutcome:
    to_fetch: list[FeedEntry] = field(default_factory=list)  # the to-do list: pending entries to fetch
    stored_docs: list[ArticleDoc] = field(default_factory=list)  # pending entries whose article is stored already
    new_entries: int = 0
    ok: int = 0
    not_modified: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    entries_left_out: int = 0


def record_polls(db_path: Path, polls: Sequence[FeedPoll], now: datetime) -> PollOutcome:
    """Store each feed's health and new entries; return the whole to-do list.

    The to-do list is every pending entry in the database, not only this poll's
    new ones: what a dead cycle left undone is done now, oldest first, even for
    feeds that answered 304.
    """
    out = PollOutcome()
    db = open_db(db_path)
    try:
        for poll in polls:
            out.new_entries += len(feed_store.record_poll(db, poll, now))
            out.entries_left_out += poll.entries_left_out
            if poll.status == "ok":
                out.ok += 1
            elif poll.status == "not_modified":
                out.not_modified += 1
            else:
                out.failed.append((poll.url, poll.error or poll.status))
        out.to_fetch, out.stored_docs = pending_work(db, now)
    finally:
        db.conn.close()
    return out


def pending_work(db, now: datetime | None = None) -> tuple[list[FeedEntry], list[ArticleDoc]]:
    """(entries to fetch, each article once; stored articles whose entries are still pending).

    An article stored by a cycle that died before it marked the entry done is not
    fetched again: its stored text goes through the store stage once more, which
    records its rounds if they are missing and marks the entry done.
    """
    entries = todo.pending(db, now)
    fetch = feed_store.entries_to_fetch(db, entries)
    chosen = {(e.feed_id, e.entry_key) for e in fetch}
    stored: list[ArticleDoc] = []
    for entry in entries:
        if (entry.feed_id, entry.entry_key) in chosen:
            continue
        doc = feed_store.stored_article_doc(db, entry)
        if doc is not None:
            stored.append(doc)
        # else: same link as an entry fetched now; it is ticked off when that article is stored
    return fetch, stored


@dataclass
class StoreOutcome:
    new_articles: int = 0
    from_feed_text: int = 0
    syndicated: int = 0
    new_rounds: list[int] = field(default_factory=list)  # the article's news: these alert
    new_background: list[int] = field(default_factory=list)  # past rounds mentioned in passing
    updated_rounds: list[int] = field(default_factory=list)
    failed_articles: list[tuple[str, str]] = field(default_factory=list)  # (url, error)
    retry_later: int = 0  # fetch failed in a way that may pass: tried again in a later cycle
    not_reached: int = 0  # never requested (the cycle's fetch budget ran out): next cycle


@dataclass(frozen=True)
class ReadDoc:
    """An article read away from the writer: its text and its rounds extracted, nothing stored.

    What `read_articles` returns and `store_articles` takes: plain picklable
    values, so reading can run on other processes or machines (a Dask cluster)
    while one process stays the only writer of the SQLite file.
    """

    doc: ArticleDoc
    events: list[dict] | None = None  # None: nothing extracted (no text, or the page comes later)
    error: str | None = None          # the extractor failed on this article


def read_articles(items: Sequence[ArticleDoc | FetchedPage]) -> list[ReadDoc]:
    """Fetched pages to articles (HTML to text) and each article's rounds: CPU only, no I/O.

    One result per item, in order; an article the extractor trips on comes back
    with its error instead of stopping the others.
    """
    out = []
    for item in items:
        doc = read_page(item) if isinstance(item, FetchedPage) else item
        if not doc.text or doc.retryable:
            out.append(ReadDoc(doc))
            continue
        try:
            out.append(ReadDoc(doc, events=extract(doc)))
        except Exception as exc:
            log.exception("could not extract rounds from %s", doc.canonical_url or doc.url)
            out.append(ReadDoc(doc, error=repr(exc)))
    return out


def store_articles(db_path: Path, docs: Sequence[ArticleDoc | ReadDoc], now: datetime | None = None) -> StoreOutcome:
    """Save each article, extract its rounds, merge them into the stored rounds, tick its entry off.

    Articles that come as `ReadDoc` were extracted already (elsewhere, by
    `read_articles`): their rounds are written as they are, nothing extracted here.

    Per article, one transaction holds the article, its rounds, their alerts and
    the entry's "done": a crash leaves either all of it or none, and an entry is
    never done without its article. Safe to retry: articles are keyed by
    canonical URL and rounds by identity, so a second pass adds nothing.
    Every commit of the batch is on disk (fsynced) when it returns.
    """
    out = StoreOutcome()
    db = open_db(db_path)
    try:
        with synced_once(db):  # one fsync for the batch, not one per article's commit
            _store_batch(db, docs, out, now)
    finally:
        db.conn.close()
    return out


def _store_batch(db, docs: Sequence[ArticleDoc | ReadDoc], out: StoreOutcome, now: datetime | None) -> None:
    for item in docs:
        doc, read = (item.doc, item) if isinstance(item, ReadDoc) else (item, None)
        if doc.retryable and not doc.attempted:
            out.not_reached += 1  # stays pending as it is, first in line next cycle
            continue
        if doc.retryable and todo.attempts(db, doc.entry_key, doc.feed_id) + 1 < todo.MAX_ATTEMPTS:
            todo.mark_retry(db, doc, now)
            out.retry_later += 1
            continue
        _store_one(db, doc, out, now, read)


def _store_one(db, doc: ArticleDoc, out: StoreOutcome, now: datetime | None, read: ReadDoc | None = None) -> None:
    url = doc.canonical_url or doc.url
    known = feed_store.find_article(db, doc)
    events = None
    # Decided by "were its rounds recorded?", not "is the article new?": a retry
    # after a crash between saving and recording must still record them.
    if read is not None:
        events = read.events  # extracted already; recorded below only if still missing
        if read.error is not None and not (known and _already_recorded(db, known)):
            out.failed_articles.append((url, read.error))
    elif doc.text and not (known and _already_recorded(db, known)):
        try:
            # Outside the transaction: extraction is CPU work, no need to hold the write lock.
            events = extract(doc)
        except Exception as exc:
            # One article that trips the extractor must not cost the batch its
            # other articles; `fundwatch reextract` reads it again after a fix.
            log.exception("could not extract rounds from %s", url)
            out.failed_articles.append((url, repr(exc)))
    with db.atomic():
        article_id, is_new = feed_store.save_article(db, doc, now)
        result = None
        if events is not None and not _already_recorded(db, article_id):
            ref = ArticleRef(id=article_id, url=url, title=doc.title, published=doc.published,
                             lang=doc.lang, text=doc.text)
            try:
                # A savepoint of its own: a failure undoes the rounds, not the article.
                result = record_article_events(db, ref, events)
            except sqlite3.Error:
                raise  # the database's trouble, not the article's: the cycle stops, the entry stays to do
            except Exception as exc:
                # A bug on one article must not block the to-do list for ever;
                # `fundwatch reextract` reads it again after a fix.
                log.exception("could not record the rounds of %s", url)
                out.failed_articles.append((url, repr(exc)))
        todo.mark_done(db, doc, now)
    if is_new:
        out.new_articles += 1
        out.from_feed_text += doc.source == "feed"
    if result is None:
        return
    for event_id in result.new_event_ids:
        if _is_main(db, event_id):
            out.new_rounds.append(event_id)
        else:
            out.new_background.append(event_id)
    out.updated_rounds += result.updated_event_ids
    out.syndicated += result.duplicate_of is not None


def prepare_writer() -> None:
    """Pay the store step's one-time costs now: for a thread while the feeds are polled.

    The first article stored loaded datasketch (and with it scipy, ~0.7 s) for
    near-copy signatures and parsed the ECB rates file (~0.5-0.8 s) for amounts
    in other currencies; the cycle's writer paid both after the first pages were
    read, while fetching waited on it. Polling is mostly waiting on the network,
    so done then they cost the cycle next to nothing. Results are unchanged:
    these are caches and imports. Safe to call from several threads and again:
    a second call waits for the first, then returns at once (`fundwatch run`
    calls it while Prefect's server starts, the cycle calls it again).
    """
    global _writer_prepared
    with _preparing_writer:
        if _writer_prepared:
            return
        from storage import events_fingerprint
        from storage.identity import converter

        events_fingerprint.signature(" ".join(f"w{i}" for i in range(2 * events_fingerprint.MIN_SHINGLES)))
        converter()
        _writer_prepared = True


_preparing_writer = threading.Lock()
_writer_prepared = False


# A made-up page for prepare_reader: a funding story of a few sentences.
_WARM_UP_PAGE = (
    b"<html lang='en'><head><title>Examplo raises $5 million Series A</title></head><body><article>"
    b"<h1>Examplo raises $5 million Series A</h1>"
    b"<p>Examplo, a Berlin-based logistics software start-up, has raised $5 million (4.6 million euros) "
    b"in a Series A round led by Example Ventures, with participation from Sample Capital and existing "
    b"investors. The company, founded in 2021, said it would use the money to hire engineers.</p>"
    b"<p>Chief executive Jane Doe said the round values Examplo at 40 million dollars. "
    b"Last year it raised a seed round of 1.2 million euros.</p>"
    b"</article></body></html>"
)


def prepare_reader() -> ReadDoc:
    """Read one made-up page, so a reading process pays its one-time costs before real pages come.

    The first page read compiled the extractor's patterns and loaded its word
    lists (~1 s): in a reading process that started with the cycle, that wait
    fell on the first batch, which the writer and so the whole cycle waited for.
    Run while the feeds are polled, it costs nothing; callers throw the page's
    reading away (returned so that a test can see the extractor did run).
    """
    entry = FeedEntry(feed_id=0, entry_key="warm-up", url="https://example.com/warm-up", title="",
                      summary="", published=None, lang="en")
    return read_articles([FetchedPage(entry=entry, body=_WARM_UP_PAGE, final_url=entry.url,
                                      content_type="text/html; charset=utf-8")])[0]


def extract(doc: ArticleDoc) -> list[dict]:
    published = (doc.published or "")[:10] or None
    return [e.as_dict() for e in extract_events(doc.text, title=doc.title, lang=doc.lang, published=published)]


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


def deliver_alerts(db_path: Path, targets: Sequence, budget_seconds: float | None = None):
    from alerts.delivery import DELIVERY_BUDGET_SECONDS, deliver_pending

    db = open_db(db_path)
    try:
        return deliver_pending(db, targets, budget_seconds=budget_seconds or DELIVERY_BUDGET_SECONDS)
    finally:
        db.conn.close()


def interleave_hosts(entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    """Entries taken in turn from each host, each host's own in their order.

    Batches cut from this list finish one after another (the first batch holds
    every host's first pages, which go out first), so the writer can store the
    first while the rest are fetched. Cut from the list as it comes (one site's
    feeds after another's) every batch waited on one host and all finished at
    the end, leaving nothing to store until fetching was over.
    """
    from itertools import zip_longest

    from scrapers.http import host_key

    by_host: dict[str, list[FeedEntry]] = {}
    for entry in entries:
        try:
            host = host_key(entry.url) if entry.url else ""
        except ValueError:  # a link that is no URL: fetch_article turns it into feed text
            host = ""
        by_host.setdefault(host, []).append(entry)
    return [e for turn in zip_longest(*by_host.values()) for e in turn if e is not None]


def batched(items: Sequence, size: int) -> list[list]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
