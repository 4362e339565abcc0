"""Opening the database for commands that only read it.

`events list`, `feeds`, `search`, `alerts list` and the like must work on a file
the user may only read (a copy from a server, a backup, another user's file), so
they open it `mode=ro` and never migrate: a migration is a write, and a read-only
look must not change a file that a newer or older fundwatch also uses. A file
whose schema is not this version's is named as such, with what to do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from storage.db import StorageError, migration_sets
from storage.health import SQLITE_MAGIC


def _schema_problem(db: sqlite_utils.Database, path: Path) -> str | None:
    """Why this file's schema is not the one this fundwatch reads, or None."""
    known = {(m.name, step.name) for m in migration_sets() for step in m._migrations}
    applied = set()
    if db["_sqlite_migrations"].exists():
        applied = {(r["migration_set"], r["name"]) for r in db.query("select migration_set, name from _sqlite_migrations")}
    if not applied:
        return f"{path} is not a fundwatch database (no schema history); check [storage] db in the config"
    if applied - known:
        return (f"{path} was written by a newer fundwatch (schema steps this version does not know: "
                f"{', '.join(sorted(n for _, n in applied - known))[:200]}); upgrade fundwatch to read it")
    pending = known - applied
    if pending:
        return (f"{path} was written by an older fundwatch ({len(pending)} schema steps to apply); "
                "`fundwatch schema --upgrade` brings it up to date (it needs write access)")
    return None


def _connect(file: Path) -> sqlite3.Connection:
    """A read-only connection that sees every committed write.

    `mode=ro` first. A WAL file read that way needs its `-shm` file, which SQLite
    cannot create in a folder the user may not write; when there is no `-wal`
    either, no write is in progress and nothing sits outside the main file, so
    `immutable=1` (no locks, no side files) reads the same.
    """
    uri = f"file:{quote(str(file.resolve()))}"
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30, isolation_level=None)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        if Path(f"{file}-wal").exists():
            raise
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def open_db_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open a fundwatch database for reading only; StorageError says what is wrong."""
    file = Path(path)
    if not file.exists():
        # Nothing stored yet (no cycle has run): an empty database in memory answers
        # as the file will, and no file is created by looking.
        from storage.db import open_db

        return open_db(":memory:")
    if not file.is_file():
        raise StorageError(f"{file} is not a database file; check [storage] db in the config")
    with file.open("rb") as f:
        if not f.read(len(SQLITE_MAGIC)).startswith(SQLITE_MAGIC):
            raise StorageError(f"{file} is not an SQLite database; check [storage] db in the config")
    try:
        conn = _connect(file)
        db = sqlite_utils.Database(conn)
        problem = _schema_problem(db, file)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot read database {file}: {exc}") from exc
    if problem:
        conn.close()
        raise StorageError(problem)
    return db


def shadow_table(db: sqlite_utils.Database, table: str) -> None:
    """Give a read-only connection a writable copy of `table` that hides the file's.

    SQLite resolves an unqualified name in the `temp` schema first, and a
    read-only connection may still write there; so code that updates `table`
    (the `feeds` listing first brings the stored feeds in line with the config)
    runs unchanged, and the file is never written.
    """
    (sql,) = db.execute("select sql from main.sqlite_master where type = 'table' and name = ?", [table]).fetchone()
    head, rest = sql.split("(", 1)
    db.execute(f"CREATE TEMP TABLE [{table}] ({rest}")
    db.execute(f"INSERT INTO temp.[{table}] SELECT * FROM main.[{table}]")
