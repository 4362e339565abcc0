"""One cycle without Prefect, for tests that need every table written but not the engine.

The same stages, in the same order, as `flows.monitor._cycle`: sync and poll the
feeds, store entries, fetch and store articles (rounds, outbox), deliver alerts.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from flows import stages
from flows.settings import load_config
from scrapers.http import Fetcher
from scrapers.poll import fetch_articles, poll_feeds


def write_config(path: Path, db: Path, site_url: str, alert_url: str) -> Path:
    path.write_text(
        f"""
[storage]
db = "{db}"
[http]
allow_private_networks = true
[[feeds]]
url = "{site_url}/en/feed.xml"
lang = "en"
[[feeds]]
url = "{site_url}/de/atom.xml"
lang = "de"
[[alerts]]
url = "{alert_url}"
""",
        encoding="utf-8",
    )
    return path


def plain_cycle(config_path: Path) -> dict:
    """Run one cycle; returns counts of what it did."""
    config = load_config(str(config_path))

    async def cycle() -> dict:
        now = stages.utcnow()
        due = stages.due_feeds(config.db_path, config.feeds, now)
        async with Fetcher(config.http) as fetcher:
            polls = await poll_feeds(fetcher, due)
            outcome = stages.record_polls(config.db_path, polls, now)
            docs = await fetch_articles(fetcher, outcome.to_fetch)
        stored = stages.store_articles(config.db_path, docs)
        delivery = stages.deliver_alerts(config.db_path, config.alerts)
        return {"feeds_ok": outcome.ok, "failed": outcome.failed, "new_articles": stored.new_articles,
                "new_rounds": len(stored.new_rounds), "alerts_sent": delivery.sent}

    return asyncio.run(cycle())
