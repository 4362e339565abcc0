"""Opening the database and applying the schema history."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations


class StorageError(Exception):
    """The database cannot be opened or written (path, permissions, corruption)."""


SQLITE_FULL = 13


def is_disk_full(exc: BaseException) -> bool:
    """A write failed for want of space: SQLITE_FULL, or ENOSPC from the OS."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, sqlite3.Error) and (
            getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL or "disk is full" in str(exc)
        ):
            return True
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def write_failure(exc: BaseException) -> str | None:
    """A one-line explanation when `exc` is the database's trouble (not a bug), else None."""
    if is_disk_full(exc):
        return ("the disk is full: the database cannot be written. The cycle stopped; nothing is lost: "
                "free some space and run again, and the next cycle resumes where this one stopped")
    cause, seen = exc, set()
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, (sqlite3.Error, StorageError)):
            return f"the database cannot be used: {cause}. The cycle stopped; the next one resumes its work"
        cause = cause.__cause__ or cause.__context__
    return None


def migration_sets() -> list[Migrations]:
    """Every migration set, in the order they must be applied.

    Each area module owns its tables and its `MIGRATIONS` set. They are imported
    here, not at module level, so area modules may import `storage.db` freely.
    """
    from storage import digests, events, feeds, inspect, outbox

    # feeds/entries/articles first: events reference articles, the outbox references events;
    # inspect (full-text index, views) reads all of them; digests (the weekly report's
    # sends) depends on none and came last.
    return [feeds.MIGRATIONS, events.MIGRATIONS, outbox.MIGRATIONS, inspect.MIGRATIONS, digests.MIGRATIONS]


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open `path` (":memory:" works too), ready for use, schema up to date."""
    try:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we open transactions ourselves (db.atomic()), so a
        # batch of writes commits together or not at all.
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        db = sqlite_utils.Database(conn)
        if str(path) != ":memory:":
            # WAL: readers (CLI, Datasette) never block the writer, and a crash
            # mid-write leaves the last committed state intact.
            _retry_locked(db.enable_wal)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 30000")
        migrate(db)
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(f"cannot open database {path}: {exc}") from exc
    return db


# How often a step that SQLite answered "database is locked" is tried again. The
# busy timeout already waits for a lock; this covers the cases where SQLite
# answers at once instead of waiting (switching a new file to WAL while another
# process does the same).
LOCKED_RETRIES = 20


def _retry_locked(step):
    for attempt in range(LOCKED_RETRIES):
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCKED_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every pending migration, safely when several processes open one file at once.

    Looking for pending migrations only reads, so a file already up to date takes
    no write lock (readers stay readers). Otherwise every set is applied inside one
    BEGIN IMMEDIATE transaction: the write lock is taken before the first read, so
    two processes migrating a new file wait for each other (busy timeout) instead
    of both reading "nothing applied yet" and failing with "database is locked"
    when the second tries to write; the one that waited finds nothing left to do.
    sqlite-utils runs each migration in a savepoint inside it. (No migration here
    may be `transactional=False`: VACUUM and the like cannot run in a transaction.)
    """
    sets = migration_sets()
    if not any(m.pending(db) for m in sets):
        return

    def apply_all() -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            for migrations in sets:
                migrations.apply(db)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    _retry_locked(apply_all)


@contextlib.contextmanager
def synced_once(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Commits inside are atomic as ever but not each flushed to disk; on leaving, once, all are.

    In WAL mode SQLite's default (synchronous = FULL) fsyncs the WAL at every
    commit: ~5 ms each, a tenth of the store step's time at one transaction per
    article. With synchronous = NORMAL a commit is in the WAL (the OS's cache) at
    once, so a killed process loses nothing committed, and a power cut can only
    lose the latest commits, whole and in order (WAL frames are checksummed);
    the fsync of the WAL on leaving makes every commit inside durable before the
    caller moves on (alerts are delivered only after the batches that made them
    were stored this way). Outside WAL (":memory:") it changes nothing.
    """
    wal = _wal_path(db)
    if wal is None:
        yield db
        return
    # the connection's own setting comes back on leaving (FULL as opened, or what its owner set)
    before = int(db.execute("PRAGMA synchronous").fetchone()[0])
    db.execute("PRAGMA synchronous = NORMAL")
    try:
        yield db
    except BaseException:
        with contextlib.suppress(OSError, sqlite3.Error):  # the error that stopped the batch says more
            _sync_file(wal)
        with contextlib.suppress(sqlite3.Error):
            db.execute(f"PRAGMA synchronous = {before}")
        raise
    try:
        _sync_file(wal)
    finally:
        db.execute(f"PRAGMA synchronous = {before}")


def _wal_path(db: sqlite_utils.Database) -> str | None:
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        return None
    main = next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "")
    return f"{main}-wal" if main else None


def _sync_file(path: str) -> None:
    """fsync `path` if it exists (no commit made it yet: nothing to flush)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
