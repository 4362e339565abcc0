"""Storage area 'outbox': alerts waiting to go out, and their per-target deliveries.

`outbox` gets one row per alert, written by `enqueue` in the same transaction
that creates or updates the round, so a round is never stored without its alert
(nor the reverse). `deliveries` fans each outbox row out to the configured
targets, one row per (outbox row, target), with its own status, attempts, back-off
and idempotency key. alerts.delivery drives both; this module keeps the SQL.

Statuses of a delivery: pending (not tried yet), sent, failed (tried; retried
at next_attempt_at), skipped (the target's filters rejected it; last_error says why).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Iterable

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("fundwatch.outbox")

KINDS = ("new", "update")
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=1)


@MIGRATIONS(name="0001_outbox_and_deliveries")
def _create(db) -> None:
    # dedupe_key: "new:<event>" forever (one "new" alert per round); "update:<event>"
    # while the update waits to be fanned out, NULL afterwards (NULLs never collide).
    db["outbox"].create(
        {
            "id": int,
            "event_id": int,
            "kind": str,
            "dedupe_key": str,
            "created_at": str,
            "fanned_out_at": str,
        },
        pk="id",
        not_null={"event_id", "kind", "created_at"},
    )  # no foreign key to events: the events area may rewrite its rows freely
    db["outbox"].create_index(["dedupe_key"], unique=True)
    db["outbox"].create_index(["fanned_out_at"])
    db["deliveries"].create(
        {
            "id": int,
            "outbox_id": int,
            "target_key": str,         # alerts.targets.AlertTarget.key: hash of URL and name
            "target": str,             # printable label (no credentials)
            "status": str,             # pending | sent | failed | skipped
            "attempts": int,
            "last_error": str,
            "next_attempt_at": str,
            "sent_at": str,
            "idempotency_key": str,    # sent with every attempt; receivers dedupe on it
            "batch_key": str,          # set when the delivery joined a digest message
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"outbox_id", "target_key", "status", "idempotency_key", "created_at"},
        defaults={"attempts": 0},
        foreign_keys=[("outbox_id", "outbox", "id")],
    )
    db["deliveries"].create_index(["outbox_id", "target_key"], unique=True)
    db["deliveries"].create_index(["idempotency_key"], unique=True)
    db["deliveries"].create_index(["status", "next_attempt_at"])


def iso(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def enqueue(db, event_id: int, kind: str) -> None:
    """Record that `event_id` needs a `kind` alert ("new" or "update").

    Runs inside the caller's transaction and opens none of its own. Idempotent:
    a round gets at most one "new" alert, and at most one "update" waiting to be
    fanned out (later updates collapse into it; the message shows the round as
    it is when it is sent).
    """
    if kind not in KINDS:
        raise ValueError(f"kind: expected one of {KINDS}, got {kind!r}")
    db.execute(
        "insert or ignore into outbox (event_id, kind, dedupe_key, created_at) values (?, ?, ?, ?)",
        [int(event_id), kind, f"{kind}:{int(event_id)}", iso(datetime.now(UTC))],
    )


def unfanned(db) -> list[dict[str, Any]]:
    """Outbox rows not yet turned into deliveries, oldest first."""
    return list(db.query("select * from outbox where fanned_out_at is null order by id"))


def fan_out(db, outbox_row: dict, deliveries: Iterable[dict[str, Any]], now: datetime) -> int:
    """Create the deliveries of one outbox row and mark it fanned out, in one transaction.

    `deliveries`: dicts with target_key, target, status ("pending" or "skipped"),
    last_error (the skip reason). Returns the number of rows inserted (existing
    (outbox, target) pairs are left alone, so a rerun after a crash is harmless).
    """
    stamp = iso(now)
    inserted = 0
    with db.atomic():
        for d in deliveries:
            cur = db.execute(
                "insert or ignore into deliveries (outbox_id, target_key, target, status, attempts,"
                " last_error, next_attempt_at, idempotency_key, created_at, updated_at)"
                " values (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
                [
                    outbox_row["id"], d["target_key"], d["target"], d["status"],
                    d.get("last_error"),
                    stamp if d["status"] == "pending" else None,
                    idempotency_key(outbox_row, d["target_key"]), stamp, stamp,
                ],
            )
            inserted += cur.rowcount
        # An update stops collapsing once fanned out; "new" keeps its key forever.
        db.execute(
            "update outbox set fanned_out_at = ?,"
            " dedupe_key = case when kind = 'new' then dedupe_key else null end where id = ?",
            [stamp, outbox_row["id"]],
        )
    return inserted


def idempotency_key(outbox_row: dict, target_key: str) -> str:
    """Stable across retries and restarts: the same alert to the same target, the same key."""
    if outbox_row["kind"] == "new":
        return f"fundwatch-new-{outbox_row['event_id']}-{target_key}"
    return f"fundwatch-update-{outbox_row['event_id']}-{outbox_row['id']}-{target_key}"


def has_unsent(db, event_id: int, target_key: str, exclude_outbox_id: int) -> bool:
    """Does `target_key` already wait to receive an alert about `event_id`?"""
    row = db.execute(
        "select 1 from deliveries d join outbox o on o.id = d.outbox_id"
        " where o.event_id = ? and d.target_key = ? and o.id != ?"
        " and d.status in ('pending', 'failed')",
        [event_id, target_key, exclude_outbox_id],
    ).fetchone()
    return row is not None


def due(db, target_keys: Iterable[str], now: datetime) -> list[dict[str, Any]]:
    """Deliveries to send now for these targets, oldest alert first."""
    keys = sorted(set(target_keys))
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    return list(
        db.query(
            "select d.*, o.event_id, o.kind from deliveries d join outbox o on o.id = d.outbox_id"
            " where d.status in ('pending', 'failed') and d.next_attempt_at <= ?"
            f" and d.target_key in ({marks})"
            " order by d.outbox_id, d.id",
            [iso(now), *keys],
        )
    )


def assign_batch(db, delivery_ids: list[int], batch_key: str, now: datetime) -> None:
    """Commit a digest's membership before sending, so a retry resends the same digest."""
    marks = ",".join("?" * len(delivery_ids))
    with db.atomic():
        db.execute(
            "update deliveries set batch_key = ?, updated_at = ?"
            f" where id in ({marks}) and batch_key is null",
            [batch_key, iso(now), *delivery_ids],
        )


