"""`fundwatch alerts test` and `fundwatch alerts list` through click, against real receivers."""

from __future__ import annotations

import json

from click.testing import CliRunner
from support_receivers import WebhookReceiver, insert_round
from support_receivers import smtp_receiver, webhook_receiver  # noqa: F401  (fixtures)

from alerts.delivery import deliver_pending
from flows.cli import cli
from flows.settings import load_config
from storage import open_db


def _config(tmp_path, *urls: str) -> str:
    text = '[storage]\ndb = "rounds.db"\n' + "".join(f'[[alerts]]\nurl = "{u}"\n' for u in urls)
    path = tmp_path / "fundwatch.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_alerts_test_sends_to_every_target(tmp_path, webhook_receiver, smtp_receiver):
    config = _config(tmp_path, webhook_receiver.apprise_url(), smtp_receiver.apprise_url)
    result = CliRunner().invoke(cli, ["alerts", "test", "--config", config])
    assert result.exit_code == 0, result.output
    assert result.output.count("ok ") == 2
    assert webhook_receiver.payloads[0]["title"] == "fundwatch test message"
    assert smtp_receiver.wait_for(1)


def test_alerts_test_fails_with_the_reason(tmp_path):
    down = WebhookReceiver()
    config = _config(tmp_path, down.apprise_url())
    result = CliRunner().invoke(cli, ["alerts", "test", "--config", config])
    assert result.exit_code == 1
    assert "failed" in result.output and down.apprise_url() in result.output


def test_alerts_test_without_targets_says_so(tmp_path):
    result = CliRunner().invoke(cli, ["alerts", "test", "--config", _config(tmp_path)])
    assert result.exit_code == 1 and "no [[alerts]]" in result.output


def test_bad_alert_config_is_a_usage_error_naming_the_key(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[alerts]]\nurl = "json://x/y"\nmin_amount_usd = "lots"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["alerts", "list", "--config", str(path)])
    assert result.exit_code == 2 and "alerts[0].min_amount_usd" in result.output


def test_alerts_list_shows_sent_and_failing_with_the_last_error(tmp_path, webhook_receiver):
    config_path = _config(tmp_path, webhook_receiver.apprise_url())
    config = load_config(config_path)
    db = open_db(config.db_path)
    insert_round(db, "SenseTime")
    insert_round(db, "Lumora")
    deliver_pending(db, config.alerts)
    insert_round(db, "Kelpie")
    webhook_receiver.status = 500
    deliver_pending(db, config.alerts)
    insert_round(db, "Queued")
    db.conn.close()

    result = CliRunner().invoke(cli, ["alerts", "list", "--config", config_path])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1 queued, 0 pending, 2 sent, 1 failed, 0 skipped"
    assert any("failed" in line and "Kelpie" in line for line in lines)
    assert any("HTTP 500" in line or "500" in line for line in lines)
    assert "no longer configured" not in result.output

    moved = _config(tmp_path, webhook_receiver.apprise_url("/elsewhere"))
    result = CliRunner().invoke(cli, ["alerts", "list", "--config", moved])
    assert any("Kelpie" in line and "(target no longer configured)" in line
               for line in result.output.splitlines())

    as_json = CliRunner().invoke(cli, ["alerts", "list", "--config", config_path, "--json", "--status", "sent"])
    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert {r["company"] for r in rows} == {"SenseTime", "Lumora"}
    assert all(r["idempotency_key"].startswith("fundwatch-new-") for r in rows)


def test_help_has_examples():
    for args in (["alerts"], ["alerts", "test"], ["alerts", "list"]):
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output
