"""The cycle's write stages without Prefect: retries after a crash, re-extraction."""

from __future__ import annotations


from click.testing import CliRunner

import storage.feeds as feed_store
from flows.cli import cli
from flows.reextract import reextract
from flows.stages import store_articles
from scrapers.models import ArticleDoc
from storage import open_db

TEXT = ("Tidewell, a Lisbon startup that builds software for port logistics, has raised €18 million "
        "in a Series A round led by Atlantic Harbour Ventures. Existing investor Quay Capital also "
        "took part. The company will use the money to expand to Rotterdam and Hamburg.")


def doc(article_id="a1", text=TEXT, url="https://news.example/tidewell") -> ArticleDoc:
    return ArticleDoc(id=article_id, url=url, canonical_url=url, feed_id=None,
                      title="Tidewell raises €18 million Series A", text=text,
                      published="2026-11-20T09:00:00+00:00", lang="en", source="page")


def rows(db_path):
    db = open_db(db_path)
    try:
        return [dict(r) for r in db.query("select company, amount, currency, round, main from events order by id")]
    finally:
        db.conn.close()


def test_a_retry_after_a_crash_between_saving_and_recording_still_records(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    db = open_db(db_path)
    feed_store.save_article(db, doc())  # the crashed attempt got this far
    db.conn.close()
    outcome = store_articles(db_path, [doc()])
    assert outcome.new_articles == 0  # the article itself was already stored
    assert rows(db_path) == [{"company": "Tidewell", "amount": 18_000_000, "currency": "EUR",
                              "round": "series_a", "main": 1}]
    assert len(outcome.new_rounds) == 1


def test_storing_the_same_batch_twice_adds_nothing(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    first = store_articles(db_path, [doc()])
    second = store_articles(db_path, [doc()])
    assert len(first.new_rounds) == 1 and first.new_articles == 1
    assert second.new_rounds == [] and second.new_articles == 0 and second.updated_rounds == []
    assert len(rows(db_path)) == 1
    db = open_db(db_path)
    assert db.execute("select count(*) from outbox").fetchone()[0] == 1
    db.conn.close()


def test_reextract_is_idempotent_and_reports_progress(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    store_articles(db_path, [doc(), doc("a2", "Nothing about money here, only the weather in Lisbon. " * 5,
                                        "https://news.example/weather")])
    before = rows(db_path)
    seen = []
    report = reextract(db_path, on_article=lambda row: seen.append(row["id"]))
    assert report.articles == 2 and sorted(seen) == ["a1", "a2"]
    assert report.new_rounds == [] and rows(db_path) == before


def test_reextract_command(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    store_articles(db_path, [doc()])
    config = tmp_path / "fundwatch.toml"
    config.write_text(f'[storage]\ndb = "{db_path}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["reextract", "--config", str(config), "--since", "2026-11-01"])
    assert result.exit_code == 0, result.output
    assert "re-extracted 1 articles; 0 new rounds, 0 updated" in result.output
    result = CliRunner().invoke(cli, ["reextract", "--config", str(config), "--since", "2027-01-01"])
    assert "re-extracted 0 articles" in result.output


def test_an_article_that_trips_the_extractor_does_not_cost_the_batch(tmp_path, monkeypatch):
    import flows.stages as stages

    real = stages.extract_events

    def fragile(text, **kwargs):
        if "weather" in text:
            raise ValueError("extractor bug")
        return real(text, **kwargs)

    monkeypatch.setattr(stages, "extract_events", fragile)
    bad = doc("a2", "Only the weather in Lisbon today, nothing else. " * 5, "https://news.example/weather")
    outcome = store_articles(tmp_path / "fundwatch.db", [bad, doc()])
    assert outcome.failed_articles == [("https://news.example/weather", "ValueError('extractor bug')")]
    assert [r["company"] for r in rows(tmp_path / "fundwatch.db")] == ["Tidewell"]
    assert outcome.new_articles == 2


def test_batches_take_each_host_in_turn_so_they_finish_one_after_another():
    from flows.stages import interleave_hosts
    from scrapers.models import FeedEntry

    def entry(url):
        return FeedEntry(feed_id=1, entry_key=url, url=url, title="", summary="", published=None)

    entries = [entry(f"https://a.test/{i}") for i in range(3)] + [entry(f"https://b.test/{i}") for i in range(2)]
    entries.append(entry(None))
    order = [e.url for e in interleave_hosts(entries)]
    assert order == ["https://a.test/0", "https://b.test/0", None, "https://a.test/1", "https://b.test/1",
                     "https://a.test/2"]
