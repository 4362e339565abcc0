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
import collections
import contextlib
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from flows import process_memory, stages
from flows.cycle_lock import CycleBusy, cycle_lock
from flows.dask_reading import plain_reader
from flows.process_reading import process_reader
from flows.report import CycleReport
from flows.settings import Config
from scrapers.http import Fetcher
from scrapers.poll import fetch_articles, poll_feeds
from storage.health import check_file

FEEDS_PER_TASK = 25
ARTICLES_PER_TASK = 20
# Scraped batches waiting for the writer, at most. Storing is the slower half of
# a big cycle; with no bound every page read waited in memory until stored (all
# 5,000 of a 5,000-article cycle). Beyond this, fetching waits for the writer.
WRITER_BACKLOG = 4


@dataclass(frozen=True)
class Steps:
    poll: Callable[..., Awaitable[list]]      # (fetcher, feeds) -> [FeedPoll]
    record: Callable[..., Any]                # (db_path, polls, now) -> PollOutcome
    scrape: Callable[..., Awaitable[list]]    # (fetcher, entries, not_after) -> [ArticleDoc]
    store: Callable[..., Any]                 # (db_path, docs) -> StoreOutcome
    deliver: Callable[..., Any]               # (db_path, targets) -> DeliveryReport
    # Under [scale]: (ScaleSettings) -> async context yielding read(pages) -> [ReadDoc],
    # which reads fetched pages on a Dask cluster (flows/dask_reading.py).
    reader: Callable[..., Any] = functools.partial(plain_reader, read_fn=stages.read_articles)
    # Without Dask, on 2+ cores: (processes) -> async context yielding read(pages) -> [ReadDoc],
    # which reads fetched pages in processes beside this one (flows/process_reading.py).
    local_reader: Callable[..., Any] = functools.partial(process_reader, read_fn=stages.read_articles)


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
    process_memory.limit_malloc_arenas()  # before the cycle's worker threads allocate
    try:
        with cycle_lock(config.db_path):
            await _cycle(config, steps, report, logger)
    except CycleBusy as exc:
        logger.warning("%s; skipping this cycle", exc)
        report.skipped_reason = str(exc)
    finally:
        process_memory.release_free_memory()  # what the next cycle starts from: what is in use
    report.seconds = time.perf_counter() - started
    # Logged once the time is known: under `serve` and workers this line is the summary.
    logger.info(report.summary_line())
    return report


async def _cycle(config: Config, steps: Steps, report: CycleReport, logger) -> None:
    async with contextlib.AsyncExitStack() as stack:
        starting_reader = local_read = None
        if config.scale.uses_dask:
            # The cluster starts (in a thread) while the feeds are polled.
            starting_reader = asyncio.ensure_future(stack.enter_async_context(steps.reader(config.scale)))
        elif config.scale.local_readers:
            # The reading processes start (load their modules) while the feeds are polled.
            local_read = await stack.enter_async_context(steps.local_reader(config.scale.local_readers))
        try:
            await _poll_fetch_store(config, steps, report, logger, starting_reader, local_read)
        finally:
            if starting_reader is not None:
                await _settled(starting_reader)  # started before the stack closes what it opened

    _only_older_rounds_updated(report)

    # Delivery also retries what earlier cycles could not send.
    delivery = steps.deliver(config.db_path, config.alerts)
    report.alerts_sent, report.alerts_failed = delivery.sent, delivery.failed
    report.alerts_pending, report.alert_lines = delivery.pending, list(delivery.lines)


async def _settled(future: asyncio.Future) -> None:
    """Wait for `future` to end, its error (if any) read: the cycle's own error says more."""
    await asyncio.wait([future])
    if not future.cancelled():
        future.exception()


