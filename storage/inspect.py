"""Storage area 'inspect': full-text search over articles, and views for reading the database.

Nothing here is written by the pipeline. The migrations add
- `articles_fts`, an FTS5 index of articles(title, text) kept current by triggers;
- views that make the common questions one query (and give Datasette something
  to browse): `rounds`, `round_sources`, `investor_rounds`, `feed_health`,
  `alert_deliveries`.

Views show live rounds only: an `events` row whose sources all moved to another
round (`source_count` 0, `merged_into` set) is hidden everywhere.

Views are derived, so changing one means a new migration that drops and creates
them again (`_recreate_views`); an applied migration is never edited. A migration
of another area that drops or renames a column a view reads must recreate the
views the same way.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from sqlite_utils.migrations import Migrations

from storage.events_query import live, round_date

MIGRATIONS = Migrations("fundwatch.inspect")

FTS_TOKENIZER = "unicode61 remove_diacritics 2"  # "Zurich" finds "Zürich"

# The same definitions as the CLI's queries, so views and `fundwatch events` agree.
LIVE = live("e.")
DATE = round_date("e.")


def _names(column: str) -> str:
    """A JSON array column as a json_each source; malformed JSON reads as no names."""
    return f"json_each(case when json_valid({column}) then {column} else '[]' end)"


VIEWS: dict[str, str] = {
    "rounds": f"""
select
    e.id,
    e.company,
    e.amount,
    e.currency,
    e.amount_usd,
    e.round,
    e.extension,
    e.status,
    {DATE} as date,
    e.announced_on,
    (select group_concat(j.value, ', ') from {_names('e.lead_investors')} j) as lead_investors_text,
    (select group_concat(j.value, ', ') from {_names('e.investors')} j) as investors_text,
    e.lead_investors,
    e.investors,
    e.valuation_amount,
    e.valuation_currency,
    e.main,
    e.confidence,
    e.evidence,
    e.source_count,
    (select s.url from event_sources s where s.event_id = e.id
        order by s.published is null, s.published, s.article_id limit 1) as first_source_url,
    e.conflicts,
    e.first_seen,
    e.updated_at
from events e
where {LIVE}
order by date desc, e.id desc
""",
    "round_sources": f"""
select
    s.event_id,
    e.company as round_company,
    s.company,
    s.article_id,
    s.url,
    s.title,
    s.published,
    s.lang,
    coalesce(fd.name, fd.title) as feed,
    s.amount,
    s.currency,
    s.amount_usd,
    s.round,
    s.extension,
    s.status,
    s.main,
    (select group_concat(j.value, ', ') from {_names('s.lead_investors')} j) as lead_investors_text,
    (select group_concat(j.value, ', ') from {_names('s.investors')} j) as investors_text,
    s.valuation_amount,
    s.valuation_currency,
    s.confidence,
    s.evidence,
    (select count(*) from event_articles c where c.duplicate_of = s.article_id) as syndicated_copies,
    s.recorded_at
from event_sources s
join events e on e.id = s.event_id
left join articles a on a.id = s.article_id
left join feeds fd on fd.id = a.feed_id
where {LIVE}
order by s.event_id desc, s.published is null, s.published, s.article_id
""",
    "investor_rounds": f"""
with names as (
    select e.id as event_id, j.value as investor
    from events e, {_names('e.investors')} j where {LIVE}
    union
    select e.id, j.value
    from events e, {_names('e.lead_investors')} j where {LIVE}
)
select
    n.investor,
    exists(select 1 from {_names('e.lead_investors')} l where l.value = n.investor) as lead,
    n.event_id,
    e.company,
    e.amount,
    e.currency,
    e.amount_usd,
    e.round,
    e.status,
    {DATE} as date,
    e.source_count
from names n
join events e on e.id = n.event_id
order by n.investor, date desc, n.event_id desc
""",
    "feed_health": f"""
select
    f.id,
    coalesce(f.name, f.title) as name,
    f.url,
    f.lang,
    case
        when not f.configured then 'not configured'
        when not f.enabled then 'disabled'
        when f.last_polled_at is null then 'never polled'
        when f.consecutive_failures > 0 then 'failing'
        else 'ok'
    end as state,
    f.consecutive_failures,
    f.last_status,
    f.last_http_status,
    f.last_error,
    f.last_problem,
    f.last_polled_at,
    f.last_success_at,
    f.last_new_item_at,
    f.next_poll_at,
    f.disabled_reason,
    f.moved_from,
    (select count(*) from entries en where en.feed_id = f.id) as entries,
    f.entries_left_out,
    (select count(*) from entries en where en.feed_id = f.id and en.state = 'pending') as pending,
    (select count(*) from articles a where a.feed_id = f.id) as articles,
    (select count(distinct s.event_id)
        from articles a
        left join event_articles ea on ea.article_id = a.id
        join event_sources s on s.article_id = coalesce(ea.duplicate_of, a.id)
        join events e on e.id = s.event_id
        where a.feed_id = f.id and {LIVE}) as rounds
