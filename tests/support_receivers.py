"""Real alert receivers on 127.0.0.1 for tests: a JSON webhook and an SMTP server.

    with WebhookReceiver() as hook, SmtpReceiver() as smtp:
        targets = [AlertTarget.from_mapping({"url": hook.apprise_url}),
                   AlertTarget.from_mapping({"url": smtp.apprise_url})]
        ...
        assert len(hook.requests) == 2 and smtp.messages[0]["Subject"] == "..."

WebhookReceiver records every request (method, path, headers, raw body, parsed
JSON) and can be told to answer an error (`hook.status = 500`), to answer
slowly (`hook.delay = 0.5`, the request is recorded before the wait), or to be
down (`hook.stop()` ... `hook.start()`: connection refused, same port after).
Pytest fixtures `webhook_receiver` and `smtp_receiver` wrap both.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

IDEMPOTENCY_HEADER = "idempotency-key"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]          # lower-case names
    body: bytes
    json: Any = None

    @property
    def idempotency_key(self) -> str | None:
        return self.headers.get(IDEMPOTENCY_HEADER)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


class WebhookReceiver:
    """An HTTP receiver of JSON webhooks (apprise's json:// targets)."""

    def __init__(self, status: int = 200, delay: float = 0.0, reply: bytes = b"") -> None:
        self.status = status
        self.delay = delay
        self.reply = reply               # response body (Slack's webhooks answer "ok")
        self.requests: list[Request] = []
        self.port = free_port()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle -------------------------------------------------------------
    def start(self) -> "WebhookReceiver":
        if self._server is not None:
            return self
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # noqa: A002 - the base class's name
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    parsed = json.loads(raw) if raw else None
                except ValueError:
                    parsed = None
                request = Request(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, raw, parsed)
                with receiver._lock:
                    receiver.requests.append(request)
                if receiver.delay:
                    time.sleep(receiver.delay)
                self.send_response(receiver.status)
                self.send_header("Content-Length", str(len(receiver.reply)))
                self.end_headers()
                self.wfile.write(receiver.reply)

            do_POST = do_PUT = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Go down: connections are refused until `start()`."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._server = None

    def __enter__(self) -> "WebhookReceiver":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # addresses -------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def apprise_url(self, path: str = "/hook") -> str:
        return f"json://127.0.0.1:{self.port}{path}"

    # what arrived ----------------------------------------------------------
    @property
    def payloads(self) -> list[Any]:
        with self._lock:
            return [r.json for r in self.requests]

    def keys(self) -> list[str | None]:
        with self._lock:
            return [r.idempotency_key for r in self.requests]

    def deduplicated(self) -> list[Request]:
        """What a receiver that honours Idempotency-Key keeps: the first request per key."""
        seen, out = set(), []
        with self._lock:
            for r in self.requests:
                if r.idempotency_key is None or r.idempotency_key not in seen:
                    seen.add(r.idempotency_key)
                    out.append(r)
        return out

    def wait_for(self, count: int, timeout: float = 10.0) -> bool:
        return _wait_until(lambda: len(self.requests) >= count, timeout)


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    message: email.message.EmailMessage
    raw: bytes = field(repr=False, default=b"")

    def __getitem__(self, header: str) -> str | None:
        return self.message[header]

    def text(self) -> str:
        """Every text part (plain and HTML), decoded, joined."""
        parts = [p.get_content() for p in self.message.walk() if p.get_content_maintype() == "text"]
        return "\n".join(parts)


class SmtpReceiver:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message."""

    def __init__(self, sender: str = "fundwatch@example.com", recipient: str = "deals@example.com") -> None:
        self.sender, self.recipient = sender, recipient
        self.messages: list[ReceivedMail] = []
        self.port = free_port()
        self._controller = None

    def start(self) -> "SmtpReceiver":
        from aiosmtpd.controller import Controller

        receiver = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                receiver.messages.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), message,
                                                      envelope.content))
                return "250 Message accepted for delivery"

        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> "SmtpReceiver":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def apprise_url(self) -> str:
        return (f"mailto://127.0.0.1:{self.port}?mode=insecure"
                f"&from={self.sender}&to={self.recipient}")

    def wait_for(self, count: int, timeout: float = 10.0) -> bool:
        return _wait_until(lambda: len(self.messages) >= count, timeout)


@pytest.fixture
def webhook_receiver():
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture
def smtp_receiver():
    with SmtpReceiver() as receiver:
        yield receiver


# Rounds to alert about ---------------------------------------------------------


def insert_round(db, company: str = "SenseTime", *, enqueue: str | None = "new", sources=None, **values) -> int:
    """Store a round the way the events area does (row, sources, outbox) in one transaction.

    Defaults: a main Series C round of USD 600M led by Alibaba, published today.
    Returns the event id.
    """
    from datetime import UTC, datetime

    from storage import outbox

    now = datetime.now(UTC)
    row = {
        "company": company, "company_key": company.casefold(), "amount": 600_000_000, "currency": "USD",
        "amount_usd": None, "round": "series_c", "status": "announced",
        "lead_investors": ["Alibaba"], "investors": ["Alibaba", "Temasek"],
        "valuation_amount": None, "valuation_currency": None, "main": 1, "confidence": 0.97,
        "evidence": f"{company} raised $600 million in a Series C round led by Alibaba.",
        "announced_on": now.date().isoformat(), "first_seen": now.isoformat(timespec="seconds"),
        "updated_at": now.isoformat(timespec="seconds"), "source_count": 1,
    }
    row.update(values)
    for key in ("lead_investors", "investors"):
        if not isinstance(row[key], str):
            row[key] = json.dumps(row[key], ensure_ascii=False)
    if sources is None:
        slug = company.lower().replace(" ", "-")
        sources = [{"url": f"https://news.example.com/{slug}", "title": f"{company} raises money",
                    "published": row["announced_on"], "lang": "en"}]
    with db.atomic():
        event_id = db["events"].insert(row).last_pk
        if db["event_sources"].exists():
            for i, source in enumerate(sources):
                db["event_sources"].insert({"event_id": event_id, "article_id": f"{event_id}-{i}",
                                            "event_index": 0, "company": company, **source})
        if enqueue:
            outbox.enqueue(db, event_id, enqueue)
    return event_id


class TricklingReceiver:
    """A webhook receiver that takes the request, then answers one byte every `every` seconds.

    Every socket operation of the sender succeeds in time, so per-operation
    timeouts never fire: only a total deadline ends the wait.
    """

    def __init__(self, every: float = 2.0) -> None:
        self.every = every
        self.requests = 0
        self.port = free_port()
        self._stop = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", self.port))
        self._sock.settimeout(0.1)
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def apprise_url(self, path: str = "/hook") -> str:
        return f"json://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                while len(body) < length:
                    body += conn.recv(65536)
                self.requests += 1
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n")
                for _ in range(1000):
                    if self._stop.wait(self.every):
                        return
                    conn.sendall(b".")
            except OSError:
                return

    def __enter__(self) -> "TricklingReceiver":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._sock.close()
