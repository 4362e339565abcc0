"""Scheduled runs really fire: `fundwatch serve` with its own local Prefect server,
and the prefect.yaml path (server, process work pool, worker, `prefect deploy`).

Slow (real servers start in 4-8 s each), so marked `integration`: left out of the
default suite, run by CI.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from flows.demo_server import DemoSite
from flows.local_server import LocalPrefectServer

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[1]


def write_config(workdir: Path, site_url: str, interval: int) -> Path:
    config = workdir / "fundwatch.toml"
    config.write_text(
        f"""
[storage]
db = "rounds.db"
[http]
allow_private_networks = true
[schedule]
interval_seconds = {interval}
[[feeds]]
url = "{site_url}/en/feed.xml"
lang = "en"
""",
        encoding="utf-8",
    )
    return config


def completed_runs(api_url: str, deployment_name: str | None = None) -> list[dict]:
    body: dict = {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}
    if deployment_name:
        body["deployments"] = {"name": {"any_": [deployment_name]}}
    response = httpx.post(f"{api_url}/flow_runs/filter", json=body, timeout=10)
    response.raise_for_status()
    return response.json()


def wait_for(predicate, timeout: float, every: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return predicate()


def clean_env(home: Path) -> dict:
    env = dict(os.environ, PREFECT_HOME=str(home), DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    return env


def test_serve_fires_scheduled_runs_and_stops_cleanly(tmp_path):
    with DemoSite() as site:
        config = write_config(tmp_path, site.url, interval=5)
        proc = subprocess.Popen(
            [sys.executable, "-m", "flows", "serve", "--config", str(config), "--name", "every-5s"],
            cwd=tmp_path, env=clean_env(tmp_path / ".prefect"), stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        try:
            ui = None
            deadline = time.monotonic() + 120
            while ui is None and time.monotonic() < deadline:
                line = proc.stdout.readline()
                assert line, "serve exited before the server was up"
                found = re.search(r"Prefect UI: (http://127\.0\.0\.1:\d+)", line)
                ui = found.group(1) if found else None
            assert ui, "serve never printed the UI address"
            api = ui + "/api"
            runs = wait_for(lambda: len(completed_runs(api, "every-5s")) >= 2 and completed_runs(api, "every-5s"), 150, 2)
            assert runs and len(runs) >= 2, "fewer than two scheduled runs completed"
            assert all(r["deployment_id"] for r in runs)
            # Artifacts were published by the runs.
            # (market-report comes after a cycle that ran; the first runs may have skipped on the lock.)
            def keys():
                artifacts = httpx.post(f"{api}/artifacts/filter", json={}, timeout=10).json()
                return {a.get("key") for a in artifacts}

            assert wait_for(lambda: {"cycle-summary", "market-report"} <= keys(), 60, 2), keys()
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                pytest.fail("serve did not stop on SIGTERM")
        # Nothing left behind: the server's port no longer answers.
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"{api}/health", timeout=2)
        assert (tmp_path / "rounds.db").exists()


def test_prefect_yaml_deploy_and_worker_run_a_scheduled_cycle(tmp_path):
    home = tmp_path / ".prefect"
    home.mkdir()
    env = clean_env(home)
    with DemoSite() as site, LocalPrefectServer(home) as server:
        config = write_config(tmp_path, site.url, interval=900)
        env.update(PREFECT_API_URL=server.api_url, FUNDWATCH_CONFIG=str(config), FUNDWATCH_PROJECT_DIR=str(ROOT))

        def prefect(*args, timeout=180):
            result = subprocess.run([sys.executable, "-m", "prefect", *args], cwd=ROOT, env=env,
                                    capture_output=True, text=True, timeout=timeout)
            assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
            return result

        # The project's prefect.yaml as it is, but for a 10-second interval: its
        # first scheduled run falls one interval after the deploy.
        spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
        for deployment in spec["deployments"]:
            deployment["schedules"] = [{"interval": 10, "active": True}]
        prefect_file = tmp_path / "prefect.yaml"
        prefect_file.write_text(yaml.safe_dump(spec), encoding="utf-8")

        prefect("work-pool", "create", "fundwatch", "--type", "process")
        prefect("--no-prompt", "deploy", "--all", "--prefect-file", str(prefect_file))
        worker = subprocess.Popen(
            [sys.executable, "-m", "prefect", "worker", "start", "--pool", "fundwatch"],
            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        try:
            runs = wait_for(lambda: completed_runs(server.api_url, "fundwatch"), 180, 2)
            assert runs, "no scheduled run completed"
            assert runs[0]["auto_scheduled"] is True
        finally:
            # The worker ignores its first signal for a while; a second ends it.
            os.killpg(worker.pid, signal.SIGTERM)
            time.sleep(1)
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    assert (tmp_path / "rounds.db").exists()
