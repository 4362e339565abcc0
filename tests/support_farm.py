"""A growing news farm on 127.0.0.x for whole-cycle tests: real HTTP, one server per site.

    with NewsFarm(sites=3, feeds=2) as farm:
        farm.publish(2)            # two new stories in every feed
        farm.feed_urls             # the RSS feeds (ETag and 304 like real servers)
        farm.page_hits()           # article pages requested so far

Every story is one funding round of a company of its own, told in an article
page (~3 KB of text with filler that differs per story, so no two read as
syndicated copies) and summarised in its feed. Stories are dated today, so
they pass the alert window. `latency` delays every answer, like a distant server.
"""

from __future__ import annotations

import hashlib
import random
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from support_http import Reply, Request, TestServer

SYLLABLES = ("ka", "lu", "mo", "ri", "ta", "ve", "no", "si", "pa", "de", "zu", "bo", "fe", "gi", "ha", "jo")
WORDS = ("customers platform growth market team founders product revenue expansion hiring europe software "
         "data technology climate health logistics mobility security teams cities partners pilots").split()


def company_name(site: int, feed: int, item: int) -> str:
    # An odd multiplier modulo 16**4 is a bijection: distinct stories, distinct names.
    n = (site * 10_000 + feed * 1_000 + item) * 2654435761 % (len(SYLLABLES) ** 4)
    parts = []
    for _ in range(4):
        n, r = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(parts).capitalize()


def _filler(rng: random.Random) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 16))).capitalize() + "."
        for _ in range(5)
    )


def article_html(company: str, amount: int, seed: str) -> bytes:
    rng = random.Random(seed)
    paragraphs = [f"<p>{company}, a software startup, has raised €{amount} million in a Series A round led by "
                  f"Northwind Ventures. The company will use the money to hire engineers.</p>"]
    paragraphs += [f"<p>{_filler(rng)}</p>" for _ in range(6)]
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{company} raises €{amount}M</title>"
            f"</head><body><main><article><h1>{company} raises €{amount} million</h1>{''.join(paragraphs)}"
            f"</article></main></body></html>").encode()


class Site:
    def __init__(self, index: int, feeds: int, latency: float):
        self.index = index
        self.server = TestServer(host=f"127.0.0.{20 + index}", latency=latency)
        self.items: dict[int, list[tuple[str, str, int, datetime]]] = {j: [] for j in range(feeds)}
        self.lock = threading.Lock()
        self.server.add("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /admin/\n",
                                             {"Content-Type": "text/plain"}))
        for j in range(feeds):
            self.server.add(f"/feeds/{j}.xml", self._feed_route(j))

    def _feed_route(self, feed: int):
        def route(request: Request) -> Reply:
            with self.lock:
                body = self._feed_xml(feed)
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if request.headers.get("if-none-match") == etag:
                return Reply(304, b"", {"ETag": etag})
            return Reply(200, body, {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag})
        return route

    def _feed_xml(self, feed: int) -> bytes:
        items = []
        for path, company, amount, when in reversed(self.items[feed]):  # newest first, like most feeds
            items.append(
                f"<item><title>{company} raises €{amount} million</title>"
                f"<link>{self.server.base_url}{path}</link><guid>{self.server.base_url}{path}</guid>"
                f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>"
                f"<description>{company} raised €{amount} million in a Series A round.</description></item>")
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Site {self.index} '
                f"feed {feed}</title><link>{self.server.base_url}/</link>{''.join(items)}</channel></rss>").encode()

    def publish(self, feed: int) -> str:
        with self.lock:
            item = len(self.items[feed])
            company = company_name(self.index, feed, item)
            amount = 2 + (self.index * 7 + feed * 5 + item * 3) % 90
            path = f"/news/{feed}/{item}.html"
            when = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
            self.server.add(path, Reply(200, article_html(company, amount, f"{self.index}-{feed}-{item}"),
                                        {"Content-Type": "text/html; charset=utf-8"}))
            self.items[feed].append((path, company, amount, when))
        return company


class NewsFarm:
    def __init__(self, sites: int = 3, feeds: int = 2, latency: float = 0.0):
        self.sites = [Site(i, feeds, latency) for i in range(sites)]

    def __enter__(self) -> "NewsFarm":
        for site in self.sites:
            site.server.start()
        return self

    def __exit__(self, *exc) -> None:
        for site in self.sites:
            site.server.stop()

    @property
    def feed_urls(self) -> list[str]:
        return [s.server.url(f"/feeds/{j}.xml") for s in self.sites for j in s.items]

    def publish(self, per_feed: int = 1) -> list[str]:
        """New stories in every feed; returns their companies."""
        return [s.publish(j) for _ in range(per_feed) for s in self.sites for j in s.items]

    @property
    def companies(self) -> list[str]:
        return [c for s in self.sites for items in s.items.values() for _, c, _, _ in items]

    def _hits(self, prefix: str) -> int:
        return sum(1 for s in self.sites for r in list(s.server.requests) if r.path.startswith(prefix))

    def page_hits(self) -> int:
        return self._hits("/news/")

    def feed_hits(self) -> int:
        return self._hits("/feeds/")


def farm_config(path, db, feeds, alert_url: str | None = None, http: str = "") -> None:
    """A fundwatch.toml for the farm: loopback allowed, no jitter."""
    text = f'[storage]\ndb = "{db}"\n[http]\nallow_private_networks = true\njitter_seconds = 0.0\n{http}\n'
    text += "".join(f'[[feeds]]\nurl = "{u}"\nlang = "en"\n' for u in feeds)
    if alert_url:
        text += f'[[alerts]]\nurl = "{alert_url}"\n'
    path.write_text(text, encoding="utf-8")
