"""The TOML config contract: defaults, validation errors that name the key, exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flows.settings import ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "fundwatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_packaged_default_lists_real_feeds_in_english_and_german():
    config = load_config(None)
    langs = {feed.lang for feed in config.feeds}
    assert {"en", "de"} <= langs
    assert all(feed.url.startswith("https://") for feed in config.feeds)
    assert config.http.allow_private_networks is False
    assert config.schedule.interval_seconds == 900


def test_full_contract_example_loads(tmp_path):
    path = write(
        tmp_path,
        """
[storage]
db = "data/rounds.db"
[http]
allow_private_networks = true
[schedule]
cron = "*/15 * * * *"
[[feeds]]
url = "https://example.org/feed.xml"
name = "Example"
lang = "DE"
[[alerts]]
url = "json://127.0.0.1:9000/hook"
""",
    )
    config = load_config(path)
    assert config.db_path == tmp_path / "data" / "rounds.db"  # relative to the config file
    assert config.http.allow_private_networks is True
    assert config.schedule.cron == "*/15 * * * *" and config.schedule.interval_seconds is None
    assert config.feeds[0].lang == "de" and config.feeds[0].name == "Example"
    assert config.alerts[0].url == "json://127.0.0.1:9000/hook"


def test_env_var_names_the_config(tmp_path, monkeypatch):
    path = write(tmp_path, '[storage]\ndb = "x.db"\n')
    monkeypatch.setenv("FUNDWATCH_CONFIG", str(path))
    assert load_config(None).db_path == tmp_path / "x.db"


@pytest.mark.parametrize(
    "text, key",
    [
        ('[storage]\ndbb = "x.db"\n', "dbb"),
        ("[schedule]\ninterval_seconds = 0\n", "schedule.interval_seconds"),
        ('[schedule]\ninterval_seconds = "often"\n', "schedule.interval_seconds"),
        ('[schedule]\ninterval_seconds = 60\ncron = "* * * * *"\n', "schedule"),
        ('[[feeds]]\nurl = "ftp://example.org/feed"\n', "feeds[0].url"),
        ('[[feeds]]\nname = "no url"\n', "feeds[0].url"),
        ('[[feeds]]\nurl = "https://a.example/f"\ncolour = "red"\n', "colour"),
        ('[http]\nallow_private_networks = "yes"\n', "http.allow_private_networks"),
        ('[[alerts]]\nurl = "not a url"\n', "alerts[0].url"),
        ("[surprise]\n", "surprise"),
    ],
)
def test_bad_values_name_the_key(tmp_path, text, key):
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    assert key in str(info.value)


def test_broken_toml_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[storage\n"))


def test_cli_exits_2_naming_the_key(tmp_path):
    path = write(tmp_path, '[storage]\ndbb = "x.db"\n')
    result = subprocess.run(
        [sys.executable, "-m", "flows", "run", "--config", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "dbb" in result.stderr


def test_cli_exits_1_when_the_database_cannot_be_written(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    path = write(tmp_path, f'[storage]\ndb = "{blocker}/sub/x.db"\n')
    result = subprocess.run(
        [sys.executable, "-m", "flows", "run", "--config", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "cannot open database" in result.stderr