async def _poll_fetch_store(config: Config, steps: Steps, report: CycleReport, logger,
                            starting_reader: asyncio.Future | None,
                            local_read: Callable[[list], Awaitable[list]] | None = None) -> None:
    now = stages.utcnow()
    due = stages.due_feeds(config.db_path, config.feeds, now)
    # The writer's one-time loading (stages.prepare_writer) runs while the feeds are polled;
    # a cycle with no feed due (most of a frequent cron's) does not pay for it: articles left
    # by an earlier cycle, if any, load the writer on their first store, as before.
    warming = asyncio.ensure_future(asyncio.to_thread(stages.prepare_writer)) if due else None
    if warming is not None:
        # Its error, if any, is read here: a cycle that stops before the writer starts
        # must not log "exception was never retrieved" (the first store fails anyway).
        warming.add_done_callback(lambda f: f.cancelled() or f.exception())
    report.feeds_due = len(due)
    report.feeds_waiting = stages.feeds_waiting(config.db_path, now)
    logger.info("%d feeds due", len(due))

    async with Fetcher(config.http) as fetcher:
        poll_results = await asyncio.gather(
            *(steps.poll(fetcher, batch) for batch in stages.batched(due, FEEDS_PER_TASK))
        )
        polls = [poll for batch in poll_results for poll in batch]
        outcome = steps.record(config.db_path, polls, now)
        del poll_results, polls  # every entry of every feed: recorded, the to-do list says what is left
        report.feeds_ok, report.feeds_not_modified = outcome.ok, outcome.not_modified
        report.feeds_failed, report.failed_feeds = len(outcome.failed), outcome.failed
        report.new_entries = outcome.new_entries
        report.entries_left_out = outcome.entries_left_out
        for url, error in outcome.failed:
            logger.warning("feed failed: %s: %s", url, error)

        # Storing (extraction, rounds, one transaction per article) is CPU and disk
        # work: it runs in one writer thread beside the event loop, so requests in
        # flight are read on time and new ones go out as slots free up, instead of
        # waiting for every stored batch (which once held the loop for minutes and
        # let page requests time out into feed text).
        writer = StoreWriter(steps.store, config.db_path, report, logger, ready=warming)
        writer.start()
        try:
            # Articles a dead cycle stored but did not tick off: finish them first.
            if outcome.stored_docs:
                await writer.put(outcome.stored_docs)
            # Requests not sent by then wait for the next cycle (they stay pending).
            budget = FetchBudget(config.http.article_budget_seconds)
            # Each batch is stored as soon as it is scraped, so a crash later in the
            # cycle keeps what was already read.
            batches = stages.batched(stages.interleave_hosts(outcome.to_fetch), ARTICLES_PER_TASK)
            outcome.to_fetch = []  # the batches hold them now, each only until it is scraped
            window = -(-config.http.concurrency // ARTICLES_PER_TASK) + 1

            async def store(docs: list) -> None:
                await budget.paused(writer.put(docs))  # time spent waiting for the writer is no fetch time

            if local_read is not None:
                async def read_then_store(pages: list) -> None:
                    # Read in another process from now on; the writer takes batches in the
                    # order they were fetched, each once read, and its backlog (read or
                    # being read) bounds what fetching may hold, as without the reader.
                    await store(asyncio.ensure_future(local_read(pages)))

                await _scrape_in_turn(batches, lambda b: steps.scrape(fetcher, b, budget.not_after, read=False),
                                      window, read_then_store)
            elif starting_reader is None:
                await _scrape_in_turn(batches, lambda b: steps.scrape(fetcher, b, budget.not_after), window, store)
            else:
                await _scrape_then_read(batches, lambda b: steps.scrape(fetcher, b, budget.not_after, read=False),
                                        window, await starting_reader, store)
        finally:
            await writer.finish()


def _only_older_rounds_updated(report: CycleReport) -> None:
    """"Updated" counts rounds known before this cycle, each once.

    A round that a later article of the same cycle adds to is new, not updated:
    a first cycle on a fresh database printed "(1 updated)".
    """
    new = set(report.new_rounds) | set(report.new_background)
    report.updated_rounds = [r for r in dict.fromkeys(report.updated_rounds) if r not in new]


async def _scrape_in_turn(batches: list, scrape: Callable[[list], Awaitable[list]], window: int,
                          done: Callable[[list], Awaitable[None]]) -> None:
    """Scrape batches, at most `window` at a time, starting the next as one ends,
    and hand each result to `done` (which may make the next start wait).

    The batches are taken out of `batches` as they start, so that entries scraped
    are not held until the end of the cycle.

    Enough to keep every connection slot busy, few enough that the pages of the
    first batches are sent first: with every batch started at once, each page's
    request joined its host's queue at a random place (the jitter before it) and
    all batches ended together, at the end of fetching.
    """
    batches.reverse()
    running: set[asyncio.Future] = set()
    try:
        while batches or running:
            while batches and len(running) < window:
                running.add(asyncio.ensure_future(scrape(batches.pop())))
            finished, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in finished:
                await done(task.result())
    finally:
        for task in running:
            task.cancel()


class FetchBudget:
    """When page requests stop being sent (time.monotonic()): `seconds` of fetching
    from now, not counting the time fetching waits for the store writer.

    Fetching waits for the writer when storing is the slower half; counted, that
    wait left a third of a 5,000-article cycle unrequested on a busy machine.
    """

    def __init__(self, seconds: float) -> None:
        self.not_after = time.monotonic() + seconds

    async def paused(self, waiting: Awaitable[None]) -> None:
        started = time.monotonic()
        try:
            await waiting
        finally:
            self.not_after += time.monotonic() - started


async def _scrape_then_read(batches: list, fetch: Callable[[list], Awaitable[list]], window: int,
                            read: Callable[[list], Awaitable[list]],
                            done: Callable[[list], Awaitable[None]]) -> None:
    """Fetch batches as `_scrape_in_turn` does; read each fetched batch elsewhere (a Dask
    cluster), then hand it to the writer. A batch being read holds no fetch slot."""
    reading: list[asyncio.Future] = []

    async def read_and_store(pages: list) -> None:
        await done(await read(pages))

    async def start_reading(pages: list) -> None:
        reading.append(asyncio.ensure_future(read_and_store(pages)))

    try:
        await _scrape_in_turn(batches, fetch, window, start_reading)
        await asyncio.gather(*reading)
    finally:
        for future in reading:
            future.cancel()
        await asyncio.gather(*reading, return_exceptions=True)


class StoreWriter:
    """One writer beside the event loop: batches are stored in arrival order, one
    at a time (SQLite has one writer), each in a worker thread. At most `backlog`
    batches wait: `put` waits for room, so fetching cannot run far ahead of storing.

    A batch may come as a future of its docs (being read in another process):
    it keeps its place in line, and is stored once read.

    asyncio.to_thread copies the caller's context, so a Prefect task called there
    still belongs to the flow run.
    """

    def __init__(self, store: Callable[..., Any], db_path, report: CycleReport, logger,
                 backlog: int | None = None, ready: asyncio.Future | None = None) -> None:
        self._store, self._db_path, self._report, self._logger = store, db_path, report, logger
        self._ready = ready  # ends when the writer's one-time loading is done; stores wait for it
        self._queue: _Backlog = _Backlog(maxsize=backlog or WRITER_BACKLOG)
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def put(self, docs: list) -> None:
        if docs:
            await self._enqueue(docs)

    async def _enqueue(self, item) -> None:
        """Queue `item` once there is room; raise the writer's error if it stops first
        (the database stopped it, a full disk: then fetching stops too)."""
        assert self._task is not None, "start() first"
        if not self._task.done():
            room = asyncio.ensure_future(self._queue.put(item))
            await asyncio.wait({room, self._task}, return_when=asyncio.FIRST_COMPLETED)
            if room.done():
                return
            room.cancel()
        await self._task  # it only ends early by failing: raises its error
        raise RuntimeError("the store writer stopped before the cycle ended")

    async def _run(self) -> None:
        stopping = False
        try:
            if self._ready is not None:
                # Loading twice at once would only cost more; should it have failed, the
                # first store loads (and fails) by itself.
                await _settled(self._ready)
            while not stopping and (item := await self._queue.get()) is not None:
                # Batches that arrived (and were read) while the last one was being
                # stored go as one: fewer store task runs (each costs Prefect's server
                # ~20 ms) and none stored later than it would have been.
                waiting = self._queue.qsize()  # arrived while the last batch was stored
                docs = list(await _docs(item))
                for _ in range(waiting):
                    more = self._queue.peek()
                    if isinstance(more, asyncio.Future) and not more.done():
                        break  # still being read: stored next, after this one
                    self._queue.get_nowait()
                    if more is None:
                        stopping = True
                        break
                    docs += await _docs(more)
                _add(self._report, await asyncio.to_thread(self._store, self._db_path, docs), self._logger)
        finally:
            # Stopped by an error: batches still being read are not wanted any more.
            while not self._queue.empty():
                item = self._queue.get_nowait()
                if isinstance(item, asyncio.Future):
                    item.cancel()

    async def finish(self) -> None:
        """Wait until everything put is stored; a store failure is raised here."""
        if self._task is not None:
            if not self._task.done():
                await self._enqueue(None)
            await self._task


class _Backlog(asyncio.Queue):
    """asyncio.Queue whose next item can be looked at without taking it.

    `_init` is the documented hook for a queue's own container (as LifoQueue and
    PriorityQueue use it); the queue keeps its items in `self._queue`.
    """

    def _init(self, maxsize: int) -> None:
        self._queue = collections.deque()

    def peek(self):
        return self._queue[0]


async def _docs(item) -> list:
    return await item if isinstance(item, asyncio.Future) else item


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
