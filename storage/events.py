"""Funding rounds (`events`) and the articles that report them (`event_sources`).

One `events` row per real round, however many outlets report it; one
`event_sources` row per (round, article) with that article's own values and
evidence. Which reports are one round is decided by storage.identity (the rule)
and storage.events_cluster (grouping and canonical values); this module keeps
the tables, the per-article transaction and the alerts it enqueues.

Recording an article, in one transaction:
1. Its text's MinHash is compared with stored articles (storage.events_fingerprint).
   Of a group of near-duplicates only one counts as a source: the earliest
   published, then the smallest article id (so the choice does not depend on
   arrival order); the others are kept as copies of it (`event_articles.duplicate_of`)
   and listed with that source.
2. Its extracted events replace any earlier ones of the same article (reprocessing
   is idempotent) as `event_sources` rows.
3. Every stored mention whose company name could match (transitively) is
   re-grouped; the groups are matched to existing `events` rows by shared
   mentions, so ids are stable; rows left without mentions get `source_count` 0
   and `merged_into` the round that took their sources. When mentions were only
   added, storage.events_affected replays just the rounds they can change, with
   the same result.
4. A round that gains its first main report enqueues a "new" alert; an existing
   round that gains a fact (amount, valuation, round label, investors, a firmer
   status) enqueues an "update".
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlite_utils.migrations import Migrations

from storage import events_affected, events_cluster, events_fingerprint, events_names
from storage import identity as ident
from storage.events_query import export_events, get_event, list_events, stats  # noqa: F401

MIGRATIONS = Migrations("fundwatch.events")

__all__ = [
    "ArticleRef",
    "RecordResult",
    "record_article_events",
    "get_event",
    "list_events",
    "export_events",
    "stats",
    "regroup_all",
    "MIGRATIONS",
]


@MIGRATIONS(name="0001_events")
def _create_events(db) -> None:
    db["events"].create(
        {
            "id": int,
            "company": str,            # canonical display name
            "company_key": str,        # normalised name used for identity
            "amount": int,             # whole currency units, NULL when undisclosed
            "currency": str,           # ISO 4217
            "amount_usd": float,       # amount at the reference rate of announced_on
            "round": str,              # pre_seed, seed, ..., series_a..series_k, unknown
            "extension": int,          # 0/1
            "status": str,             # announced | reported | in_talks
            "lead_investors": str,     # JSON array
            "investors": str,          # JSON array, leads included
            "valuation_amount": int,
            "valuation_currency": str,
            "main": int,               # 1 when any source reports it as its news
            "confidence": float,
            "evidence": str,           # evidence sentence of the chosen source
            "announced_on": str,       # date of the earliest main report (as published: YYYY-MM-DD, or YYYY-MM); NULL for background-only rounds
            "first_seen": str,         # ISO timestamp when fundwatch first stored it
            "updated_at": str,
            "source_count": int,
        },
        pk="id",
        not_null={"company", "company_key", "round", "status", "first_seen"},
        defaults={"extension": 0, "main": 0, "source_count": 0, "lead_investors": "[]", "investors": "[]"},
    )
    db["events"].create_index(["company_key"])
    db["events"].create_index(["announced_on"])


@MIGRATIONS(name="0002_event_sources")
def _create_sources(db) -> None:
    # conflicts: JSON object of differing source values; merged_into: a round whose
    # sources all moved to another round (source_count 0) points there.
    db["events"].add_column("conflicts", str)
    db["events"].add_column("merged_into", int)
    db["event_sources"].create(
        {
            "id": int,
            "event_id": int,
            "article_id": str,         # articles.id of the feeds area; no foreign key on purpose
            "event_index": int,        # position among the article's extracted events
            "url": str,
            "title": str,
            "published": str,
            "lang": str,
            "company": str,
            "company_key": str,
            "name_keys": str,          # JSON array: every key the company is named by here
            "amount": int,
            "currency": str,
            "amount_usd": float,
            "round": str,
            "extension": int,
            "status": str,
            "lead_investors": str,
            "investors": str,
            "valuation_amount": int,
            "valuation_currency": str,
            "main": int,
            "confidence": float,
            "evidence": str,
            "recorded_at": str,
        },
        pk="id",
        foreign_keys=[("event_id", "events", "id")],
    )
    db["event_sources"].create_index(["event_id", "article_id"], unique=True)
    db["event_sources"].create_index(["article_id", "event_index"], unique=True)
    db["event_sources"].create_index(["company_key"])
    db["event_articles"].create(
        {
            "article_id": str,
            "url": str,
            "title": str,
            "published": str,
            "lang": str,
            "minhash": bytes,          # MinHash signature of the text (events_fingerprint)
            "duplicate_of": str,       # the article this one is a syndicated copy of
            "events_json": str,        # the extracted events as recorded
            "recorded_at": str,
        },
        pk="article_id",
    )
    db["event_articles"].create_index(["duplicate_of"])
    db["event_article_bands"].create({"band": int, "hash": str, "article_id": str})
    db["event_article_bands"].create_index(["band", "hash"])
    db["event_article_bands"].create_index(["article_id"])
    db["event_aliases"].create(
        {"event_id": int, "company_key": str, "company": str, "sources": int},
        pk=("event_id", "company"),
    )
    db["event_aliases"].create_index(["company_key"])


@MIGRATIONS(name="0003_event_sources_name_keys")
def _add_name_keys_where_missing(db) -> None:
    # `name_keys` was added to 0002 after 0002 had been released, so a file
    # created before that (up to commit 184aac1) has event_sources without it, and
    # every later write failed. Files made since have it: then this does nothing.
    # Old rows are named by their own key only, as rows without aliases are.
    if "name_keys" in db["event_sources"].columns_dict:
        return
    db["event_sources"].add_column("name_keys", str)
    db.execute("update event_sources set name_keys = json_array(company_key) where company_key is not null")


@MIGRATIONS(name="0004_event_name_index")
def _create_name_index(db) -> None:
    # Finding the stored names that may match a new one used to read and parse
    # every mention for each article (quadratic in the database). These tables
    # make it an indexed lookup; storage.events_names explains them. Triggers keep
    # `event_source_names` in step with `event_sources` whoever writes it, and
    # queue each name not yet indexed; the Python side writes its blocks.
    db.execute("create table event_source_names (source_id integer not null, name_key text not null, company_key text not null)")
    db.execute("create index event_source_names_name on event_source_names (name_key, company_key)")
    db.execute("create index event_source_names_company on event_source_names (company_key, name_key)")
    db.execute("create index event_source_names_source on event_source_names (source_id)")
    db.execute("create table event_name_blocks (block text not null, name_key text not null, primary key (block, name_key)) without rowid")
    db.execute("create table event_name_queue (name_key text primary key)")
    # The names of the row just written; none when it has no company key.
    names_of_new = (
        "select new.company_key as name_key where coalesce(new.company_key, '') != ''"
        " union select value from json_each(case when json_valid(new.name_keys) then new.name_keys else '[]' end)"
        " where value != '' and coalesce(new.company_key, '') != ''"
    )
    add = (
        "insert into event_source_names (source_id, name_key, company_key)"
        f" select new.id, name_key, new.company_key from ({names_of_new});"
        f" insert or ignore into event_name_queue (name_key) select name_key from ({names_of_new}) n"
        " where not exists (select 1 from event_name_blocks b"
        " where b.block = 's:' || replace(n.name_key, ' ', '') and b.name_key = n.name_key);"
    )
    drop = "delete from event_source_names where source_id = old.id;"
    db.execute(f"create trigger event_sources_names_insert after insert on event_sources begin {add} end")
    db.execute(f"create trigger event_sources_names_delete after delete on event_sources begin {drop} end")
    db.execute(
        "create trigger event_sources_names_update after update of id, company_key, name_keys on event_sources"
        f" begin {drop} {add} end"
    )
    # Mentions already stored: their names, all queued for indexing.
    db.execute(
        "insert into event_source_names (source_id, name_key, company_key)"
        " select s.id, s.company_key, s.company_key from event_sources s where coalesce(s.company_key, '') != ''"
        " union select s.id, j.value, s.company_key from event_sources s,"
        " json_each(case when json_valid(s.name_keys) then s.name_keys else '[]' end) j"
        " where coalesce(s.company_key, '') != '' and j.value != ''"
    )
    db.execute("insert or ignore into event_name_queue (name_key) select distinct name_key from event_source_names")


@MIGRATIONS(name="0005_event_articles_url_index")
def _index_event_articles_url(db) -> None:
    # Recording an article looks up earlier copies by URL; without an index that
    # read every recorded article, each time.
    db.execute("create index if not exists event_articles_url on event_articles (url)")


@MIGRATIONS(name="0006_event_name_links")
def _create_name_links(db) -> None:
    # Which indexed names match which (identity.key_score > 0, in that direction),
    # written once when a name is indexed. Regrouping used to recompute every
    # name's matches from the blocks and the rule for each article, for every
    # name of the group: quadratic where many names are a typo of one another.
    db.execute(
        "create table event_name_links (name_key text not null, other_key text not null,"
        " primary key (name_key, other_key)) without rowid"
    )
    # The other way round: which mentions may join a round that holds a name.
    db.execute("create index event_name_links_other on event_name_links (other_key, name_key)")
    # Names indexed before this table: queued again, so their links are written
    # (their blocks are there already and are kept as they are).
    db.execute("insert or ignore into event_name_queue (name_key) select distinct name_key from event_name_blocks")


@dataclass(frozen=True)
class ArticleRef:
    id: str
    url: str
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    text: str | None = None


@dataclass
class RecordResult:
    new_event_ids: list[int] = field(default_factory=list)
    updated_event_ids: list[int] = field(default_factory=list)
    duplicate_of: str | None = None


FACT_FIELDS = ("amount", "valuation_amount", "round", "lead_investors", "investors", "status", "main")


def _iso(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="seconds")


def _mention_row(ref: ArticleRef, index: int, ev: dict[str, Any], now: str) -> dict[str, Any]:
    valuation = ev.get("valuation") or {}
    company = str(ev.get("company") or "").strip()
    amount = ev.get("amount")
    currency = (ev.get("currency") or None) and str(ev["currency"]).upper()
    return {
        "event_id": None,
        "article_id": ref.id,
        "event_index": index,
        "url": ref.url,
        "title": ref.title,
        "published": ref.published,
        "lang": ref.lang.lower() if ref.lang else None,
        "company": company,
        "company_key": ident.company_key(company),
        "name_keys": json.dumps(ident.name_keys(company, ev.get("aliases") or ()), ensure_ascii=False),
        "amount": int(amount) if amount is not None else None,
        "currency": currency,
        "amount_usd": ident.to_usd(amount, currency, ident.reference_date(ref.published)),
        "round": (ev.get("round") or "unknown").lower(),
        "extension": 1 if ev.get("extension") else 0,
        "status": ev.get("status") or "announced",
        "lead_investors": json.dumps(list(ev.get("lead_investors") or []), ensure_ascii=False),
        "investors": json.dumps(list(ev.get("investors") or []), ensure_ascii=False),
        "valuation_amount": int(valuation["amount"]) if valuation.get("amount") is not None else None,
        "valuation_currency": (valuation.get("currency") or None) and str(valuation["currency"]).upper(),
        "main": 1 if ev.get("main", True) else 0,
        "confidence": ev.get("confidence"),
        "evidence": ev.get("evidence"),
        "recorded_at": now,
    }


IDENTITY_FIELDS = ("company_key", "amount", "currency", "round", "extension", "main")


def _distinct_mentions(rows: list[dict]) -> list[dict]:
    """One article's events, the same event listed twice kept once (names of both kept)."""
    kept: dict[tuple, dict] = {}
    for row in rows:
        key = tuple(row[f] for f in IDENTITY_FIELDS)
        first = kept.setdefault(key, row)
        if first is row:
            continue
        for field_ in ("lead_investors", "investors"):
            names = json.loads(first[field_])
            names += [n for n in json.loads(row[field_]) if n not in names]
            first[field_] = json.dumps(names, ensure_ascii=False)
        if first["valuation_amount"] is None and row["valuation_amount"] is not None:
            first["valuation_amount"], first["valuation_currency"] = row["valuation_amount"], row["valuation_currency"]
    return list(kept.values())


