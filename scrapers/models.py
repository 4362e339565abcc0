"""The values that travel between polling, storage and the flow.

Frozen dataclasses: a poll result or an entry is a fact about one moment and is
never patched afterwards; storage derives its rows from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PollStatus = Literal["ok", "not_modified", "failed", "gone"]
DocSource = Literal["page", "feed"]


@dataclass(frozen=True)
class FeedState:
    """A feed as storage knows it, ready to be polled."""

    id: int
    url: str
    name: str | None = None
    lang: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    consecutive_failures: int = 0
    next_poll_at: str | None = None
    content_hash: str | None = None   # of the last body parsed (servers without validators)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, identified by `entry_key` within its feed."""

    feed_id: int
    entry_key: str
    url: str | None
    title: str
    summary: str
    published: str | None
    published_raw: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class FeedPoll:
    """The outcome of polling one feed; never an exception."""

    feed_id: int
    url: str
    status: PollStatus
    http_status: int | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    new_url: str | None = None
    retry_after_seconds: float | None = None
    max_age_seconds: float | None = None
    error: str | None = None
    problem: str | None = None
    elapsed_seconds: float = 0.0
    title: str | None = None
    content_hash: str | None = None
    entries_left_out: int = 0         # entries of a huge document not read (the oldest)


@dataclass(frozen=True)
class ArticleDoc:
    """An article's text, from its page or, failing that, from its feed entry."""

    id: str
    url: str
    canonical_url: str
    feed_id: int | None
    title: str
    text: str
    published: str | None
    lang: str | None
    source: DocSource
    fetch_error: str | None = None
    entry_key: str | None = None
    # The page could not be had this time, but may be later (timeout, network error,
    # 5xx, 429): the entry stays on the to-do list and is tried again.
    retryable: bool = False
    # False: the request was never sent (the cycle's fetch budget ran out first);
    # the entry waits for the next cycle and no attempt is counted.
    attempted: bool = True


@dataclass(frozen=True)
class FetchedPage:
    """An article page as it came off the wire, not read yet (see scrapers.poll.read_page)."""

    entry: FeedEntry
    body: bytes
    final_url: str
    content_type: str | None
