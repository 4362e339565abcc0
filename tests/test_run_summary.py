"""What `fundwatch run` tells people: feeds waiting after errors, each failure once,
alerts still to send, only JSON with --json; and the logged summary's time.
Real `fundwatch run --no-prefect` processes against a news site on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys

from support_http import Reply, TestServer, http_server  # noqa: F401  (fixture)
from support_news import NewsSite, round_text

from flows.cycle import run_plain
from flows.settings import load_config


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(config, *extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows", "run", "--no-prefect", "--config", str(config), *extra],
                          capture_output=True, text=True, timeout=180, cwd=config.parent)


def write_config(tmp_path, feeds: list[str], alert_url: str | None = None):
    config = tmp_path / "fundwatch.toml"
    text = '[storage]\ndb = "fw.db"\n[http]\nallow_private_networks = true\njitter_seconds = 0\n'
    text += "".join(f'[[feeds]]\nurl = "{url}"\n' for url in feeds)
    if alert_url:
        text += f'[[alerts]]\nurl = "{alert_url}"\n'
    config.write_text(text, encoding="utf-8")
    return config


def test_failures_once_waiting_feeds_and_pending_alerts(tmp_path, http_server):  # noqa: F811
    site = NewsSite(http_server)
    site.story("/a/tidewell", round_text("Tidewell", 11))
    good = site.feed_url()
    broken = [http_server.add(f"/broken{i}.xml", Reply(500, b"oops")) for i in range(3)]
    config = write_config(tmp_path, [good, *broken], alert_url=f"json://127.0.0.1:{closed_port()}/hook")

    first = run(config)
    assert first.returncode == 0, first.stderr
    for url in broken:
        assert first.stderr.count(url) == 1, first.stderr  # each failure printed once
    summary = first.stdout.strip().splitlines()[-1]
    assert summary.startswith("feeds 1 ok, 3 failed; 1 new articles; 1 new rounds; 0 alerts sent, 1 failed"), summary
    assert ", 1 still pending [" in summary

    second = run(config)
    summary = second.stdout.strip().splitlines()[-1]
    assert summary.startswith("feeds 1 ok, 0 failed, 3 waiting after errors;"), summary
    assert "1 still pending" in summary
    assert "feed failed" not in second.stderr


def test_json_prints_only_json(tmp_path, http_server):  # noqa: F811
    site = NewsSite(http_server)
    site.story("/a/tidewell", round_text("Tidewell", 11))
    config = write_config(tmp_path, [site.feed_url(), http_server.add("/broken.xml", Reply(500, b"x"))])
    result = run(config, "--json")
    report = json.loads(result.stdout)  # the whole of stdout
    assert report["feeds_failed"] == 1 and len(report["new_rounds"]) == 1
    assert result.stderr.strip().splitlines()[-1].startswith("feeds 1 ok, 1 failed;")


def test_the_logged_summary_carries_the_cycle_time(tmp_path, caplog):
    with TestServer(latency=0.3) as slow:
        config = write_config(tmp_path, [slow.add("/feed.xml", Reply(200, b"<rss version='2.0'><channel/></rss>"))])
        with caplog.at_level(logging.INFO, logger="fundwatch.cycle"):
            report = run_plain(load_config(str(config)))
    assert report.seconds >= 0.3
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("feeds ")]
    assert logged == [report.summary_line()]
    assert not logged[0].endswith("[0.0s]")


def test_a_round_new_this_cycle_is_not_also_updated(tmp_path, http_server):  # noqa: F811
    site = NewsSite(http_server)
    site.story("/a/tidewell", round_text("Tidewell", 11))
    site.story("/b/tidewell", round_text("Tidewell", 11).replace("Existing investor Quay Capital also took part. ", ""),
               title="Tidewell lands Series A from Atlantic Harbour")
    config = write_config(tmp_path, [site.feed_url()])
    report = run_plain(load_config(str(config)))
    assert len(report.new_rounds) == 1 and report.new_articles == 2
    assert report.updated_rounds == [] and "updated" not in report.summary_line()
