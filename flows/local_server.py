"""A local Prefect server for `fundwatch serve` when no PREFECT_API_URL is set.

Prefect's `serve()` fires no schedule against the ephemeral server, so `serve`
starts a real one (SQLite, 127.0.0.1, state under PREFECT_HOME), waits until it
answers /api/health, and stops it, whole process group included, on exit.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from flows.child_process import dies_with_parent


class ServerStartError(RuntimeError):
    pass


# Written beside Prefect's state while `serve` runs its server, so a `run` on the
# same database uses that server instead of starting a temporary one (~5 s).
SERVER_FILE = "server.json"


def running_server(home: Path) -> str | None:
    """The API URL of a server `serve` runs for this PREFECT_HOME, if it answers now."""
    try:
        info = json.loads((home / SERVER_FILE).read_text())
        os.kill(int(info["pid"]), 0)  # a serve killed with SIGKILL left the file: its server died with it
        with httpx.Client(trust_env=False) as client:
            if client.get(f"{info['api_url']}/health", timeout=1).status_code == 200:
                return str(info["api_url"])
    except (OSError, ValueError, KeyError, TypeError, httpx.HTTPError):
        pass
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalPrefectServer:
    def __init__(self, home: Path, port: int | None = None, startup_timeout: float = 120.0) -> None:
        self.home = home
        self.port = port or free_port()
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None
        self.log_path = home / "server.log"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> str:
        env = dict(os.environ, PREFECT_HOME=str(self.home))
        env.pop("PREFECT_API_URL", None)
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            # dies_with_parent: it ends with us, even when we are SIGKILLed
            dies_with_parent([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                              "--port", str(self.port)]),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: we can stop all of it
        )
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerStartError(f"Prefect server exited with {self.process.returncode}; see {self.log_path}")
            try:
                if httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                    (self.home / SERVER_FILE).write_text(json.dumps({"api_url": self.api_url, "pid": os.getpid()}))
                    return self.api_url
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise ServerStartError(f"Prefect server not healthy after {self.startup_timeout:.0f}s; see {self.log_path}")

    def stop(self, timeout: float = 20.0) -> None:
        self._forget()
        if not self.process or self.process.poll() is not None:
            return
        pgid = os.getpgid(self.process.pid)
        os.killpg(pgid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.process.wait()
        # Children (uvicorn workers) share the group; make sure none survive.
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def _forget(self) -> None:
        """Remove the server file if it is ours (another serve may have written its own)."""
        path = self.home / SERVER_FILE
        try:
            if json.loads(path.read_text()).get("pid") == os.getpid():
                path.unlink()
        except (OSError, ValueError, AttributeError):
            pass

    def __enter__(self) -> "LocalPrefectServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