from feeds f
order by f.configured desc, f.enabled desc, f.id
""",
    "alert_deliveries": """
select
    d.id,
    o.event_id,
    e.company,
    o.kind,
    o.created_at as queued_at,
    d.target,
    d.status,
    d.attempts,
    d.last_error,
    d.next_attempt_at,
    d.sent_at
from deliveries d
join outbox o on o.id = d.outbox_id
left join events e on e.id = o.event_id
order by d.id desc
""",
}


@MIGRATIONS(name="0001_articles_fts")
def _articles_fts(db) -> None:
    # Indexes the rows already stored too; the triggers keep it current from here on.
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize=FTS_TOKENIZER)


def _recreate_views(db) -> None:
    for name in VIEWS:
        db.execute(f"drop view if exists [{name}]")
    for name, sql in VIEWS.items():
        db.execute(f"create view [{name}] as {sql.strip()}")


@MIGRATIONS(name="0002_views")
def _views(db) -> None:
    _recreate_views(db)


@MIGRATIONS(name="0003_views_shared_live_definition")
def _views_again(db) -> None:
    # VIEWS changed (b2cd4d7: one definition of a live round) without a new
    # migration, so files made before kept the old view text. Same rows either
    # way, but every file should carry the views this code documents.
    _recreate_views(db)


@MIGRATIONS(name="0004_views_feed_todo")
def _views_feed_todo(db) -> None:
    # feed_health gains entries_left_out (a huge feed cut to its newest entries)
    # and pending (entries whose article is still to be fetched).
    _recreate_views(db)


# ---------------------------------------------------------------------- search

MAX_QUERY_CHARS = 500
_WORD = re.compile(r"\w", re.UNICODE)


def plain_match(query: str) -> str:
    """`query` as an FTS5 expression with no operators: every whitespace-separated
    chunk a quoted phrase, all required ("series-b" stays one phrase). Empty when
    the query has no word characters at all."""
    chunks = []
    for chunk in query.split():
        chunk = "".join(ch for ch in chunk if ch.isprintable())
        if _WORD.search(chunk):
            chunks.append('"' + chunk.replace('"', '""') + '"')
    return " ".join(chunks)


SEARCH_SQL = """
select
    a.id, a.url, a.canonical_url, a.title, a.published, a.lang, a.feed_id,
    coalesce(f.name, f.title) as feed,
    ea.duplicate_of,
    snippet(articles_fts, -1, '[', ']', '…', 16) as snippet,
    bm25(articles_fts, 4.0, 1.0) as rank
from articles_fts
join articles a on a.rowid = articles_fts.rowid
left join feeds f on f.id = a.feed_id
left join event_articles ea on ea.article_id = a.id
where articles_fts match ?
order by rank, a.published desc, a.id
limit ?
"""

ROUNDS_OF_ARTICLE_SQL = f"""
select e.id, e.company, e.amount, e.currency, e.amount_usd, e.round, e.extension, e.status,
       {DATE} as date, e.source_count, max(s.main) as main_in_article
from event_sources s
join events e on e.id = s.event_id
where s.article_id = ? and {LIVE}
group by e.id
order by min(s.event_index)
"""


def search_articles(db, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Stored articles matching `query`, best match first (a title match weighs more).

    `query` may use FTS5 syntax (`lumora OR kelpie`, `seri*`, `title:lumora`,
    `"series b"`); a query that is not valid FTS5 is searched as plain words
    instead, so any string is safe. Each row: the article's id, url,
    canonical_url, title, published, lang, feed_id, feed, `copy_of` (the article
    it is a syndicated copy of, or None), `snippet` (matches in [brackets]),
    `rank` (bm25, lower is better) and `rounds`: the live rounds the article
    reports (a copy: the rounds of the article it copies).
    """
    query = (query or "")[:MAX_QUERY_CHARS]
    limit = max(1, int(limit))
    rows = None
    if query.strip() and "\x00" not in query:
        try:
            rows = list(db.query(SEARCH_SQL, [query, limit]))
        except sqlite3.OperationalError:
            rows = None  # not valid FTS5 syntax: search the words instead
    if rows is None:
        match = plain_match(query)
        rows = list(db.query(SEARCH_SQL, [match, limit])) if match else []
    out = []
    for row in rows:
        copy_of = row.pop("duplicate_of")
        source = copy_of or row["id"]
        row["copy_of"] = copy_of
        row["rounds"] = [
            {**r, "extension": bool(r["extension"]), "main_in_article": bool(r["main_in_article"])}
            for r in db.query(ROUNDS_OF_ARTICLE_SQL, [source])
        ]
        out.append(row)
    return out
