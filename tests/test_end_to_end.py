"""`fundwatch run` end to end: a real news site and alert receiver on 127.0.0.1,
a real SQLite file, Prefect's ephemeral engine; the second cycle adds nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from flows.demo_server import AlertReceiver, DemoSite

MAIN_ROUNDS = {"Lumora", "Kelpie Robotics", "Fahrwerk", "Orbitly"}
NOT_ROUNDS = {"Vantage Cloud", "DataPier", "Brightwater Capital", "Quanta Health", "Zahlwerk", "Tillo"}


def fundwatch(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PREFECT_HOME=str(cwd / ".prefect"))
    env.pop("PREFECT_API_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "flows", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=240
    )


@pytest.fixture(scope="module")
def two_cycles(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("e2e")
    with DemoSite() as site, AlertReceiver() as receiver:
        config = workdir / "fundwatch.toml"
        config.write_text(
            f"""
[storage]
db = "rounds.db"
[http]
allow_private_networks = true
[[feeds]]
url = "{site.url}/en/feed.xml"
lang = "en"
[[feeds]]
url = "{site.url}/de/atom.xml"
lang = "de"
[[alerts]]
url = "{receiver.apprise_url}"
""",
            encoding="utf-8",
        )
        first = fundwatch("run", "--config", str(config), cwd=workdir)
        alerts_after_first = list(receiver.received)
        rows_after_first = _rows(workdir / "rounds.db")
        second = fundwatch("run", "--config", str(config), "--json", cwd=workdir)
        alerts_after_second = list(receiver.received)
    return {
        "workdir": workdir,
        "config": config,
        "first": first,
        "second": second,
        "alerts_first": alerts_after_first,
        "alerts_second": alerts_after_second,
        "rows_first": rows_after_first,
        "rows_second": _rows(workdir / "rounds.db"),
    }


def _rows(db_path: Path) -> dict[str, list]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return {
            "events": [dict(r) for r in conn.execute("select * from events order by id")],
            "sources": [dict(r) for r in conn.execute("select * from event_sources order by event_id, article_id")],
        }
    finally:
        conn.close()


def test_first_cycle_completes_with_a_summary_line(two_cycles):
    first = two_cycles["first"]
    assert first.returncode == 0, first.stderr[-3000:]
    last = first.stdout.strip().splitlines()[-1]
    assert last.startswith("feeds 2 ok, 0 failed;"), last
    assert "4 new rounds" in last and "4 alerts sent" in last, last
    # Prefect's temporary server outlives the flow until Prefect has sent its last logs.
    assert "Error logging to API" not in first.stderr, first.stderr[-2000:]


def test_one_row_per_real_round_and_no_look_alikes(two_cycles):
    events = two_cycles["rows_first"]["events"]
    main = {e["company"] for e in events if e["main"]}
    assert main == MAIN_ROUNDS
    assert not {e["company"] for e in events} & NOT_ROUNDS
    lumora = [e for e in events if e["company"] == "Lumora" and e["main"]]
    assert len(lumora) == 1, "the English and the German report are one round"
    assert lumora[0]["amount"] == 42_000_000 and lumora[0]["currency"] == "USD"
    assert lumora[0]["round"] == "series_b"
    assert json.loads(lumora[0]["lead_investors"]) == ["Northwind Ventures"]
    sources = [s for s in two_cycles["rows_first"]["sources"] if s["event_id"] == lumora[0]["id"]]
    assert len(sources) == 2


def test_page_missing_falls_back_to_the_feed_text(two_cycles):
    orbitly = [e for e in two_cycles["rows_first"]["events"] if e["company"] == "Orbitly"]
    assert orbitly and orbitly[0]["amount"] == 3_500_000 and orbitly[0]["round"] == "pre_seed"


def test_each_new_round_alerted_once(two_cycles):
    alerts = two_cycles["alerts_first"]
    assert len(alerts) == 4
    text = json.dumps(alerts, ensure_ascii=False)
    for company in MAIN_ROUNDS:
        assert company in text


def test_second_cycle_stores_nothing_twice_and_sends_nothing(two_cycles):
    second = two_cycles["second"]
    assert second.returncode == 0, second.stderr[-3000:]
    report = json.loads(second.stdout)  # with --json, stdout holds the report alone
    assert report["new_articles"] == 0 and report["new_rounds"] == [] and report["alerts_sent"] == 0
    last = second.stderr.strip().splitlines()[-1]  # the summary line for people goes to stderr
    assert "0 new articles; 0 new rounds; 0 alerts sent" in last, last
    assert two_cycles["alerts_second"] == two_cycles["alerts_first"]
    assert two_cycles["rows_second"] == two_cycles["rows_first"]


def test_export_contract(two_cycles):
    result = fundwatch("events", "export", "--config", str(two_cycles["config"]), "--format", "jsonl",
                       cwd=two_cycles["workdir"])
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(rows) == len(two_cycles["rows_second"]["events"])
    required = {"id", "company", "amount", "currency", "round", "status", "lead_investors", "investors",
                "valuation", "first_seen", "sources"}
    for row in rows:
        assert required <= set(row)
        assert all({"url", "title", "published"} <= set(s) for s in row["sources"])
