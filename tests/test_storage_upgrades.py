"""A database written by any earlier release upgrades to today's schema and takes a full cycle.

The fixtures in tests/fixtures/old_schemas/ are SQL dumps of what each older
commit's `open_db` wrote (tests/fixtures/old_schemas/make_fixtures.py rebuilds
them); 184aac1's also holds the rows of one real cycle of that commit.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from flows.demo_server import AlertReceiver, DemoSite
from storage import open_db
from support_cycle import plain_cycle, write_config

FIXTURES = Path(__file__).parent / "fixtures" / "old_schemas"
OLD = sorted(p.stem for p in FIXTURES.glob("*.sql"))


def restore(commit: str, path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / f"{commit}.sql").read_text(encoding="utf-8"))
    conn.close()
    return path


def schema(path: Path) -> dict:
    """Columns of every table, SQL of every view and index: what the code relies on."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for kind, name, sql in conn.execute(
            "select type, name, sql from sqlite_master where name not like 'sqlite_%' order by name"
        ):
            if kind == "table":
                out[name] = sorted(r[1] for r in conn.execute(f"pragma table_info([{name}])"))
            elif sql:
                out[name] = " ".join(sql.split())
        return out
    finally:
        conn.close()


def test_every_schema_version_is_kept_as_a_fixture():
    assert len(OLD) == 7


@pytest.fixture(scope="module")
def today(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("new") / "fundwatch.db"
    open_db(path).conn.close()
    return schema(path)


@pytest.mark.parametrize("commit", OLD)
def test_an_old_database_upgrades_to_todays_schema_and_takes_a_cycle(commit, tmp_path, today):
    db_path = restore(commit, tmp_path / "fundwatch.db")
    before = sqlite3.connect(db_path).execute("select count(*) from _sqlite_migrations").fetchone()[0]
    open_db(db_path).conn.close()
    assert schema(db_path) == today
    with DemoSite() as site, AlertReceiver() as receiver:
        config = write_config(tmp_path / "fundwatch.toml", db_path, site.url, receiver.apprise_url)
        done = plain_cycle(config)
        assert done["failed"] == [] and done["feeds_ok"] == 2
        assert done["new_rounds"] >= 1 and done["alerts_sent"] == len(receiver.received) >= 1
    db = open_db(db_path)
    try:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        # Rows the old release stored are still there and still readable.
        assert db.execute("select count(*) from _sqlite_migrations").fetchone()[0] > before
        assert db.execute("select count(*) from event_sources where name_keys is null").fetchone()[0] == 0
        assert db.execute("select count(*) from rounds").fetchone()[0] >= 1
    finally:
        db.conn.close()


def test_fundwatch_run_on_a_database_of_184aac1_keeps_its_rounds(tmp_path):
    """The measured fault: `run` on a file of 184aac1 failed with "no column named name_keys"."""
    db_path = restore("184aac1", tmp_path / "rounds.db")
    old_rounds = sqlite3.connect(db_path).execute("select count(*) from events").fetchone()[0]
    assert old_rounds > 0
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / ".prefect"))
    env.pop("PREFECT_API_URL", None)
    with DemoSite() as site, AlertReceiver() as receiver:
        # The fixture's rounds came from the English feed; the German one is new to it.
        config = tmp_path / "fundwatch.toml"
        config.write_text(
            f'[storage]\ndb = "rounds.db"\n[http]\nallow_private_networks = true\n'
            f'[[feeds]]\nurl = "{site.url}/de/atom.xml"\nlang = "de"\n'
            f'[[alerts]]\nurl = "{receiver.apprise_url}"\n',
            encoding="utf-8",
        )
        done = subprocess.run([sys.executable, "-m", "flows", "run", "--config", str(config)], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "name_keys" not in done.stdout + done.stderr
    conn = sqlite3.connect(db_path)
    assert conn.execute("select count(*) from events").fetchone()[0] > old_rounds
    assert conn.execute("select count(*) from event_sources where lang = 'de'").fetchone()[0] >= 1
