"""The monitoring flow: poll feeds, scrape new articles, extract and store rounds, alert.

Task granularity follows what a task run costs (~20 ms of server CPU each): one
task per batch of feeds and per batch of articles, tens per cycle, never one per
article. Fetch tasks are async and share one HTTP client (one connection pool,
one global and one per-host limit), so politeness holds across batches.
Writes happen in plain sync tasks, one writer at a time.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows import stages
from flows.cycle_lock import CycleBusy, cycle_lock
from flows.report import CycleReport
from flows.settings import Config, load_config
from scrapers.http import Fetcher
from scrapers.poll import fetch_articles, poll_feeds
from storage.health import check_file

FEEDS_PER_TASK = 25
ARTICLES_PER_TASK = 20


@task(name="poll-feeds", cache_policy=NO_CACHE)
async def poll_feed_batch(fetcher: Fetcher, feeds: list) -> list:
    return await poll_feeds(fetcher, feeds)


@task(name="record-polls", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def record_polls_task(db_path: Path, polls: list, now: datetime) -> stages.PollOutcome:
    return stages.record_polls(db_path, polls, now)


@task(name="scrape-articles", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
async def scrape_batch(fetcher: Fetcher, entries: list) -> list:
    return await fetch_articles(fetcher, entries)


@task(name="extract-and-store", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def extract_and_store(db_path: Path, docs: list) -> stages.StoreOutcome:
    return stages.store_articles(db_path, docs)


@task(name="deliver-alerts", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
def deliver_alerts_task(db_path: Path, targets: tuple):
    return stages.deliver_alerts(db_path, targets)


def _run_name() -> str:
    from prefect.runtime import flow_run

    params = flow_run.parameters or {}
    source = Path(params.get("config_path") or "default").stem
    return f"cycle-{source}-{datetime.now():%Y%m%d-%H%M%S}"


@flow(name="fundwatch-monitor", flow_run_name=_run_name, log_prints=False)
async def monitor(config_path: str | None = None) -> dict:
    """One cycle over every due feed. Returns the cycle report as a dict."""
    config = load_config(config_path)
    report = await run_cycle(config)
    await _publish_artifacts(config, report)
    return report.as_dict()


async def run_cycle(config: Config) -> CycleReport:
    logger = get_run_logger()
    started = time.perf_counter()
    report = CycleReport()
    check_file(config.db_path)  # a damaged file fails the run before anything is written
    try:
        with cycle_lock(config.db_path):
            await _cycle(config, report, logger)
    except CycleBusy as exc:
        logger.warning("%s; skipping this cycle", exc)
        report.skipped_reason = str(exc)
    report.seconds = time.perf_counter() - started
    return report


async def _cycle(config: Config, report: CycleReport, logger) -> None:
    now = stages.utcnow()
    due = stages.due_feeds(config.db_path, config.feeds, now)
    report.feeds_due = len(due)
    logger.info("%d feeds due", len(due))

    async with Fetcher(config.http) as fetcher:
        poll_results = await asyncio.gather(
            *(poll_feed_batch(fetcher, batch) for batch in stages.batched(due, FEEDS_PER_TASK))
        )
        polls = [poll for batch in poll_results for poll in batch]
        outcome = record_polls_task(config.db_path, polls, now)
        report.feeds_ok, report.feeds_not_modified = outcome.ok, outcome.not_modified
        report.feeds_failed, report.failed_feeds = len(outcome.failed), outcome.failed
        report.new_entries = outcome.new_entries
        for url, error in outcome.failed:
            logger.warning("feed failed: %s: %s", url, error)

        # Store each batch as soon as it is scraped, so a crash later in the
        # cycle keeps what was already read.
        batches = stages.batched(outcome.to_fetch, ARTICLES_PER_TASK)
        for next_docs in asyncio.as_completed([scrape_batch(fetcher, b) for b in batches]):
            docs = await next_docs
            stored = extract_and_store(config.db_path, docs)
            report.new_articles += stored.new_articles
            report.articles_from_feed_text += stored.from_feed_text
            report.syndicated_copies += stored.syndicated
            report.new_rounds += stored.new_rounds
            report.new_background += stored.new_background
            report.updated_rounds += stored.updated_rounds
            report.unreadable_articles += stored.failed_articles
            for url, error in stored.failed_articles:
                logger.warning("could not extract rounds from %s: %s", url, error)

    # Delivery also retries what earlier cycles could not send.
    delivery = deliver_alerts_task(config.db_path, config.alerts)
    report.alerts_sent, report.alerts_failed = delivery.sent, delivery.failed
    report.alerts_pending, report.alert_lines = delivery.pending, list(delivery.lines)
    logger.info(report.summary_line())


async def _publish_artifacts(config: Config, report: CycleReport) -> None:
    from storage import open_db
    from storage.events import get_event

    rows = []
    if report.new_rounds:
        db = open_db(config.db_path)
        try:
            for event_id in report.new_rounds:
                event = get_event(db, event_id)
                if event:
                    rows.append(_artifact_row(event))
        finally:
            db.conn.close()
    if rows:
        await _maybe_await(create_table_artifact(table=rows, key="new-rounds", description="Rounds new in this cycle"))
    await _maybe_await(create_markdown_artifact(markdown=report.markdown(), key="cycle-summary", description=report.summary_line()))


async def _maybe_await(value):
    # Prefect's artifact helpers return a coroutine inside async contexts.
    if asyncio.iscoroutine(value):
        return await value
    return value


def _artifact_row(event: dict) -> dict:
    from flows.formatting import format_amount

    return {
        "company": event["company"],
        "amount": format_amount(event.get("amount"), event.get("currency")),
        "round": event.get("round") or "unknown",
        "lead": ", ".join(event.get("lead_investors") or []),
        "sources": " ".join(s["url"] for s in event.get("sources") or []),
    }


def run_once(config_path: str | None) -> CycleReport:
    """Run one cycle in Prefect's ephemeral mode (or against PREFECT_API_URL)."""
    result = asyncio.run(monitor(config_path=config_path))
    report = CycleReport(**result)
    return report
