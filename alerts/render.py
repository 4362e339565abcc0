"""Rounds -> messages a person enjoys reading, as plain text, Markdown or HTML.

Everything that comes from the news (names, titles, evidence, URLs) is
untrusted: control characters are dropped, single-line fields stay on one line,
Markdown and HTML bodies escape it, and only http(s) URLs become links.
The title (subject line, webhook "title") is always plain text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from alerts.query import round_date

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
# Enough to stop emphasis, links, images, HTML and headings; untrusted text never
# starts a line (it follows a label, "**" or "> "), so list markers are harmless.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_ROUND_NAMES = {
    "pre_seed": "Pre-seed", "seed": "Seed", "angel": "Angel", "bridge": "Bridge", "debt": "Debt",
    "growth": "Growth", "unknown": "", "ipo": "IPO",
}


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    format: str  # text | markdown | html
    attachments: tuple[str, ...] = ()  # file paths apprise attaches (the weekly report page)


def clean(value: Any, one_line: bool = True) -> str:
    text = _CONTROL.sub("", str(value or ""))
    return " ".join(text.split()) if one_line else text.strip()


def money(amount: float | int | None, currency: str | None) -> str:
    """600000000, "USD" -> "USD 600M"; 1500000, "EUR" -> "EUR 1.5M"."""
    if amount is None:
        return "an undisclosed amount"
    cur = clean(currency).upper() or "?"
    for size, suffix in _SCALES:
        if abs(amount) >= size:
            return f"{cur} " + f"{amount / size:.2f}".rstrip("0").rstrip(".") + suffix
    return f"{cur} {amount:,.0f}"


def round_name(label: str | None, extension: Any = False) -> str:
    """'series_c' -> 'Series C'; 'pre_seed' -> 'Pre-seed'; 'unknown' -> ''."""
    label = (label or "unknown").lower()
    if label.startswith("series_"):
        name = "Series " + label[7:].upper()
    else:
        name = _ROUND_NAMES.get(label, clean(label.replace("_", " ")).capitalize())
    return f"{name} extension" if name and extension else name


def _and(names: list[str]) -> str:
    names = [clean(n) for n in names if clean(n)]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def headline(event: dict[str, Any], kind: str = "new") -> str:
    """'SenseTime raised USD 600M (Series C) led by Alibaba' (plain text, one line)."""
    company = clean(event.get("company")) or "A company"
    amount = money(event.get("amount"), event.get("currency"))
    verbs = {"reported": "reportedly raised", "in_talks": "is in talks to raise"}
    verb = verbs.get(event.get("status") or "", "raised")
    text = f"{company} {verb} {amount}"
    name = round_name(event.get("round"), event.get("extension"))
    if name:
        text += f" ({name})"
    leads = _and(list(event.get("lead_investors") or []))
    if leads:
        text += f" led by {leads}"
    return f"Update: {text}" if kind == "update" else text


def safe_url(url: Any) -> str | None:
    """The URL when it is a plain http(s) URL, else None (then it is shown, not linked)."""
    text = clean(url)
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in text:
        return None
    # "HTTP://x" is http: written in lower case, as some mail clients only link that.
    text = parts.scheme.lower() + text[len(parts.scheme):]
    return quote(text, safe=":/?#[]@!$&'*+,;=%~-._")


class _Text:
    name = "text"

    def esc(self, s: str) -> str:
        return s

    def bold(self, s: str) -> str:
        return s

    def link(self, url: str | None, label: str) -> str:
        if url is None:
            return label
        return url if label in ("", url) else f"{label} <{url}>"

    def quote(self, s: str) -> str:
        return f'"{s}"'

    def bullets(self, items: list[str]) -> str:
        return "\n".join(f"- {i}" for i in items)

    def blocks(self, blocks: list[str]) -> str:
        return "\n".join(b for b in blocks if b)


class _Markdown(_Text):
    name = "markdown"

    def esc(self, s: str) -> str:
        return _MD_SPECIAL.sub(r"\\\1", s)

    def bold(self, s: str) -> str:
        return f"**{s}**"

    def link(self, url: str | None, label: str) -> str:
        if url is None:
            return label
        return f"[{label or self.esc(url)}]({url})"  # safe_url percent-encodes ( ) and spaces

    def quote(self, s: str) -> str:
        return f"> {s}"

    def blocks(self, blocks: list[str]) -> str:
        return "\n\n".join(b for b in blocks if b)


class _Html(_Text):
    name = "html"

    def esc(self, s: str) -> str:
        return html.escape(s, quote=True)

    def bold(self, s: str) -> str:
        return f"<b>{s}</b>"

    def link(self, url: str | None, label: str) -> str:
        if url is None:
            return label
        href = html.escape(url, quote=True)
        if not label or label == href:
            return f'<a href="{href}">{href}</a>'
        # The address is shown too: an e-mail's plain-text part is made from this
        # HTML (apprise), and a link's address would not survive that otherwise.
        return f'<a href="{href}">{label}</a><br>{href}'

    def quote(self, s: str) -> str:
        return f"<blockquote>{s}</blockquote>"

    def bullets(self, items: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"

    def blocks(self, blocks: list[str]) -> str:
        block_tags = ("<ul>", "<blockquote>")
        return "\n".join(b if b.startswith(block_tags) else f"<p>{b}</p>" for b in blocks if b)


_FORMATTERS = {f.name: f() for f in (_Text, _Markdown, _Html)}


def _facts(event: dict[str, Any], f: _Text) -> list[str]:
    lines = []
    usd, currency = event.get("usd"), (event.get("currency") or "").upper()
    if event.get("amount") is not None and currency != "USD" and usd is not None:
        day = round_date(event)
        at = f" at the ECB rate of {day.isoformat()}" if day else ""
        lines.append(f.esc(f"In US dollars: about {money(usd, 'USD')}{at}"))
    leads = [clean(x) for x in event.get("lead_investors") or []]
    others = [clean(x) for x in event.get("investors") or [] if clean(x) not in leads]
    if leads:
        lines.append(f.esc(f"Lead investor{'s' if len(leads) > 1 else ''}: {', '.join(leads)}"))
    if others:
        lines.append(f.esc(f"{'Other investors' if leads else 'Investors'}: {', '.join(others)}"))
    if event.get("valuation_amount") is not None:
        currency = event.get("valuation_currency") or event.get("currency")
        valuation = money(event["valuation_amount"], currency)
        lines.append(f.esc(f"Valuation: {valuation}"))
    day = round_date(event)
    if day:
        lines.append(f.esc(f"Published: {day.isoformat()}"))
    return lines


def _source_links(event: dict[str, Any], f: _Text, limit: int = 5) -> list[str]:
    items = []
    for source in (event.get("sources") or [])[:limit]:
        url = safe_url(source.get("url"))
        label = clean(source.get("title")) or clean(source.get("url"))
        items.append(f.link(url, f.esc(label)) if url else f.esc(label))
    return items


def render_round(event: dict[str, Any], kind: str = "new", fmt: str = "text") -> Message:
    """One round: headline, facts, the evidence sentence, links to the sources."""
    f = _FORMATTERS[fmt]
    title = headline(event, kind)
    if f.name == "text":
        facts = "\n".join(_facts(event, f))
    elif f.name == "markdown":
        facts = "  \n".join(_facts(event, f))
    else:
        # No newline after <br>: HTML-to-text converters turn it into a space that
        # indents every following line of the plain-text part.
        facts = "<br>".join(_facts(event, f))
    blocks = [f.bold(f.esc(title)), facts]
    evidence = clean(event.get("evidence"))
    if evidence:
        blocks.append(f.quote(f.esc(evidence)))
    links = _source_links(event, f)
    if links:
        blocks.append(f.esc("Sources:") if f.name != "html" else "Sources:")
        blocks.append(f.bullets(links))
    return Message(title=title, body=f.blocks(blocks), format=f.name)


def render_digest(items: list[tuple[dict[str, Any], str]], fmt: str = "text") -> Message:
    """Several rounds in one message: one line each, with its first source."""
    f = _FORMATTERS[fmt]
    n = len(items)
    title = f"fundwatch: {n} new funding round{'s' if n != 1 else ''}"
    lines = []
    for event, kind in items:
        line = f.esc(headline(event, kind))
        links = _source_links(event, f, limit=1)
        if links:
            line += f" — {links[0]}"
        lines.append(line)
    body = f.blocks([f.bold(f.esc(title)), f.bullets(lines)])
    return Message(title=title, body=body, format=f.name)


def render_test(fmt: str = "text") -> Message:
    f = _FORMATTERS[fmt]
    title = "fundwatch test message"
    body = "If you can read this, fundwatch can alert you here about new funding rounds."
    return Message(title=title, body=f.blocks([f.bold(f.esc(title)), f.esc(body)]), format=f.name)
