"""Article text from HTML bytes: encodings, canonical links, trafilatura."""

from __future__ import annotations

import pytest

from scrapers.articles import decode_html, extract_article, is_html

PARA = ("Das Berliner Start-up Acme hat in einer Seed-Runde fünf Millionen Euro eingesammelt. "
        "Angeführt wurde die Runde von Example Ventures, heißt es in einer Mitteilung. ")


def page(*, charset_meta: str | None = "utf-8", canonical: str | None = None, lang: str = "de") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>Acme | Site</title>{link}</head><body>'
            f"<nav><a href='/'>Home</a> <a href='/x'>Ressorts</a></nav><article><h1>Acme sammelt fünf Millionen</h1>"
            f"<p>{PARA * 3}</p><p>{PARA}</p></article><footer>Impressum Datenschutz</footer></body></html>")


def test_extracts_text_title_lang():
    art = extract_article(page().encode("utf-8"), "https://news.example.de/acme", "text/html; charset=utf-8")
    assert "fünf Millionen Euro" in art.text
    assert "Impressum" not in art.text and "Ressorts" not in art.text
    assert art.title == "Acme sammelt fünf Millionen"
    assert art.lang == "de"
    assert art.canonical_url is None


def test_canonical_link_is_resolved_and_cleaned():
    html = page(canonical="/2026/acme?utm_source=rss").encode()
    art = extract_article(html, "https://news.example.de/amp/acme?x=1", "text/html")
    assert art.canonical_url == "https://news.example.de/2026/acme"


def test_canonical_to_home_page_is_ignored():
    art = extract_article(page(canonical="https://news.example.de/").encode(), "https://news.example.de/acme", "text/html")
    assert art.canonical_url is None


@pytest.mark.parametrize("header, meta, encoding", [
    ("text/html; charset=iso-8859-1", None, "latin-1"),      # honest header
    ("text/html; charset=utf-8", "iso-8859-1", "latin-1"),   # header lies, meta is right
    ("text/html", "utf-8", "latin-1"),                       # meta lies, nothing is right
    ("text/html; charset=iso-8859-1", "iso-8859-1", "utf-8"),  # both lie: UTF-8 bytes
    ("text/html; charset=nonsense", None, "utf-8"),          # unknown charset name
])
def test_lying_encodings(header, meta, encoding):
    html = page(charset_meta=meta).encode(encoding)
    art = extract_article(html, "https://news.example.de/acme", header)
    if encoding == "utf-8" and "iso-8859-1" in header and meta:
        # both declarations say Latin-1 and Latin-1 decodes anything: mojibake is
        # expected; what matters is that nothing fails and text is kept.
        assert "Millionen" in art.text
    else:
        assert "fünf Millionen Euro" in art.text


def test_decode_html_bom():
    text, enc = decode_html("\ufeff<html>é</html>".encode("utf-8"), "text/html; charset=iso-8859-1")
    assert text == "<html>é</html>" and enc == "utf-8-sig"


def test_is_html():
    assert is_html("text/html; charset=utf-8") and is_html("application/xhtml+xml")
    assert not is_html("application/pdf") and not is_html("image/png") and not is_html("application/json")
    assert is_html(None, b"  <!DOCTYPE html><html>") and not is_html(None, b"%PDF-1.7")


def test_empty_or_garbage_pages_give_empty_text():
    assert extract_article(b"", "https://x.example/", "text/html").text == ""
    assert len(extract_article(b"\x00\xff\xfe garbage", "https://x.example/", "text/html").text) < 20
