"""Reading the database: full-text search, the views, the Datasette metadata, and
`fundwatch search | schema | ui`, on real SQLite files filled through the storage APIs."""

from __future__ import annotations

import importlib.util
import json
import re
import socket
import subprocess
import time
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import click
import pytest
from click.testing import CliRunner
from support_events import ev, wire_text

from flows import cli_inspect
from scrapers.models import ArticleDoc, FeedEntry, FeedPoll
from scrapers.urls import url_id
from storage import open_db
from storage.events import ArticleRef, record_article_events
from storage.feeds import record_poll, save_article, sync_feeds
from storage.inspect import VIEWS, plain_match, search_articles

M = 1_000_000
NOW = datetime.now(UTC)
TODAY = NOW.strftime("%Y-%m-%d")
TOMORROW = (NOW + timedelta(days=1)).strftime("%Y-%m-%d")
FIRST_OF_MONTH = NOW.strftime("%Y-%m-01")
HOSTILE = ['"', "AND OR", "*", "'; drop table events; --", "NEAR(", "-", "title:", "", "   ", "\x00", "(((",
           "lumora NOT", '"unterminated', "^", "x" * 5000, "\u202e\u0007", "{title text}:", "%_"]


def _article(db, url, title, text, published, lang, feed_id, events):
    doc = ArticleDoc(id=url_id(url), url=url, canonical_url=url, feed_id=feed_id, title=title, text=text,
                     published=published, lang=lang, source="page")
    article_id, _ = save_article(db, doc)
    record_article_events(db, ArticleRef(article_id, url, title, published, lang, text), events)
    return article_id


def fill(db) -> dict[str, str]:
    """Three feeds (ok, failing, never polled), five articles, four live rounds and
    one merged away, a syndicated copy, an article without rounds, one alert delivery."""
    feeds = [SimpleNamespace(url=f"https://feeds.test/{n}.xml", name=f"Feed {n}", lang=lang)
             for n, lang in (("one", "en"), ("two", "de"), ("three", "en"))]
    sync_feeds(db, feeds)
    entry = FeedEntry(feed_id=1, entry_key="e1", url="https://news.test/lumora", title="Lumora", summary="",
                      published=TODAY)
    record_poll(db, FeedPoll(feed_id=1, url=feeds[0].url, status="ok", http_status=200, entries=[entry]))
    record_poll(db, FeedPoll(feed_id=2, url=feeds[1].url, status="failed", error="timed out"))

    ids = {}
    lumora = [ev("Lumora", 30 * M, "USD", "series_b", lead=["Northwind Ventures"],
                 investors=["Northwind Ventures", "Harbor Angels"])]
    ids["lumora"] = _article(db, "https://news.test/lumora", "Lumora raises $30 million Series B",
                             wire_text("Lumora", "$30 million for its series-b in Zürich, led by Northwind Ventures"),
                             TODAY, "en", 1, lumora)
    ids["copy"] = _article(db, "https://paper.test/logistics", "Logistics startup secures funding",
                           wire_text("Lumora", "$30 million for its series-b in Zürich, led by Northwind Ventures", 1),
                           TOMORROW, "en", 1, lumora)  # published later: the copy
    ids["fahrwerk"] = _article(
        db, "https://zeitung.test/fahrwerk", "Fahrwerk sammelt 12 Millionen Euro ein",
        "Das Berliner Startup Fahrwerk hat in einer Serie-A-Runde 12 Millionen Euro eingesammelt. "
        "Angeführt wird die Runde von Northwind Ventures, auch Alpine Capital beteiligt sich.",
        "2025-03-03", "de", 2,
        [ev("Fahrwerk", 12 * M, "EUR", "series_a", lead=["Northwind Ventures"],
            investors=["Northwind Ventures", "Alpine Capital"])])
    ids["kelpie"] = _article(db, "https://news.test/kelpie", "Kelpie gets a seed round",
                             "Kelpie, a pet insurance startup, raised $2 million in seed funding.",
                             FIRST_OF_MONTH, "en", 1, [ev("Kelpie", 2 * M, "USD", "seed")])
    ids["weather"] = _article(db, "https://news.test/weather", "Rain all week",
                              "The caterers had to drop a table at the events hall; rain all week.",
                              TODAY, "en", 3, [])
    # Two rounds, then a corrected extraction makes them one: the second row is merged away.
    first = record_article_events(db, ArticleRef("ondalux-1", "https://news.test/o1", "Ondalux 1", "2021-09-01", "en"),
                                  [ev("Ondalux", 100 * M, "USD")])
    second = record_article_events(db, ArticleRef("ondalux-2", "https://news.test/o2", "Ondalux 2", "2021-09-02", "en"),
                                   [ev("Ondalux", 150 * M, "USD")])
    record_article_events(db, ArticleRef("ondalux-2", "https://news.test/o2", "Ondalux 2", "2021-09-02", "en"),
                          [ev("Ondalux", 100 * M, "USD")])
    ids["ondalux_kept"], ids["ondalux_merged"] = first.new_event_ids[0], second.new_event_ids[0]

    from storage import outbox

    row = next(r for r in outbox.unfanned(db) if r["event_id"] == _round_id(db, "Lumora"))
    outbox.fan_out(db, row, [{"target_key": "k1", "target": "ops mail", "status": "pending"}], NOW)
    return ids


