"""The weekly digest: the report page to the alert targets at most once per ISO week."""

from __future__ import annotations

import base64
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from alerts.targets import AlertTarget
from flows.demo import CONFIG_TEMPLATE
from flows.demo_server import AlertReceiver, DemoSite
from flows.settings import ConfigError, parse_config
from market.weekly import iso_week, send_if_due
from storage import digests
from storage.events import record_article_events
from support_events import art, ev
from support_report import fundwatch

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday


def weekly(received: list[dict]) -> list[dict]:
    return [m for m in received if (m.get("title") or "").startswith("fundwatch weekly")]


def test_two_cycles_send_one_digest_with_the_page_attached(tmp_path):
    with DemoSite() as site, AlertReceiver() as receiver:
        config = tmp_path / "fundwatch.toml"
        config.write_text(CONFIG_TEMPLATE.format(site=site.url, receiver=receiver.apprise_url)
                          + "\n[report]\nweekly = true\n", encoding="utf-8")
        for _ in range(2):  # the second is a restart within the same week
            done = fundwatch("run", "--no-prefect", "--config", str(config), cwd=tmp_path)
            assert done.returncode == 0, done.stderr[-3000:]
        received = list(receiver.received)
    digest = weekly(received)
    assert len(digest) == 1, [m.get("title") for m in received]
    week = iso_week(datetime.now(UTC))
    assert digest[0]["title"].startswith(f"fundwatch weekly, {week}: 4 rounds")
    assert "Lumora: USD 42M" in digest[0]["message"]
    (attachment,) = digest[0]["attachments"]
    assert attachment["filename"] == f"fundwatch-report-{week}.html"
    page = base64.b64decode(attachment["base64"]).decode("utf-8")
    assert 'data-figure="rounds" data-value="4"' in page and "<svg" in page
    assert (tmp_path / "fundwatch-report.html").exists()  # the latest page, beside the database
    conn = sqlite3.connect(tmp_path / "fundwatch.db")
    rows = conn.execute("select week, status, attempts from weekly_digests").fetchall()
    conn.close()
    assert rows == [(week, "sent", 1)]


def test_no_digest_unless_asked(tmp_path):
    with DemoSite() as site, AlertReceiver() as receiver:
        config = tmp_path / "fundwatch.toml"
        config.write_text(CONFIG_TEMPLATE.format(site=site.url, receiver=receiver.apprise_url), encoding="utf-8")
        done = fundwatch("run", "--no-prefect", "--config", str(config), cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-3000:]
        assert weekly(receiver.received) == [] and len(receiver.received) == 4


def _one_round(db) -> None:
    today = NOW.date().isoformat()
    record_article_events(db, art("a", today), [ev("Quenby", 5_000_000, "USD", "seed", lead=["Harbor"])])


def test_a_new_week_sends_again_and_the_same_week_never(fresh_db, tmp_path):
    _one_round(fresh_db)
    with AlertReceiver() as receiver:
        target = AlertTarget(url=receiver.apprise_url)
        first = send_if_due(fresh_db, [target], "30d", tmp_path, now=NOW)
        again = send_if_due(fresh_db, [target], "30d", tmp_path, now=NOW + timedelta(days=6, hours=14))
        later = send_if_due(fresh_db, [target], "30d", tmp_path, now=NOW + timedelta(days=7))
        received = list(receiver.received)
    assert (first.week, again.week, later.week) == ("2026-W50", "2026-W50", "2026-W51")
    assert len(first.lines) == 1 and again.lines == [] and len(later.lines) == 1
    assert [m["title"].split(":")[0] for m in received] == ["fundwatch weekly, 2026-W50", "fundwatch weekly, 2026-W51"]


class FlakyReceiver(AlertReceiver):
    """Answers 500 to the first post, then behaves like the demo's receiver."""

    def __init__(self) -> None:
        super().__init__()
        handler = self.httpd.RequestHandlerClass
        refused = []

        class Flaky(handler):
            def do_POST(self):
                if not refused:
                    refused.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                super().do_POST()

        self.httpd.RequestHandlerClass = Flaky


def test_a_failed_send_is_retried_within_the_week_and_a_dead_one_is_not(fresh_db, tmp_path):
    _one_round(fresh_db)
    with FlakyReceiver() as receiver:
        target = AlertTarget(url=receiver.apprise_url)
        outcome = send_if_due(fresh_db, [target], "30d", tmp_path, now=NOW)
        assert "failed" in outcome.lines[0]
        assert [r["status"] for r in digests.of_week(fresh_db, "2026-W50")] == ["failed"]
        outcome = send_if_due(fresh_db, [target], "30d", tmp_path, now=NOW + timedelta(hours=1))
        assert "sent" in outcome.lines[0] and len(weekly(receiver.received)) == 1
        # A process that died mid-send leaves "sending": never claimed again (at most once).
        assert digests.claim(fresh_db, "2026-W51", target.key, target.label, NOW)
        assert not digests.claim(fresh_db, "2026-W51", target.key, target.label, NOW)
        assert send_if_due(fresh_db, [target], "30d", tmp_path, now=NOW + timedelta(days=7)).lines == []
        assert len(weekly(receiver.received)) == 1
    (row,) = digests.of_week(fresh_db, "2026-W50")
    assert row["status"] == "sent" and row["attempts"] == 2 and row["sent_at"]


def test_an_empty_week_still_sends_a_page_that_says_so(fresh_db, tmp_path):
    with AlertReceiver() as receiver:
        send_if_due(fresh_db, [AlertTarget(url=receiver.apprise_url)], "30d", tmp_path, now=NOW)
        (message,) = receiver.received
    assert "no rounds since" in message["title"]
    page = base64.b64decode(message["attachments"][0]["base64"]).decode()
    assert "No rounds in the database yet" in page


def test_the_report_section_is_validated():
    assert parse_config({"report": {"weekly": True, "since": "12w"}}, Path("."), "t").report.weekly
    assert parse_config({}, Path("."), "t").report.weekly is False
    for bad, key in (({"weekly": "yes"}, "report.weekly"), ({"since": "soon"}, "report.since"),
                     ({"daily": True}, "report: unknown key")):
        with pytest.raises(ConfigError, match=key):
            parse_config({"report": bad}, Path("."), "t")


def test_by_mail_the_page_is_an_attachment_and_the_body_a_summary(fresh_db, tmp_path):
    from support_receivers import SmtpReceiver

    today = NOW.date().isoformat()
    record_article_events(fresh_db, art("m", today), [ev("<b>Quenby</b>", 5_000_000, "EUR", "seed", lead=["Harbor"])])
    with SmtpReceiver() as smtp:
        outcome = send_if_due(fresh_db, [AlertTarget(url=smtp.apprise_url)], "30d", tmp_path, now=NOW)
        assert "sent" in outcome.lines[0] and smtp.wait_for(1)
        (mail,) = smtp.messages
    assert mail["Subject"].startswith("fundwatch weekly, 2026-W50: 1 round since")
    (attachment,) = [p for p in mail.message.walk() if p.get_filename()]
    assert attachment.get_filename() == "fundwatch-report-2026-W50.html"
    page = attachment.get_payload(decode=True).decode("utf-8")
    assert "&lt;b&gt;Quenby&lt;/b&gt;" in page and "<b>Quenby" not in page
    body = mail.text()
    assert "&lt;b&gt;Quenby&lt;/b&gt;: EUR 5M" in body and "led by Harbor" in body
