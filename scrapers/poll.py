"""Polling feeds and fetching articles: the network half of a cycle.

Both functions take a `Fetcher` and return one result per input; a bad feed or
page becomes a result with an error, never an exception that stops the others.
CPU work (feed parsing, text extraction) runs in worker threads so the event
loop keeps the network busy meanwhile.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapers.articles import extract_article, is_html
from scrapers.feeds import FeedParseError, parse_feed
from scrapers.http import FetchError, Fetcher, FetchTimeout, NetworkError, NotSent
from scrapers.models import ArticleDoc, FeedEntry, FeedPoll, FeedState, FetchedPage
from scrapers.robots import RobotsCache
from scrapers.urls import try_canonicalize, url_id

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
RETRY_STATUSES = {429, 503}
# Answers that may be different next time: the article is tried again in a later
# cycle before the feed's own text is used (storage.todo.MAX_ATTEMPTS).
TRANSIENT_PAGE_STATUSES = {408, 425, 429, 500, 502, 503, 504}
# Where publishers send readers instead of the article: such a page is not the
# article and its URL must never become the article's identity (it would merge
# every article behind the wall into one).
_WALL_PATH = re.compile(r"(consent|login|log-in|signin|sign-in|subscribe|paywall|gdpr|cookie|privacy-gate)", re.I)
_MAX_AGE = re.compile(r"(?:^|[,\s])(?:s-)?max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def parse_max_age(value: str | None) -> float | None:
    if not value or "no-store" in value.lower():
        return None
    m = _MAX_AGE.search(value)
    return float(m.group(1)) if m else None


async def poll_feed(fetcher: Fetcher, feed: FeedState, now: datetime | None = None) -> FeedPoll:
    """Poll one feed with a conditional GET. Never raises for network or content faults."""
    now = now or datetime.now(timezone.utc)
    started = time.monotonic()
    headers = {"Accept": FEED_ACCEPT}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    base = {"feed_id": feed.id, "url": feed.url}
    try:
        result = await fetcher.get(feed.url, headers=headers)
    except FetchError as exc:
        return FeedPoll(**base, status="failed", error=str(exc), elapsed_seconds=time.monotonic() - started)
    except Exception as exc:  # a bug must not stop the other feeds either
        log.exception("unexpected error polling %s", feed.url)
        return FeedPoll(**base, status="failed", error=f"internal: {type(exc).__name__}: {exc}",
                        elapsed_seconds=time.monotonic() - started)

    new_url = result.permanent_url if result.permanent_url and result.permanent_url != feed.url else None
    common = dict(
        base,
        http_status=result.status,
        etag=result.headers.get("etag"),
        last_modified=result.headers.get("last-modified"),
        max_age_seconds=parse_max_age(result.headers.get("cache-control")),
        retry_after_seconds=parse_retry_after(result.headers.get("retry-after"), now),
    )
    elapsed = lambda: time.monotonic() - started  # noqa: E731
    if result.status == 304:
        return FeedPoll(**common, status="not_modified", new_url=new_url, elapsed_seconds=elapsed())
    if result.status == 410:
        return FeedPoll(**common, status="gone", error="410 Gone: the publisher removed this feed",
                        elapsed_seconds=elapsed())
    if result.status != 200:
        reason = "too many requests" if result.status == 429 else "HTTP error"
        return FeedPoll(**common, status="failed", error=f"http {result.status}: {reason}", elapsed_seconds=elapsed())
    if not result.body.strip():
        return FeedPoll(**common, status="failed", error="empty body", elapsed_seconds=elapsed())
    digest = hashlib.sha256(result.body).hexdigest()
    if feed.content_hash == digest:
        # A server without validators sent the same bytes again: as good as a 304, no parsing.
        return FeedPoll(**common, status="not_modified", new_url=new_url, content_hash=digest,
                        elapsed_seconds=elapsed())
    try:
        parsed = await asyncio.to_thread(
            parse_feed, result.body, result.final_url, result.content_type,
            feed_id=feed.id, lang=feed.lang, now=now,
        )
    except FeedParseError as exc:
        return FeedPoll(**common, status="failed", error=f"parse: {exc}", elapsed_seconds=elapsed())
    except Exception as exc:  # feedparser is robust, but never trust a parser with the whole cycle
        log.exception("parser failed on %s", feed.url)
        return FeedPoll(**common, status="failed", error=f"parse: {type(exc).__name__}: {exc}",
                        elapsed_seconds=elapsed())
    if parsed.problem:
        log.warning("feed %s: %s", feed.url, parsed.problem)
    return FeedPoll(
        **common, status="ok", entries=parsed.entries, new_url=new_url, problem=parsed.problem,
        title=parsed.title, content_hash=digest, elapsed_seconds=elapsed(), entries_left_out=parsed.left_out,
    )


async def poll_feeds(fetcher: Fetcher, feeds: Iterable[FeedState], now: datetime | None = None) -> list[FeedPoll]:
    """Poll every feed concurrently (the fetcher enforces the limits); one FeedPoll each, in order."""
    feeds = list(feeds)
    return list(await asyncio.gather(*(poll_feed(fetcher, feed, now) for feed in feeds)))


def _entry_doc_url(entry: FeedEntry) -> str:
    return entry.url or f"urn:fundwatch:entry:{entry.feed_id}:{url_id(entry.entry_key)}"


def feed_doc(entry: FeedEntry, error: str | None, *, retryable: bool = False, attempted: bool = True) -> ArticleDoc:
    """The article as the feed tells it (title, content or summary)."""
    url = _entry_doc_url(entry)
    return ArticleDoc(
        id=url_id(url), url=url, canonical_url=url, feed_id=entry.feed_id, title=entry.title,
        text=entry.summary, published=entry.published, lang=entry.lang, source="feed",
        fetch_error=error, entry_key=entry.entry_key, retryable=retryable, attempted=attempted,
    )


async def fetch_article(fetcher: Fetcher, entry: FeedEntry, not_after: float | None = None,
                        *, read: bool = True) -> ArticleDoc | FetchedPage:
    """One article: the page's text when it can be had, else the feed's own text.

    With `read=False` an HTML page comes back as fetched (`FetchedPage`), for
    `read_page` to turn into the article elsewhere; every other outcome is
    already the article (from the feed's text).

    A failure that may pass (timeout, network error, 5xx, 429) or a request never
    sent before `not_after` comes back `retryable`: the caller keeps the entry on
    its to-do list instead of settling for the feed's text at once.
    """
    if not entry.url:
        return feed_doc(entry, "entry has no link")
    if fetcher.robots is None:
        fetcher.robots = RobotsCache(fetcher)
    try:
        if not await fetcher.robots.allowed(entry.url):
            return feed_doc(entry, "robots.txt disallows this page")
        result = await fetcher.get(entry.url, headers={"Accept": PAGE_ACCEPT}, not_after=not_after)
    except NotSent as exc:
        return feed_doc(entry, str(exc), retryable=True, attempted=False)
    except (FetchTimeout, NetworkError) as exc:
        return feed_doc(entry, str(exc), retryable=True)
    except FetchError as exc:
        return feed_doc(entry, str(exc))
    if result.status in TRANSIENT_PAGE_STATUSES:
        return feed_doc(entry, f"http {result.status}", retryable=True)
    if result.status != 200:
        return feed_doc(entry, f"http {result.status}")
    if result.redirects and _WALL_PATH.search(urlsplit(result.final_url).path + "?" + urlsplit(result.final_url).query) \
            and not _WALL_PATH.search(entry.url):
        return feed_doc(entry, f"redirected to a consent or login page: {result.final_url[:200]}")
    if not is_html(result.content_type, result.body):
        return feed_doc(entry, f"not HTML: {result.media_type or 'unknown type'}")
    fetched = FetchedPage(entry=entry, body=result.body, final_url=result.final_url,
                          content_type=result.content_type)
    if not read:
        return fetched
    return await asyncio.to_thread(read_page, fetched)


def read_page(fetched: FetchedPage) -> ArticleDoc:
    """A fetched page's article: its text and metadata, else the feed's own text.

    Pure CPU work, no network: it can run in a thread, or in another process or
    machine (the page and the result are plain picklable values).
    """
    entry = fetched.entry
    try:
        page = extract_article(fetched.body, fetched.final_url, fetched.content_type)
    except Exception as exc:  # extraction must never lose the entry
        log.exception("extraction failed on %s", entry.url)
        return feed_doc(entry, f"extraction: {type(exc).__name__}: {exc}")
    if not page.text:
        return feed_doc(entry, "no article text found on the page")
    canonical = page.canonical_url or try_canonicalize(fetched.final_url) or entry.url
    published = entry.published
    if entry.published_raw is None and page.published:
        published = page.published
    return ArticleDoc(
        id=url_id(canonical), url=entry.url, canonical_url=canonical, feed_id=entry.feed_id,
        title=page.title or entry.title, text=page.text, published=published,
        lang=page.lang or entry.lang, source="page", fetch_error=None, entry_key=entry.entry_key,
    )


async def fetch_articles(fetcher: Fetcher, entries: Iterable[FeedEntry],
                         not_after: float | None = None, *, read: bool = True) -> list[ArticleDoc | FetchedPage]:
    """Fetch and extract every entry's article concurrently; one ArticleDoc each, in order.

    Requests not sent by `not_after` (time.monotonic()) come back as not attempted.
    With `read=False`, HTML pages come back unread (see `fetch_article`).
    """
    entries = list(entries)

    async def safe(entry: FeedEntry) -> ArticleDoc | FetchedPage:
        try:
            return await fetch_article(fetcher, entry, not_after, read=read)
        except Exception as exc:  # noqa: BLE001 - one page never stops the batch
            log.exception("unexpected error fetching %s", entry.url)
            return feed_doc(entry, f"internal: {type(exc).__name__}: {exc}")

    return list(await asyncio.gather(*(safe(entry) for entry in entries)))