def _round_id(db, company):
    return db.execute("select id from events where company = ? and source_count > 0", [company]).fetchone()[0]


@pytest.fixture
def filled(tmp_path):
    db = open_db(tmp_path / "fundwatch.db")
    ids = fill(db)
    yield db, ids
    db.conn.close()


# ---------------------------------------------------------------------- schema


def test_fts_index_and_views_exist(fresh_db):
    assert "articles_fts" in fresh_db.table_names()
    assert fresh_db["articles"].detect_fts() == "articles_fts"
    assert set(VIEWS) <= set(fresh_db.view_names())
    assert {"articles_ai", "articles_ad", "articles_au"} <= {t.name for t in fresh_db["articles"].triggers}


def test_existing_articles_are_indexed_when_the_migration_runs(tmp_path):
    import sqlite3

    import sqlite_utils

    from storage import events, feeds, outbox

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(str(path), isolation_level=None))
    for migrations in (feeds.MIGRATIONS, events.MIGRATIONS, outbox.MIGRATIONS):  # a database from before
        migrations.apply(db)
    save_article(db, ArticleDoc(id="a1", url="https://x.test/1", canonical_url="https://x.test/1", feed_id=None,
                                title="Quillmark closes seed", text="Quillmark raised money", published=None,
                                lang="en", source="feed"))
    db.conn.close()
    db = open_db(path)
    assert [r["id"] for r in search_articles(db, "quillmark")] == ["a1"]
    db.conn.close()
    db = open_db(path)  # reopening applies nothing twice
    assert [r["id"] for r in search_articles(db, "quillmark")] == ["a1"]
    db.conn.close()


def test_triggers_keep_the_index_current(fresh_db):
    doc = ArticleDoc(id="a1", url="https://x.test/1", canonical_url="https://x.test/1", feed_id=None,
                     title="Quillmark closes seed", text="text", published=None, lang="en", source="page")
    save_article(fresh_db, doc)
    fresh_db.execute("update articles set title = 'Brambleway closes seed' where id = 'a1'")
    assert search_articles(fresh_db, "quillmark") == []
    assert [r["id"] for r in search_articles(fresh_db, "brambleway")] == ["a1"]
    fresh_db.execute("delete from article_urls where article_id = 'a1'")
    fresh_db.execute("delete from articles where id = 'a1'")
    assert search_articles(fresh_db, "brambleway") == []


# ---------------------------------------------------------------------- views


