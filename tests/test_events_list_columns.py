"""`events list` marks past rounds mentioned in passing, and --wide shows every investor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from support_events import art, ev

from flows.cli import cli
from storage import open_db
from storage.events import record_article_events

M = 1_000_000


@pytest.fixture
def config(tmp_path):
    db = open_db(tmp_path / "fw.db")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    record_article_events(db, art("a", "2025-11-03"), [
        ev("Lumora", 30 * M, "USD", "series_b", lead=["Aster Ventures"], investors=["Aster Ventures", "Kite Capital"]),
        ev("Lumora", 8 * M, "USD", "series_a", main=False, evidence="Lumora raised $8 million in 2023."),
    ], now=now)
    db.conn.close()
    path = tmp_path / "fundwatch.toml"
    path.write_text(f'[storage]\ndb = "{tmp_path / "fw.db"}"\n', encoding="utf-8")
    return str(path)


def listing(config, *flags) -> list[str]:
    result = CliRunner().invoke(cli, ["events", "list", "--config", config, *flags])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_a_round_mentioned_in_passing_is_marked(config):
    lines = listing(config)
    news = next(line for line in lines if "USD 30M" in line)
    past = next(line for line in lines if "USD 8M" in line)
    assert past.split()[1] == "2026-01-01*"  # first read then; the round itself is older
    assert "*" not in news
    assert lines[-1].startswith("* a past round, only mentioned in passing")


def test_wide_adds_every_investor(config):
    narrow, wide = listing(config), listing(config, "--wide")
    assert "INVESTORS" not in narrow[0] and "Kite Capital" not in "\n".join(narrow)
    assert "INVESTORS" in wide[0]
    row = next(line for line in wide if "USD 30M" in line)
    assert "Aster Ventures" in row and "Kite Capital" in row