def mark_sent(db, delivery_ids: list[int], now: datetime) -> None:
    marks = ",".join("?" * len(delivery_ids))
    stamp = iso(now)
    with db.atomic():
        db.execute(
            "update deliveries set status = 'sent', attempts = attempts + 1, sent_at = ?,"
            f" last_error = null, next_attempt_at = null, updated_at = ? where id in ({marks})",
            [stamp, stamp, *delivery_ids],
        )


def mark_skipped(db, delivery_ids: list[int], reason: str, now: datetime) -> None:
    marks = ",".join("?" * len(delivery_ids))
    with db.atomic():
        db.execute(
            "update deliveries set status = 'skipped', last_error = ?, next_attempt_at = null,"
            f" updated_at = ? where id in ({marks})",
            [reason, iso(now), *delivery_ids],
        )


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd ... failure, at most an hour."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def mark_failed(db, delivery_ids: list[int], error: str, now: datetime) -> None:
    stamp = iso(now)
    with db.atomic():
        for did in delivery_ids:
            row = db.execute("select attempts from deliveries where id = ?", [did]).fetchone()
            attempts = (row[0] if row else 0) + 1
            db.execute(
                "update deliveries set status = 'failed', attempts = ?, last_error = ?,"
                " next_attempt_at = ?, updated_at = ? where id = ?",
                [attempts, error[:1000], iso(now + backoff(attempts)), stamp, did],
            )


def _count_unfanned(db) -> int:
    return db.execute("select count(*) from outbox where fanned_out_at is null").fetchone()[0]


def waiting(db, target_keys: Iterable[str] | None = None) -> int:
    """Alerts not delivered yet: unsent deliveries (of these targets) plus rows not fanned out."""
    unfanned_count = _count_unfanned(db)
    sql = "select count(*) from deliveries where status in ('pending', 'failed')"
    params: list[Any] = []
    if target_keys is not None:
        keys = sorted(set(target_keys))
        sql += f" and target_key in ({','.join('?' * len(keys))})" if keys else " and 0"
        params = keys
    return unfanned_count + db.execute(sql, params).fetchone()[0]


def listing(db, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Outbox and deliveries for `fundwatch alerts list`, newest first.

    One row per delivery; outbox rows not fanned out yet appear once with
    status "queued" and no target.
    """
    has_events = db["events"].exists()
    company = "e.company" if has_events else "null"
    join = "left join events e on e.id = o.event_id" if has_events else ""
    rows = list(
        db.query(
            f"select o.id as outbox_id, o.event_id, o.kind, {company} as company, o.created_at,"
            " d.id as delivery_id, d.target, d.target_key,"
            " coalesce(d.status, 'queued') as status, coalesce(d.attempts, 0) as attempts,"
            " d.last_error,"
            " d.next_attempt_at, d.sent_at, d.idempotency_key, d.batch_key"
            f" from outbox o left join deliveries d on d.outbox_id = o.id {join}"
            " where (? is null or coalesce(d.status, 'queued') = ?)"
            " order by o.id desc, d.id limit ?",
            [status, status, limit],
        )
    )
    return rows


def counts(db) -> dict[str, int]:
    """Deliveries per status, plus "queued" outbox rows not fanned out yet."""
    out = {"queued": _count_unfanned(db)}
    sql = "select status, count(*) from deliveries group by status"
    for status, n in db.execute(sql).fetchall():
        out[status] = n
    return out
