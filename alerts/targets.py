"""Alert targets from the config's [[alerts]] tables (to be deepened with filters)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AlertTarget:
    url: str

    @classmethod
    def from_mapping(cls, table: dict[str, Any]) -> "AlertTarget":
        """Build from one [[alerts]] table; ValueError("key: why") on bad input."""
        for key in table:
            if key != "url":
                raise ValueError(f"{key}: unknown key")
        url = table.get("url")
        if not isinstance(url, str) or "://" not in url:
            raise ValueError(f"url: expected an apprise URL like 'json://host/path', got {url!r}")
        return cls(url=url)
