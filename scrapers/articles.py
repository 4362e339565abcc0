"""Article text from HTML bytes (trafilatura, precision first) and the page's canonical link.

Pages lie about their encoding; the body is decoded here, trying in order the
BOM, the HTTP charset, the `<meta>` charset and UTF-8, keeping the first that
decodes cleanly, then charset-normalizer's guess. trafilatura gets text, so it
never re-guesses, and it is never given a URL to fetch.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin

from scrapers.dates import iso, parse_date, plausible
from scrapers.sites import same_site
from scrapers.unicode_text import clean_line, clean_text
from scrapers.urls import try_canonicalize

HTML_TYPES = {"text/html", "application/xhtml+xml"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-:.]+)", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class ArticleText:
    title: str
    text: str
    canonical_url: str | None   # the page's <link rel=canonical>, canonicalised, when on the page's own site
    lang: str | None
    published: str | None
    encoding: str
    canonical_hint: str | None = None   # a canonical link not taken (another site, a home page): shown, never the identity


def is_html(content_type: str | None, body: bytes = b"") -> bool:
    """HTML by header; with no header, by a look at the first bytes."""
    if content_type:
        return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding used)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    candidates = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        candidates.append(_codec(m.group(1)))
    if m := _META_CHARSET.search(body[:8192]):
        candidates.append(_codec(m.group(1).decode("ascii", "ignore")))
    candidates.append("utf-8")
    for name in candidates:
        if not name:
            continue
        if name in ("latin-1", "iso8859-1", "ascii"):  # browsers read these as windows-1252
            name = "cp1252"
        try:
            return body.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    import charset_normalizer  # noqa: PLC0415

    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None:
        return body.decode(best.encoding, errors="replace"), best.encoding
    return body.decode("cp1252", errors="replace"), "cp1252"


_TITLE_XPATHS = (
    "//meta[@property='og:title']/@content",
    "//meta[@name='twitter:title']/@content",
    "//h1//text()",
    "//title//text()",
)
_DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@name='date' or @name='pubdate' or @name='publishdate' or @itemprop='datePublished']/@content",
    "//time[@datetime]/@datetime",
)


def _first(tree, xpaths) -> str | None:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            value = " ".join(str(value).split())
            if value:
                return value
    return None


@dataclass(frozen=True)
class _Head:
    canonical: str | None
    lang: str | None
    title: str | None
    published: str | None


def _head_facts(tree, url: str) -> _Head:
    """Canonical URL, language, title and date from the parsed document.

    Cheap XPath look-ups instead of trafilatura's metadata pass, which costs
    several times the text extraction itself (measured: 12 ms against 4 ms).
    """
    canonical = None
    for href in tree.xpath("//link[@href][contains(concat(' ', translate(@rel, 'CANONIL', 'canonil'), ' '), ' canonical ')]/@href"):
        candidate = try_canonicalize(urljoin(url, href.strip()))
        if candidate:
            canonical = candidate
            break
    lang = tree.get("lang") or next(iter(tree.xpath("//meta[@http-equiv='content-language']/@content")), None)
    if lang:
        lang = lang.strip().replace("_", "-").split("-", 1)[0].lower() or None
    published = None
    if raw_date := _first(tree, _DATE_XPATHS):
        # Fetched just now: a page date after now + 1 day or before 1990 is unknown.
        dt = plausible(parse_date(raw_date), datetime.now(timezone.utc))
        published = iso(dt) if dt else None
    return _Head(canonical, lang, _first(tree, _TITLE_XPATHS), published)


def _sane_canonical(canonical: str | None, page_url: str) -> str | None:
    """Ignore a canonical link that points at another site (scrapers.sites: a page
    cannot speak for another site's article) or at a site's home page from an article page."""
    if not canonical or not same_site(canonical, page_url):
        return None
    from urllib.parse import urlsplit  # noqa: PLC0415

    target, page = urlsplit(canonical), urlsplit(page_url)
    if target.path in ("", "/") and not target.query and page.path not in ("", "/"):
        return None
    return canonical


def _parse(text: str):
    import lxml.html  # noqa: PLC0415

    try:
        return lxml.html.document_fromstring(text[:5_000_000])
    except Exception:  # lxml raises ParserError and ValueError on empty or odd input
        return None


def extract_text(tree, url: str) -> str:
    """trafilatura on a parsed tree, precision first, no metadata pass."""
    import trafilatura  # noqa: PLC0415

    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    if doc is None:
        return ""
    data = doc if isinstance(doc, dict) else doc.as_dict()
    return (data.get("text") or "").strip()


def extract_article(html: bytes, url: str, content_type: str | None = None) -> ArticleText:
    """Article text, title, canonical link, language and date from an HTML page."""
    text, encoding = decode_html(html, content_type)
    tree = _parse(text)
    if tree is None:
        return ArticleText(title="", text="", canonical_url=None, lang=None, published=None, encoding=encoding)
    head = _head_facts(tree, url)
    body = extract_text(tree, url)
    canonical = _sane_canonical(head.canonical, url)
    return ArticleText(
        title=clean_line(head.title),
        text=clean_text(body),
        canonical_url=canonical,
        lang=head.lang,
        published=head.published,
        encoding=encoding,
        canonical_hint=head.canonical if head.canonical != canonical else None,
    )
