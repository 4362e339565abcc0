"""Shared fixtures. Area-specific helpers live in tests/support_*.py modules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Nothing in the suite may reach past 127.0.0.1, and Prefect keeps its state out
# of the home folder. Set before any test module imports prefect.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def fresh_db(tmp_path):
    """A real SQLite file with the full schema applied."""
    from storage import open_db

    db = open_db(tmp_path / "fundwatch.db")
    yield db
    db.conn.close()


@pytest.fixture
def shared_dir() -> Path:
    """../shared when present (a developer checkout or CI); skip cleanly otherwise."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present in this checkout")
    return SHARED
