"""The database file under stress: several processes creating it at once, and a damaged file."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from flows.cli import cli
from storage import open_db
from storage.db import StorageError
from storage.health import check_file

# Each child imports everything first, then waits for a common start time, so the
# three open_db calls really overlap (importing takes longer than opening).
CHILD = """
import sys, time
import storage.db, storage.events, storage.feeds, storage.inspect, storage.outbox
from storage import open_db
start = float(sys.argv[2])
while time.time() < start:
    pass
try:
    open_db(sys.argv[1]).conn.close()
except Exception as exc:
    print(exc)
    sys.exit(1)
"""


def test_three_processes_creating_one_new_database_at_once_all_succeed(tmp_path):
    failures = []
    for trial in range(10):
        db = tmp_path / f"trial{trial}" / "fundwatch.db"
        start = time.time() + 2.0
        children = [subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(start)],
                                     stdout=subprocess.PIPE, text=True) for _ in range(3)]
        for child in children:
            out, _ = child.communicate(timeout=120)
            if child.returncode:
                failures.append(out.strip())
        conn = sqlite3.connect(db)
        applied = conn.execute("select count(*) from _sqlite_migrations").fetchone()[0]
        conn.close()
        assert applied == sum(len(s._migrations) for s in storage_sets())  # each applied once
    assert failures == []


def storage_sets():
    from storage.db import migration_sets

    return migration_sets()


def damaged_database(tmp_path: Path) -> Path:
    """A database with rows whose index pages are overwritten: integrity_check says malformed."""
    path = tmp_path / "fundwatch.db"
    db = open_db(path)
    with db.atomic():
        for i in range(400):
            url = f"https://news.example/{i}"
            db["articles"].insert({"id": f"a{i}", "url": url, "canonical_url": url, "title": f"t{i}" * 20,
                                   "text": "words " * 50, "source": "page", "fetched_at": "2026-01-01T00:00:00Z"})
    db.conn.execute("pragma wal_checkpoint(TRUNCATE)")
    root = db.execute(
        "select rootpage from sqlite_master where type = 'index' and tbl_name = 'articles' limit 1"
    ).fetchone()[0]
    page_size = db.execute("pragma page_size").fetchone()[0]
    db.conn.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size + 8)  # keep the page header's first bytes, garble the rest
        f.write(os.urandom(page_size - 8))
    conn = sqlite3.connect(path)
    conn.text_factory = lambda b: b.decode("utf-8", "replace")
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError as exc:
        assert "malformed" in str(exc)
    conn.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_database_is_refused_before_anything_is_written(tmp_path):
    path = damaged_database(tmp_path)
    before, mtime = digest(path), path.stat().st_mtime_ns
    config = tmp_path / "fundwatch.toml"
    config.write_text(f'[storage]\ndb = "{path}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--config", str(config)])
    assert result.exit_code == 1
    assert "is malformed" in result.output and "nothing was written" in result.output
    assert digest(path) == before and path.stat().st_mtime_ns == mtime
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_the_check_passes_sound_files_and_names_other_files(tmp_path):
    sound = tmp_path / "sound.db"
    open_db(sound).conn.close()
    check_file(sound)                     # no exception: a sound file passes
    check_file(tmp_path / "missing.db")   # a new file is fine
    other = tmp_path / "notes.db"
    other.write_text("these are my notes, not a database\n" * 10, encoding="utf-8")
    try:
        check_file(other)
    except StorageError as exc:
        assert "not an SQLite file" in str(exc)
    else:
        raise AssertionError("a text file passed the database check")
