"""robots.txt, fetched once per origin per cycle and cached (RFC 9309 rules).

- 2xx: the rules apply (group for our product token, else `*`);
- 4xx (404, 410, even 401/403): no rules, everything is allowed;
- 5xx or no answer: the site is treated as fully disallowed for this cycle.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from scrapers.http import FetchError, Fetcher

ROBOTS_MAX_BYTES = 512 * 1024
AGENT_TOKEN = "fundwatch"


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
                    self._rules[key] = await self._load(key)
        rules = self._rules[key]
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self._agent, url)

    async def _load(self, key: str) -> RobotFileParser | bool:
        self.fetches += 1
        try:
            result = await self._fetcher.get(f"{key}/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            # Unreachable: disallowed for now (RFC 9309 2.3.1.4); oversized: read as no rules.
            return exc.kind == "too_large"
        if 400 <= result.status < 500:
            return True
        if result.status >= 500 or result.status < 200 or result.status >= 300:
            return False
        parser = RobotFileParser()
        parser.parse(result.body.decode("utf-8", errors="replace").splitlines())
        return parser
