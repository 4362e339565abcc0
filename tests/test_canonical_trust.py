"""A page's rel=canonical is its identity only within its own registrable domain."""

from __future__ import annotations

import sqlite3

import pytest

from scrapers.articles import extract_article
from scrapers.sites import registrable_domain, same_site
from support_http import TestServer, http_server  # noqa: F401  (fixture)
from support_news import NewsSite, round_text


@pytest.fixture
def victim_server():
    with TestServer(host="127.0.0.2") as server:
        yield server


def test_a_canonical_link_to_another_site_cannot_take_over_its_article(http_server, victim_server, tmp_path):
    victim = NewsSite(victim_server)
    real_url = victim.story("/news/tidewell", round_text("Tidewell", 18))
    attacker = NewsSite(http_server)
    fake_url = attacker.story("/copy", round_text("Quarrybird", 40),
                              head=f'<link rel="canonical" href="{real_url}">')
    attacker.run_cycle(tmp_path)      # the page claiming the other site's URL is read first
    victim.run_cycle(tmp_path)        # then the other site's own feed

    conn = sqlite3.connect(tmp_path / "fundwatch.db")
    articles = dict(conn.execute("select canonical_url, source from articles").fetchall())
    assert articles == {fake_url: "page", real_url: "page"}  # the real article was fetched
    sources = dict(conn.execute("select company, url from event_sources").fetchall())
    assert sources == {"Quarrybird": fake_url, "Tidewell": real_url}


def test_the_claim_is_kept_as_a_hint_and_same_site_claims_still_count():
    body = f"<article><p>{round_text('Tidewell', 18)}</p></article>"
    foreign = extract_article(
        f'<html><head><link rel="canonical" href="https://victim.example/a"></head><body>{body}</body></html>'.encode(),
        "https://attacker.example/b")
    assert foreign.canonical_url is None and foreign.canonical_hint == "https://victim.example/a"
    own = extract_article(
        f'<html><head><link rel="canonical" href="https://news.example.co.uk/a?x=1"></head><body>{body}</body></html>'
        .encode(), "https://www.news.example.co.uk/amp/a")
    assert own.canonical_url == "https://news.example.co.uk/a?x=1" and own.canonical_hint is None


def test_registrable_domains_follow_the_public_suffix_list():
    assert registrable_domain("https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert same_site("https://techcrunch.com/a", "https://www.techcrunch.com/b")
    assert not same_site("https://alice.github.io/a", "https://bob.github.io/a")   # a private suffix
    assert not same_site("http://127.0.0.1/a", "http://127.0.0.2/a")
    assert registrable_domain("not a url") is None
