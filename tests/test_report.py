"""`fundwatch report`: the page's numbers against SQL over a database a real cycle filled."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from extraction.confidence import alert_threshold
from market.build import build
from market.data import parse_since, stage_of
from storage import open_db
from storage.events import record_article_events
from support_events import art, ev
from support_report import demo_cycle, fundwatch

# The same rule as the page states: live (the view), news, sure enough, in the period.
COUNTED = "from rounds where date >= ? and main = 1 and (confidence is null or confidence >= ?)"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("report")
    config = demo_cycle(workdir)
    done = fundwatch("report", "--config", str(config), "--out", "page.html", cwd=workdir)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "4 rounds since" in done.stdout, done.stdout
    page = BeautifulSoup((workdir / "page.html").read_text(encoding="utf-8"), "html.parser")
    conn = sqlite3.connect(workdir / "fundwatch.db")
    conn.row_factory = sqlite3.Row
    since = (date.today() - timedelta(days=30)).isoformat()
    yield page, conn, (since, alert_threshold())
    conn.close()


def figure(page, name):
    node = page.find(attrs={"data-figure": name})
    return None if node is None else node["data-value"]


def test_headline_figures_match_sql(demo):
    page, conn, params = demo
    count, total = conn.execute(f"select count(*), sum(amount_usd) {COUNTED}", params).fetchone()
    assert count == 4  # Lumora, Kelpie Robotics, Fahrwerk, Orbitly
    assert int(figure(page, "rounds")) == count
    assert int(figure(page, "total-usd")) == round(total)
    largest = conn.execute(f"select max(amount_usd) {COUNTED}", params).fetchone()[0]
    assert int(figure(page, "largest-usd")) == round(largest)


def test_rounds_left_out_are_counted_and_said(demo):
    page, conn, params = demo
    less = conn.execute("select count(*) from rounds where date >= ? and main = 1 and confidence < ?",
                        params).fetchone()[0]
    background = conn.execute(
        "select count(*) from rounds where date >= ? and main = 0 and (confidence is null or confidence >= ?)",
        params).fetchone()[0]
    assert background >= 1  # the demo's stories mention past rounds in passing
    assert int(figure(page, "background")) == background
    assert figure(page, "less-certain") == (str(less) if less else None)


def test_largest_rounds_table_matches_sql_with_every_source(demo):
    page, conn, params = demo
    expected = [r["id"] for r in conn.execute(
        f"select id {COUNTED} and amount_usd is not null order by amount_usd desc, id desc limit 15", params)]
    rows = page.select("#largest tbody tr")
    assert [int(r["data-event-id"]) for r in rows] == expected
    for row in rows:
        event_id = int(row["data-event-id"])
        event = conn.execute("select * from rounds where id = ?", [event_id]).fetchone()
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        assert cells[1] == event["company"]
        assert int(row["data-usd"]) == round(event["amount_usd"])
        urls = {r[0] for r in conn.execute("select url from event_sources where event_id = ?", [event_id])}
        assert {a["href"] for a in row.find_all("a")} == urls
    lumora = rows[0].find_all("td")
    assert [td.get_text(strip=True) for td in lumora[1:6]] == [
        "Lumora", "USD 42M", "USD 42M", "Series B", "Northwind Ventures"]
    assert len(rows[0].find_all("a")) == 2  # reported in English and German: one row, two sources


def test_feeds_rows_match_sql(demo):
    page, conn, params = demo
    for row in page.select("#feeds tbody tr"):
        feed_id = int(row["data-feed-id"])
        rounds = conn.execute(
            "select count(distinct s.event_id) from articles a "
            "left join event_articles ea on ea.article_id = a.id "
            "join event_sources s on s.article_id = coalesce(ea.duplicate_of, a.id) "
            f"where a.feed_id = ? and s.event_id in (select id {COUNTED})", [feed_id, *params]).fetchone()[0]
        assert int(row["data-rounds"]) == rounds
    names = [a.get_text() for a in page.select("#feeds tbody a")]
    assert names == ["The Demo Ledger", "Gründerticker"]
    assert [int(r["data-rounds"]) for r in page.select("#feeds tbody tr")] == [3, 2]


def test_charts_are_there_and_the_current_week_is_partial(demo):
    page, conn, params = demo
    for name in ("rounds-per-week", "money-per-week", "amount-by-stage", "languages", "investors", "feeds"):
        assert page.select_one(f"#{name} svg"), name
    assert "(so far)" in page.select_one("#rounds-per-week svg").get_text()
    investors = page.select_one("#investors svg").get_text()
    for (name,) in conn.execute(
            f"select distinct investor from investor_rounds where lead = 1 and event_id in (select id {COUNTED})", params):
        assert name in investors


def test_gathered_figures_match_sql(demo, tmp_path):
    """What the charts are drawn from: weeks, stages, languages, investors."""
    page, conn, params = demo
    db = open_db(conn.execute("pragma database_list").fetchone()[2])
    try:
        _, data = build(db, "30d")
    finally:
        db.conn.close()
    assert sum(sum(w.rounds.values()) for w in data.weeks) == len(data.rounds) == 4
    assert data.weeks[-1].partial and not any(w.partial for w in data.weeks[:-1])
    assert pytest.approx(sum(sum(w.usd.values()) for w in data.weeks)) == data.total_usd
    stages = {}
    for row in conn.execute(f"select round, amount_usd {COUNTED}", params):
        stages.setdefault(stage_of(row["round"]), []).append(row["amount_usd"])
    assert {s: sorted(v) for s, v in stages.items()} == data.by_stage_usd
    languages = dict(conn.execute(
        f"select lang, count(distinct event_id) from event_sources where event_id in (select id {COUNTED}) "
        "group by lang", params).fetchall())
    assert dict(data.languages) == languages == {"en": 3, "de": 2}
    led = dict(conn.execute(
        f"select investor, sum(lead) from investor_rounds where event_id in (select id {COUNTED}) group by investor",
        params).fetchall())
    assert {i["investor"]: i["led"] for i in data.investors} == led
    assert all(i["led"] + i["took_part"] == i["rounds"] for i in data.investors)


def test_a_fresh_database_says_so(tmp_path):
    config = tmp_path / "fundwatch.toml"
    config.write_text('[storage]\ndb = "fundwatch.db"\n', encoding="utf-8")
    done = fundwatch("report", "--config", str(config), "--out", "out/page.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = BeautifulSoup((tmp_path / "out" / "page.html").read_text(encoding="utf-8"), "html.parser")
    assert "No rounds in the database yet" in page.select_one("#no-rounds").get_text()
    assert "No feeds polled yet" in page.select_one("#feeds").get_text()
    assert figure(page, "rounds") == "0"


def test_an_empty_period_says_so(fresh_db):
    now = datetime.now(UTC)
    old = (now - timedelta(days=90)).strftime("%Y-%m-%d")
    record_article_events(fresh_db, art("old", old), [ev("Quenby", 5_000_000, "USD", "seed")])
    html, data = build(fresh_db, "30d", now=now)
    page = BeautifulSoup(html, "html.parser")
    assert data.rounds_ever == 1 and not data.rounds
    assert "No rounds between" in page.select_one("#no-rounds").get_text()
    html, data = build(fresh_db, "120d", now=now)
    assert [r.company for r in data.rounds] == ["Quenby"]


def test_less_certain_rounds_are_left_out_and_named(fresh_db):
    today = date.today().isoformat()
    record_article_events(fresh_db, art("a", today), [ev("Surely", 9_000_000, "USD", "series_a")])
    record_article_events(fresh_db, art("b", today), [ev("Maybe", 90_000_000, "USD", "series_b", confidence=0.2)])
    html, data = build(fresh_db, "30d")
    page = BeautifulSoup(html, "html.parser")
    assert [r.company for r in data.rounds] == ["Surely"]
    assert figure(page, "less-certain") == "1"
    assert "less certain round" in page.select_one("#left-out").get_text()
    assert "Maybe" not in html


def test_text_from_the_news_is_escaped(fresh_db):
    today = date.today().isoformat()
    record_article_events(fresh_db, art("x", today, url="javascript:alert(1)"), [
        ev("<script>alert(1)</script>Evil", 9_000_000, "USD", "seed", lead=['<img src=x onerror=alert(2)>'])])
    html, _ = build(fresh_db, "30d")
    page = BeautifulSoup(html, "html.parser")
    assert not page.find("script") and not page.find("img")
    assert "&lt;script&gt;" in html
    assert not any(a["href"].startswith("javascript") for a in page.find_all("a"))


def test_page_loads_nothing_from_outside(demo):
    page, _, _ = demo
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in policy
    assert not page.find(["script", "link", "iframe", "img"])
    assert not any(tag.get("src") for tag in page.find_all(True))


def test_since_accepts_days_weeks_and_dates_and_refuses_the_rest(tmp_path):
    today = date(2026, 12, 6)
    assert parse_since("30d", today) == date(2026, 11, 6)
    assert parse_since("2w", today) == date(2026, 11, 22)
    assert parse_since("2026-01-01", today) == date(2026, 1, 1)
    with pytest.raises(ValueError):
        parse_since("soon", today)
    config = tmp_path / "fundwatch.toml"
    config.write_text('[storage]\ndb = "fundwatch.db"\n', encoding="utf-8")
    done = fundwatch("report", "--config", str(config), "--since", "soon", cwd=tmp_path)
    assert done.returncode == 2 and "--since" in done.stderr
