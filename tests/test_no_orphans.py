"""`fundwatch run` killed with SIGKILL mid-cycle leaves no process behind: Prefect's
temporary API server (~200 MB) dies with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from support_http import Reply, http_server  # noqa: F401 - fixture
from support_procs import alive, descendants, wait_gone


def test_a_killed_run_leaves_no_prefect_server_behind(tmp_path, http_server):
    http_server.add("/feed.xml", Reply(200, b"<rss version='2.0'><channel></channel></rss>",
                                       {"Content-Type": "application/rss+xml"}, delay=60))
    config = tmp_path / "fundwatch.toml"
    config.write_text(f'[storage]\ndb = "fundwatch.db"\n[http]\nallow_private_networks = true\n'
                      f'[[feeds]]\nurl = "{http_server.url("/feed.xml")}"\n', encoding="utf-8")
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / ".prefect"))
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "flows", "run", "--config", str(config)], cwd=tmp_path,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while not http_server.hits("/feed.xml") and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert http_server.hits("/feed.xml"), "the cycle never started polling"
        children = descendants(proc.pid)
        assert children, "Prefect's server runs as a child process while the flow runs"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        left = wait_gone(children, timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not left, f"still running 5 s after the kill: {sorted(left)}"


PARENT = """
import shutil, subprocess, sys, time
from flows.child_process import dies_with_parent
child = subprocess.Popen(dies_with_parent([shutil.which("sleep"), "300"]))
print(child.pid, flush=True)
time.sleep(300)
"""


def test_a_child_started_through_dies_with_parent_ends_with_its_parent():
    # The mechanism `serve` uses for its local Prefect server too.
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        time.sleep(0.3)
        assert alive({child}), "the child runs while its parent does"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        left = wait_gone({child}, timeout=5)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert not left
