"""The demo's little world on 127.0.0.1: a fixture news site and an alert receiver.

The site serves `flows/demo_site/` (feeds and article pages written for the demo).
Feeds carry placeholders so that their dates are always recent, because alerts
only go out for rounds published within the last days:
`{{BASE}}` -> the site's URL, `{{RFC822:-5}}` / `{{ISO:-5}}` -> five hours ago.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

SITE_ROOT = Path(str(resources.files("flows").joinpath("demo_site")))
_PLACEHOLDER = re.compile(r"\{\{(BASE|RFC822:(-?\d+)|ISO:(-?\d+))\}\}")
_TYPES = {
    ".xml": "application/xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


def render_placeholders(text: str, base: str, now: datetime) -> str:
    def sub(match: re.Match) -> str:
        if match.group(1) == "BASE":
            return base
        hours = int(match.group(2) or match.group(3))
        when = now + timedelta(hours=hours)
        return format_datetime(when) if match.group(2) else when.isoformat(timespec="seconds")

    return _PLACEHOLDER.sub(sub, text)


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def _site_handler(root: Path, now: datetime):
    class SiteHandler(_Quiet):
        def do_GET(self):
            path = self.path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
            file = (root / path).resolve()
            if root.resolve() not in file.parents or not file.is_file():
                self.send_error(404)
                return
            base = f"http://{self.headers.get('Host')}"
            body = render_placeholders(file.read_text(encoding="utf-8"), base, now).encode()
            self.send_response(200)
            self.send_header("Content-Type", _TYPES.get(file.suffix, "application/octet-stream"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return SiteHandler


class _Server:
    def __init__(self, handler) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class DemoSite(_Server):
    """Serves the demo news site; `.url` is its base URL."""

    def __init__(self, root: Path = SITE_ROOT, now: datetime | None = None) -> None:
        super().__init__(_site_handler(root, now or datetime.now(timezone.utc)))


class AlertReceiver(_Server):
    """Records JSON webhook posts (apprise's json:// targets) in `.received`."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        received = self.received

        class Handler(_Quiet):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    received.append(json.loads(raw))
                except ValueError:
                    received.append({"body": raw.decode("utf-8", "replace")})
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        super().__init__(Handler)

    @property
    def apprise_url(self) -> str:
        return self.url.replace("http://", "json://") + "/fundwatch-demo"
