"""The shared client against a real server on 127.0.0.1: limits, timeouts, redirects, safety."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest

from scrapers import http as scrapers_http
from scrapers.http import (
    BlockedURL, FetchTimeout, Fetcher, HttpSettings, RedirectError, TooLarge, is_public_address,
)
from support_http import Reply, TestServer, endless, gzip_bomb, gzipped, http_server  # noqa: F401

LOCAL = HttpSettings(allow_private_networks=True, jitter_seconds=0.0)


def run(coro):
    return asyncio.run(coro)


async def get(settings: HttpSettings, url: str, **kwargs):
    async with Fetcher(settings) as fetcher:
        return await fetcher.get(url, **kwargs)


# ------------------------------------------------------------------ settings


def test_settings_defaults_are_polite_and_honest():
    s = HttpSettings()
    assert (s.concurrency, s.per_host, s.max_bytes) == (32, 2, 10 * 1024 * 1024)
    assert s.allow_private_networks is False
    assert s.user_agent.startswith("fundwatch/") and "https://github.com/fundwatch/fundwatch" in s.user_agent


def test_settings_from_mapping_accepts_every_key_optional():
    assert HttpSettings.from_mapping({}) == HttpSettings()
    s = HttpSettings.from_mapping({"per_host": 4, "read_timeout": 5, "allow_private_networks": True})
    assert s.per_host == 4 and s.read_timeout == 5.0 and s.allow_private_networks


@pytest.mark.parametrize(
    "table, key",
    [
        ({"per_host": 5}, "per_host"),
        ({"per_host": 0}, "per_host"),
        ({"concurrency": 0}, "concurrency"),
        ({"concurrency": "many"}, "concurrency"),
        ({"connect_timeout": -1}, "connect_timeout"),
        ({"max_bytes": True}, "max_bytes"),
        ({"allow_private_networks": "yes"}, "allow_private_networks"),
        ({"user_agent": "a\nb"}, "user_agent"),
        ({"bogus": 1}, "bogus"),
    ],
)
def test_settings_from_mapping_rejects_with_the_key(table, key):
    with pytest.raises(ValueError) as info:
        HttpSettings.from_mapping(table)
    assert str(info.value).startswith(f"{key}:")


# ------------------------------------------------------------------ basics


def test_sends_user_agent_and_decodes_gzip(http_server):
    body = b"<rss>" + b"x" * 5000 + b"</rss>"
    url = http_server.add("/f", Reply(200, gzipped(body), {"Content-Encoding": "gzip", "Content-Type": "text/xml"}))
    result = run(get(LOCAL, url))
    assert result.status == 200 and result.body == body
    request = http_server.requests_for("/f")[0]
    assert request.headers["user-agent"] == LOCAL.user_agent
    assert "gzip" in request.headers["accept-encoding"]


def test_error_statuses_are_returned_not_raised(http_server):
    url = http_server.add("/boom", Reply(500, b"oops"))
    assert run(get(LOCAL, url)).status == 500


# ------------------------------------------------------------------ timeouts and size


def test_slow_headers_time_out(http_server):
    url = http_server.add("/slow", Reply(200, b"late", delay=3))
    settings = HttpSettings(allow_private_networks=True, read_timeout=0.3, total_timeout=1.0, jitter_seconds=0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        run(get(settings, url))
    assert time.monotonic() - started < 2


def test_trickling_body_hits_the_total_timeout(http_server):
    url = http_server.add("/trickle", Reply(200, endless(b"x" * 10), chunk_delay=0.05))
    settings = HttpSettings(allow_private_networks=True, read_timeout=5, total_timeout=0.8, jitter_seconds=0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        run(get(settings, url))
    assert time.monotonic() - started < 2


def test_endless_body_is_cut_at_max_bytes(http_server):
    url = http_server.add("/endless", Reply(200, endless(), {"Content-Type": "text/html"}))
    settings = HttpSettings(allow_private_networks=True, max_bytes=256 * 1024, jitter_seconds=0)
    with pytest.raises(TooLarge):
        run(get(settings, url))


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_bomb(256 * 1024 * 1024)  # 256 MiB of zeros, about 250 KiB on the wire


def test_gzip_bomb_is_cut_off_not_inflated(http_server, bomb):
    import tracemalloc

    url = http_server.add("/bomb", Reply(200, bomb, {"Content-Encoding": "gzip", "Content-Type": "application/xml"}))
    settings = HttpSettings(allow_private_networks=True, max_bytes=1024 * 1024, jitter_seconds=0)
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge):
            run(get(settings, url))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024  # never more than a few times the cap


def test_deflate_and_raw_deflate_are_decoded(http_server):
    import zlib

    body = b"hello deflate" * 100
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    url1 = http_server.add("/z", Reply(200, zlib.compress(body), {"Content-Encoding": "deflate"}))
    url2 = http_server.add("/raw", Reply(200, raw.compress(body) + raw.flush(), {"Content-Encoding": "deflate"}))
    assert run(get(LOCAL, url1)).body == body
    assert run(get(LOCAL, url2)).body == body


# ------------------------------------------------------------------ redirects


def test_permanent_redirects_are_reported(http_server):
    final = http_server.add("/new", Reply(200, b"ok"))
    http_server.add("/old", Reply(301, b"", {"Location": "/mid"}))
    http_server.add("/mid", Reply(308, b"", {"Location": final}))
    result = run(get(LOCAL, http_server.url("/old")))
    assert result.status == 200 and result.final_url == final
    assert result.permanent_url == final
    assert [code for code, _ in result.redirects] == [301, 308]


def test_a_temporary_hop_means_no_permanent_move(http_server):
    http_server.add("/new", Reply(200, b"ok"))
    http_server.add("/old", Reply(301, b"", {"Location": "/tmp"}))
    http_server.add("/tmp", Reply(302, b"", {"Location": "/new"}))
    result = run(get(LOCAL, http_server.url("/old")))
    assert result.status == 200 and result.permanent_url is None


def test_redirect_loop_is_an_error(http_server):
    http_server.add("/a", Reply(302, b"", {"Location": "/b"}))
    http_server.add("/b", Reply(301, b"", {"Location": "/a"}))
    with pytest.raises(RedirectError, match="loop"):
        run(get(LOCAL, http_server.url("/a")))
    assert http_server.hits("/a") == 1 and http_server.hits("/b") == 1


def test_too_many_redirects(http_server):
    for i in range(10):
        http_server.add(f"/r{i}", Reply(302, b"", {"Location": f"/r{i + 1}"}))
    settings = HttpSettings(allow_private_networks=True, max_redirects=3, jitter_seconds=0)
    with pytest.raises(RedirectError, match="more than 3"):
        run(get(settings, http_server.url("/r0")))
    assert http_server.hits("/r5") == 0


def test_redirect_to_another_scheme_is_refused(http_server):
    http_server.add("/evil", Reply(302, b"", {"Location": "file:///etc/passwd"}))
    with pytest.raises(BlockedURL, match="only http and https"):
        run(get(LOCAL, http_server.url("/evil")))


# ------------------------------------------------------------------ address safety


@pytest.mark.parametrize("address, public", [
    ("8.8.8.8", True), ("2606:4700::1111", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("172.16.0.1", False),
    ("169.254.169.254", False), ("224.0.0.1", False), ("0.0.0.0", False), ("::1", False),
    ("fe80::1", False), ("fc00::1", False), ("ff02::1", False), ("::ffff:127.0.0.1", False),
    ("100.64.0.1", False), ("not an ip", False),
])
def test_is_public_address(address, public):
    assert is_public_address(address) is public


@pytest.mark.parametrize("scheme_url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/", "/relative"])
def test_only_http_and_https(scheme_url):
    with pytest.raises(BlockedURL):
        run(get(HttpSettings(), scheme_url))


def test_loopback_is_refused_at_connect_time(http_server):
    url = http_server.add("/feed", Reply(200, b"secret"))
    with pytest.raises(BlockedURL, match="non-public"):
        run(get(HttpSettings(jitter_seconds=0), url))
    # by name too: the check is on the DNS answer
    with pytest.raises(BlockedURL, match="non-public"):
        run(get(HttpSettings(jitter_seconds=0), f"http://localhost:{http_server.port}/feed"))
    assert http_server.hits("/feed") == 0


def test_every_redirect_hop_is_checked(http_server, monkeypatch):
    """A public-looking first host redirecting to a private one: the second connect is refused."""
    with TestServer(host="127.0.0.2") as inner:
        inner.add("/admin", Reply(200, b"secret"))
        http_server.add("/go", Reply(302, b"", {"Location": inner.url("/admin")}))
        # Pretend 127.0.0.1 is public; 127.0.0.2 stays private.
        monkeypatch.setattr(scrapers_http, "is_public_address", lambda a: a == "127.0.0.1")
        with pytest.raises(BlockedURL):
            run(get(HttpSettings(jitter_seconds=0), http_server.url("/go")))
        assert http_server.hits("/go") == 1 and inner.hits("/admin") == 0


# ------------------------------------------------------------------ politeness


def _concurrency_probe(delay: float):
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def route(request):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(delay)
        with lock:
            state["now"] -= 1
        return Reply(200, b"ok")

    return state, route


def test_per_host_limit_holds(http_server):
    state, route = _concurrency_probe(0.15)
    http_server.add("/p", route)

    async def many():
        async with Fetcher(HttpSettings(allow_private_networks=True, per_host=2, jitter_seconds=0.01)) as f:
            return await asyncio.gather(*(f.get(http_server.url(f"/p?{i}")) for i in range(8)))

    started = time.monotonic()
    results = run(many())
    assert all(r.status == 200 for r in results)
    assert state["max"] == 2
    assert time.monotonic() - started >= 4 * 0.15


def test_hosts_proceed_in_parallel_within_the_global_limit():
    states = []
    servers = [TestServer(host=f"127.0.0.{i}").start() for i in (3, 4, 5)]
    try:
        for server in servers:
            state, route = _concurrency_probe(0.2)
            states.append(state)
            server.add("/p", route)

        async def many():
            settings = HttpSettings(allow_private_networks=True, per_host=2, concurrency=4, jitter_seconds=0)
            async with Fetcher(settings) as f:
                urls = [s.url(f"/p?{i}") for s in servers for i in range(4)]
                return await asyncio.gather(*(f.get(u) for u in urls)), f.stats

        started = time.monotonic()
        results, stats = run(many())
        elapsed = time.monotonic() - started
    finally:
        for server in servers:
            server.stop()
    assert all(r.status == 200 for r in results) and stats.requests == 12
    assert all(s["max"] <= 2 for s in states)
    # 12 requests, 4 at a time, 0.2 s each: about 0.6 s, far below 12 x 0.2 s
    assert 0.55 <= elapsed < 1.8


def test_mock_transport_can_be_injected():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"mocked", headers={"Content-Type": "text/plain"})

    async def go():
        async with Fetcher(HttpSettings(jitter_seconds=0), transport=httpx.MockTransport(handler)) as f:
            return await f.get("https://feeds.example.com/x")

    assert run(go()).body == b"mocked"
