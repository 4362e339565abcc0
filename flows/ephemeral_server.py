"""The temporary Prefect API server of a one-shot cycle, started as a child we control.

With PREFECT_API_URL unset, Prefect starts a temporary server process by itself
on the first flow call and stops it at exit (atexit). A `fundwatch run` killed
with SIGKILL runs no atexit, and Prefect's server lived on, orphaned (~200 MB each).
So `run` starts the same server itself (the same uvicorn command Prefect 3.9
uses, UI off), wrapped by `dies_with_parent` so the kernel ends it when `run` dies,
and points PREFECT_API_URL at it before Prefect is imported.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from flows.child_process import dies_with_parent
from flows.local_server import ServerStartError, free_port, running_server


def _prefect_dir() -> str:
    spec = importlib.util.find_spec("prefect")  # without importing it: settings are read at import
    if spec is None or spec.origin is None:
        raise ServerStartError("prefect is not installed")
    return str(Path(spec.origin).parent.parent)


class EphemeralServer:
    """Prefect's API server in a child process: `start()` returns its URL, `stop()` ends it."""

    def __init__(self, home: Path, startup_timeout: float | None = None) -> None:
        self.home = home
        self.port = free_port()
        self.startup_timeout = startup_timeout or float(
            os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 120
        )
        self.process: subprocess.Popen | None = None
        self.log_path = home / "ephemeral-server.log"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> str:
        """Launch the server and wait until it answers; its API URL."""
        self.launch()
        return self.wait_ready()

    def launch(self) -> str:
        """Start the server process and return its API URL at once, before it answers."""
        env = dict(os.environ, PREFECT_HOME=str(self.home), PREFECT_UI_ENABLED="0",
                   PREFECT__SERVER_EPHEMERAL="1", PREFECT__SERVER_FINAL="1")
        env.pop("PREFECT_API_URL", None)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                dies_with_parent(
                    [sys.executable, "-m", "uvicorn", "--app-dir", _prefect_dir(), "--factory",
                     "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
                     "--log-level", "error", "--lifespan", "on"]
                ),
                env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )
        self._deadline = time.monotonic() + self.startup_timeout
        return self.api_url

    def wait_ready(self) -> str:
        """Wait until the launched server answers /health; its API URL (ServerStartError if it never does)."""
        assert self.process is not None, "launch() first"
        deadline = self._deadline
        with httpx.Client(trust_env=False) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise ServerStartError(
                        f"Prefect's server exited with {self.process.returncode}; see {self.log_path}")
                try:
                    if client.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                        return self.api_url
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
        self.stop()
        raise ServerStartError(f"Prefect's server not ready after {self.startup_timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_prefect_api(home: Path, wait: bool = True) -> Callable[[], None]:
    """Give this process a Prefect API: PREFECT_API_URL when set, else the server a
    `fundwatch serve` on the same database runs, else our own temporary server.

    Call before `prefect` is first imported: Prefect reads PREFECT_API_URL at import.
    The server runs until this process ends. It is stopped by an atexit hook, which
    Python runs after Prefect's own exit work (sending the last run logs and events,
    registered through `threading._register_atexit`, which runs first); and should
    the process die without running it, the kernel ends the server (dies_with_parent).

    With `wait=False` it returns as soon as our own server is launched (its URL is
    known before it answers), so the caller can import Prefect and the cycle's
    modules (~2-3 s) while the server starts (~4-5 s); the returned function
    waits until the server answers (ServerStartError if it does not). With
    `wait=True` that wait is done here.
    """
    def ready() -> None:
        pass

    if os.environ.get("PREFECT_API_URL"):
        return ready
    # `fundwatch serve` on the same database runs a server already: use it.
    serving = running_server(home)
    if serving:
        os.environ["PREFECT_API_URL"] = serving
        return ready
    server = EphemeralServer(home)
    os.environ["PREFECT_API_URL"] = server.launch()
    atexit.register(server.stop)

    def server_ready() -> None:
        server.wait_ready()

    if wait:
        server_ready()
        return ready
    return server_ready
