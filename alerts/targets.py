"""Alert targets from the config's [[alerts]] tables: an apprise URL plus filters.

```toml
[[alerts]]
url = "json://hooks.example.com/fundwatch"   # any apprise URL
name = "deal-desk"              # label in `fundwatch alerts list`; part of the target's identity
min_amount_usd = 5_000_000      # compared in USD at the ECB rate of the round's date
min_confidence = 0.9            # the extractor's calibrated confidence (default: its alert threshold)
rounds = ["seed", "series_a"]   # round labels as stored (pre_seed, seed, series_a, ...)
languages = ["de"]              # a source of the round is in one of these languages
companies = ["SenseTime"]       # watch-lists: a company OR an investor listed here
investors = ["Alibaba"]
keywords = ["robotics"]         # in the company name, evidence sentence or a source title
recent_days = 7                 # only rounds published within the last N days (default 7)
digest_threshold = 5            # more than 5 alerts due in one cycle -> one digest message
format = "markdown"             # text | markdown | html (default: the service's own format)
secret = "..."                  # json:// and jsons:// only: HMAC-SHA256-signed body
updates = false                 # true: also alert when a known round learns a new fact
timeout_seconds = 30            # the most one message may take, connect to last byte (default 30)
```

Every filter that is set must pass; within a list any entry matches.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

FORMATS = ("text", "markdown", "html")
SIGNABLE_SCHEMES = ("json", "jsons")
DEFAULT_RECENT_DAYS = 7
_KEYS = {
    "url", "name", "min_amount_usd", "min_confidence", "rounds", "languages", "companies", "investors",
    "keywords", "recent_days", "digest_threshold", "format", "secret", "updates", "timeout_seconds",
}
DEFAULT_TIMEOUT_SECONDS = 30.0


def normalise_round(label: str) -> str:
    """'Series A' / 'series-a' / 'SERIES_A' -> 'series_a'; 'Pre-Seed' -> 'pre_seed'.

    ValueError for a label no round is stored under ('seriesz'): such a filter
    would silence the target for good.
    """
    from storage.filters import round_label

    return round_label(label)


@dataclass(frozen=True)
class AlertTarget:
    url: str
    name: str | None = None
    min_amount_usd: float | None = None
    min_confidence: float | None = None  # None: the extractor's calibrated alert threshold
    rounds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    investors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    recent_days: int = DEFAULT_RECENT_DAYS
    digest_threshold: int | None = None
    format: str | None = None
    secret: str | None = None
    updates: bool = False
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS

    def __repr__(self) -> str:  # never print the secret or URL credentials
        return f"AlertTarget({self.label!r})"

    @property
    def key(self) -> str:
        """Stable identity of the target in the deliveries table: URL and name.

        Changing a filter keeps the key (pending deliveries still go out);
        changing the URL or the name makes a new target.
        """
        return hashlib.sha256(f"{self.url}\n{self.name or ''}".encode()).hexdigest()[:16]

    @property
    def scheme(self) -> str:
        return self.url.split("://", 1)[0].lower()

    @property
    def label(self) -> str:
        """A printable name: `name`, else the URL without credentials or query."""
        if self.name:
            return self.name
        rest = self.url.split("://", 1)[1]
        host_path = rest.split("?", 1)[0]
        if "@" in host_path.split("/", 1)[0]:
            host_path = host_path.split("@", 1)[1]
        return f"{self.scheme}://{host_path}"

    @property
    def detail(self) -> str:
        """What tells this target from another with the same label: the e-mail
        recipients when the URL names them (not a secret), else the key's start."""
        if self.scheme in ("mailto", "mailtos"):
            query = parse_qs(urlsplit(self.url).query)
            recipients = [r for value in query.get("to", []) for r in re.split(r"[\s,;]+", value) if r]
            if recipients:
                return "to " + ", ".join(recipients)
        return f"[{self.key[:6]}]"

    @classmethod
    def from_mapping(cls, table: dict[str, Any]) -> "AlertTarget":
        """Build from one [[alerts]] table; ValueError("key: why") on bad input."""
        for key in table:
            if key not in _KEYS:
                raise ValueError(f"{key}: unknown key (allowed: {', '.join(sorted(_KEYS))})")
        url = table.get("url")
        if not isinstance(url, str) or "://" not in url:
            raise ValueError(f"url: expected an apprise URL like 'json://host/path', got {url!r}")
        url = url.strip()
        problem = _apprise_problem(url)
        if problem is not None:
            scheme = url.split("://", 1)[0]
            raise ValueError(f"url: apprise cannot use this {scheme}:// URL: {problem}")
        values: dict[str, Any] = {"url": url}
        if "name" in table:
            values["name"] = _text("name", table["name"])
        if "min_amount_usd" in table:
            amount = table["min_amount_usd"]
            if isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount < 0:
                raise ValueError(f"min_amount_usd: expected a number >= 0, got {amount!r}")
            values["min_amount_usd"] = float(amount)
        if "min_confidence" in table:
            conf = table["min_confidence"]
            if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
                raise ValueError(f"min_confidence: expected a number from 0 to 1, got {conf!r}")
            values["min_confidence"] = float(conf)
        for key in ("rounds", "languages", "companies", "investors", "keywords"):
            if key in table:
                items = _text_list(key, table[key])
                if key == "rounds":
                    try:
                        items = tuple(normalise_round(x) for x in items)
                    except ValueError as exc:
                        raise ValueError(f"rounds: {exc}") from exc
                elif key == "languages":
                    items = tuple(x.strip().lower() for x in items)
                values[key] = items
        if "recent_days" in table:
            values["recent_days"] = _int("recent_days", table["recent_days"], minimum=0)
        if "digest_threshold" in table:
            threshold = table["digest_threshold"]
            values["digest_threshold"] = _int("digest_threshold", threshold, minimum=1)
        if "format" in table:
            fmt = table["format"]
            if fmt not in FORMATS:
                raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
            values["format"] = fmt
        if "secret" in table:
            secret = table["secret"]
            if not isinstance(secret, str) or len(secret) < 8:
                raise ValueError("secret: expected a string of at least 8 characters")
            if url.split("://", 1)[0].lower() not in SIGNABLE_SCHEMES:
                raise ValueError("secret: signing works for json:// and jsons:// webhooks only")
            values["secret"] = secret
        if "updates" in table:
            if not isinstance(table["updates"], bool):
                raise ValueError(f"updates: expected true or false, got {table['updates']!r}")
            values["updates"] = table["updates"]
        if "timeout_seconds" in table:
            timeout = table["timeout_seconds"]
            if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 600:
                raise ValueError(f"timeout_seconds: expected a number of seconds in (0, 600], got {timeout!r}")
            values["timeout_seconds"] = float(timeout)
        return cls(**values)