def _as_mention(row: dict) -> dict:
    m = dict(row)
    for key in ("lead_investors", "investors"):
        m[key] = json.loads(m[key]) if isinstance(m[key], str) else (m[key] or [])
    return m


def _duplicate_group(db, ref: ArticleRef, near: list[str]) -> dict[str, str | None]:
    """`ref`, its near-duplicates, the articles they copy and the copies of those:
    article id -> published (ref's as given now)."""
    ids = set(near)
    for other in near:
        row = db.execute("select duplicate_of from event_articles where article_id = ?", [other]).fetchone()
        if row and row[0]:
            ids.add(row[0])
    for aid in list(ids | {ref.id}):
        ids |= {r[0] for r in db.execute("select article_id from event_articles where duplicate_of = ?", [aid])}
    ids.discard(ref.id)
    group: dict[str, str | None] = {ref.id: ref.published}
    for aid in sorted(ids):
        row = db.execute("select published from event_articles where article_id = ?", [aid]).fetchone()
        if row is not None:
            group[aid] = row[0]
    return group


def _source_key(group: dict[str, str | None], aid: str) -> tuple:
    """Of near-duplicates, the earliest published counts as the source, then the smallest id."""
    span = ident.parse_day_range(group[aid])
    return (span[0] if span else datetime.max.date(), aid)


