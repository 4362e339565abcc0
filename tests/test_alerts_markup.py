"""Untrusted text reaches chat services as text: no pings, no links it did not come with.

The real apprise plugins post to a real receiver on 127.0.0.1 (their service
address is pointed there); the assertions read the JSON the service would get.
"""

from __future__ import annotations

import json
import re

import apprise.plugins.discord as discord_plugin
import apprise.plugins.slack as slack_plugin
import pytest

from alerts import transport
from alerts.render import render_round
from alerts.targets import AlertTarget
from support_receivers import WebhookReceiver

TRAP = "@everyone [click](http://evil) <@123> <@&456> @here"
EVENT = {
    "company": f"Acme {TRAP}", "amount": 5_000_000, "currency": "EUR", "usd": 5.4e6, "round": "seed",
    "lead_investors": ["@here Capital"], "investors": ["@here Capital"],
    "evidence": f"Acme raised money. {TRAP} <!channel> <http://evil|click>",
    "announced_on": "2026-01-02", "sources": [{"url": "https://news.test/a", "title": f"Title {TRAP}"}],
}


@pytest.fixture
def receiver(monkeypatch):
    with WebhookReceiver(reply=b"ok") as hook:
        monkeypatch.setattr(discord_plugin.NotifyDiscord, "notify_url", f"{hook.url}/api/webhooks")
        monkeypatch.setattr(slack_plugin.NotifySlack, "webhook_url", f"{hook.url}/services")
        yield hook


def strings(payload) -> list[str]:
    out = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(payload)
    return out


def send(url: str, receiver) -> dict:
    target = AlertTarget.from_mapping({"url": url})
    message = render_round(EVENT, "new", transport.native_format(target))
    ok, error = transport.send(target, message, "key-1")
    assert ok, error
    assert len(receiver.requests) == 1
    return receiver.requests[0].json


@pytest.mark.parametrize("url", ["discord://123456/abcdefgh", "discord://123456/abcdefgh?format=markdown"])
def test_discord_gets_no_mention_and_no_masked_link(url, receiver):
    payload = send(url, receiver)
    assert payload["allowed_mentions"] == {"parse": []}
    assert "allow_mentions" not in payload                 # apprise's own ping list stays empty
    text = "\n".join(strings(payload))
    assert "Acme" in text and "evil" in text               # the text is there, as text
    assert not re.search(r"@(everyone|here)\b", text)
    assert not re.search(r"<@&?\d", text)
    assert not re.search(r"(?<!\\)\[click(?<!\\)\]\(", text)  # no [label](url) Discord would link


def test_a_ping_the_target_asks_for_stays_allowed(receiver):
    payload = send("discord://123456/abcdefgh?ping=%3C%40%26456%3E", receiver)
    assert payload["allowed_mentions"] == {"parse": [], "users": [], "roles": ["456"]}


@pytest.mark.parametrize("url", ["slack://T1234ABCD/B1234ABCD/abcdefghijklmnopqrstuvwx",
                                 "slack://T1234ABCD/B1234ABCD/abcdefghijklmnopqrstuvwx?blocks=yes"])
def test_slack_gets_no_channel_ping_and_no_link_syntax(url, receiver):
    payload = send(url, receiver)
    text = json.dumps(payload, ensure_ascii=False)
    assert "Acme" in text
    assert "<!channel" not in text and "<!here" not in text and "<@123" not in text
    assert "<http://evil" not in text
