"""One monitoring cycle, in order: poll, record, fetch, store, deliver.

The order and the bookkeeping live here once; what runs each step is passed in
(`Steps`). `flows/monitor.py` passes Prefect tasks; `run_plain` passes the plain
functions of `flows/stages.py` and runs the cycle without Prefect at all (no
server to start; `fundwatch run --no-prefect`).

The cycle resumes whatever an earlier one left undone: the to-do list (pending
entries) and the outbox live in the database, so a cycle killed at any point
loses nothing the next one cannot finish.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from flows import stages
from flows.cycle_lock import CycleBusy, cycle_lock
from flows.report import CycleReport
from flows.settings import Config
from scrapers.http import Fetcher
from scrapers.poll import fetch_articles, poll_feeds
from storage.health import check_file

FEEDS_PER_TASK = 25
ARTICLES_PER_TASK = 20


@dataclass(frozen=True)
class Steps:
    poll: Callable[..., Awaitable[list]]      # (fetcher, feeds) -> [FeedPoll]
    record: Callable[..., Any]                # (db_path, polls, now) -> PollOutcome
    scrape: Callable[..., Awaitable[list]]    # (fetcher, entries, not_after) -> [ArticleDoc]
    store: Callable[..., Any]                 # (db_path, docs) -> StoreOutcome
    deliver: Callable[..., Any]               # (db_path, targets) -> DeliveryReport


PLAIN_STEPS = Steps(
    poll=poll_feeds,
    record=stages.record_polls,
    scrape=fetch_articles,
    store=stages.store_articles,
    deliver=stages.deliver_alerts,
)


async def run_cycle(config: Config, steps: Steps, logger: logging.Logger | logging.LoggerAdapter) -> CycleReport:
    """One cycle under the cycle lock; a cycle that finds the lock taken skips."""
    started = time.perf_counter()
    report = CycleReport()
    check_file(config.db_path)  # a damaged file fails the run before anything is written
    try:
        with cycle_lock(config.db_path):
            await _cycle(config, steps, report, logger)
    except CycleBusy as exc:
        logger.warning("%s; skipping this cycle", exc)
        report.skipped_reason = str(exc)
    report.seconds = time.perf_counter() - started
    # Logged once the time is known: under `serve` and workers this line is the summary.
    logger.info(report.summary_line())
    return report


async def _cycle(config: Config, steps: Steps, report: CycleReport, logger) -> None:
    now = stages.utcnow()
    due = stages.due_feeds(config.db_path, config.feeds, now)
    report.feeds_due = len(due)
    report.feeds_waiting = stages.feeds_waiting(config.db_path, now)
    logger.info("%d feeds due", len(due))

    async with Fetcher(config.http) as fetcher:
        poll_results = await asyncio.gather(
            *(steps.poll(fetcher, batch) for batch in stages.batched(due, FEEDS_PER_TASK))
        )
        polls = [poll for batch in poll_results for poll in batch]
        outcome = steps.record(config.db_path, polls, now)
        report.feeds_ok, report.feeds_not_modified = outcome.ok, outcome.not_modified
        report.feeds_failed, report.failed_feeds = len(outcome.failed), outcome.failed
        report.new_entries = outcome.new_entries
        report.entries_left_out = outcome.entries_left_out
        for url, error in outcome.failed:
            logger.warning("feed failed: %s: %s", url, error)

        # Articles a dead cycle stored but did not tick off: finish them first.
        if outcome.stored_docs:
            _add(report, steps.store(config.db_path, outcome.stored_docs), logger)
        # Requests not sent by then wait for the next cycle (they stay pending).
        not_after = time.monotonic() + config.http.article_budget_seconds
        # Store each batch as soon as it is scraped, so a crash later in the
        # cycle keeps what was already read.
        batches = stages.batched(outcome.to_fetch, ARTICLES_PER_TASK)
        for next_docs in asyncio.as_completed([steps.scrape(fetcher, b, not_after) for b in batches]):
            docs = await next_docs
            _add(report, steps.store(config.db_path, docs), logger)

    _only_older_rounds_updated(report)

    # Delivery also retries what earlier cycles could not send.
    delivery = steps.deliver(config.db_path, config.alerts)
    report.alerts_sent, report.alerts_failed = delivery.sent, delivery.failed
    report.alerts_pending, report.alert_lines = delivery.pending, list(delivery.lines)


def _only_older_rounds_updated(report: CycleReport) -> None:
    """"Updated" counts rounds known before this cycle, each once.

    A round that a later article of the same cycle adds to is new, not updated:
    a first cycle on a fresh database printed "(1 updated)".
    """
    new = set(report.new_rounds) | set(report.new_background)
    report.updated_rounds = [r for r in dict.fromkeys(report.updated_rounds) if r not in new]


def _add(report: CycleReport, stored: stages.StoreOutcome, logger) -> None:
    report.new_articles += stored.new_articles
    report.articles_from_feed_text += stored.from_feed_text
    report.syndicated_copies += stored.syndicated
    report.new_rounds += stored.new_rounds
    report.new_background += stored.new_background
    report.updated_rounds += stored.updated_rounds
    report.unreadable_articles += stored.failed_articles
    report.articles_deferred += stored.retry_later + stored.not_reached
    for url, error in stored.failed_articles:
        logger.warning("could not extract rounds from %s: %s", url, error)


def run_plain(config: Config) -> CycleReport:
    """One cycle without Prefect: the same steps as plain function calls."""
    return asyncio.run(run_cycle(config, PLAIN_STEPS, logging.getLogger("fundwatch.cycle")))


# Without a handler, Python prints warnings of the "fundwatch" loggers to stderr
# itself (logging.lastResort), and `run --no-prefect` showed each failed feed
# twice: once logged, once in the command's own list. Whoever wants these logs
# configures logging; the command prints what people need.
logging.getLogger("fundwatch").addHandler(logging.NullHandler())