def test_rounds_view_shows_live_rounds_only(filled):
    db, ids = filled
    rows = list(db.query("select * from rounds"))
    assert {r["company"] for r in rows[:2]} == {"Lumora", "Kelpie"}  # both this month
    assert [r["company"] for r in rows[2:]] == ["Fahrwerk", "Ondalux"]
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    assert ids["ondalux_merged"] not in {r["id"] for r in rows}
    assert ids["ondalux_kept"] in {r["id"] for r in rows}
    lumora = next(r for r in rows if r["company"] == "Lumora")
    assert lumora["investors_text"] == "Northwind Ventures, Harbor Angels"
    assert lumora["lead_investors_text"] == "Northwind Ventures"
    assert json.loads(lumora["investors"]) == ["Northwind Ventures", "Harbor Angels"]
    assert lumora["amount_usd"] == 30 * M and lumora["date"] == TODAY and lumora["round"] == "series_b"
    assert lumora["source_count"] == 1  # the syndicated copy does not count
    assert lumora["first_source_url"] == "https://news.test/lumora"
    ondalux = next(r for r in rows if r["company"] == "Ondalux")
    assert ondalux["source_count"] == 2 and ondalux["first_source_url"] == "https://news.test/o1"
    fahrwerk = next(r for r in rows if r["company"] == "Fahrwerk")
    assert fahrwerk["currency"] == "EUR" and fahrwerk["amount_usd"] > 10 * M


def test_round_sources_view(filled):
    db, ids = filled
    rows = list(db.query("select * from round_sources where round_company = 'Lumora'"))
    assert len(rows) == 1
    (src,) = rows
    assert src["article_id"] == ids["lumora"] and src["feed"] == "Feed one" and src["syndicated_copies"] == 1
    assert src["investors_text"] == "Northwind Ventures, Harbor Angels" and src["main"] == 1
    ondalux = list(db.query("select * from round_sources where round_company = 'Ondalux'"))
    assert {r["event_id"] for r in ondalux} == {ids["ondalux_kept"]}
    assert [r["article_id"] for r in ondalux] == ["ondalux-1", "ondalux-2"]
    assert {r["feed"] for r in ondalux} == {None}  # recorded without a stored article


def test_investor_rounds_view(filled):
    db, _ = filled
    rows = list(db.query("select investor, lead, company from investor_rounds"))
    assert sorted((r["investor"], r["lead"], r["company"]) for r in rows) == [
        ("Alpine Capital", 0, "Fahrwerk"),
        ("Harbor Angels", 0, "Lumora"),
        ("Northwind Ventures", 1, "Fahrwerk"),
        ("Northwind Ventures", 1, "Lumora"),
    ]


def test_investor_rounds_counts_a_lead_missing_from_investors_once(fresh_db):
    record_article_events(fresh_db, ArticleRef("x1", "https://x.test/1", "t", "2024-01-01", "en"),
                          [ev("Tessaly", 5 * M, "USD", "seed", lead=["Oakline"], investors=["Birchgate"])])
    rows = list(fresh_db.query("select investor, lead from investor_rounds order by investor"))
    assert rows == [{"investor": "Birchgate", "lead": 0}, {"investor": "Oakline", "lead": 1}]


def test_malformed_investor_json_does_not_break_the_views(filled):
    db, _ = filled
    db.execute("update events set investors = 'not json' where company = 'Kelpie'")
    assert next(db.query("select investors_text from rounds where company = 'Kelpie'"))["investors_text"] is None
    assert len(list(db.query("select * from investor_rounds"))) == 4


def test_feed_health_view(filled):
    db, _ = filled
    rows = {r["name"]: r for r in db.query("select * from feed_health")}
    assert rows["Feed one"]["state"] == "ok" and rows["Feed two"]["state"] == "failing"
    assert rows["Feed three"]["state"] == "never polled"
    assert rows["Feed two"]["last_error"] == "timed out" and rows["Feed two"]["consecutive_failures"] == 1
    assert rows["Feed one"]["entries"] == 1 and rows["Feed one"]["articles"] == 3
    assert rows["Feed one"]["rounds"] == 2  # Lumora (original and copy) and Kelpie
    assert rows["Feed two"]["rounds"] == 1 and rows["Feed three"]["rounds"] == 0
    from storage.feeds import feed_health

    assert {r["name"]: r["state"] for r in feed_health(db)} == {n: r["state"] for n, r in rows.items()}


def test_alert_deliveries_view(filled):
    db, _ = filled
    rows = list(db.query("select * from alert_deliveries"))
    assert [(r["company"], r["kind"], r["target"], r["status"]) for r in rows] == [
        ("Lumora", "new", "ops mail", "pending")]


# ---------------------------------------------------------------------- search


