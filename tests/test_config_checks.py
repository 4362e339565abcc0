"""Config mistakes found at load, and messages that name the setting to change.
Real `fundwatch run --no-prefect` processes against a feed on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support_http import Reply, http_server  # noqa: F401  (fixture)

from flows.settings import ConfigError, parse_config

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>x</title><link>http://127.0.0.1/a</link><guid>a</guid></item></channel></rss>"""


def run(config, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows", "run", "--no-prefect", "--config", str(config)],
                          capture_output=True, text=True, timeout=180, cwd=cwd)


@pytest.mark.parametrize("url", ["https://", "https:///feed.xml", "http://:8080/feed", "https://[::1/feed"])
def test_a_feed_url_without_a_host_is_refused_at_load(tmp_path, url):
    with pytest.raises(ConfigError, match=r"feeds\[0\]\.url: no host in"):
        parse_config({"feeds": [{"url": url}]}, tmp_path, "test")


def test_a_private_feed_names_the_setting_that_allows_it(tmp_path, http_server):  # noqa: F811
    url = http_server.add("/feed.xml", Reply(200, RSS, {"Content-Type": "application/rss+xml"}))
    config = tmp_path / "fundwatch.toml"
    config.write_text(f'[storage]\ndb = "fw.db"\n\n[[feeds]]\nurl = "{url}"\n', encoding="utf-8")
    result = run(config, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "non-public address" in result.stderr and "[http] allow_private_networks = true" in result.stderr
    assert http_server.hits("/feed.xml") == 0


def test_an_empty_feed_list_warns(tmp_path):
    config = tmp_path / "fundwatch.toml"
    config.write_text('[storage]\ndb = "fw.db"\n', encoding="utf-8")
    result = run(config, tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"warning: {config} lists no feeds" in result.stderr
    with_feed = tmp_path / "with_feed.toml"
    with_feed.write_text('[storage]\ndb = "fw.db"\n\n[[feeds]]\nurl = "http://127.0.0.1:9/f"\n'
                         '[http]\nallow_private_networks = true\n', encoding="utf-8")
    assert "lists no feeds" not in run(with_feed, tmp_path).stderr