def _drop_mentions(db, article_id: str, hints: dict) -> set[str]:
    """Delete an article's mentions; remember their rounds for the regrouping."""
    keys = set()
    for row in db.execute(
        "select event_index, company_key, event_id from event_sources where article_id = ?", [article_id]
    ).fetchall():
        hints[(row[0], row[1])] = row[2]
        hints.setdefault((row[0], None), row[2])  # the same event, its name spelled anew
        keys.add(row[1])
    db.execute("delete from event_sources where article_id = ?", [article_id])
    return keys


def _facts(row: dict | None) -> dict:
    if row is None:
        return {}
    out = {k: row.get(k) for k in FACT_FIELDS}
    for k in ("lead_investors", "investors"):
        out[k] = {ident.person_key(x) for x in json.loads(out[k] or "[]")}
    return out


def _gained(before: dict, after: dict) -> bool:
    """Did the round learn something a reader would want to hear about?"""
    if before.get("amount") is None and after.get("amount") is not None:
        return True
    if before.get("valuation_amount") is None and after.get("valuation_amount") is not None:
        return True
    if (before.get("round") or "unknown") == "unknown" and (after.get("round") or "unknown") != "unknown":
        return True
    if not after["lead_investors"] <= before["lead_investors"] or not after["investors"] <= before["investors"]:
        return True
    rank = events_cluster.STATUS_RANK
    return rank.get(after.get("status"), 0) > rank.get(before.get("status"), 0)


