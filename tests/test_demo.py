"""`fundwatch demo`: what a person tries first, run as they would run it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys


def test_demo_finds_rounds_delivers_alerts_and_explains_the_database(tmp_path):
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_HOME", None)
    result = subprocess.run(
        [sys.executable, "-m", "flows", "demo", "--dir", "demo-out"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for needle in ("New funding rounds", "Lumora: USD 42M, series b", "led by    Northwind Ventures",
                   "2 reports, one row", "Alerts delivered to the local receiver", "Look at the database",
                   "events list --config demo-out/fundwatch.toml"):
        assert needle in out, needle
    assert "Vantage Cloud" not in out and "DataPier" not in out  # an acquisition is not a round
    summary = out.split("\nCycle\n", 1)[1].splitlines()[0]
    assert summary.lstrip().startswith("feeds ") and "updated" not in summary  # a fresh database: nothing was known
    # Prefect's state stays with the demo, not in the home folder.
    assert (tmp_path / "demo-out" / ".prefect").is_dir()
    conn = sqlite3.connect(tmp_path / "demo-out" / "fundwatch.db")
    try:
        assert conn.execute("select count(*) from events where main = 1").fetchone()[0] >= 4
    finally:
        conn.close()


def test_the_demo_folder_is_ignored_by_git():
    from pathlib import Path

    import pytest

    root = Path(__file__).resolve().parents[1]
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(["git", "check-ignore", "-q", "fundwatch-demo/fundwatch.toml"], cwd=root)
    assert result.returncode == 0, "add fundwatch-demo/ to .gitignore"
