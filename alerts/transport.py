"""Sending one message to one target: apprise, or a signed webhook (alerts.signing).

apprise reports failure only as `notify() -> False`; the reason goes to its
logger, so each send captures that log (apprise.LogCapture) and returns the
last warning as the error text. One `Apprise()` per send keeps targets apart.

The idempotency key travels as an `Idempotency-Key` header on services that
take custom headers (json://, xml://, form://, mailto:// and their secure
variants); other services (Slack, Telegram, ...) cannot carry it.
"""

from __future__ import annotations

import logging
import re
import threading

from alerts import markup, signing
from alerts.render import Message
from alerts.targets import AlertTarget

_LOG_LINE = re.compile(r"^\S+ \S+ - (?:WARNING|ERROR|CRITICAL) - (.*)$")
_DETAIL = re.compile(r"^\S+ \S+ - DEBUG - (Socket Exception: .*)$")


def native_format(target: AlertTarget) -> str:
    """The target's `format`, else the service's own first choice (e-mail: HTML, webhooks: text)."""
    if forced := markup.forced_format(target):
        return forced
    if target.format:
        return target.format
    if target.secret:
        return "text"
    import apprise

    plugin = apprise.Apprise.instantiate(target.url)
    formats = plugin._formats() if plugin is not None and hasattr(plugin, "_formats") else ()
    value = getattr(formats[0], "value", "text") if formats else "text"
    return value if value in ("text", "markdown", "html") else "text"


def send(
    target: AlertTarget, message: Message, idempotency_key: str | None = None,
    deadline: float | None = None,
) -> tuple[bool, str | None]:
    """Deliver `message` within `deadline` seconds (default: the target's timeout_seconds);
    (True, None) or (False, why).

    The deadline covers everything: connecting, writing, waiting, reading. apprise's
    and httpx's own timeouts are per socket operation, so a receiver that trickles
    its answer a byte at a time would hold them for ever. The send runs in a
    daemon thread that is abandoned at the deadline (it dies with the process);
    if the receiver takes the message after all, the next cycle's resend carries
    the same Idempotency-Key.
    """
    seconds = target.timeout_seconds if deadline is None else deadline
    outcome: list[tuple[bool, str | None]] = []

    def attempt() -> None:
        try:
            outcome.append(_send_now(target, message, idempotency_key))
        except BaseException as exc:  # noqa: BLE001 - reported as a failed attempt
            outcome.append((False, f"{type(exc).__name__}: {exc}"))

    worker = threading.Thread(target=attempt, name="fundwatch-alert-send", daemon=True)
    worker.start()
    worker.join(max(seconds, 0.0))
    if outcome:
        return outcome[0]
    return False, f"no complete answer within {seconds:g} s (the receiver is too slow); retried later"


def _send_now(
    target: AlertTarget, message: Message, idempotency_key: str | None = None
) -> tuple[bool, str | None]:
    """Deliver `message`; (True, None) or (False, why)."""
    message = markup.for_target(target, message)
    if target.secret:
        return signing.post_signed(
            target.url, target.secret, message.title, message.body, message.format, idempotency_key
        )
    import apprise

    plugin = apprise.Apprise.instantiate(target.url)
    if plugin is None:
        return False, "apprise does not understand this URL"
    markup.guard_plugin(target, plugin)
    if idempotency_key and isinstance(getattr(plugin, "headers", None), dict):
        plugin.headers[signing.IDEMPOTENCY_HEADER] = idempotency_key
    notifier = apprise.Apprise()
    notifier.add(plugin)
    # DEBUG, for the socket error behind "A Connection error occurred". The log
    # stays in memory (propagation off, so no application handler prints apprise's
    # debug lines with payloads) and only warning and socket-error lines are kept.
    apprise_logger = logging.getLogger(apprise.logger.name)
    propagate, apprise_logger.propagate = apprise_logger.propagate, False
    try:
        with apprise.LogCapture(level=logging.DEBUG) as captured:
            try:
                ok = notifier.notify(
                    body=message.body, title=message.title, body_format=message.format,
                    attach=list(message.attachments) or None,
                )
            except Exception as exc:  # a plugin bug must not stop the other deliveries
                return False, f"{type(exc).__name__}: {exc}"
            log = captured.getvalue()
    finally:
        apprise_logger.propagate = propagate
    if ok:
        return True, None
    lines = log.splitlines()
    reasons = [m.group(1) for m in map(_LOG_LINE.match, lines) if m]
    details = [m.group(1) for m in map(_DETAIL.match, lines) if m]
    reason = reasons[-1] if reasons else "apprise reported a failure without a reason"
    return False, f"{reason} ({details[-1][:300]})" if details else reason
