"""Page and feed dates outside [1990-01-01, now + 1 day] are unknown: the time the item was
first seen stands in, the page text is kept, and the round alerts like any new round."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from scrapers.articles import extract_article
from scrapers.dates import entry_dates, plausible
from support_http import http_server  # noqa: F401  (fixture)
from support_news import NewsSite, round_text

PAGE_DATES = {
    "Tidewell": "0001-01-01T00:00:00+05:00",   # overflows when turned into UTC
    "Quarrybird": "1900-03-01T09:00:00Z",
    "Mosslane": "2999-06-01T09:00:00Z",
    "Fernhaul": "9999-12-31T23:00:00-05:00",   # overflows too
}
FEED_DATES = {
    "Brightkiln": "Mon, 01 Jan 1900 09:00:00 GMT",
    "Otterbyte": "Fri, 31 Dec 9999 09:00:00 GMT",
}


def test_implausible_page_and_feed_dates_become_the_time_first_seen(http_server, tmp_path):
    site = NewsSite(http_server)
    for i, (company, date) in enumerate(PAGE_DATES.items()):
        site.story(f"/a/{i}", round_text(company, 11 + i),
                   head=f'<meta property="article:published_time" content="{date}">')
    for i, (company, date) in enumerate(FEED_DATES.items()):
        site.story(f"/b/{i}", round_text(company, 21 + i), pub_date=date)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    db_path, alerts = site.run_cycle(tmp_path)
    after = datetime.now(timezone.utc)

    conn = sqlite3.connect(db_path)
    articles = conn.execute("select title, source, published, fetch_error from articles").fetchall()
    assert len(articles) == 6
    for title, source, published, fetch_error in articles:
        assert source == "page" and fetch_error is None, (title, fetch_error)  # the page text was kept
        when = datetime.fromisoformat(published.replace("Z", "+00:00"))
        assert before - timedelta(seconds=1) <= when <= after, (title, published)
    rounds = conn.execute("select company, announced_on from events order by company").fetchall()
    assert sorted(c for c, _ in rounds) == sorted([*PAGE_DATES, *FEED_DATES])
    assert all(day == before.date().isoformat() or day == after.date().isoformat() for _, day in rounds)
    # Every one is recent news, so every one alerted.
    assert sorted(a["title"].split(" ")[0] for a in alerts) == sorted([*PAGE_DATES, *FEED_DATES])


def test_a_timezone_overflow_keeps_the_page_text():
    html = ("<html><head><title>T</title><meta property='article:published_time' "
            f"content='0001-01-01T00:00:00+05:00'></head><body><article><p>{round_text('Tidewell', 11)}</p>"
            "</article></body></html>").encode()
    page = extract_article(html, "http://127.0.0.1/a")
    assert page.published is None and "Tidewell" in page.text


def test_the_bounds():
    now = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
    assert plausible(datetime(1989, 12, 31, 23, tzinfo=timezone.utc), now) is None
    assert plausible(datetime(1990, 1, 1, tzinfo=timezone.utc), now) == datetime(1990, 1, 1, tzinfo=timezone.utc)
    assert plausible(now + timedelta(hours=20), now) == now           # a timezone slip
    assert plausible(now + timedelta(days=2), now) is None
    assert entry_dates(None, "Mon, 01 Jan 1900 09:00:00 GMT", "en", now) == ("2026-12-01T12:00:00Z",
                                                                            "Mon, 01 Jan 1900 09:00:00 GMT")