def _apprise_problem(url: str) -> str | None:
    """None when apprise can build a notifier from `url`, else its first complaint."""
    import logging

    import apprise

    with apprise.LogCapture(level=logging.WARNING) as captured:
        plugin = apprise.Apprise.instantiate(url)
        log = captured.getvalue()
    if plugin is not None:
        return None
    # apprise masks credentials in its own messages; keep only the text after the level.
    complaints = [line.split(" - ", 2)[-1] for line in log.splitlines() if " - " in line]
    if not complaints:
        return "unsupported service or malformed URL"
    complaint = complaints[0].replace(url, url.split("://", 1)[0] + "://...")
    return re.sub(r"//[^/\s]*@", "//***@", complaint)


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key}: expected a non-empty string, got {value!r}")
    return value.strip()


def _text_list(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"{key}: expected a non-empty list of strings, got {value!r}")
    return tuple(_text(key, x) for x in value)


def _int(key: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{key}: expected a whole number >= {minimum}, got {value!r}")
    return value


def distinct_labels(labels: dict[str, str], targets: Iterable[AlertTarget] = ()) -> dict[str, str]:
    """Target key -> a label no other key shares.

    Two targets on one server (two mailboxes through one SMTP host) have the same
    label; each gets its `detail` added (a stored target no longer configured, the
    start of its key).
    """
    by_key = {t.key: t for t in targets}
    keys_of: dict[str, set[str]] = {}
    for key, label in labels.items():
        keys_of.setdefault(label, set()).add(key)
    out = {}
    for key, label in labels.items():
        if len(keys_of[label]) > 1:
            detail = by_key[key].detail if key in by_key else f"[{key[:6]}]"
            label = f"{label} {detail}"
        out[key] = label
    return out
