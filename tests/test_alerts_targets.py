"""[[alerts]] tables -> AlertTarget: filters, validation naming the key, stable identity."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.targets import AlertTarget
from flows.settings import ConfigError, parse_config

FULL = {
    "url": "json://hooks.example.com/fundwatch",
    "name": "deal-desk",
    "min_amount_usd": 5_000_000,
    "rounds": ["Seed", "Series A", "series-b"],
    "languages": ["DE", "en"],
    "companies": ["SenseTime"],
    "investors": ["Alibaba"],
    "keywords": ["robotics"],
    "recent_days": 3,
    "digest_threshold": 5,
    "format": "markdown",
    "secret": "s3cret-value",
    "updates": True,
}


def test_every_option_is_read_and_normalised():
    t = AlertTarget.from_mapping(FULL)
    assert t.rounds == ("seed", "series_a", "series_b")
    assert t.languages == ("de", "en")
    assert (t.min_amount_usd, t.recent_days, t.digest_threshold, t.format, t.updates) == (5e6, 3, 5, "markdown", True)
    assert t.label == "deal-desk"


def test_defaults():
    t = AlertTarget.from_mapping({"url": "mailto://user:pw@example.com?to=a@example.com"})
    assert (t.recent_days, t.digest_threshold, t.format, t.secret, t.updates) == (7, None, None, None, False)
    assert t.label == "mailto://example.com"  # no credentials in labels


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"url": "not a url"}, "url"),
        ({"url": "nope://x"}, "url"),
        ({"min_amount_usd": "lots"}, "min_amount_usd"),
        ({"min_amount_usd": -1}, "min_amount_usd"),
        ({"min_amount_usd": True}, "min_amount_usd"),
        ({"rounds": "seed"}, "rounds"),
        ({"rounds": []}, "rounds"),
        ({"languages": [1]}, "languages"),
        ({"recent_days": -1}, "recent_days"),
        ({"recent_days": 1.5}, "recent_days"),
        ({"digest_threshold": 0}, "digest_threshold"),
        ({"format": "rtf"}, "format"),
        ({"secret": "short"}, "secret"),
        ({"url": "slack://T000/B000/XXXX", "secret": "long enough"}, "secret"),
        ({"updates": "yes"}, "updates"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_values_name_the_key(change, key):
    with pytest.raises(ValueError) as err:
        AlertTarget.from_mapping({**FULL, **change})
    assert str(err.value).startswith(f"{key}: ")


def test_identity_is_url_and_name_not_filters():
    a = AlertTarget.from_mapping({"url": "json://h/p", "min_amount_usd": 1})
    b = AlertTarget.from_mapping({"url": "json://h/p", "rounds": ["seed"]})
    c = AlertTarget.from_mapping({"url": "json://h/p", "name": "other"})
    assert a.key == b.key != c.key
    assert len(a.key) == 16


def test_repr_hides_the_secret_and_credentials():
    t = AlertTarget.from_mapping({"url": "json://user:hunter22@h/p", "secret": "s3cret-value"})
    assert "s3cret" not in repr(t) and "hunter22" not in repr(t)


def test_config_loader_prefixes_the_table():
    data = {"alerts": [{"url": "json://h/p"}, {"url": "json://h/q", "rounds": "seed"}]}
    with pytest.raises(ConfigError, match=r"alerts\[1\]\.rounds: "):
        parse_config(data, Path("."), "test.toml")
    ok = parse_config({"alerts": [{"url": "json://h/p", "updates": True}]}, Path("."), "test.toml")
    assert ok.alerts[0].updates is True
