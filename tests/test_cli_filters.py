"""Filters that could never match are errors; the ways people write them are accepted."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner
from support_events import art, ev

from flows.cli import cli
from storage import open_db
from storage.events import record_article_events
from storage.filters import round_label, since_date

M = 1_000_000
TODAY = date.today()


@pytest.fixture
def config(tmp_path):
    db_path = tmp_path / "fw.db"
    db = open_db(db_path)
    now = datetime.now(UTC)
    for aid, day, name, rnd in [("a", TODAY - timedelta(days=2), "Lumora", "series_a"),
                                ("b", TODAY - timedelta(days=20), "Kelpie", "pre_seed"),
                                ("c", date(2024, 3, 5), "Fahrwerk", "series_b")]:
        record_article_events(db, art(aid, day.isoformat()), [ev(name, 5 * M, "USD", rnd)], now=now)
    db.conn.close()
    path = tmp_path / "fundwatch.toml"
    path.write_text(f'[storage]\ndb = "{db_path}"\n', encoding="utf-8")
    return str(path)


def companies(config, *flags) -> set[str]:
    result = CliRunner().invoke(cli, ["events", "list", "--config", config, "--json", *flags])
    assert result.exit_code == 0, result.output
    return {row["company"] for row in json.loads(result.output)}


@pytest.mark.parametrize(("since", "expected"), [
    ("7d", {"Lumora"}), ("4w", {"Lumora", "Kelpie"}), ("2024-03-05", {"Lumora", "Kelpie", "Fahrwerk"}),
    ("2024-04", {"Lumora", "Kelpie"}), (TODAY.isoformat(), set()),
])
def test_since_takes_dates_and_times_back(config, since, expected):
    assert companies(config, "--since", since) == expected


@pytest.mark.parametrize("since", ["yesterday", "last week", "2024-13-01", "7", "d7", "31.12.2024"])
def test_since_refuses_what_it_cannot_read(config, since):
    result = CliRunner().invoke(cli, ["events", "list", "--config", config, "--since", since])
    assert result.exit_code == 2
    assert "--since" in result.output and "7d" in result.output and repr(since) in result.output


@pytest.mark.parametrize(("written", "expected"), [
    ("Series A", {"Lumora"}), ("series-a", {"Lumora"}), ("SeriesA", {"Lumora"}), ("series_a", {"Lumora"}),
    ("Pre-Seed", {"Kelpie"}), ("preseed", {"Kelpie"}), ("SERIES B", {"Fahrwerk"}),
])
def test_round_takes_labels_as_people_write_them(config, written, expected):
    assert companies(config, "--round", written) == expected


def test_round_refuses_a_label_no_round_has(config):
    result = CliRunner().invoke(cli, ["events", "list", "--config", config, "--round", "Series Z"])
    assert result.exit_code == 2 and "'Series Z' is not a round label" in result.output
    assert "series_a" in result.output


def test_limit_zero_is_refused(config):
    for command in (["events", "list"], ["alerts", "list"], ["search", "x"]):
        result = CliRunner().invoke(cli, [*command, "--config", config, "--limit", "0"])
        assert result.exit_code == 2 and "--limit" in result.output, command


def test_an_alert_filter_that_never_matches_is_a_config_error(tmp_path):
    path = tmp_path / "fundwatch.toml"
    path.write_text('[[alerts]]\nurl = "json://127.0.0.1:9/x"\nrounds = ["seed", "seriesz"]\n', encoding="utf-8")
    for command in (["run", "--no-prefect"], ["events", "list"], ["alerts", "list"]):
        result = subprocess.run([sys.executable, "-m", "flows", *command, "--config", str(path)],
                                capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        (line,) = result.stderr.strip().splitlines()  # one line: no Usage: preamble
        assert line.startswith(f"Error: {path}: alerts[0].rounds: 'seriesz' is not a round label")
        assert "series_a" in line and "pre_seed" in line
    assert not (tmp_path / "fundwatch.db").exists()


def test_parsers():
    assert round_label("Series C round") == "series_c" and round_label("Convertible Note") == "convertible"
    assert since_date("2w", today=date(2025, 1, 31)) == "2025-01-17"
    assert since_date("2025") == "2025"
    with pytest.raises(ValueError):
        round_label("series z")