def test_search_finds_articles_with_their_rounds(filled):
    db, ids = filled
    rows = search_articles(db, "northwind")
    assert {r["id"] for r in rows} == {ids["lumora"], ids["copy"], ids["fahrwerk"]}
    by_id = {r["id"]: r for r in rows}
    lumora_round = _round_id(db, "Lumora")
    assert [x["id"] for x in by_id[ids["lumora"]]["rounds"]] == [lumora_round]
    assert by_id[ids["copy"]]["copy_of"] == ids["lumora"]
    assert [x["id"] for x in by_id[ids["copy"]]["rounds"]] == [lumora_round]  # a copy shows its original's round
    assert by_id[ids["fahrwerk"]]["rounds"][0]["company"] == "Fahrwerk"
    assert by_id[ids["fahrwerk"]]["feed"] == "Feed two"
    assert all("[" in r["snippet"] and "]" in r["snippet"] for r in rows)
    assert search_articles(db, "rain week")[0]["rounds"] == []


def test_search_ranks_a_title_match_first(filled):
    db, ids = filled
    rows = search_articles(db, "lumora")
    assert [r["id"] for r in rows[:2]] == [ids["lumora"], ids["copy"]]


def test_search_syntax_and_plain_words(filled):
    db, ids = filled
    assert {r["id"] for r in search_articles(db, "kelpie OR fahrwerk")} == {ids["kelpie"], ids["fahrwerk"]}
    assert [r["id"] for r in search_articles(db, "title:fahrwerk")] == [ids["fahrwerk"]]
    assert {r["id"] for r in search_articles(db, "kelp*")} == {ids["kelpie"]}
    assert {r["id"] for r in search_articles(db, "zurich")} == {ids["lumora"], ids["copy"]}  # diacritics folded
    # not valid FTS5 ("-" reads as a column filter): searched as a phrase
    assert {r["id"] for r in search_articles(db, "series-b")} == {ids["lumora"], ids["copy"]}
    assert len(search_articles(db, "northwind", limit=1)) == 1


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_safe(filled, query):
    db, _ = filled
    before = db.execute("select count(*) from events").fetchone()[0]
    rows = search_articles(db, query)
    assert isinstance(rows, list)
    assert db.execute("select count(*) from events").fetchone()[0] == before
    assert "events" in db.table_names()


def test_hostile_query_words_are_searched_literally(filled):
    db, ids = filled
    rows = search_articles(db, "'; drop table events; --")
    assert [r["id"] for r in rows] == [ids["weather"]]  # "drop", "table", "events" all occur there
    assert search_articles(db, "AND OR") == []  # searched as the words "and" and "or"


def test_plain_match_quotes_every_chunk():
    assert plain_match('series-b "x') == '"series-b" """x"'
    assert plain_match("* -- ;") == ""


# ---------------------------------------------------------------------- metadata


def test_metadata_describes_only_what_exists_and_everything_that_does(fresh_db):
    meta = cli_inspect.load_metadata()
    (database,) = meta["databases"].values()
    existing = set(fresh_db.table_names()) | set(fresh_db.view_names())
    for name, info in database["tables"].items():
        assert name in existing, f"metadata describes {name}, which does not exist"
        columns = {c.name for c in (fresh_db[name].columns if name in fresh_db.table_names()
                                    else fresh_db.view(name).columns)}
        assert set(info.get("columns", {})) <= columns, (name, set(info["columns"]) - columns)
        missing = columns - set(info.get("columns", {}))
        assert not missing, f"describe {name}.{sorted(missing)} in storage/datasette_metadata.json"
        assert info.get("description")
    undescribed = {n for n in existing if not n.startswith("articles_fts")} - set(database["tables"])
    assert not undescribed, f"describe {sorted(undescribed)} in storage/datasette_metadata.json"
    for query in database["queries"].values():
        for name in re.findall(r"\bfrom\s+([a-z_]+)", query["sql"]):
            assert name in existing, (query["title"], name)


QUERY_PARAMS = {"investor": "northwind", "phrase": "Northwind Ventures"}


def _canned(db, name, **params):
    (database,) = cli_inspect.load_metadata()["databases"].values()
    sql = database["queries"][name]["sql"]
    wanted = set(re.findall(r":(\w+)", sql))
    return list(db.query(sql, {k: v for k, v in {**QUERY_PARAMS, **params}.items() if k in wanted}))


