"""The one HTTP client: settings, politeness, limits and network safety.

`Fetcher` wraps a single `httpx.AsyncClient` for a whole cycle:

- a global concurrency limit and a per-host limit (never above 4), with a little
  random jitter so requests to one host do not start in lock-step;
- timeouts on connect, on every read and on the whole request (body included);
- the body is read as a stream and decompressed here, with a cap on the decoded
  size, so a gzip bomb stops at `max_bytes` instead of being inflated in memory;
- redirects are followed by hand (at most `max_redirects`), so every hop is
  checked, loops are reported and permanent moves are visible to the caller;
- only http and https; private, loopback, link-local, multicast and reserved
  addresses are refused when connecting, i.e. after DNS has answered, for every
  hop (unless `allow_private_networks`). The check sits in httpcore's network
  backend, so the address that was checked is the address that is connected.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import socket
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from importlib import metadata
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

MiB = 1024 * 1024
PROJECT_URL = "https://github.com/fundwatch/fundwatch"


def _version() -> str:
    try:
        return metadata.version("fundwatch")
    except metadata.PackageNotFoundError:  # running from a plain checkout
        return "0"


DEFAULT_USER_AGENT = f"fundwatch/{_version()} (+{PROJECT_URL})"
MAX_PER_HOST = 4


@dataclass(frozen=True)
class HttpSettings:
    """The `[http]` table. Every key is optional."""

    allow_private_networks: bool = False
    concurrency: int = 32
    per_host: int = 2
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * MiB
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    jitter_seconds: float = 0.05  # random delay before each request, so hosts see no lock-step
    # Article requests not sent within this many seconds of a cycle's first one wait
    # for the next cycle (they stay on the to-do list): a backlog of thousands of
    # pages on one host is worked off over several cycles, never dropped.
    article_budget_seconds: float = 600.0

    @classmethod
    def from_mapping(cls, table: dict[str, Any]) -> "HttpSettings":
        """Build from the config's [http] table; ValueError("key: why") on bad input."""
        allowed = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in table.items():
            if key not in allowed:
                raise ValueError(f"{key}: unknown key (allowed: {', '.join(sorted(allowed))})")
            default = allowed[key].default
            values[key] = _check_value(key, value, type(default))
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Range checks; ValueError("key: why")."""
        if self.concurrency < 1:
            raise ValueError(f"concurrency: must be at least 1, got {self.concurrency}")
        if not 1 <= self.per_host <= MAX_PER_HOST:
            raise ValueError(f"per_host: must be between 1 and {MAX_PER_HOST}, got {self.per_host}")
        for name in ("connect_timeout", "read_timeout", "total_timeout", "article_budget_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name}: must be more than 0 seconds, got {getattr(self, name)}")
        if self.max_bytes < 1024:
            raise ValueError(f"max_bytes: must be at least 1024, got {self.max_bytes}")
        if not 0 <= self.max_redirects <= 20:
            raise ValueError(f"max_redirects: must be between 0 and 20, got {self.max_redirects}")
        if not self.user_agent.strip() or "\n" in self.user_agent or "\r" in self.user_agent:
            raise ValueError("user_agent: must be one non-empty line")
        if self.jitter_seconds < 0 or self.jitter_seconds > 10:
            raise ValueError(f"jitter_seconds: must be between 0 and 10, got {self.jitter_seconds}")

    def timeout(self) -> httpx.Timeout:
        return httpx.Timeout(
            connect=self.connect_timeout,
            read=self.read_timeout,
            write=self.read_timeout,
            pool=self.total_timeout,
        )


def _check_value(key: str, value: Any, kind: type) -> Any:
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{key}: expected true or false, got {value!r}")
        return value
    if isinstance(value, bool):
        raise ValueError(f"{key}: expected a number, got {value!r}")
    if kind is int:
        if not isinstance(value, int):
            raise ValueError(f"{key}: expected a whole number, got {value!r}")
        return value
    if kind is float:
        if not isinstance(value, (int, float)):
            raise ValueError(f"{key}: expected a number, got {value!r}")
        return float(value)
    if not isinstance(value, kind):
        raise ValueError(f"{key}: expected {kind.__name__}, got {value!r}")
    return value


# --------------------------------------------------------------------------- errors


class FetchError(Exception):
    """A request that produced no usable response. `kind` is short and stable."""

    kind = "error"

    def __init__(self, message: str, *, url: str | None = None):
        super().__init__(message)
        self.url = url

    def __str__(self) -> str:
        return f"{self.kind}: {super().__str__()}"


class BlockedURL(FetchError):
    kind = "blocked"


class RedirectError(FetchError):
    kind = "redirect"


class FetchTimeout(FetchError):
    kind = "timeout"


class TooLarge(FetchError):
    kind = "too_large"


class NetworkError(FetchError):
    kind = "network"


class NotSent(FetchError):
    """The request waited for a free slot past the caller's `not_after`; it was never sent."""

    kind = "not_sent"


