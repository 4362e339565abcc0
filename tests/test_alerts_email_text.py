"""E-mail alerts read well as plain text, and `alerts list` tells two mailboxes on
one SMTP server apart. A real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

from click.testing import CliRunner
from support_receivers import SmtpReceiver, insert_round
from support_receivers import smtp_receiver  # noqa: F401  (fixture)

from alerts.delivery import deliver_pending
from alerts.targets import AlertTarget
from flows.cli import cli
from storage import open_db

SOURCES = [
    {"url": "https://news.example.com/lumora?id=7&lang=en", "title": "Lumora raises EUR 20M", "published": None,
     "lang": "en"},
    {"url": "https://presse.example.de/lumora", "title": "Lumora sammelt 20 Millionen", "published": None,
     "lang": "de"},
]


def plain_part(mail) -> str:
    (part,) = [p for p in mail.message.walk() if p.get_content_type() == "text/plain"]
    return part.get_content()


def test_the_plain_text_part_has_the_links_and_no_stray_indentation(fresh_db, smtp_receiver):  # noqa: F811
    insert_round(fresh_db, "Lumora", amount=20_000_000, currency="EUR", round="series_b",
                 lead_investors=["Northwind Ventures"], investors=["Northwind Ventures", "Kite Capital"],
                 sources=SOURCES)
    report = deliver_pending(fresh_db, [AlertTarget.from_mapping({"url": smtp_receiver.apprise_url})])
    assert report.sent == 1 and smtp_receiver.wait_for(1)
    mail = smtp_receiver.messages[0]
    assert {p.get_content_type() for p in mail.message.walk()} >= {"text/plain", "text/html"}
    text = plain_part(mail)
    for source in SOURCES:
        assert source["url"] in text, text
    assert "Lead investor: Northwind Ventures" in text
    indented = [line for line in text.splitlines() if line[:1].isspace()]
    assert not indented, text


def test_alerts_list_tells_two_mailboxes_on_one_server_apart(tmp_path):
    with SmtpReceiver(recipient="deals@example.com") as smtp:
        other = smtp.apprise_url.replace("to=deals@example.com", "to=ops@example.com")
        config = tmp_path / "fundwatch.toml"
        config.write_text(f'[storage]\ndb = "fw.db"\n[[alerts]]\nurl = "{smtp.apprise_url}"\n'
                          f'[[alerts]]\nurl = "{other}"\n', encoding="utf-8")
        db = open_db(tmp_path / "fw.db")
        insert_round(db, "Lumora")
        targets = [AlertTarget.from_mapping({"url": u}) for u in (smtp.apprise_url, other)]
        assert targets[0].label == targets[1].label  # one server: the label alone cannot tell
        assert deliver_pending(db, targets).sent == 2
        db.conn.close()
    result = CliRunner().invoke(cli, ["alerts", "list", "--config", str(config)])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "Lumora" in line]
    assert len(rows) == 2
    assert any("to deals@example.com" in r for r in rows) and any("to ops@example.com" in r for r in rows)
