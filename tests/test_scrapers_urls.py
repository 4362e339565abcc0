"""URL canonicalisation: one spelling per article."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from scrapers.urls import InvalidURL, canonicalize, try_canonicalize, unwrap, url_id


@pytest.mark.parametrize("raw, expected", [
    ("HTTP://Example.COM:80/a/../b/?utm_source=x&b=2&a=1&fbclid=3&gclid=4#frag", "http://example.com/b/?b=2&a=1"),
    ("https://ex.com:443/news", "https://ex.com/news"),
    ("https://ex.com:8443/news", "https://ex.com:8443/news"),
    ("https://ex.com", "https://ex.com/"),
    ("https://ex.com/?p=123&utm_medium=rss&utm_campaign=x", "https://ex.com/?p=123"),
    ("https://ex.com/a?mc_cid=1&mc_eid=2&_ga=3&id=9", "https://ex.com/a?id=9"),
    ("https://www.google.com/url?rct=j&sa=t&url=https://startup.example/x%3Futm_source%3Dga&ct=ga&cd=1",
     "https://startup.example/x"),
    ("https://www.google.de/url?q=https://startup.example/y&sa=D", "https://startup.example/y"),
    ("https://ex.com/%7euser/", "https://ex.com/~user/"),
])
def test_canonicalize(raw, expected):
    assert canonicalize(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "ftp://ex.com/x", "javascript:alert(1)", "/relative/path", "mailto:a@b.c"])
def test_rejects_non_http(raw):
    with pytest.raises(InvalidURL):
        canonicalize(raw)
    assert try_canonicalize(raw) is None


def test_unwrap_leaves_ordinary_links_alone():
    assert unwrap("https://www.google.com/search?q=x") == "https://www.google.com/search?q=x"
    assert unwrap("https://ex.com/url?url=https://other.example/") == "https://ex.com/url?url=https://other.example/"


def test_url_id_is_stable():
    assert url_id("https://ex.com/") == url_id("https://ex.com/") != url_id("https://ex.com/a")
    assert len(url_id("https://ex.com/")) == 32


paths = st.lists(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=0x2FF, blacklist_characters="#?/%\\"),
                         min_size=1, max_size=8), max_size=4)
params = st.lists(st.tuples(st.sampled_from(["id", "p", "utm_source", "fbclid", "q", "page"]),
                            st.text(alphabet="abcXYZ019 -_.~+", max_size=6)), max_size=4)


@settings(max_examples=200, deadline=None)
@given(host=st.from_regex(r"[a-zA-Z][a-zA-Z0-9-]{0,10}\.(com|de|io)", fullmatch=True), path=paths, query=params,
       scheme=st.sampled_from(["http", "https", "HTTPS"]))
def test_canonicalize_is_idempotent_and_drops_trackers(host, path, query, scheme):
    from urllib.parse import urlencode

    url = f"{scheme}://{host}/{'/'.join(path)}" + (f"?{urlencode(query)}" if query else "")
    once = canonicalize(url)
    assert canonicalize(once) == once
    assert "utm_source=" not in once and "fbclid=" not in once
    assert once.startswith(("http://", "https://")) and "#" not in once