# --------------------------------------------------------------------------- addresses


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses only."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(ip.is_global) and not (
        ip.is_multicast or ip.is_private or ip.is_loopback or ip.is_link_local
        or ip.is_reserved or ip.is_unspecified
    )


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves the host itself, checks every answer, connects to a checked address."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend, allow_private: bool):
        self._inner = inner
        self._allow_private = allow_private

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout
            )
        except (OSError, asyncio.TimeoutError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        allowed = addresses if self._allow_private else [a for a in addresses if is_public_address(a)]
        if not allowed:
            # Name the setting: a feed on the local network is often meant (an intranet, a test).
            raise BlockedURL(f"{host} resolves to a non-public address ({', '.join(addresses)}); "
                             "[http] allow_private_networks = true allows it")
        last: Exception | None = None
        for address in allowed:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(self, *args, **kwargs):  # pragma: no cover - never used
        raise BlockedURL("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _guarded_transport(settings: HttpSettings, ssl_context=None) -> httpx.AsyncHTTPTransport:
    limits = httpx.Limits(max_connections=settings.per_host, max_keepalive_connections=settings.per_host,
                          keepalive_expiry=30)
    transport = httpx.AsyncHTTPTransport(verify=ssl_context if ssl_context is not None else True, retries=0,
                                         trust_env=False, http2=False, limits=limits)
    pool = transport._pool  # httpx builds an httpcore pool; give it the checking backend
    pool._network_backend = _GuardedBackend(pool._network_backend, settings.allow_private_networks)
    return transport


class _PerHostTransport(httpx.AsyncBaseTransport):
    """One small connection pool per origin behind the one client.

    httpcore's pool re-examines every connection for every queued request; with
    hundreds of connections in one pool that bookkeeping cost more CPU than the
    parsing (measured: ~2 s in a 560-request cycle). Pools of `per_host`
    connections keep it negligible and also cap connections per host.
    """

    def __init__(self, settings: HttpSettings):
        self._settings = settings
        # One TLS context for every pool: loading the CA bundle costs ~30 ms each time.
        self._ssl = httpx.create_ssl_context()
        self._pools: dict[tuple[bytes, bytes, int | None], httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = (request.url.raw_scheme, request.url.raw_host, request.url.port)
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = _guarded_transport(self._settings, self._ssl)
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()


# --------------------------------------------------------------------------- responses


@dataclass
class FetchResult:
    """A final (non-redirect) response, body decoded and capped."""

    url: str                       # the URL asked for
    final_url: str                 # after redirects
    status: int
    headers: httpx.Headers
    body: bytes
    redirects: list[tuple[int, str]] = field(default_factory=list)
    permanent_url: str | None = None   # set when every hop was 301/308
    elapsed: float = 0.0
    wire_bytes: int = 0

    @property
    def content_type(self) -> str | None:
        value = self.headers.get("content-type")
        return value.strip() if value else None

    @property
    def media_type(self) -> str:
        return (self.content_type or "").split(";", 1)[0].strip().lower()


@dataclass
class FetchStats:
    requests: int = 0
    wire_bytes: int = 0
    body_bytes: int = 0
    conditional: int = 0
    by_status: Counter = field(default_factory=Counter)
    by_host: Counter = field(default_factory=Counter)


class _Decoder:
    """Content-Encoding decoding with a hard cap on the output size."""

    def __init__(self, encoding: str, limit: int, url: str):
        encoding = (encoding or "identity").strip().lower()
        self._limit, self._url, self.size = limit, url, 0
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
            self._raw_deflate_fallback = True
        elif encoding in ("identity", ""):
            self._z = None
        else:
            raise NetworkError(f"unsupported content-encoding {encoding!r}", url=url)
        self._first = True

    def feed(self, data: bytes) -> bytes:
        if self._z is None:
            out = data
        else:
            out = self._inflate(data)
        self.size += len(out)
        if self.size > self._limit:
            raise TooLarge(f"body larger than {self._limit} bytes", url=self._url)
        return out

    def _inflate(self, data: bytes) -> bytes:
        if self._first and getattr(self, "_raw_deflate_fallback", False):
            self._first = False
            try:  # some servers send raw deflate without the zlib header
                probe = zlib.decompressobj()
                probe.decompress(data[:2])
            except zlib.error:
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        chunks = []
        budget = self._limit - self.size + 1
        try:
            out = self._z.decompress(data, budget)
            chunks.append(out)
            budget -= len(out)
            while self._z.unconsumed_tail:
                if budget <= 0:
                    raise TooLarge(f"body larger than {self._limit} bytes", url=self._url)
                out = self._z.decompress(self._z.unconsumed_tail, budget)
                chunks.append(out)
                budget -= len(out)
        except zlib.error as exc:
            raise NetworkError(f"broken compressed body: {exc}", url=self._url) from exc
        return b"".join(chunks)


# --------------------------------------------------------------------------- the fetcher


REDIRECT_CODES = {301, 302, 303, 307, 308}
PERMANENT_CODES = {301, 308}


def check_url(url: str) -> str:
    """Raise BlockedURL unless `url` is an absolute http(s) URL; return it."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise BlockedURL(f"only http and https are allowed, got {parts.scheme or 'no scheme'!r}", url=url)
    if not parts.hostname:
        raise BlockedURL("URL has no host", url=url)
    return url


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").lower()


class Fetcher:
    """One shared client for a cycle. Use as `async with Fetcher(settings) as f:`.

    `transport` replaces the network (tests pass `httpx.MockTransport`); then the
    address check, which lives in the real transport, does not apply.
    """

    def __init__(self, settings: HttpSettings | None = None, *, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings or HttpSettings()
        self.settings.validate()
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._global = asyncio.Semaphore(self.settings.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(self.settings.per_host))
        self.stats = FetchStats()
        self.robots = None  # a scrapers.robots.RobotsCache, created on first use

    async def __aenter__(self) -> "Fetcher":
        transport = self._transport or _PerHostTransport(self.settings)
        limits = httpx.Limits(
            max_connections=self.settings.concurrency,
            max_keepalive_connections=self.settings.concurrency,
        )
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=self.settings.timeout(),
            limits=limits,
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": self.settings.user_agent,
                "Accept-Encoding": "gzip, deflate",
            },
        )
        return self

    async def __aexit__(self, *exc_info) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        max_bytes: int | None = None,
        not_after: float | None = None,
    ) -> FetchResult:
        """GET `url`, following redirects by hand. Raises FetchError subclasses.

        Any final status is returned (4xx and 5xx too); redirects are not.
        `total_timeout` counts from the moment the request is sent: time spent
        queued behind the global or per-host limit is not the server's fault.
        `not_after` (a time.monotonic() value): give up with NotSent if no slot is
        free by then, so a cycle can leave what it did not reach for the next one.
        """
        if self._client is None:
            raise RuntimeError("Fetcher used outside `async with`")
        limit = max_bytes or self.settings.max_bytes
        started = time.monotonic()
        current = check_url(url)
        seen = {current}
        hops: list[tuple[int, str]] = []
        all_permanent = True
        budget = [self.settings.total_timeout]  # seconds of sending left, shared by every hop
        while True:
            status, resp_headers, body, wire = await self._one(current, headers, limit, budget, not_after)
            if status in REDIRECT_CODES and "location" in resp_headers:
                target = urljoin(current, resp_headers["location"].strip())
                check_url(target)
                hops.append((status, target))
                all_permanent = all_permanent and status in PERMANENT_CODES
                if target in seen:
                    raise RedirectError(f"redirect loop at {target}", url=url)
                if len(hops) > self.settings.max_redirects:
                    raise RedirectError(f"more than {self.settings.max_redirects} redirects", url=url)
                seen.add(target)
                current = target
                continue
            return FetchResult(
                url=url,
                final_url=current,
                status=status,
                headers=resp_headers,
                body=body,
                redirects=hops,
                permanent_url=current if hops and all_permanent else None,
                elapsed=time.monotonic() - started,
                wire_bytes=wire,
            )

    async def _one(self, url: str, headers: dict[str, str] | None, limit: int, budget: list[float],
                   not_after: float | None = None):
        host = host_key(url)
        if self.settings.jitter_seconds:
            await asyncio.sleep(random.uniform(0, self.settings.jitter_seconds))
        # Host slot first: a request queued behind its host's limit must not sit on a
        # global slot meanwhile (that serialised whole batches grouped by host).
        async with self._hosts[host], self._global:
            if not_after is not None and time.monotonic() > not_after:
                raise NotSent("not sent: the cycle's time for fetching ran out", url=url)
            if budget[0] <= 0:
                raise FetchTimeout(f"no complete response within {self.settings.total_timeout:g} s", url=url)
            sent = time.monotonic()
            try:
                async with asyncio.timeout(budget[0]):
                    return await self._send(url, headers, limit)
            except TimeoutError as exc:
                raise FetchTimeout(f"no complete response within {self.settings.total_timeout:g} s",
                                   url=url) from exc
            finally:
                budget[0] -= time.monotonic() - sent

    async def _send(self, url: str, headers: dict[str, str] | None, limit: int):
        host = host_key(url)
        self.stats.requests += 1
        self.stats.by_host[host] += 1
        if headers and ("If-None-Match" in headers or "If-Modified-Since" in headers):
            self.stats.conditional += 1
        try:
            async with self._client.stream("GET", url, headers=headers) as response:
                self.stats.by_status[response.status_code] += 1
                if response.status_code in REDIRECT_CODES or response.status_code == 304:
                    return response.status_code, response.headers, b"", 0
                if response.is_stream_consumed:  # a MockTransport response, already read and decoded
                    if len(response.content) > limit:
                        raise TooLarge(f"body larger than {limit} bytes", url=url)
                    return response.status_code, response.headers, response.content, len(response.content)
                decoder = _Decoder(response.headers.get("content-encoding", ""), limit, url)
                chunks, wire = [], 0
                async for raw in response.aiter_raw():
                    wire += len(raw)
                    self.stats.wire_bytes += len(raw)
                    chunks.append(decoder.feed(raw))
                body = b"".join(chunks)
                self.stats.body_bytes += len(body)
                return response.status_code, response.headers, body, wire
        except FetchError as exc:
            exc.url = exc.url or url
            raise
        except httpx.TimeoutException as exc:
            raise FetchTimeout(f"{type(exc).__name__} for {url}", url=url) from exc
        except httpx.HTTPError as exc:
            raise NetworkError(f"{type(exc).__name__}: {exc}", url=url) from exc
        except OSError as exc:
            raise NetworkError(str(exc), url=url) from exc
