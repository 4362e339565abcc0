"""HTTP settings and the shared client (to be deepened)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class HttpSettings:
    allow_private_networks: bool = False

    @classmethod
    def from_mapping(cls, table: dict[str, Any]) -> "HttpSettings":
        """Build from the config's [http] table; ValueError("key: why") on bad input."""
        allowed = {f.name for f in fields(cls)}
        for key, value in table.items():
            if key not in allowed:
                raise ValueError(f"{key}: unknown key (allowed: {', '.join(sorted(allowed))})")
        value = table.get("allow_private_networks", False)
        if not isinstance(value, bool):
            raise ValueError(f"allow_private_networks: expected true or false, got {value!r}")
        return cls(allow_private_networks=value)
