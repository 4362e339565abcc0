"""The flow's plain parts: the cycle lock, the report, the demo site's server."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import urllib.error
import urllib.request
from datetime import datetime, timezone

import feedparser
import pytest

from flows.cycle_lock import CycleBusy, cycle_lock
from flows.demo_server import DemoSite, render_placeholders
from flows.formatting import format_amount
from flows.report import CycleReport


def test_second_cycle_on_the_same_database_skips(tmp_path):
    db = tmp_path / "fundwatch.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from flows.cycle_lock import cycle_lock
            with cycle_lock({str(db)!r}):
                print("locked", flush=True)
                time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(CycleBusy, match="another cycle is running"):
            with cycle_lock(db):
                pass
    finally:
        holder.kill()
        holder.wait()
    # The killed holder leaves no stale lock.
    with cycle_lock(db):
        pass


def test_summary_line_counts_everything():
    report = CycleReport(feeds_ok=5, feeds_not_modified=2, feeds_failed=1, new_articles=12,
                         new_rounds=[1, 2, 3], alerts_sent=3, seconds=4.24)
    assert report.summary_line() == "feeds 7 ok, 1 failed; 12 new articles; 3 new rounds; 3 alerts sent [4.2s]"
    assert CycleReport(skipped_reason="another cycle is running").summary_line().startswith("cycle skipped")
    report.articles_from_feed_text = 2
    assert "; 12 new articles (2 from feed text); 3 new rounds;" in report.summary_line()


def test_markdown_summary_escapes_remote_error_text():
    report = CycleReport(failed_feeds=[("https://a.example/feed", "[click](http://evil.example) <b>")])
    md = report.markdown()
    assert "](http" not in md and "<b>" not in md


@pytest.mark.parametrize(
    "amount, currency, text",
    [(600_000_000, "USD", "USD 600M"), (1_500_000_000, "EUR", "EUR 1.5B"), (3_500_000, "USD", "USD 3.5M"),
     (250_000, "GBP", "GBP 250K"), (None, "USD", "undisclosed"), (950, "CHF", "CHF 950")],
)
def test_format_amount(amount, currency, text):
    assert format_amount(amount, currency) == text


def test_placeholders_render_recent_dates():
    now = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
    out = render_placeholders("{{BASE}}/x {{RFC822:-5}} {{ISO:-2}}", "http://127.0.0.1:1", now)
    assert out == "http://127.0.0.1:1/x Sun, 01 Mar 2026 07:00:00 +0000 2026-03-01T10:00:00+00:00"


def test_demo_site_serves_parseable_feeds_and_refuses_traversal():
    with DemoSite() as site:
        for path in ("/en/feed.xml", "/de/atom.xml"):
            parsed = feedparser.parse(urllib.request.urlopen(site.url + path).read())
            assert not parsed.bozo and len(parsed.entries) >= 3
            assert all(site.url in e.link for e in parsed.entries)
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(site.url + "/../../pyproject.toml")
        assert info.value.code == 404
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(site.url + "/en/orbitly-pre-seed.html")  # missing on purpose
