"""`fundwatch events list|show|export` and `fundwatch stats` through click's runner."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import click
import pytest
from click.testing import CliRunner
from support_events import art, ev

from flows import cli_events
from storage import open_db
from storage.events import record_article_events

M = 1_000_000
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def cli():
    group = click.Group("fundwatch")
    cli_events.register(group)
    return group


@pytest.fixture
def config(tmp_path):
    db_path = tmp_path / "fw.db"
    db = open_db(db_path)
    reports = [
        (art("en-1", "2018-04-09", "en"), [ev("SenseTime", 600 * M, "USD", "series_c", lead=["Alibaba"],
                                             evidence="raised $600 million")]),
        (art("de-1", "2018-04-10", "de"), [ev("SenseTime Group", 600 * M, "USD",
                                             valuation={"amount": 4_500 * M, "currency": "USD"},
                                             evidence="600 Millionen US-Dollar")]),
        (art("zh-1", "2018-04-11", "zh"), [ev("SenseTime", 600 * M, "USD", "series_c",
                                             valuation={"amount": 3_000 * M, "currency": "USD"}, evidence="6亿美元")]),
        (art("de-2", "2020-05-26", "de"), [ev("Scanditz", 73 * M, "EUR", "series_c", lead=["G2VP"])]),
    ]
    for ref, events in reports:
        record_article_events(db, ref, events, now=NOW)
    db.conn.close()
    path = tmp_path / "fundwatch.toml"
    path.write_text(f'[storage]\ndb = "{db_path}"\n', encoding="utf-8")
    return str(path)


def run(cli, *args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_list_table_and_filters(cli, config):
    out = run(cli, "events", "list", "--config", config)
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0].split()[:3] == ["ID", "DATE", "COMPANY"]
    assert "Scanditz" in lines[2] and "SenseTime" in lines[3]  # newest first
    out = run(cli, "events", "list", "--config", config, "--min-amount", "100000000", "--json")
    rows = json.loads(out.output)
    assert [r["company"] for r in rows] == ["SenseTime"] and rows[0]["source_count"] == 3
    for flags, expected in [
        (["--round", "series_c", "--lang", "de"], {"SenseTime", "Scanditz"}),
        (["--company", "sensetime group"], {"SenseTime"}),
        (["--investor", "G2VP"], {"Scanditz"}),
        (["--since", "2019-01-01"], {"Scanditz"}),
    ]:
        rows = json.loads(run(cli, "events", "list", "--config", config, "--json", *flags).output)
        assert {r["company"] for r in rows} == expected, flags


def test_show_lists_every_source_and_the_conflicts(cli, config):
    rows = json.loads(run(cli, "events", "list", "--config", config, "--company", "SenseTime", "--json").output)
    eid = str(rows[0]["id"])
    out = run(cli, "events", "show", eid, "--config", config)
    assert out.exit_code == 0
    text = out.output
    for needle in ("en-1", "de-1", "zh-1", "600 Millionen US-Dollar", "6亿美元", "conflicts between sources",
                   "valuation", "USD 4.5B", "USD 3B", "[chosen]"):
        assert needle in text, needle
    data = json.loads(run(cli, "events", "show", eid, "--config", config, "--json").output)
    assert len(data["sources"]) == 3 and "valuation" in data["conflicts"]
    missing = run(cli, "events", "show", "999", "--config", config)
    assert missing.exit_code == 1 and "no round" in missing.output


def test_export_jsonl_and_csv(cli, config, tmp_path):
    out = run(cli, "events", "export", "--config", config)
    objs = [json.loads(line) for line in out.output.splitlines()]
    assert len(objs) == 2 and {len(o["sources"]) for o in objs} == {1, 3}
    target = tmp_path / "rounds.csv"
    out = run(cli, "events", "export", "--config", config, "--format", "csv", "--output", str(target))
    assert out.exit_code == 0 and out.output == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {r["company"] for r in rows} == {"SenseTime", "Scanditz"}
    assert any(len(r["source_urls"].split()) == 3 for r in rows)


def test_stats(cli, config):
    out = run(cli, "stats", "--config", config)
    assert out.exit_code == 0
    assert "rounds: 2" in out.output and "sources: 4 from 4 articles" in out.output
    data = json.loads(run(cli, "stats", "--config", config, "--json").output)
    assert data["by_round"] == {"series_c": 2}
    assert data["by_currency"] == {"USD": 1, "EUR": 1}
    assert {i["investor"] for i in data["top_investors"]} == {"Alibaba", "G2VP"}


def test_bad_config_is_a_usage_error(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[storage]\nnope = 1\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["events", "list", "--config", str(bad)])
    assert out.exit_code == 2 and "nope" in out.output


def test_regroup(cli, config):
    out = run(cli, "events", "regroup", "--config", config)
    assert out.exit_code == 0 and out.output.startswith("0 rounds new")


@pytest.mark.parametrize(
    "args", [["events"], ["events", "list"], ["events", "show"], ["events", "export"], ["events", "regroup"], ["stats"]]
)
def test_every_command_has_help_with_an_example(cli, args):
    out = run(cli, *args, "--help")
    assert out.exit_code == 0
    if args != ["events"]:
        assert "Example:" in out.output