def record_article_events(
    db, ref: ArticleRef, events: list[dict], now: datetime | None = None
) -> RecordResult:
    """Store one article's extracted events, merged into the rounds they report.

    All writes, alert enqueueing included, happen in one transaction.
    """
    stamp = _iso(now or datetime.now(UTC))
    events = [e.as_dict() if hasattr(e, "as_dict") else e for e in events]
    result = RecordResult()
    sig = events_fingerprint.signature(ref.text)
    with db.atomic():
        # Write first: the transaction takes the write lock now (waiting on busy_timeout)
        # instead of failing to upgrade a read snapshot another writer made stale.
        db.execute("delete from event_article_bands where article_id = ?", [ref.id])
        near = [a for a, _ in events_fingerprint.near_duplicates(db, ref.id, sig)]
        if ref.url:
            near += [
                r[0]
                for r in db.execute(
                    "select article_id from event_articles where url = ? and article_id != ?", [ref.url, ref.id]
                ).fetchall()
                if r[0] not in near
            ]
        group = _duplicate_group(db, ref, near)
        canon = min(group, key=lambda aid: _source_key(group, aid))
        canon_was_copy = canon != ref.id and db.execute(
            "select duplicate_of is not null from event_articles where article_id = ?", [canon]
        ).fetchone()[0]
        existing = db.execute("select recorded_at from event_articles where article_id = ?", [ref.id]).fetchone()
        db["event_articles"].upsert(
            {
                "article_id": ref.id,
                "url": ref.url,
                "title": ref.title,
                "published": ref.published,
                "lang": ref.lang,
                "minhash": sig,
                "duplicate_of": None if canon == ref.id else canon,
                "events_json": json.dumps(events, ensure_ascii=False, sort_keys=True, default=str),
                "recorded_at": existing[0] if existing else stamp,
            },
            pk="article_id",
        )
        events_fingerprint.store_bands(db, ref.id, sig)
        hints: dict = {}
        touched: set[str] = set()
        # Every other text of the group is a copy of the source and stops counting.
        for aid in sorted(group):
            if aid != canon:
                db.execute("update event_articles set duplicate_of = ? where article_id = ?", [canon, aid])
                touched |= _drop_mentions(db, aid, hints)
        if canon == ref.id:
            touched |= _drop_mentions(db, ref.id, hints)
            touched |= _insert_mentions(db, ref, events, stamp)
        else:
            result.duplicate_of = canon
            if canon_was_copy:
                # An earlier copy of this text takes over as the source.
                row = next(db.query("select * from event_articles where article_id = ?", [canon]))
                db.execute("update event_articles set duplicate_of = null where article_id = ?", [canon])
                former = ArticleRef(canon, row["url"], row["title"], row["published"], row["lang"])
                touched |= _insert_mentions(db, former, json.loads(row["events_json"] or "[]"), stamp)
        _regroup(db, touched, hints, stamp, result)
    return result


