"""A real headless Chromium, driven over the DevTools protocol, for tests that look at a page.

Chromium comes from Debian's packages (`apt-get install chromium`). `chromium()`
finds it, installs it when running as root with apt-get (set
FUNDWATCH_NO_BROWSER_INSTALL=1 to forbid that), and otherwise returns None
with the reason, for the test to skip on.

Why the DevTools protocol rather than `--dump-dom`: it reports what the page's
console and the browser's own log say (script errors, refused loads) while the
page loads, and it can measure what was laid out, not only what the HTML holds.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def _find() -> str | None:
    return next((path for name in NAMES if (path := shutil.which(name))), None)


def chromium() -> tuple[str | None, str]:
    """(path, "") or (None, why it is missing)."""
    found = _find()
    if found:
        return found, ""
    if os.environ.get("FUNDWATCH_NO_BROWSER_INSTALL"):
        return None, "Chromium is not installed and FUNDWATCH_NO_BROWSER_INSTALL forbids installing it"
    if not shutil.which("apt-get") or os.geteuid() != 0:
        return None, "Chromium is not installed (apt-get install chromium needs root and apt-get)"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        for argv in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
            done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                return None, f"could not install Chromium: {' '.join(argv)}: {done.stderr.strip()[-300:]}"
    except subprocess.TimeoutExpired:
        return None, "could not install Chromium: apt-get took longer than 10 minutes"
    found = _find()
    return (found, "") if found else (None, "apt-get install chromium left no chromium command")


class Browser:
    """One headless Chromium with an empty profile; a context manager."""

    def __init__(self, path: str, width: int = 1200, height: int = 900):
        self.path, self.width, self.height = path, width, height

    def __enter__(self) -> Browser:
        self.profile = tempfile.mkdtemp(prefix="fundwatch-chromium-")
        self.process = subprocess.Popen(
            [self.path, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
             f"--window-size={self.width},{self.height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Chromium writes the port it chose here once it listens.
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        self.port = int(port_file.read_text().split()[0])
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _page_socket(self):
        import httpx
        from websockets.sync.client import connect

        deadline = time.monotonic() + 30
        while True:
            targets = httpx.get(f"http://127.0.0.1:{self.port}/json/list", timeout=5).json()
            pages = [t for t in targets if t.get("type") == "page"]
            if pages or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        return connect(pages[0]["webSocketDebuggerUrl"], max_size=None, open_timeout=10)

    def inspect(self, url: str, script: str, timeout: float = 30) -> dict:
        """Load `url`; returns {"problems": [...], "value": <script's JSON result>, "png": bytes}.

        problems: uncaught exceptions, console.error calls and the browser's own
        error-level log entries (refused loads, CSP violations, failed requests).
        """
        problems: list[str] = []
        with self._page_socket() as ws:
            ids = iter(range(1, 10**6))
            pending: dict[int, dict] = {}
            loaded = False

            def handle(message: dict) -> None:
                nonlocal loaded
                method, params = message.get("method"), message.get("params", {})
                if method == "Page.loadEventFired":
                    loaded = True
                elif method == "Runtime.exceptionThrown":
                    details = params.get("exceptionDetails", {})
                    problems.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
                elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                    problems.append("console.error: " + " ".join(str(a.get("value", a.get("description")))
                                                                  for a in params.get("args", [])))
                elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                    entry = params["entry"]
                    problems.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url') or ''}".strip())

            def call(method: str, **params) -> dict:
                number = next(ids)
                ws.send(json.dumps({"id": number, "method": method, "params": params}))
                end = time.monotonic() + timeout
                while number not in pending:
                    message = json.loads(ws.recv(timeout=max(0.1, end - time.monotonic())))
                    if "id" in message:
                        pending[message["id"]] = message
                    else:
                        handle(message)
                reply = pending.pop(number)
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

            for domain in ("Page", "Runtime", "Log"):
                call(f"{domain}.enable")
            call("Page.navigate", url=url)
            end = time.monotonic() + timeout
            while not loaded:
                message = json.loads(ws.recv(timeout=max(0.1, end - time.monotonic())))
                if "id" in message:
                    pending[message["id"]] = message
                else:
                    handle(message)
            result = call("Runtime.evaluate", expression=script, returnByValue=True)
            if "exceptionDetails" in result:
                raise RuntimeError(f"the test's own script failed: {result['exceptionDetails']}")
            shot = call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
            # Let late log entries (a refused load after onload) arrive before judging.
            try:
                while True:
                    handle(json.loads(ws.recv(timeout=0.5)))
            except TimeoutError:
                pass
        return {"problems": problems, "value": result["result"].get("value"),
                "png": base64.b64decode(shot["data"])}
