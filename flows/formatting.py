"""Amounts for people."""

from __future__ import annotations

_SCALES = ((1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K"))


def format_amount(amount: float | int | None, currency: str | None) -> str:
    """600000000, "USD" -> "USD 600M"; None -> "undisclosed"."""
    if amount is None:
        return "undisclosed"
    for scale, suffix in _SCALES:
        if abs(amount) >= scale:
            value = amount / scale
            text = f"{value:.1f}".rstrip("0").rstrip(".")
            return f"{currency or ''} {text}{suffix}".strip()
    return f"{currency or ''} {amount:,.0f}".strip()

