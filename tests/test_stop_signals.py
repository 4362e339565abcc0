"""Long-running commands stop their children and remove their temporary files on
SIGINT and SIGTERM alike: real `fundwatch` processes, real ports."""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support_procs import descendants, wait_gone

from storage import open_db

FUNDWATCH = [sys.executable, "-m", "flows"]
needs_datasette = pytest.mark.skipif(
    importlib.util.find_spec("datasette") is None, reason="datasette (the 'ui' extra) is not installed"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_listening(process: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not listening(port):
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "nothing listened"
        time.sleep(0.2)


def ui_setup(tmp_path: Path) -> tuple[str, dict]:
    # Not called fundwatch.db: `ui` writes its metadata to a temporary folder then.
    db_path = tmp_path / "inspect.db"
    open_db(db_path).conn.close()
    config = tmp_path / "fundwatch.toml"
    config.write_text(f'[storage]\ndb = "{db_path}"\n', encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    return str(config), env


@needs_datasette
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_ui_stops_datasette_and_removes_its_folder(tmp_path, sig):
    config, env = ui_setup(tmp_path)
    port = free_port()
    process = subprocess.Popen([*FUNDWATCH, "ui", "--config", config, "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_listening(process, port)
        assert list((tmp_path / "tmp").glob("fundwatch-ui-*")), "the metadata copy should exist while it runs"
        children = descendants(process.pid)
        process.send_signal(sig)  # to `ui` alone, as a service manager or `kill` does
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert not wait_gone(children, 10), "Datasette outlived `fundwatch ui`"
    assert not listening(port)
    assert not list((tmp_path / "tmp").glob("fundwatch-ui-*"))


@needs_datasette
def test_ui_says_the_port_is_taken(tmp_path):
    config, env = ui_setup(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([*FUNDWATCH, "ui", "--config", config, "--port", str(port)], env=env,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is taken" in result.stderr
    assert "Datasette on http" not in result.stderr


def test_demo_stops_its_servers_on_sigterm(tmp_path):
    workdir = tmp_path / "demo"
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen([*FUNDWATCH, "demo", "--dir", str(workdir)], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        ports = []
        for line in process.stdout:
            if line.strip().startswith(("news site", "alert receiver")):
                ports.append(int(line.split("127.0.0.1:")[1].split("/")[0]))
            if line.startswith("Running one cycle"):
                break
        assert len(ports) == 2 and all(listening(p) for p in ports)
        children = descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert not wait_gone(children, 10)
    assert not any(listening(p) for p in ports)


@needs_datasette
def test_ui_without_a_database_says_so(tmp_path):
    config = tmp_path / "fundwatch.toml"
    config.write_text('[storage]\ndb = "nothing-yet.db"\n', encoding="utf-8")
    result = subprocess.run([*FUNDWATCH, "ui", "--config", str(config), "--port", "0"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1 and "no database at" in result.stderr
    assert not (tmp_path / "nothing-yet.db").exists()
