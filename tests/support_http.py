"""A real HTTP server on 127.0.0.1 for tests, with faults on demand.

Usage in a test module (tests/ is on sys.path under pytest)::

    from support_http import Reply, http_server  # noqa: F401  (fixture)

    def test_something(http_server):
        http_server.add("/feed.xml", Reply(body=b"<rss/>", headers={"Content-Type": "application/rss+xml"}))
        url = http_server.url("/feed.xml")
        ...
        assert http_server.hits("/feed.xml") == 1

A route is a `Reply` or a callable `(Request) -> Reply` (for conditional GET,
counters, anything stateful). `Reply` covers the faults the scrapers must
survive: `delay` before the headers (timeouts), `chunk_delay` between body
chunks (slow trickle), an iterable body sent chunked (an endless body is a
generator), raw `body` with any headers (a gzip bomb is `gzip_bomb()` with
`Content-Encoding: gzip`). Unknown paths answer 404. Every request is recorded.

`TestServer(host="127.0.0.x")` binds another loopback address, so several
"hosts" can run side by side. The server runs in a daemon thread, one thread
per connection, HTTP/1.1 keep-alive.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0          # seconds before the status line
    chunk_delay: float = 0.0    # seconds between chunks of an iterable body


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]     # lower-case names
    at: float


Route = Reply | Callable[[Request], Reply]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in separate writes; without TCP_NODELAY, Nagle plus the
        # client's delayed ACK add ~40 ms to every keep-alive response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        request = Request(
            method="GET",
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            at=time.monotonic(),
        )
        owner = self.server.owner
        with owner._lock:
            owner.requests.append(request)
        route = owner._routes.get(self.path) or owner._routes.get(self.path.split("?", 1)[0])
        reply = Reply(404, b"not found") if route is None else (route if isinstance(route, Reply) else route(request))
        reply = Reply(**{**reply.__dict__}) if owner.latency else reply
        if owner.latency:
            reply.delay += owner.latency
        try:
            self._send(reply)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
        headers = {k.lower(): v for k, v in reply.headers.items()}
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if isinstance(reply.body, (bytes, bytearray)):
            if "content-length" not in headers and reply.status not in (204, 304):
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.status not in (204, 304):
                self.wfile.write(reply.body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in reply.body:
            if not chunk:
                continue
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.flush()
            if reply.chunk_delay:
                time.sleep(reply.chunk_delay)
        self.wfile.write(b"0\r\n\r\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    owner: "TestServer"

    def handle_error(self, request, client_address) -> None:
        # A client killed mid-request (the kill tests do that on purpose) is no server error.
        import sys  # noqa: PLC0415

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


class TestServer:
    """A threaded HTTP/1.1 server with a route table. Also a context manager."""

    __test__ = False  # not a test class, despite the name

    def __init__(self, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0):
        self.host = host
        self.latency = latency  # added to every reply's delay
        self.requests: list[Request] = []
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        self._server = _Server((host, port), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def add(self, path: str, route: Route) -> str:
        """Serve `route` at `path`; returns the full URL."""
        self._routes[path] = route
        return self.url(path)

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> "TestServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "TestServer":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


@pytest.fixture
def http_server() -> Iterator[TestServer]:
    """A fresh `TestServer` on 127.0.0.1 (random port) for one test."""
    with TestServer() as server:
        yield server


# ---------------------------------------------------------------- reply builders


def http_date(ts: float | None = None) -> str:
    return formatdate(ts if ts is not None else time.time(), usegmt=True)


def conditional(body: bytes, *, etag: str | None = '"v1"', last_modified: str | None = None,
                content_type: str = "application/rss+xml; charset=utf-8",
                extra: dict[str, str] | None = None) -> Callable[[Request], Reply]:
    """A route answering 304 when the client's validators match, else 200 with `body`."""

    def route(request: Request) -> Reply:
        headers = {"Content-Type": content_type, **(extra or {})}
        if etag:
            headers["ETag"] = etag
        if last_modified:
            headers["Last-Modified"] = last_modified
        inm = request.headers.get("if-none-match")
        ims = request.headers.get("if-modified-since")
        if (etag and inm == etag) or (not etag and last_modified and ims == last_modified):
            return Reply(304, b"", {k: v for k, v in headers.items() if k != "Content-Type"})
        return Reply(200, body, headers)

    return route


def gzip_bomb(decoded_size: int = 1024 * 1024 * 1024) -> bytes:
    """A gzip stream of `decoded_size` zero bytes (1 GiB -> about 1 MiB on the wire)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    parts = [z.compress(block) for _ in range(decoded_size // len(block))]
    parts.append(z.flush())
    return b"".join(parts)


def gzipped(body: bytes) -> bytes:
    return gzip.compress(body)


def endless(chunk: bytes = b"<p>" + b"x" * 8190 + b"</p>") -> Iterator[bytes]:
    """A body that never ends."""
    while True:
        yield chunk


def sequence(*replies: Reply) -> Callable[[Request], Reply]:
    """Answer with each reply in turn, then keep repeating the last one."""
    state = {"i": 0}
    lock = threading.Lock()

    def route(request: Request) -> Reply:
        with lock:
            i = min(state["i"], len(replies) - 1)
            state["i"] += 1
        return replies[i]

    return route
