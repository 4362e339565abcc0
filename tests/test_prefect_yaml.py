"""prefect.yaml says what it needs and whose schedule wins."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

from flows.settings import default_config_text, parse_config

ROOT = Path(__file__).resolve().parents[1]


def header() -> str:
    text = (ROOT / "prefect.yaml").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if line.startswith("#"))


def test_the_header_names_every_variable_the_file_uses():
    text = (ROOT / "prefect.yaml").read_text(encoding="utf-8")
    used = {part.split("}}")[0].strip().lstrip("$") for part in text.split("{{ ")[1:]}
    assert used == {"FUNDWATCH_PROJECT_DIR", "FUNDWATCH_CONFIG"}
    for name in used:
        assert f"{name}=" in header() and f"{name}  " in header(), name  # in the command and explained


def test_it_says_plainly_that_its_schedule_wins_and_matches_the_default():
    assert "this schedule wins" in header() and "[schedule]" in header()
    (deployment,) = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))["deployments"]
    (schedule,) = deployment["schedules"]
    default = parse_config(tomllib.loads(default_config_text()), ROOT, "default").schedule
    assert schedule["interval"] == default.interval_seconds