def test_canned_queries_on_an_empty_database(fresh_db):
    (database,) = cli_inspect.load_metadata()["databases"].values()
    assert {"latest_rounds", "biggest_rounds_this_month", "rounds_by_investor", "feed_health"} <= set(
        database["queries"])
    for name in database["queries"]:
        assert _canned(fresh_db, name) == []


def test_canned_queries_return_the_expected_rows(filled):
    db, ids = filled
    latest = _canned(db, "latest_rounds")
    assert [r["company"] for r in latest][-2:] == ["Fahrwerk", "Ondalux"]
    assert {r["company"] for r in latest[:2]} == {"Lumora", "Kelpie"}
    assert [r["company"] for r in _canned(db, "biggest_rounds_this_month")] == ["Lumora", "Kelpie"]
    by_investor = _canned(db, "rounds_by_investor")
    assert [(r["company"], r["lead"]) for r in by_investor] == [("Lumora", 1), ("Fahrwerk", 1)]
    assert [r["company"] for r in _canned(db, "rounds_by_investor", investor="alpine")] == ["Fahrwerk"]
    assert [r["name"] for r in _canned(db, "feed_health")] == ["Feed two", "Feed three", "Feed one"]
    found = {r["id"]: r for r in _canned(db, "articles_containing")}
    assert set(found) == {ids["lumora"], ids["copy"], ids["fahrwerk"]}
    assert found[ids["copy"]]["rounds"] == "Lumora series_b"
    for hostile in HOSTILE:
        assert isinstance(_canned(db, "articles_containing", phrase=hostile), list)
        assert isinstance(_canned(db, "rounds_by_investor", investor=hostile), list)


# ---------------------------------------------------------------------- commands


@pytest.fixture
def cli():
    group = click.Group("fundwatch")
    cli_inspect.register(group)
    return group


@pytest.fixture
def config(tmp_path):
    db_path = tmp_path / "fw.db"
    db = open_db(db_path)
    fill(db)
    db.conn.close()
    path = tmp_path / "fundwatch.toml"
    path.write_text(f'[storage]\ndb = "{db_path}"\n', encoding="utf-8")
    return str(path)


