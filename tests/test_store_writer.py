"""The cycle's one writer: batches stored in arrival order, those that queue meanwhile stored together."""

from __future__ import annotations

import asyncio
import logging
import threading

from flows.cycle import StoreWriter
from flows.report import CycleReport
from flows.stages import StoreOutcome


def run_writer(batches: list[list[str]]) -> tuple[list[list[str]], CycleReport]:
    """Put every batch while the first one is being stored; return what each store call got."""
    calls: list[list[str]] = []
    first_started, release = threading.Event(), threading.Event()

    def store(db_path, docs):
        calls.append(list(docs))
        first_started.set()
        release.wait(10)
        return StoreOutcome(new_articles=len(docs))

    async def main() -> CycleReport:
        report = CycleReport()
        writer = StoreWriter(store, "unused.db", report, logging.getLogger("test"))
        writer.start()
        await writer.put(batches[0])
        await asyncio.to_thread(first_started.wait, 10)
        for batch in batches[1:]:
            await writer.put(batch)
        finishing = asyncio.ensure_future(writer.finish())  # the end is queued behind the batches
        await asyncio.sleep(0)
        release.set()
        await finishing
        return report

    report = asyncio.run(main())
    return calls, report


def test_batches_queued_during_a_store_are_stored_together_in_order():
    calls, report = run_writer([["a1", "a2"], ["b1"], ["c1", "c2"]])
    assert calls == [["a1", "a2"], ["b1", "c1", "c2"]]
    assert report.new_articles == 5


def test_one_batch_is_stored_alone():
    calls, report = run_writer([["a1"]])
    assert calls == [["a1"]] and report.new_articles == 1
