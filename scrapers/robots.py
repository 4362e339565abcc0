"""robots.txt, fetched once per origin per cycle and cached (RFC 9309 rules).

- 2xx: the rules apply (group for our product token, else `*`);
- 4xx (404, 410, even 401/403): no rules, everything is allowed;
- 5xx or no answer: the site is treated as fully disallowed for this cycle.

Answers (not failures) are also kept for the life of the process for up to
`TTL_SECONDS`, so a long-running scheduler asks each host once an hour, not once
per cycle (RFC 9309 allows caching for up to 24 hours).
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from scrapers.http import FetchError, Fetcher

ROBOTS_MAX_BYTES = 512 * 1024
AGENT_TOKEN = "fundwatch"
TTL_SECONDS = 3600

# origin -> (expires at, rules); only definite answers, never "unreachable".
_PROCESS_CACHE: dict[str, tuple[float, "RobotFileParser | bool"]] = {}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    def __init__(self, fetcher: Fetcher, agent: str = AGENT_TOKEN):
        self._fetcher = fetcher
        self._agent = agent
        self._rules: dict[str, RobotFileParser | bool] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self.fetches = 0

    async def allowed(self, url: str) -> bool:
        key = origin(url)
        if key not in self._rules:
            lock = self._locks.setdefault(key, asyncio.Lock())
            async with lock:
                if key not in self._rules:
                    cached = _PROCESS_CACHE.get(key)
                    if cached and cached[0] > time.monotonic():
                        self._rules[key] = cached[1]
                    else:
                        rules, definite = await self._load(key)
                        self._rules[key] = rules
                        if definite:
                            _PROCESS_CACHE[key] = (time.monotonic() + TTL_SECONDS, rules)
        rules = self._rules[key]
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self._agent, url)

    async def _load(self, key: str) -> tuple[RobotFileParser | bool, bool]:
        """(rules, definite?): True/False mean allow/deny everything."""
        self.fetches += 1
        try:
            result = await self._fetcher.get(f"{key}/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            # Unreachable: disallowed for now (RFC 9309 2.3.1.4); oversized: read as no rules.
            return exc.kind == "too_large", exc.kind == "too_large"
        if 400 <= result.status < 500:
            return True, True
        if not 200 <= result.status < 300:
            return False, False
        parser = RobotFileParser()
        parser.parse(result.body.decode("utf-8", errors="replace").splitlines())
        return parser, True


def clear_cache() -> None:
    """Forget every cached robots.txt (tests; a changed site)."""
    _PROCESS_CACHE.clear()
