"""One Prefect API client per flow run, not one per task run.

Prefect 3.9 gives a sync task run the sync client it finds in its context and
makes a new one (an httpx client with its own SSL context) when there is none;
an async flow holds only an async client. `fundwatch run` on a farm whose
articles make several store batches counts the sync clients made for task runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from support_farm import NewsFarm, farm_config

pytestmark = pytest.mark.integration

COUNTING_RUN = textwrap.dedent(
    """
    import json, os, sys, traceback
    from pathlib import Path
    from flows.prefect_env import configure_prefect
    configure_prefect(Path(sys.argv[1]).parent)  # as `run` does, before Prefect is imported
    import prefect.client.orchestration as orchestration
    made = []
    init = orchestration.SyncPrefectClient.__init__
    def counting_init(self, *args, **kwargs):
        if any(frame.filename.endswith("task_engine.py") for frame in traceback.extract_stack()):
            made.append(1)  # made for a task run (the flow engine also makes two per flow run)
        init(self, *args, **kwargs)
    orchestration.SyncPrefectClient.__init__ = counting_init
    from flows.cli import cli
    try:
        cli(["run", "--config", sys.argv[1], "--json"], standalone_mode=False)
    finally:
        print("TASK_RUN_CLIENTS " + json.dumps(len(made)), file=sys.stderr)
    """
)


def test_sync_task_runs_share_the_flow_runs_client(tmp_path):
    with NewsFarm(sites=3, feeds=2) as farm:
        farm.publish(8)  # 48 articles: several store task runs, besides record and deliver
        config = tmp_path / "fundwatch.toml"
        farm_config(config, tmp_path / "fundwatch.db", farm.feed_urls)
        env = dict(os.environ)
        env.pop("PREFECT_API_URL", None)
        done = subprocess.run([sys.executable, "-c", COUNTING_RUN, str(config)], env=env,
                              capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["new_articles"] == 48
    [line] = [ln for ln in done.stderr.splitlines() if ln.startswith("TASK_RUN_CLIENTS ")]
    # Without the flow's own client each sync task run made one (5 here).
    assert json.loads(line.split(" ", 1)[1]) == 0
