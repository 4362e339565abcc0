"""Reading pages in processes beside the cycle's own: the default on a machine of 2+ cores.

Reading (HTML to text, rounds extracted: `flows.stages.read_articles`) is pure
CPU work. In the cycle's own process it ran in threads and competed for one GIL
with the writer (storing rounds, the cycle's slowest part) and the event loop;
measured on bench_run's farm, reading and extraction were ~9 of the writer
thread's ~24 s. In a process of its own it uses another core, and the writer
stores what comes back (`ReadDoc`, as from a Dask cluster: the same rows).

Each reading process is `python -m flows.process_reading`, fed batches over its
stdin and answering on its stdout (length-prefixed pickles), rather than a
multiprocessing pool: a spawned pool re-imports the caller's main script, which
breaks any script that runs a cycle without an `if __name__ == "__main__"` guard.
The processes start (load trafilatura and the extractor) while the feeds are
polled, and they never outlive the cycle's process (flows/child_process.py).
A reading process that dies (out of memory) does not stop the cycle: what it
was given, and everything after, is read in a thread instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import struct
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from flows.child_process import dies_with_parent

Read = Callable[[list], Awaitable[list]]
_LENGTH = struct.Struct("!Q")


class _Gone(Exception):
    """The reading process ended or answered nonsense."""


class _ReadingProcess:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    async def read(self, items: list) -> list:
        data = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.process.stdin.write(_LENGTH.pack(len(data)) + data)
            await self.process.stdin.drain()
            size = _LENGTH.unpack(await self.process.stdout.readexactly(_LENGTH.size))[0]
            ok, value = pickle.loads(await self.process.stdout.readexactly(size))
        except (OSError, asyncio.IncompleteReadError, pickle.UnpicklingError, EOFError, ValueError) as exc:
            raise _Gone(str(exc)) from exc
        if not ok:
            raise _Gone(value)
        return value

    async def close(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), 5)
        except asyncio.TimeoutError:
            self.process.kill()
            await self.process.wait()


@asynccontextmanager
async def process_reader(processes: int, read_fn: Callable[[list], list]) -> AsyncIterator[Read]:
    """Yield `read(items) -> [ReadDoc]`: `flows.stages.read_articles` in one of `processes`
    processes; `read_fn` (the same function) in a thread should they fail.

    Start it from the thread that runs the cycle: a reading process ends with that thread.
    """
    starting = [
        asyncio.create_subprocess_exec(*dies_with_parent([sys.executable, "-m", "flows.process_reading"]),
                                       stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        for _ in range(processes)
    ]
    done = await asyncio.gather(*starting, return_exceptions=True)
    workers = [_ReadingProcess(p) for p in done if not isinstance(p, BaseException)]
    idle: asyncio.Queue = asyncio.Queue()
    for worker in workers:
        idle.put_nowait(worker)
    alive = [len(workers)]

    async def read(items: list) -> list:
        if alive[0]:
            worker = await idle.get()
            if worker is not None:
                try:
                    result = await worker.read(items)
                except _Gone:
                    alive[0] -= 1
                    if not alive[0]:
                        idle.put_nowait(None)  # wakes a reader waiting for a process: there is none
                else:
                    idle.put_nowait(worker)
                    return result
            else:
                idle.put_nowait(None)
        return await asyncio.to_thread(read_fn, items)

    try:
        yield read
    finally:
        await asyncio.gather(*(w.close() for w in workers), return_exceptions=True)


def _serve() -> None:
    """A reading process: batches in on stdin, [ReadDoc] out on stdout, until stdin closes."""
    source = sys.stdin.buffer
    sink = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt the answers
    from flows.stages import prepare_reader, read_articles

    try:
        prepare_reader()  # while the cycle polls the feeds, before the first batch comes
    except Exception:  # noqa: BLE001 - only a head start: real pages are read all the same
        pass
    while header := source.read(_LENGTH.size):
        if len(header) < _LENGTH.size:
            return
        items = pickle.loads(source.read(_LENGTH.unpack(header)[0]))
        try:
            answer = (True, read_articles(items))
        except Exception as exc:  # noqa: BLE001 - read_articles catches per article; this is a bug
            answer = (False, f"{type(exc).__name__}: {exc}")
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        sink.write(_LENGTH.pack(len(data)) + data)
        sink.flush()


if __name__ == "__main__":
    _serve()