def run(cli, *args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_search_command(cli, config):
    out = run(cli, "search", "northwind", "--config", config)
    assert out.exit_code == 0, out.output
    assert "Lumora raises $30 million Series B" in out.output and "Fahrwerk sammelt" in out.output
    assert re.search(r"round #\d+: Lumora  USD 30M  series_b", out.output)
    assert "syndicated copy of article" in out.output
    rows = json.loads(run(cli, "search", "fahrwerk", "--json", "--config", config).output)
    assert [r["title"] for r in rows] == ["Fahrwerk sammelt 12 Millionen Euro ein"]
    assert rows[0]["rounds"][0]["currency"] == "EUR"
    assert run(cli, "search", "nothing-like-this", "--config", config).output.strip() == "no articles match"
    for query in HOSTILE[:8]:
        assert run(cli, "search", query, "--config", config).exit_code == 0, query
    assert run(cli, "search", "x", "--limit", "0", "--config", config).exit_code == 2


def test_search_command_config_errors_are_usage_errors(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[storage\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["search", "x", "--config", str(bad)])
    assert result.exit_code == 2


def test_schema_command(cli, config):
    out = run(cli, "schema", "--config", config)
    assert out.exit_code == 0, out.output
    assert "rounds (view): Live funding rounds" in out.output
    assert re.search(r"investors_text\s+All investors, leads included", out.output)
    tables = {t["name"]: t for t in json.loads(run(cli, "schema", "--json", "--config", config).output)}
    assert {"events", "articles", "rounds", "feed_health"} <= set(tables)
    assert not any(n.startswith("articles_fts") for n in tables)


def test_ui_without_datasette_says_how_to_install_it(cli, config, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    result = CliRunner().invoke(cli, ["ui", "--config", config])
    assert result.exit_code == 1
    assert "pip install 'fundwatch[ui]'" in result.output


def test_ui_runs_datasette_with_the_metadata(cli, config, monkeypatch, tmp_path):
    seen = {}

    class FakePopen:
        def __init__(self, argv):
            seen["argv"] = argv
            meta = argv[argv.index("--metadata") + 1]
            seen["meta"] = json.loads(open(meta, encoding="utf-8").read())

        def wait(self):
            return 0

    monkeypatch.setattr(cli_inspect, "datasette_available", lambda: True)
    monkeypatch.setattr(cli_inspect.subprocess, "Popen", FakePopen)
    result = CliRunner().invoke(cli, ["ui", "--config", config, "--port", "8123"])
    assert result.exit_code == 0, result.output
    argv = seen["argv"]
    argv = argv[argv.index("-m") - 1 :]  # past the wrapper that ties Datasette to our life
    assert argv[1:4] == ["-m", "datasette", "serve"] and argv[4] == str(tmp_path / "fw.db")
    assert argv[argv.index("--host") + 1] == "127.0.0.1" and argv[argv.index("--port") + 1] == "8123"
    assert list(seen["meta"]["databases"]) == ["fw"]  # Datasette names the database after the file
    assert "latest_rounds" in seen["meta"]["databases"]["fw"]["queries"]


def test_packaged_metadata_is_used_as_is_for_fundwatch_db(tmp_path):
    with cli_inspect.metadata_file(tmp_path / "fundwatch.db") as path:
        assert path.name == "datasette_metadata.json" and path.parent.name == "storage"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(importlib.util.find_spec("datasette") is None, reason="datasette (the 'ui' extra) is not installed")
def test_datasette_serves_the_canned_queries(filled, tmp_path):
    import httpx

    db, ids = filled
    db_path = tmp_path / "fundwatch.db"
    port = _free_port()
    with cli_inspect.metadata_file(db_path) as meta:
        argv = cli_inspect.datasette_command(db_path, meta, "127.0.0.1", port)
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    response = httpx.get(f"{base}/fundwatch/latest_rounds.json?_shape=array", timeout=5)
                    break
                except httpx.TransportError:
                    assert process.poll() is None and time.monotonic() < deadline, "datasette did not start"
                    time.sleep(0.3)
            assert response.status_code == 200, response.text
            assert {r["company"] for r in response.json()} == {"Lumora", "Kelpie", "Fahrwerk", "Ondalux"}
            response = httpx.get(f"{base}/fundwatch/rounds_by_investor.json",
                                 params={"investor": "alpine", "_shape": "array"}, timeout=10)
            assert [r["company"] for r in response.json()] == ["Fahrwerk"]
            metadata = httpx.get(f"{base}/-/metadata.json", timeout=10).json()
            assert "rounds" in metadata["databases"]["fundwatch"]["tables"]
            search = httpx.get(f"{base}/fundwatch/articles.json",
                               params={"_search": "northwind", "_shape": "array"}, timeout=10)
            assert {r["id"] for r in search.json()} == {ids["lumora"], ids["copy"], ids["fahrwerk"]}
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_biggest_rounds_this_month_leaves_other_months_out(fresh_db):
    last_month = (NOW.replace(day=1) - timedelta(days=1)).strftime("%Y-%m-%d")
    record_article_events(fresh_db, ArticleRef("old", "https://x.test/old", "t", last_month, "en"),
                          [ev("Vellichor", 900 * M, "USD", "series_d")])
    record_article_events(fresh_db, ArticleRef("new", "https://x.test/new", "t", TODAY, "en"),
                          [ev("Quenby", 1 * M, "USD", "seed")])
    assert [r["company"] for r in _canned(fresh_db, "biggest_rounds_this_month")] == ["Quenby"]


def test_readme_documents_every_table_and_view(fresh_db):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The database", 1)[1].split("\n## ", 1)[0]
    names = {n for n in set(fresh_db.table_names()) | set(fresh_db.view_names())
             if not n.startswith(("articles_fts_", "_sqlite"))}
    assert not {n for n in names if f"`{n}`" not in section}, "document them under '## The database'"
    (database,) = cli_inspect.load_metadata()["databases"].values()
    for query in database["queries"].values():
        assert query["title"].lower() in section.lower(), query["title"]