def regroup_all(db, now: datetime | None = None) -> RecordResult:
    """Regroup every stored mention from scratch, in one transaction.

    For after a change of the identity rule or its parameters: recording reuses the
    stored grouping of mentions that come before a new one, or that a new one
    cannot affect (storage.events_affected), which is only what the rule would do
    if the rule has not changed since. Alerts as when recording: a
    round whose sources were already announced is not announced again.
    """
    stamp = _iso(now or datetime.now(UTC))
    result = RecordResult()
    with db.atomic():
        db.execute("update events set updated_at = updated_at where 0")  # take the write lock now
        remaining = {r[0] for r in db.execute("select distinct company_key from event_sources") if r[0]}
        while remaining:
            key = min(remaining)
            comp = events_names.component(db, {key})
            # a key no mention has any more still needs one entry to force a full regroup
            _regroup(db, comp, {(-1, None): None}, stamp, result)
            remaining -= comp | {key}
    return result


def _insert_mentions(db, ref: ArticleRef, events: list[dict], stamp: str) -> set[str]:
    rows = _distinct_mentions(
        [_mention_row(ref, i, ev, stamp) for i, ev in enumerate(events) if (ev.get("company") or "").strip()]
    )
    if rows:
        db["event_sources"].insert_all(rows)
    return {r["company_key"] for r in rows}


def _enqueue(db, event_id: int, kind: str) -> None:
    """Hand a round to the alerts side (storage.outbox), inside the caller's transaction."""
    from storage import outbox

    enqueue = getattr(outbox, "enqueue", None)
    if enqueue is not None:
        enqueue(db, event_id, kind)


def _matches(db, mentions: list[dict]) -> dict[str, set[str]]:
    return events_names.matches(db, {n for m in mentions for n in events_cluster.mention_names(m)})


def _regroup(db, keys: set[str], hints: dict, stamp: str, result: RecordResult) -> None:
    if not hints:
        # Only mentions added: replay the rounds they can affect, not the whole group.
        try:
            new = [
                events_affected._as_mention(r)
                for r in db.query("select * from event_sources where event_id is null order by id")
            ]
            if all(m["company_key"] in keys for m in new):
                clusters = events_affected.affected_clusters(db, new)
                _write_rounds(db, [m for members in clusters for m in members], clusters, hints, stamp, result)
                return
        except events_affected.Unsupported:
            pass
    comp = events_names.component(db, keys)
    if not comp:
        return
    marks = ",".join("?" * len(comp))
    mentions = [
        _as_mention(r)
        for r in db.query(f"select * from event_sources where company_key in ({marks})", sorted(comp))
    ]
    for m in mentions:
        m["_stored"] = m["event_id"]
        if m["event_id"] is None:
            m["event_id"] = hints.get((m["event_index"], m["company_key"]), hints.get((m["event_index"], None)))
    if hints:
        clusters = events_cluster.cluster(mentions, matches=_matches(db, mentions))
    else:
        # Nothing was removed: mentions before the first new one keep their rounds.
        ordered = sorted(mentions, key=events_cluster.order_key)
        first_new = next((i for i, m in enumerate(ordered) if m["event_id"] is None), len(ordered))
        visited = ordered[first_new:]
        clusters = events_cluster.cluster(visited, settled=ordered[:first_new], matches=_matches(db, visited))
    _write_rounds(db, mentions, clusters, hints, stamp, result)


