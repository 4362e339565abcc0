"""One cycle at a time per database.

A scheduled run can start while the previous one is still polling (slow feeds,
a long backfill). Two writers would not corrupt SQLite, but they would fetch the
same articles twice and race on "is this round new?". So a cycle takes an
exclusive, non-blocking lock on a file beside the database and a second cycle
that cannot get it skips, saying so. The OS drops the lock when the process
dies, so a killed cycle never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class CycleBusy(Exception):
    """Another cycle holds the lock for this database."""


@contextmanager
def cycle_lock(db_path: Path) -> Iterator[None]:
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise CycleBusy(f"another cycle is running on {db_path}") from exc
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock
