"""Feeds from bytes: feedparser on the body, never on a URL.

- A "bozo" feed keeps whatever entries feedparser recovered; the problem is reported.
- Entity declarations are removed before parsing (no entity expansion at all).
- Undeclared encodings that feedparser can only guess as windows-1252 are checked
  against charset-normalizer; the guess wins when it reads as a non-Latin script
  (KOI8-R, Shift_JIS ...), where a windows-1252 reading is certainly wrong.
- Entry identity: GUID, else canonical link, else a content hash. When one GUID
  is used for several different items in the same document, each gets the GUID
  plus a hash of its link (or content), so none is lost.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

import feedparser

from scrapers.dates import entry_dates, from_struct
from scrapers.unicode_text import clean_line
from scrapers.models import FeedEntry
from scrapers.urls import is_feedburner, try_canonicalize

MAX_ENTRIES = 2000
MAX_SUMMARY_CHARS = 50_000
MAX_KEY_CHARS = 500

# The DOCTYPE's internal subset is where entities are declared; feeds never need it.
_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.DOTALL | re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_NON_LATIN_FROM = 0x0250  # letters above Latin Extended-B


class FeedParseError(ValueError):
    """The body is not a feed at all (an HTML page, an empty body, garbage)."""


@dataclass
class ParsedFeed:
    entries: list[FeedEntry]
    title: str | None = None
    problem: str | None = None
    lang: str | None = None
    encoding: str | None = None
    version: str | None = None
    problems: list[str] = field(default_factory=list)
    left_out: int = 0               # entries not read because the document has more than MAX_ENTRIES


def strip_entity_declarations(body: bytes) -> tuple[bytes, bool]:
    """Remove a DOCTYPE internal subset that declares entities; (body, removed?).

    The DOCTYPE belongs to the prolog, so only the first 64 KiB are searched for it
    (a bounded search: no pathological regex work on a hostile 10 MiB body).
    """
    if not _ENTITY_DECL.search(body):
        return body, False
    head, rest = body[:65536], body[65536:]
    # One attempt, at the first DOCTYPE only: linear, whatever the body holds.
    start = head.upper().find(b"<!DOCTYPE")
    match = _DOCTYPE_SUBSET.match(head, start) if start >= 0 else None
    cleaned = (head[: match.start()] + head[match.end():] if match else head) + rest
    if _ENTITY_DECL.search(cleaned):  # malformed or misplaced: drop every declaration
        cleaned = re.sub(rb"<!ENTITY[^>]*>", b"", cleaned, flags=re.IGNORECASE)
    return cleaned, True


def html_to_text(value: str | None) -> str:
    """Plain text from an HTML fragment (feed titles and summaries); scripts and styles dropped,
    hidden characters too (scrapers.unicode_text)."""
    if not value:
        return ""
    if "<" not in value and "&" not in value:
        return clean_line(value)
    import lxml.html  # noqa: PLC0415

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except Exception:  # lxml raises ParserError/ValueError on odd fragments
        return clean_line(html.unescape(re.sub(r"<[^>]*>", " ", value)))
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    # itertext, not text_content(): a space between elements keeps words apart.
    return clean_line(" ".join(root.itertext()))


def _short_lang(value: str | None) -> str | None:
    if not value or not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _mostly_non_latin(text: str) -> bool:
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if len(letters) < 4:
        return False
    far = sum(1 for c in letters if ord(c) >= _NON_LATIN_FROM)
    return far / len(letters) > 0.6


def _reencode(body: bytes) -> tuple[bytes, str] | None:
    """A better reading of an undeclared, non-Latin body as UTF-8 bytes, else None."""
    import charset_normalizer  # noqa: PLC0415

    best = charset_normalizer.from_bytes(body).best()
    if best is None:
        return None
    text = str(best)
    if not _mostly_non_latin(text):
        return None
    text = _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    return text.encode("utf-8"), best.encoding


_DECLARED = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<\?xml[^>]*encoding=", re.DOTALL | re.IGNORECASE)


def _undeclared(body: bytes, content_type: str | None) -> bool:
    """Neither the HTTP header nor the XML declaration names an encoding."""
    if content_type and "charset=" in content_type.lower():
        return False
    return not _DECLARED.match(body[:4096]) and not body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _feedparser(body: bytes, url: str, content_type: str | None):
    # Without a Content-Type, read it as XML: the XML declaration, else UTF-8.
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    # A stream, not a str or bytes: feedparser never treats it as a URL or a path.
    # No sanitizing and no URI rewriting inside content: everything is reduced to plain
    # text here (html_to_text), so feedparser's slow HTML passes would be wasted work.
    return feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False,
                            resolve_relative_uris=False)


def _problem(parsed) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    message = " ".join(str(exc).split())[:300] if exc else "malformed"
    return f"{type(exc).__name__}: {message}" if exc else message


def _content_text(entry) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    best = max(candidates, key=len) if candidates else ""
    return html_to_text(best)[:MAX_SUMMARY_CHARS]


def _entry_link(entry) -> str | None:
    for raw in (entry.get("feedburner_origlink"), entry.get("link")):
        url = try_canonicalize(raw) if raw else None
        if url and not (raw == entry.get("link") and is_feedburner(url) and entry.get("feedburner_origlink")):
            return url
    for link in entry.get("links", []) or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            url = try_canonicalize(link["href"])
            if url:
                return url
    return None


def _entry_time(entry) -> float | None:
    struct = (dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
              or dict.get(entry, "created_parsed"))
    try:
        return calendar.timegm(struct) if struct else None
    except (TypeError, ValueError, OverflowError):
        return None


def newest_entries(entries: list, limit: int) -> list:
    """At most `limit` entries, the newest by date whatever the document's order.

    Entries without a date rank after dated ones, in document order. The ones
    kept stay in document order.
    """
    if len(entries) <= limit:
        return list(entries)
    times = [_entry_time(e) for e in entries]
    ranked = sorted(range(len(entries)), key=lambda i: (times[i] is not None, times[i] or 0.0), reverse=True)
    # Sorting is stable, reverse=True included: undated entries (one shared key) keep document order.
    keep = set(ranked[:limit])
    return [e for i, e in enumerate(entries) if i in keep]


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def parse_feed(
    body: bytes,
    url: str,
    content_type: str | None = None,
    *,
    feed_id: int = 0,
    lang: str | None = None,
    now: datetime | None = None,
) -> ParsedFeed:
    """Parse a feed document. Raises FeedParseError only when it is no feed at all."""
    now = now or datetime.now(timezone.utc)
    problems: list[str] = []
    body, stripped = strip_entity_declarations(body)
    if stripped:
        problems.append("entity declarations removed (not expanded)")
    parsed = _feedparser(body, url, content_type)
    exc = parsed.get("bozo_exception")
    encoding = parsed.get("encoding")
    if exc is not None and _undeclared(body, content_type) and not _is_utf8(body):
        better = _reencode(body)
        if better is not None:
            parsed = _feedparser(better[0], url, "application/xml; charset=utf-8")
            encoding = better[1]
            problems.append(f"undeclared encoding read as {better[1]}")
    problem = _problem(parsed)
    if problem:
        problems.insert(0, problem)
    if not parsed.get("version") and not parsed.entries:
        raise FeedParseError(f"not a feed ({problem or 'no feed elements'})")

    feed = parsed.get("feed", {})
    feed_lang = lang or _short_lang(feed.get("language"))
    left_out = max(0, len(parsed.entries) - MAX_ENTRIES)
    raw_entries = newest_entries(parsed.entries, MAX_ENTRIES)
    if left_out:
        problems.append(f"{left_out} older entries left out: the document has {len(parsed.entries)},"
                        f" at most {MAX_ENTRIES} are read")
    guid_counts: dict[str, int] = {}
    for entry in raw_entries:
        guid = (entry.get("id") or "").strip()
        if guid:
            guid_counts[guid] = guid_counts.get(guid, 0) + 1

    entries: list[FeedEntry] = []
    keys: set[str] = set()
    for entry in raw_entries:
        title = html_to_text(entry.get("title"))
        link = _entry_link(entry)
        summary = _content_text(entry)
        if not (title or link or summary):
            continue  # nothing to identify or read (a truncated item)
        guid = (entry.get("id") or "").strip()
        content_hash = _digest(title, summary)
        if guid and guid_counts.get(guid, 0) > 1:
            key = f"{guid}#{_digest(link or '', '' if link else content_hash)[:16]}"
        elif guid:
            key = guid
        elif link:
            key = link
        else:
            key = f"sha256:{content_hash}"
        if len(key) > MAX_KEY_CHARS:
            key = f"sha256:{_digest(key)}"
        if key in keys:
            continue  # the very same item twice in one document
        keys.add(key)
        # dict.get, not FeedParserDict.get: no deprecated updated->published key mapping.
        raw_date = dict.get(entry, "published") or dict.get(entry, "updated") or dict.get(entry, "created")
        parsed_date = from_struct(
            dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed") or dict.get(entry, "created_parsed")
        )
        published, published_raw = entry_dates(parsed_date, raw_date, feed_lang, now)
        entries.append(
            FeedEntry(
                feed_id=feed_id,
                entry_key=key,
                url=link,
                title=title[:1000],
                summary=summary,
                published=published,
                published_raw=raw_date,
                lang=feed_lang,
            )
        )
    return ParsedFeed(
        entries=entries,
        title=html_to_text(feed.get("title")) or None,
        problem="; ".join(problems) or None,
        lang=feed_lang,
        encoding=encoding,
        version=parsed.get("version") or None,
        problems=problems,
        left_out=left_out,
    )