def _write_rounds(db, mentions: list[dict], clusters: list[list[dict]], hints: dict, stamp: str,
                  result: RecordResult) -> None:
    """Write the rounds `clusters` make of `mentions` (every stored mention of the
    rounds involved, `_stored` its stored round, `event_id` that or its hint)."""
    stored_count = Counter(m["_stored"] for m in mentions)
    prior_ids = {m["event_id"] for m in mentions if m["event_id"] is not None}
    prior_ids |= {v for v in hints.values() if v is not None}
    prior = {r["id"]: r for r in db.query(f"select * from events where id in ({','.join('?' * len(prior_ids))})", sorted(prior_ids))} if prior_ids else {}
    # Keep ids stable: each existing round goes to the group holding most of its mentions.
    pairs = []
    for ci, members in enumerate(clusters):
        counts: dict[int, int] = {}
        for m in members:
            if m["event_id"] in prior:
                counts[m["event_id"]] = counts.get(m["event_id"], 0) + 1
        pairs += [(-n, eid, ci) for eid, n in counts.items()]
    assigned: dict[int, int] = {}
    used: set[int] = set()
    for _, eid, ci in sorted(pairs):
        if ci not in assigned and eid not in used:
            assigned[ci] = eid
            used.add(eid)

    # Mentions that change rounds let go first, so (event_id, article_id) stays unique.
    moving = [m["id"] for ci, members in enumerate(clusters) for m in members if m["_stored"] != assigned.get(ci)]
    for chunk in range(0, len(moving), 500):
        part = moving[chunk : chunk + 500]
        db.execute(f"update event_sources set event_id = null where id in ({','.join('?' * len(part))})", part)
    lost = set(hints.values())
    for ci, members in enumerate(clusters):
        eid = assigned.get(ci)
        if eid is not None and eid not in lost and stored_count[eid] == len(members) and all(
            m["_stored"] == eid for m in members
        ):
            for m in members:  # the same sources as before: the same values
                m["new_event_id"] = eid
            continue
        values = events_cluster.canonical(members)
        was_main = any(prior.get(m["event_id"], {}).get("main") for m in members)
        if eid is None:
            db["events"].insert({**values, "first_seen": stamp, "updated_at": stamp, "merged_into": None})
            eid = db.execute("select last_insert_rowid()").fetchone()[0]
            result.new_event_ids.append(eid)
            if values["main"] and not was_main:
                _enqueue(db, eid, "new")
        else:
            before = prior[eid]
            changed = any(before.get(k) != v for k, v in values.items())
            update = {**values, "merged_into": None}
            if changed:
                update["updated_at"] = stamp
                db["events"].update(eid, update)
            if values["main"] and not was_main:
                result.new_event_ids.append(eid)
                _enqueue(db, eid, "new")
            elif changed:
                result.updated_event_ids.append(eid)
                if values["main"] and _gained(_facts(before), _facts(values)):
                    _enqueue(db, eid, "update")
        ids = [m["id"] for m in members if m["_stored"] != eid]
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            db.execute(f"update event_sources set event_id = ? where id in ({','.join('?' * len(part))})", [eid, *part])
        for m in members:
            m["new_event_id"] = eid
        db.execute("delete from event_aliases where event_id = ?", [eid])
        names = Counter(m["company"] for m in members)
        db["event_aliases"].insert_all(
            [
                {"event_id": eid, "company": name, "company_key": ident.company_key(name), "sources": n}
                for name, n in sorted(names.items())
            ]
        )
    # Rounds whose sources all went elsewhere.
    for eid in sorted(set(prior) - used):
        if prior[eid].get("source_count") == 0:
            continue
        took = [m["new_event_id"] for m in mentions if m["event_id"] == eid]
        target = max(set(took), key=lambda t: (took.count(t), -t)) if took else None
        db["events"].update(eid, {"source_count": 0, "merged_into": target, "updated_at": stamp})
        db.execute("delete from event_aliases where event_id = ?", [eid])
