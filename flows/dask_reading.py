"""Reading articles on a Dask cluster, for a cycle whose config has a [scale] section.

Reading (HTML to text, rounds extracted: `flows.stages.read_articles`) is the
CPU-heavy part of a cycle and needs nothing but its input, so it can run on
other processes or machines. Fetching stays on the cycle's event loop (one HTTP
client keeps the politeness limits) and writing stays in the cycle's process
(SQLite has one writer): batches of fetched pages go to the cluster, read
articles come back to the writer.

Each opener is an async context manager that yields `read(items) -> [ReadDoc]`.
The cluster is started in a thread, so the caller can poll feeds meanwhile.
With Prefect, batches run as tasks of the flow run through prefect-dask's
`DaskTaskRunner` (each a task run in the UI); without Prefect
(`run --no-prefect`), through a plain `distributed.Client`.

Workers of a cluster elsewhere need fundwatch installed (`pip install
'fundwatch[scale]'`), and, under Prefect, `PREFECT_API_URL` pointing at the
server the flow reports to.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from flows.settings import ScaleSettings

Read = Callable[[list], Awaitable[list]]


def local_cluster_kwargs(workers: int) -> dict[str, Any]:
    # Processes, one thread each: reading is pure-Python CPU work that a GIL
    # shared by threads would serialise. No dashboard: nothing listens but the
    # scheduler, on 127.0.0.1.
    return {"n_workers": workers, "threads_per_worker": 1, "processes": True,
            "dashboard_address": None, "host": "127.0.0.1"}


def _missing(exc: ImportError) -> RuntimeError:
    return RuntimeError(f"[scale] needs Dask: pip install 'fundwatch[scale]' ({exc})")


@asynccontextmanager
async def plain_reader(scale: ScaleSettings, read_fn: Callable[[list], list]) -> AsyncIterator[Read]:
    """`read_fn` runs on the cluster as a plain function: no Prefect anywhere."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise _missing(exc) from exc

    def open_client():
        if scale.dask_address:
            return Client(scale.dask_address, set_as_default=False), None
        cluster = LocalCluster(**local_cluster_kwargs(scale.workers))
        return Client(cluster, set_as_default=False), cluster

    client, cluster = await asyncio.to_thread(open_client)

    async def read(items: list) -> list:
        future = client.submit(read_fn, items, pure=False)
        return await asyncio.to_thread(future.result)

    try:
        yield read
    finally:
        def close() -> None:
            client.close()
            if cluster is not None:
                cluster.close()
        await asyncio.to_thread(close)


def prefect_reader(read_task) -> Callable[[ScaleSettings], Any]:
    """An opener that submits `read_task` (a Prefect task) through prefect-dask's DaskTaskRunner.

    The runner is the flow's only use of a task runner, entered here rather than
    set on the flow: the config, read inside the flow run, decides whether there
    is one, so `run`, `serve` and deployments on workers all follow [scale].
    """

    @asynccontextmanager
    async def open_reader(scale: ScaleSettings) -> AsyncIterator[Read]:
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as exc:
            raise _missing(exc) from exc
        if scale.dask_address:
            runner = DaskTaskRunner(address=scale.dask_address)
        else:
            runner = DaskTaskRunner(cluster_kwargs=local_cluster_kwargs(scale.workers))

        def start() -> None:
            runner.__enter__()
            runner.client  # noqa: B018 - starts (or connects to) the cluster now, not at the first batch

        await asyncio.to_thread(start)

        async def read(items: list) -> list:
            future = runner.submit(read_task, parameters={"items": items})
            return await asyncio.to_thread(future.result)

        try:
            yield read
        finally:
            await asyncio.to_thread(runner.__exit__, None, None, None)

    return open_reader
