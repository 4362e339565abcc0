"""Prefect's environment for fundwatch: quiet, local, and kept with the project.

Must run before `prefect` is imported: Prefect reads its settings once, at import.
Values already set by the user win (setdefault), so a team pointing
PREFECT_API_URL at a real server keeps it.
"""

from __future__ import annotations

import os
from pathlib import Path

_QUIET_LOCAL_DEFAULTS = {
    # Nothing may leave 127.0.0.1 but the feeds: no analytics, no telemetry SDK.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
    # Prefect's own SQLite grows ~32 KB per task run; two days of events is plenty.
    "PREFECT_SERVER_EVENTS_RETENTION_PERIOD": "P2D",
    # The ephemeral server takes 5-8 s to start on two cores; a busy CI box needs more
    # than the default 20 s before giving up.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def configure_prefect(state_dir: Path, console_level: str = "WARNING") -> Path:
    """Point Prefect at `state_dir/.prefect` and switch off everything that phones home.

    Run logs still reach Prefect's API (and UI) at INFO; `console_level` only
    quietens what one-shot commands print, whose own output says what happened.
    """
    home = Path(os.environ.get("PREFECT_HOME") or state_dir / ".prefect")
    home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", console_level)
    for key, value in _QUIET_LOCAL_DEFAULTS.items():
        os.environ.setdefault(key, value)
    return home
