"""The monitoring flow: poll feeds, scrape new articles, extract and store rounds, alert.

Task granularity follows what a task run costs (~20 ms of server CPU each): one
task per batch of feeds and per batch of articles, tens per cycle, never one per
article. Fetch tasks are async and share one HTTP client (one connection pool,
one global and one per-host limit), so politeness holds across batches.
Writes happen in plain sync tasks, one writer at a time. The order of the steps
lives in flows/cycle.py, shared with the plain (`--no-prefect`) cycle.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import SyncClientContext

from flows import stages
from flows.cycle import Steps
from flows.dask_reading import prefect_reader
from flows.cycle import run_cycle as run_steps
from flows.report import CycleReport
from flows.settings import Config, load_config
from scrapers.http import Fetcher
from scrapers.poll import fetch_articles, poll_feeds


@task(name="poll-feeds", cache_policy=NO_CACHE)
async def poll_feed_batch(fetcher: Fetcher, feeds: list) -> list:
    return await poll_feeds(fetcher, feeds)


@task(name="record-polls", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def record_polls_task(db_path: Path, polls: list, now: datetime) -> stages.PollOutcome:
    return stages.record_polls(db_path, polls, now)


@task(name="scrape-articles", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
async def scrape_batch(fetcher: Fetcher, entries: list, not_after: float | None = None, read: bool = True) -> list:
    return await fetch_articles(fetcher, entries, not_after, read=read)


@task(name="read-articles", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
def read_batch(items: list) -> list:
    """HTML to text and rounds extracted, on a Dask worker under [scale]."""
    return stages.read_articles(items)


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
    # One API client for the whole flow run. An async flow holds only an async
    # client, so Prefect 3.9 made each sync task run (record, each store batch,
    # deliver) a sync client of its own, with a new SSL context: ~8 % of a
    # 1,000-article cycle's CPU. Tasks find this one in the context (the writer
    # thread gets a copy of it through asyncio.to_thread).
    with SyncClientContext.get_or_create():
        report = await run_cycle(config)
    await _publish_artifacts(config, report)
    return report.as_dict()


TASK_STEPS = Steps(
    poll=poll_feed_batch,
    record=record_polls_task,
    scrape=scrape_batch,
    store=extract_and_store,
    deliver=deliver_alerts_task,
    reader=prefect_reader(read_batch),
)


async def run_cycle(config: Config) -> CycleReport:
    """The cycle of flows/cycle.py, each step a Prefect task."""
    return await run_steps(config, TASK_STEPS, get_run_logger())


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
    if not report.skipped_reason:
        from flows.market_cycle import after_cycle  # the market page, and the weekly digest when due

        market = after_cycle(config)
        if market.markdown:
            await _maybe_await(create_markdown_artifact(
                markdown=market.markdown, key="market-report", description="The market at a glance"))


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
