"""Re-extraction of stored articles, after an extractor upgrade.

Runs every stored article's text through the current extractor and records the
result in place of what the article said before (recording replaces an
article's earlier mentions, so this is idempotent). Rounds that only the old
extractor saw lose their sources; rounds that only the new one sees are stored,
and enqueue alerts like any new round, which the alert filters' recent-days
window keeps from announcing old news.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from flows.cycle_lock import cycle_lock
from flows.stages import extract_and_record
from storage import open_db


@dataclass
class ReextractReport:
    articles: int = 0
    new_rounds: list[int] = field(default_factory=list)
    updated_rounds: list[int] = field(default_factory=list)

    def summary_line(self) -> str:
        return (f"re-extracted {self.articles} articles; {len(self.new_rounds)} new rounds, "
                f"{len(self.updated_rounds)} updated")


def _articles(db, since: str | None) -> Iterator[dict]:
    where, params = "text is not null and text != ''", []
    if since:
        where += " and coalesce(published, fetched_at) >= ?"
        params.append(since)
    yield from db.query(
        f"select id, url, canonical_url, title, text, published, lang from articles where {where} "
        "order by coalesce(published, fetched_at), id",
        params,
    )


def count_articles(db_path: Path, since: str | None = None) -> int:
    db = open_db(db_path)
    try:
        return sum(1 for _ in _articles(db, since))
    finally:
        db.conn.close()


def reextract(db_path: Path, since: str | None = None,
              on_article: Callable[[dict], None] | None = None) -> ReextractReport:
    """Re-extract every stored article (published on or after `since`), oldest first.

    Holds the cycle lock: a scheduled cycle that starts meanwhile skips.
    """
    report = ReextractReport()
    with cycle_lock(db_path):
        db = open_db(db_path)
        try:
            for row in list(_articles(db, since)):
                result = extract_and_record(
                    db, row["id"], row["canonical_url"] or row["url"], row["title"], row["text"],
                    row["published"], row["lang"],
                )
                report.articles += 1
                report.new_rounds += result.new_event_ids
                report.updated_rounds += result.updated_event_ids
                if on_article:
                    on_article(row)
        finally:
            db.conn.close()
    return report
