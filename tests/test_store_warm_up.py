"""The store step's batching of fsyncs, and the one-time loading done while feeds are polled."""

from __future__ import annotations

import sqlite3

from flows import stages
from storage import open_db
from storage.db import synced_once


def test_synced_once_commits_everything_and_restores_full_sync(tmp_path):
    path = tmp_path / "x.db"
    db = open_db(path)
    with synced_once(db):
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL inside
        with db.atomic():
            db.execute("create table t (x)")
        with db.atomic():
            db.execute("insert into t values (1)")
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again for whatever follows
    db.conn.close()
    other = sqlite3.connect(path)
    assert other.execute("select x from t").fetchall() == [(1,)]
    other.close()


def test_synced_once_keeps_what_was_committed_before_an_error(tmp_path):
    path = tmp_path / "x.db"
    db = open_db(path)
    try:
        with synced_once(db):
            with db.atomic():
                db.execute("create table t (x)")
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute("select count(*) from t").fetchone()[0] == 0


def test_synced_once_in_memory_changes_nothing():
    db = open_db(":memory:")
    before = db.execute("PRAGMA synchronous").fetchone()[0]
    with synced_once(db):
        assert db.execute("PRAGMA synchronous").fetchone()[0] == before


def test_warm_ups_run_and_store_nothing(tmp_path):
    stages.prepare_writer()
    stages.prepare_reader()
    assert not (tmp_path / "fundwatch.db").exists()
