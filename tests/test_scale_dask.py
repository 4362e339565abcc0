"""Reading on a Dask cluster ([scale]): the same rows as reading in the cycle's own process.

A local process cluster of 2 workers reads the pages (HTML to text, rounds
extracted) of a farm on 127.0.0.x; the cycle's process stays the only writer.
Both cycles run against the same farm, each on a fresh SQLite file, and every
stored article and round must match.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from flows import stages
from flows.cycle import run_plain
from flows.settings import ConfigError, load_config, parse_config
from scrapers.models import FetchedPage
from scrapers.poll import read_page
from support_farm import NewsFarm, article_html, farm_config

pytest.importorskip("distributed")

ARTICLE_COLUMNS = "id, url, canonical_url, entry_key, title, text, published, lang, source, fetch_error"
EVENT_COLUMNS = ("company, company_key, amount, currency, amount_usd, round, extension, status, lead_investors, "
                 "investors, valuation_amount, valuation_currency, main, confidence, evidence, announced_on, "
                 "source_count")


def stored_rows(db: Path) -> dict[str, list[tuple]]:
    """Everything a cycle stores that does not depend on when or in which order it ran."""
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": sorted(conn.execute(f"select {ARTICLE_COLUMNS} from articles")),
            "events": sorted(conn.execute(f"select {EVENT_COLUMNS} from events"), key=repr),
            "entries": sorted(conn.execute("select feed_id, entry_key, state from entries")),
            "outbox": conn.execute("select count(*) from outbox").fetchone()[0],
        }
    finally:
        conn.close()


def scale_config(path: Path, feeds: list[str], scale: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    farm_config(path, path.parent / "fundwatch.db", feeds)
    path.write_text(path.read_text(encoding="utf-8") + scale, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def farm():
    with NewsFarm(sites=3, feeds=2) as farm:
        farm.publish(3)  # 18 stories, each a round of its own
        yield farm


def test_scale_config_keys(tmp_path):
    def parse(scale: dict):
        return parse_config({"scale": scale}, tmp_path, "test").scale

    assert not parse({}).uses_dask
    assert not parse({"workers": 0}).uses_dask
    assert parse({"workers": 2}).workers == 2
    assert parse({"dask_address": "tcp://10.0.0.5:8786"}).dask_address == "tcp://10.0.0.5:8786"
    for bad, key in [({"workers": -1}, "scale.workers"), ({"workers": "2"}, "scale.workers"),
                     ({"dask_address": "10.0.0.5:8786"}, "scale.dask_address"),
                     ({"dask_address": "tcp://x:1", "workers": 2}, "scale:"), ({"threads": 2}, "unknown key")]:
        with pytest.raises(ConfigError, match=key):
            parse(bad)


def test_read_articles_gives_what_the_writer_would_extract():
    entry = stages.FeedEntry(feed_id=1, entry_key="k", url="http://127.0.0.20/news/0/0.html", title="t",
                             summary="s", published="2026-03-02T10:00:00+00:00", lang="en")
    fetched = FetchedPage(entry=entry, body=article_html("Lumorita", 12, "x"), final_url=entry.url,
                          content_type="text/html; charset=utf-8")
    [read] = stages.read_articles([fetched])
    assert read.doc == read_page(fetched)
    assert read.events == stages.extract(read.doc)
    assert [e["company"] for e in read.events] == ["Lumorita"] and read.events[0]["amount"] == 12_000_000


def test_plain_cycle_on_a_local_dask_cluster_stores_the_same_rows(farm, tmp_path):
    default = load_config(scale_config(tmp_path / "default" / "fundwatch.toml", farm.feed_urls, ""))
    on_dask = load_config(scale_config(tmp_path / "dask" / "fundwatch.toml", farm.feed_urls,
                                       "[scale]\nworkers = 2\n"))
    assert on_dask.scale.workers == 2

    first = run_plain(default)
    second = run_plain(on_dask)

    assert first.new_articles == second.new_articles == 18
    assert len(first.new_rounds) == len(second.new_rounds) == 18
    assert second.articles_from_feed_text == 0 and not second.unreadable_articles
    rows = stored_rows(default.db_path)
    assert len(rows["events"]) == 18 and {state for *_, state in rows["entries"]} == {"done"}
    assert stored_rows(on_dask.db_path) == rows


@pytest.mark.integration
def test_run_with_prefect_on_a_local_dask_cluster_stores_the_same_rows(farm, tmp_path):
    """`fundwatch run` (Prefect, reading as task runs of prefect-dask's DaskTaskRunner)."""
    configs = {
        "default": scale_config(tmp_path / "default" / "fundwatch.toml", farm.feed_urls, ""),
        "dask": scale_config(tmp_path / "dask" / "fundwatch.toml", farm.feed_urls, "[scale]\nworkers = 2\n"),
    }
    for name, config in configs.items():
        done = subprocess.run([sys.executable, "-m", "flows", "run", "--config", str(config)],
                              capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stderr[-2000:]
        assert "18 new articles" in done.stdout, done.stdout
    rows = stored_rows(configs["default"].parent / "fundwatch.db")
    assert len(rows["events"]) == 18
    assert stored_rows(configs["dask"].parent / "fundwatch.db") == rows
