"""`fundwatch run` uses the Prefect server a `fundwatch serve` on the same database runs.

A fake server stands in (it answers /api/health): starting a real one takes seconds.
"""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flows import ephemeral_server
from flows.local_server import SERVER_FILE, running_server


class _Health(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200 if self.path == "/api/health" else 404)
        self.end_headers()
        self.wfile.write(b"true")

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()


def test_run_uses_the_server_serve_runs(tmp_path, fake_server, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    (tmp_path / SERVER_FILE).write_text(json.dumps({"api_url": fake_server, "pid": os.getpid()}))

    def no_new_server(*args, **kwargs):
        raise AssertionError("started a temporary server although one runs")

    monkeypatch.setattr(ephemeral_server, "EphemeralServer", no_new_server)
    ephemeral_server.start_prefect_api(tmp_path)
    assert os.environ["PREFECT_API_URL"] == fake_server


def test_a_file_left_by_a_dead_serve_or_a_silent_server_is_not_used(tmp_path, fake_server):
    assert running_server(tmp_path) is None  # no file
    dead = os.fork()
    if dead == 0:
        os._exit(0)
    os.waitpid(dead, 0)
    (tmp_path / SERVER_FILE).write_text(json.dumps({"api_url": fake_server, "pid": dead}))
    assert running_server(tmp_path) is None
    (tmp_path / SERVER_FILE).write_text(json.dumps({"api_url": "http://127.0.0.1:9/api", "pid": os.getpid()}))
    assert running_server(tmp_path) is None
    (tmp_path / SERVER_FILE).write_text("not json")
    assert running_server(tmp_path) is None
