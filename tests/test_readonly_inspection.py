"""Reading commands work on a database the user may only read, never change it,
and say plainly when the file is not a fundwatch database of this version.

Real `fundwatch` processes on real files. Root writes through file modes, so
when the suite runs as root the command runs without the capabilities that let
it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): file modes hold for it as for anyone.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support_events import art, ev

import storage.feeds as feed_store
from flows.settings import load_config
from storage import open_db
from storage.events import record_article_events

NOW = datetime(2026, 1, 1, tzinfo=UTC)
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _without_override() -> None:
    """In the child before exec: a root process keeps no way past file modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def make_database(folder: Path, name: str = "fw.db") -> tuple[Path, str]:
    """A filled database and its config, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / name
    config = folder / "fundwatch.toml"
    config.write_text(f'[storage]\ndb = "{db_path}"\n\n[[feeds]]\nurl = "https://news.example/feed"\n'
                      '\n[[feeds]]\nurl = "https://other.example/feed"\n', encoding="utf-8")
    db = open_db(db_path)
    feed_store.sync_feeds(db, load_config(str(config)).feeds[:1])  # the second feed is new to the file
    record_article_events(db, art("en-1", "2025-11-03"), [ev("Lumora", 12_000_000, "USD", "series_a")], now=NOW)
    db.conn.close()
    return db_path, str(config)


def fundwatch(*args, readonly: bool = False) -> subprocess.CompletedProcess:
    limit = _without_override if readonly and os.geteuid() == 0 else None
    return subprocess.run([sys.executable, "-m", "flows", *args], capture_output=True, text=True, timeout=120,
                          preexec_fn=limit, cwd="/")


def digest(folder: Path) -> dict[str, str]:
    """The files' contents (SQLite's own `-wal`/`-shm` side files, which a reader may create, aside)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if not p.name.endswith(("-wal", "-shm"))}


READING = [
    ["events", "list"], ["events", "show", "1"], ["events", "export", "--format", "csv"], ["stats"],
    ["feeds"], ["feeds", "--json"], ["search", "lumora"], ["schema"], ["alerts", "list"],
]


@pytest.fixture
def readonly_database(tmp_path):
    folder = tmp_path / "ro"
    db_path, config = make_database(folder)
    os.chmod(tmp_path, 0o755)
    os.chmod(db_path, 0o444)
    os.chmod(config, 0o444)
    os.chmod(folder, 0o555)
    yield folder, config
    os.chmod(folder, 0o755)


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c))
def test_reading_commands_work_on_a_readonly_database_and_change_nothing(readonly_database, command):
    folder, config = readonly_database
    before = digest(folder)
    result = fundwatch(*command, "--config", config, readonly=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "readonly" not in result.stderr
    assert digest(folder) == before


def test_feeds_on_a_readonly_database_lists_configured_feeds(readonly_database):
    folder, config = readonly_database
    result = fundwatch("feeds", "--config", config, readonly=True)
    assert "news.example" in result.stdout and "other.example" in result.stdout
    assert "never polled" in result.stdout


def test_no_migration_runs_on_an_older_file(tmp_path):
    db_path, config = make_database(tmp_path)
    conn = sqlite3.connect(db_path)
    conn.execute("delete from _sqlite_migrations where rowid = (select max(rowid) from _sqlite_migrations)")
    conn.commit()
    conn.close()
    before = digest(tmp_path)
    result = fundwatch("events", "list", "--config", config)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "older fundwatch" in result.stderr and "fundwatch schema --upgrade" in result.stderr
    assert digest(tmp_path) == before
    assert fundwatch("schema", "--upgrade", "--config", config).returncode == 0
    assert fundwatch("events", "list", "--config", config).returncode == 0


def test_a_file_from_a_newer_version_is_named_as_such(tmp_path):
    db_path, config = make_database(tmp_path)
    conn = sqlite3.connect(db_path)
    conn.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values ('events', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    for command in (["events", "list"], ["feeds"]):
        result = fundwatch(*command, "--config", config)
        assert result.returncode == 1, result.stderr
        assert "newer fundwatch" in result.stderr and "m999_future" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["events", "list"], ["feeds"], ["stats"], ["alerts", "list"]])
@pytest.mark.parametrize("content", [b"just some notes, not a database\n", b"\x00\xff" * 500])
def test_a_file_that_is_not_sqlite_gets_a_message(tmp_path, command, content):
    (tmp_path / "notes.db").write_bytes(content)
    config = tmp_path / "fundwatch.toml"
    config.write_text('[storage]\ndb = "notes.db"\n', encoding="utf-8")
    result = fundwatch(*command, "--config", str(config))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is not an SQLite database" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (tmp_path / "notes.db").read_bytes() == content
