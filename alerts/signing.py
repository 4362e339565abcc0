"""Signed webhooks: HMAC-SHA256 of the exact body bytes, in `X-Fundwatch-Signature`.

apprise builds the JSON body inside its plugin's `send()` and offers no hook to
sign it, so fundwatch posts signed webhooks itself, with httpx, in the same JSON
shape as apprise's json:// plugin ({"version", "title", "message", "attachments",
"type"}) plus "idempotency_key", which is thereby signed too. The URL is still
parsed by apprise, so `json://user:pass@host:port/path?+Header=value` means the
same thing with and without a secret. The secret never enters a URL or a log.

Receivers verify with `verify(secret, raw_body, header_value)`.
"""

from __future__ import annotations

import hashlib
import hmac
import json

SIGNATURE_HEADER = "X-Fundwatch-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
TIMEOUT_SECONDS = 10.0


def sign(secret: str, body: bytes) -> str:
    """'sha256=<hex digest>' of `body` keyed by `secret` (GitHub's webhook convention)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(sign(secret, body), header.strip())


def signed_payload(title: str, message: str, fmt: str, idempotency_key: str | None) -> bytes:
    payload = {
        "version": "1.0", "title": title, "message": message, "attachments": [], "type": "info",
        "format": fmt,
    }
    if idempotency_key:
        payload["idempotency_key"] = idempotency_key
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def post_signed(url: str, secret: str, title: str, message: str, fmt: str,
                idempotency_key: str | None) -> tuple[bool, str | None]:
    """POST a signed JSON webhook to a json:// or jsons:// apprise URL."""
    import apprise
    import httpx

    plugin = apprise.Apprise.instantiate(url)
    if plugin is None or not hasattr(plugin, "fullpath"):
        return False, "not a json:// or jsons:// URL"
    scheme = "https" if plugin.secure else "http"
    port = f":{plugin.port}" if isinstance(plugin.port, int) else ""
    target = f"{scheme}://{plugin.host}{port}{plugin.fullpath or '/'}"
    body = signed_payload(title, message, fmt, idempotency_key)
    headers = {"User-Agent": "fundwatch", "Content-Type": "application/json; charset=utf-8",
               **getattr(plugin, "headers", {}), SIGNATURE_HEADER: sign(secret, body)}
    if idempotency_key:
        headers[IDEMPOTENCY_HEADER] = idempotency_key
    auth = (plugin.user, plugin.password or "") if plugin.user else None
    try:
        with httpx.Client(
            timeout=TIMEOUT_SECONDS, verify=plugin.verify_certificate, follow_redirects=False
        ) as client:
            response = client.request(
                getattr(plugin, "method", "POST") or "POST", target, content=body, headers=headers,
                params=getattr(plugin, "params", None) or None, auth=auth,
            )
    except httpx.HTTPError as exc:
        return False, f"{type(exc).__name__}: {exc}"
    if not 200 <= response.status_code < 300:
        return False, f"HTTP {response.status_code} from {plugin.host}"
    return True, None
