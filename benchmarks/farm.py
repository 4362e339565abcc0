"""A generated loopback farm: N news sites, each on its own 127.0.0.x address.

Each site serves M feeds (`/feeds/<j>.xml`, K items each, with ETag and
Last-Modified so conditional GETs get 304), K*M article pages
(`/news/<j>/<k>.html`, ~12 KB of realistic HTML) and a robots.txt. Every
request waits `latency` seconds before it is answered, like a distant server.

Run as a separate process so its CPU and GIL do not count against the client:

    python benchmarks/farm.py --sites 10 --feeds 5 --articles 10 --latency 0.1

It prints one JSON line {"sites": [base URLs], "feeds": [...]} when ready and
serves until its stdin is closed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import socket
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = ("startup funding round investors seed series venture capital company platform customers growth "
         "market team founders product revenue expansion hiring europe berlin london paris software data "
         "million euros dollars led participation existing backers valuation announced today said chief "
         "executive officer technology climate health fintech logistics mobility ai security").split()


ONSETS = "b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pl pr st tr sk sp".split()
VOWELS = "a e i o u ai ea io ou y".split()
CODAS = ["", "", "", "n", "r", "s", "x", "l", "m", "k", "t"]
# "numbered": Company<site>x<feed>x<item>, every name one typo from hundreds of others,
# so the identity rule must weigh all of a farm's rounds together (one component of
# names): a worst case for deduplication, not news. "invented": a made-up word per
# story, as distinct as real company names (none within a typo of another at 5,000).
NAMES = {"numbered": lambda site, feed, item: f"Company{site}x{feed}x{item}"}


def _invented(site: int, feed: int, item: int) -> str:
    rng = random.Random(f"name-{site}-{feed}-{item}")
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(3)).capitalize()


NAMES["invented"] = _invented
company_name = NAMES["numbered"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 22))]
    return " ".join(words).capitalize() + "."


def article_html(site: int, feed: int, item: int) -> bytes:
    rng = random.Random(f"{site}-{feed}-{item}")
    company = company_name(site, feed, item)
    paragraphs = [f"<p>{company} raised {rng.randint(2, 90)} million euros in a Series A round led by Example Ventures.</p>"]
    paragraphs += [f"<p>{' '.join(_sentence(rng) for _ in range(4))}</p>" for _ in range(9)]
    nav = "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(25))
    side = "".join(f"<li><a href='/news/{feed}/{i}.html'>Related story {i}</a></li>" for i in range(15))
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{company} raises | Site {site}</title>"
        f"<meta name='description' content='{company} funding'><link rel='canonical' href='/news/{feed}/{item}.html'>"
        f"</head><body><header><nav><ul>{nav}</ul></nav></header><main><article><h1>{company} raises a Series A</h1>"
        f"<time datetime='2026-03-0{1 + item % 9}T10:00:00Z'>March {1 + item % 9}, 2026</time>"
        f"{''.join(paragraphs)}</article><aside><ul>{side}</ul></aside></main>"
        f"<footer><p>Imprint · Privacy · Contact · Copyright Site {site}</p></footer></body></html>"
    ).encode()


def feed_xml(base: str, site: int, feed: int, articles: int) -> bytes:
    items = []
    for item in range(articles):
        items.append(
            f"<item><title>{company_name(site, feed, item)} raises a Series A</title>"
            f"<link>{base}/news/{feed}/{item}.html?utm_source=rss&amp;utm_medium=feed</link>"
            f"<guid isPermaLink='false'>site{site}-feed{feed}-item{item}</guid>"
            f"<pubDate>Mon, 0{1 + item % 9} Mar 2026 10:00:00 GMT</pubDate>"
            f"<description>{company_name(site, feed, item)} raised money in a Series A round.</description></item>"
        )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Site {site} feed {feed}</title>'
            f"<link>{base}/</link>{''.join(items)}</channel></rss>").encode()


class Site:
    def __init__(self, index: int, feeds: int, articles: int, latency: float):
        self.index, self.latency = index, latency
        self.server = ThreadingHTTPServer((f"127.0.0.{10 + index}", 0), _Handler)
        self.server.daemon_threads = True
        self.server.request_queue_size = 256
        self.server.site = self
        self.base = f"http://127.0.0.{10 + index}:{self.server.server_address[1]}"
        self.pages: dict[str, tuple[bytes, str, str]] = {"/robots.txt": (b"User-agent: *\nDisallow: /admin/\n", "text/plain", "")}
        for j in range(feeds):
            body = feed_xml(self.base, index, j, articles)
            self.pages[f"/feeds/{j}.xml"] = (body, "application/rss+xml; charset=utf-8",
                                             '"' + hashlib.sha1(body).hexdigest()[:16] + '"')
            for k in range(articles):
                self.pages[f"/news/{j}/{k}.html"] = (article_html(index, j, k), "text/html; charset=utf-8", "")
        self.feed_urls = [f"{self.base}/feeds/{j}.xml" for j in range(feeds)]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in separate writes; without TCP_NODELAY, Nagle plus the
        # client's delayed ACK add ~40 ms to every keep-alive response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        site: Site = self.server.site
        time.sleep(site.latency)
        page = site.pages.get(self.path.split("?", 1)[0])
        if page is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body, ctype, etag = page
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", "Mon, 02 Mar 2026 10:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)


def add_farm_arguments(parser: argparse.ArgumentParser) -> None:
    """The farm's shape, the same options in every benchmark that starts one."""
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--feeds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds each response waits")


def main() -> None:
    parser = argparse.ArgumentParser()
    add_farm_arguments(parser)
    parser.add_argument("--names", choices=sorted(NAMES), default="numbered", help="how companies are named")
    args = parser.parse_args()
    global company_name
    company_name = NAMES[args.names]
    sites = [Site(i, args.feeds, args.articles, args.latency) for i in range(args.sites)]
    print(json.dumps({"sites": [s.base for s in sites], "feeds": [u for s in sites for u in s.feed_urls]}), flush=True)
    sys.stdin.read()  # serve until the parent closes our stdin


if __name__ == "__main__":
    main()
