"""A disk that fills mid-cycle: the cycle stops with a clear message (exit 1), and once
space is freed the next cycle completes the work: no round lost, none stored twice."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import flows.stages as stages
from flows.cycle import run_plain
from flows.settings import load_config
from storage import open_db
from storage.db import is_disk_full, write_failure
from support_farm import NewsFarm, farm_config
from support_receivers import WebhookReceiver


def rounds(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in conn.execute("select company from events where source_count > 0 and main = 1"))
    finally:
        conn.close()


def page_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("pragma page_count").fetchone()[0]
    finally:
        conn.close()


def report(companies, got, hook) -> tuple[int, int]:
    lost = len(set(companies) - set(got))
    duplicates = sum(n - 1 for n in Counter(got).values())
    alerted = {r.json["title"].split(" raised")[0] for r in hook.requests}
    assert set(companies) <= alerted, "every round alerted"
    assert len({r.idempotency_key for r in hook.requests}) == len(companies)
    return lost, duplicates


def test_sqlite_full_mid_cycle_then_space_freed(tmp_path, monkeypatch):
    """SQLITE_FULL from SQLite itself: the database may not grow past a page limit."""
    with NewsFarm(sites=2, feeds=2) as farm, WebhookReceiver() as hook:
        companies = farm.publish(6)
        # How many pages a whole cycle writes, measured on a database of its own.
        probe = tmp_path / "probe"
        probe.mkdir()
        farm_config(probe / "fundwatch.toml", probe / "fundwatch.db", farm.feed_urls)
        run_plain(load_config(probe / "fundwatch.toml"))
        fresh = page_count(probe / "fundwatch.db")
        open_db(tmp_path / "empty.db").conn.close()
        empty = page_count(tmp_path / "empty.db")
        limit = empty + (fresh - empty) // 2  # the disk fills halfway through the cycle

        farm_config(tmp_path / "fundwatch.toml", tmp_path / "fundwatch.db", farm.feed_urls, hook.apprise_url())
        config = load_config(tmp_path / "fundwatch.toml")
        real_open = stages.open_db

        def full_disk(path):
            db = real_open(path)
            db.execute(f"pragma max_page_count = {limit}")
            return db

        monkeypatch.setattr(stages, "open_db", full_disk)
        with pytest.raises(sqlite3.Error) as raised:
            run_plain(config)
        assert is_disk_full(raised.value)
        assert "disk is full" in write_failure(raised.value)
        stored_while_full = rounds(tmp_path / "fundwatch.db")
        assert len(stored_while_full) < len(companies), "the disk did fill mid-cycle"

        monkeypatch.setattr(stages, "open_db", real_open)  # space freed
        after = run_plain(config)
        assert after.skipped_reason is None
        got = rounds(tmp_path / "fundwatch.db")
        lost, duplicates = report(companies, got, hook)
    print(f"\nSQLITE_FULL after {len(stored_while_full)} of {len(companies)} rounds; "
          f"rounds lost = {lost}, duplicate rows = {duplicates}")
    assert lost == 0 and duplicates == 0


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


def _run(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows", "run", "--no-prefect", "--config", str(config)],
                          cwd=config.parent, capture_output=True, text=True, timeout=300)


def test_small_filesystem_fills_then_grows(tmp_path):
    """A real ENOSPC: the database on a tmpfs of a few hundred KB (needs root; skipped otherwise)."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "64m"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount)")
    try:
        with NewsFarm(sites=2, feeds=2) as farm, WebhookReceiver() as hook:
            companies = farm.publish(6)
            config = tmp_path / "fundwatch.toml"
            farm_config(config, disk / "fundwatch.db", farm.feed_urls, hook.apprise_url())
            open_db(disk / "fundwatch.db").conn.close()  # the schema fits; the cycle's writes will not
            used = shutil.disk_usage(disk).used
            subprocess.run(["mount", "-o", f"remount,size={used + 800 * 1024}", str(disk)], check=True)

            full = _run(config)
            assert full.returncode == 1, full.stderr[-2000:]
            assert "error: the disk is full" in full.stderr and "Traceback" not in full.stderr, full.stderr[-2000:]
            stored_while_full = rounds(disk / "fundwatch.db")
            assert len(stored_while_full) < len(companies)

            subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)  # space freed
            again = _run(config)
            assert again.returncode == 0, again.stderr[-2000:]
            got = rounds(disk / "fundwatch.db")
            lost, duplicates = report(companies, got, hook)
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
    print(f"\nENOSPC after {len(stored_while_full)} of {len(companies)} rounds; "
          f"rounds lost = {lost}, duplicate rows = {duplicates}")
    assert lost == 0 and duplicates == 0
