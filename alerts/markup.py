"""What each alert service does with text beyond its declared format, and the escaping it needs.

alerts.render escapes untrusted text for the format a message is rendered in
(text, Markdown, HTML). Some services do more with the text they get:

- Discord renders Markdown in every message, also in one sent as plain text
  (apprise puts title and body into `content` as they are), and turns
  `@everyone`, `@here`, `<@id>`, `<@&id>` into pings. apprise's Markdown mode
  even collects those from the body and asks Discord to ping them. So for
  Discord, messages are rendered as Markdown (escaped), the title is escaped
  too, every "@" gets a zero-width space after it (Discord then parses no
  mention, and apprise finds none to ping), and the request says
  `allowed_mentions: {"parse": []}` (only the pings the target's own URL asks
  for with `?ping=` stay allowed).
- Slack: apprise escapes `&`, `<` and `>` in the title and body, so `<!channel>`
  and `<url|label>` from the news arrive as text; `[label](url)` is no link in
  Slack. Nothing to add (tests/test_alerts_markup.py keeps that checked).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from alerts.render import Message
from alerts.targets import AlertTarget

log = logging.getLogger("fundwatch.alerts")

ZWSP = "\u200b"
# Services that render Markdown whatever format they are told.
ALWAYS_MARKDOWN = {"discord"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()<>#|~])")


def forced_format(target: AlertTarget) -> str | None:
    """The format a service's messages must be rendered in, when it has no choice."""
    return "markdown" if target.scheme in ALWAYS_MARKDOWN else None


def for_target(target: AlertTarget, message: Message) -> Message:
    """`message` as it is safe to hand to this target's service."""
    if target.scheme != "discord":
        return message
    title = _MD_SPECIAL.sub(r"\\\1", message.title)
    return replace(message, title=_no_mentions(title), body=_no_mentions(message.body))


def _no_mentions(text: str) -> str:
    return text.replace("@", "@" + ZWSP)


def guard_plugin(target: AlertTarget, plugin) -> None:
    """Ask Discord itself to ping nobody but whom the target's URL names (`?ping=`)."""
    if target.scheme != "discord":
        return
    send = getattr(plugin, "_send", None)
    if send is None:  # apprise changed; the text above still carries no mention
        log.warning("cannot set allowed_mentions on this apprise version's Discord plugin")
        return
    configured = getattr(plugin, "ping", None) or []
    allowed = {"parse": []}
    if configured:
        allowed = plugin.ping_payload(" ".join(configured)).get("allow_mentions") or allowed

    def send_without_pings(payload, *args, **kwargs):
        return send({**payload, "allowed_mentions": allowed}, *args, **kwargs)

    plugin._send = send_without_pings
