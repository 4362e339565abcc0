"""From a database to a page on disk: the one call the CLI, the cycle and the digest share."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from market import page
from market.data import MarketData, gather, parse_since

DEFAULT_SINCE = "30d"


def build(db, since: str = DEFAULT_SINCE, now: datetime | None = None,
          threshold: float | None = None) -> tuple[str, MarketData]:
    """The page's HTML and the figures it shows."""
    now = now or datetime.now(UTC)
    data = gather(db, parse_since(since, now.date()), threshold=threshold, now=now)
    return page.render(data), data


def write_page(html: str, out: str | Path) -> Path:
    """Write atomically: a reader (a browser, a mail attachment) never sees half a page."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(html)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the page is for reading and mailing
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
