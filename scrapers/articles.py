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
from urllib.parse import urljoin

from scrapers.dates import iso, parse_date
from scrapers.urls import try_canonicalize

HTML_TYPES = {"text/html", "application/xhtml+xml"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-:.]+)", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class ArticleText:
    title: str
    text: str
    canonical_url: str | None   # the page's <link rel=canonical>, canonicalised
    lang: str | None
    published: str | None
    encoding: str


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


def _head_facts(text: str, url: str) -> tuple[str | None, str | None]:
    """(canonical URL, lang) from the document head."""
    import lxml.html  # noqa: PLC0415

    try:
        tree = lxml.html.document_fromstring(text[:2_000_000])
    except Exception:  # lxml raises ParserError and ValueError on odd input
        return None, None
    canonical = None
    for href in tree.xpath("//link[@href][contains(concat(' ', translate(@rel, 'CANONIL', 'canonil'), ' '), ' canonical ')]/@href"):
        candidate = try_canonicalize(urljoin(url, href.strip()))
        if candidate:
            canonical = candidate
            break
    lang = tree.get("lang") or next(iter(tree.xpath("//meta[@http-equiv='content-language']/@content")), None)
    if lang:
        lang = lang.strip().replace("_", "-").split("-", 1)[0].lower() or None
    return canonical, lang


def _sane_canonical(canonical: str | None, page_url: str) -> str | None:
    """Ignore a canonical link that points at a site's home page from an article page."""
    if not canonical:
        return None
    from urllib.parse import urlsplit  # noqa: PLC0415

    target, page = urlsplit(canonical), urlsplit(page_url)
    if target.path in ("", "/") and not target.query and page.path not in ("", "/"):
        return None
    return canonical


def extract_text(html: str, url: str) -> tuple[str, str, str | None]:
    """trafilatura with favor_precision: (title, text, published ISO date or None)."""
    import trafilatura  # noqa: PLC0415

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    if doc is None:
        return "", "", None
    data = doc if isinstance(doc, dict) else doc.as_dict()
    published = None
    if data.get("date"):
        dt = parse_date(str(data["date"]))
        published = iso(dt) if dt else None
    return (data.get("title") or "").strip(), (data.get("text") or "").strip(), published


def extract_article(html: bytes, url: str, content_type: str | None = None) -> ArticleText:
    """Article text, title, canonical link, language and date from an HTML page."""
    text, encoding = decode_html(html, content_type)
    canonical, lang = _head_facts(text, url)
    title, body, published = extract_text(text, url)
    return ArticleText(
        title=title,
        text=body,
        canonical_url=_sane_canonical(canonical, url),
        lang=lang,
        published=published,
        encoding=encoding,
    )
