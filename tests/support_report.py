"""A database filled by a real cycle over the demo site, and `fundwatch report` run on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from flows.demo import CONFIG_TEMPLATE
from flows.demo_server import AlertReceiver, DemoSite


def fundwatch(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    return subprocess.run([sys.executable, "-m", "flows", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240)


def demo_cycle(workdir: Path) -> Path:
    """`fundwatch run --no-prefect` over the demo site (the demo's own config); returns the config."""
    config = workdir / "fundwatch.toml"
    with DemoSite() as site, AlertReceiver() as receiver:
        config.write_text(CONFIG_TEMPLATE.format(site=site.url, receiver=receiver.apprise_url), encoding="utf-8")
        done = fundwatch("run", "--no-prefect", "--config", str(config), cwd=workdir)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "4 new rounds" in done.stdout, done.stdout
    return config
