"""A cheap look at a database file before a cycle writes to it.

SQLite happily opens a damaged file and writes into it until a read hits the
bad page; a cycle would then fail half way, or worse, go on adding rows to a
file whose indexes no longer match its tables. So a cycle first checks:

1. the 100-byte header starts with SQLite's magic string (not some other file);
2. `PRAGMA schema_version`: reading the schema fails on a broken sqlite_master;
3. `PRAGMA quick_check(1)`: every page of every table and index is read and its
   structure checked (not the index contents against the tables, which is what
   makes `integrity_check` slow). The `(1)` stops at the first problem.

Measured on 2 cores, warm page cache: 0.12 s on a 208 MB file (50,000 articles
of 4 KB), 1 ms for schema_version; about 0.6 s per GB. A cycle polls for
seconds, so this is cheap enough to run every time. Of 60 random overwrites of
a page of a 409-page file, integrity_check flagged 22 and quick_check(1) the same
22 (the rest hit text inside rows, which neither can see).

The check only reads: a file with no `-wal` beside it is opened `immutable=1`
(SQLite creates no `-wal`/`-shm` and takes no lock), one with a `-wal` read-only,
so the WAL's committed pages are seen too. Nothing is repaired: that is a
person's decision (restore a backup, or `sqlite3 fundwatch.db .recover`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from storage.db import StorageError

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_file(path: str | Path) -> None:
    """Raise StorageError saying what is wrong when `path` is not a sound SQLite file.

    A missing or empty file is fine: opening it creates a new database.
    """
    if str(path) == ":memory:":
        return
    file = Path(path)
    if not file.exists() or file.stat().st_size == 0:
        return
    advice = "nothing was written; restore a backup or recover it with `sqlite3 FILE .recover`"
    with file.open("rb") as f:
        header = f.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise StorageError(f"database {path} is not an SQLite file (bad header); {advice}")
    mode = "mode=ro" if Path(f"{file}-wal").exists() else "immutable=1"
    uri = f"file:{quote(str(file.resolve()))}?{mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=30)
        conn.text_factory = lambda b: b.decode("utf-8", "replace")  # reports may quote garbage bytes
        try:
            conn.execute("PRAGMA schema_version").fetchone()
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(1)").fetchall()]
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise StorageError(f"database {path} is malformed: {exc}; {advice}") from exc
    if problems != ["ok"]:
        raise StorageError(f"database {path} is malformed: {'; '.join(problems)[:300]}; {advice}")
