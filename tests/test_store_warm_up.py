"""The store step's batching of fsyncs, and the one-time loading done while feeds are polled."""

from __future__ import annotations

import sqlite3
import sys

from flows import stages
from storage import open_db
from storage.db import synced_once


def _count_fsyncs(monkeypatch) -> list[int]:
    import storage.db

    calls: list[int] = []
    real = storage.db.os.fsync
    monkeypatch.setattr(storage.db.os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
    return calls


def test_synced_once_commits_everything_and_restores_full_sync(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    db = open_db(path)
    fsyncs = _count_fsyncs(monkeypatch)
    with synced_once(db):
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL inside
        with db.atomic():
            db.execute("create table t (x)")
        with db.atomic():
            db.execute("insert into t values (1)")
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again for whatever follows
    assert len(fsyncs) == 1  # the two commits flushed together, on leaving
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


def test_synced_once_gives_back_the_setting_it_found(tmp_path):
    db = open_db(tmp_path / "x.db")
    db.execute("PRAGMA synchronous = EXTRA")
    with synced_once(db):
        with db.atomic():
            db.execute("create table t (x)")
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 3


def test_synced_once_in_memory_changes_nothing():
    db = open_db(":memory:")
    before = db.execute("PRAGMA synchronous").fetchone()[0]
    with synced_once(db):
        assert db.execute("PRAGMA synchronous").fetchone()[0] == before


def test_writer_warm_up_loads_what_the_first_store_needed():
    from storage.identity import converter

    stages.prepare_writer()
    assert "datasketch" in sys.modules  # near-copy signatures
    assert converter.cache_info().currsize == 1  # the rates file, parsed once


def test_reader_warm_up_runs_the_extractor_on_its_page():
    read = stages.prepare_reader()
    assert read.error is None
    assert ("Examplo", 5000000) in [(e["company"], e["amount"]) for e in read.events]
