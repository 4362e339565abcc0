"""The outbox in storage: enqueue inside the caller's transaction, idempotent, collapsing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from support_receivers import insert_round

from storage import outbox


def rows(db):
    return list(db.query("select event_id, kind, dedupe_key, fanned_out_at from outbox order by id"))


def test_enqueue_new_is_idempotent(fresh_db):
    eid = insert_round(fresh_db, enqueue=None)
    with fresh_db.atomic():
        outbox.enqueue(fresh_db, eid, "new")
        outbox.enqueue(fresh_db, eid, "new")
    with fresh_db.atomic():
        outbox.enqueue(fresh_db, eid, "new")
    assert [(r["event_id"], r["kind"]) for r in rows(fresh_db)] == [(eid, "new")]


def test_enqueue_joins_the_callers_transaction(fresh_db):
    with pytest.raises(RuntimeError):
        with fresh_db.atomic():
            eid = fresh_db["events"].insert({"company": "Ghost", "company_key": "ghost", "round": "seed",
                                             "status": "announced", "first_seen": "2026-01-01"}).last_pk
            outbox.enqueue(fresh_db, eid, "new")
            raise RuntimeError("the round's transaction fails")
    assert rows(fresh_db) == [] and fresh_db["events"].count == 0
    assert not fresh_db.conn.in_transaction  # enqueue opened and committed nothing itself


def test_pending_updates_collapse_until_fanned_out(fresh_db):
    eid = insert_round(fresh_db, enqueue=None)
    for _ in range(3):
        outbox.enqueue(fresh_db, eid, "update")
    assert len(rows(fresh_db)) == 1
    outbox.fan_out(fresh_db, dict(next(fresh_db.query("select * from outbox"))), [], datetime.now(UTC))
    outbox.enqueue(fresh_db, eid, "update")  # a later fact is a later update
    assert [r["dedupe_key"] for r in rows(fresh_db)] == [None, f"update:{eid}"]


def test_unknown_kind_is_refused(fresh_db):
    with pytest.raises(ValueError, match="kind"):
        outbox.enqueue(fresh_db, 1, "deleted")


def test_fan_out_is_rerunnable_and_keys_are_stable(fresh_db):
    eid = insert_round(fresh_db)
    row = outbox.unfanned(fresh_db)[0]
    plan = [{"target_key": "t1", "target": "json://h/p", "status": "pending"}]
    now = datetime.now(UTC)
    assert outbox.fan_out(fresh_db, row, plan, now) == 1
    assert outbox.fan_out(fresh_db, row, plan, now) == 0
    assert outbox.unfanned(fresh_db) == []
    (delivery,) = outbox.due(fresh_db, ["t1"], now)
    assert delivery["idempotency_key"] == f"fundwatch-new-{eid}-t1"


def test_backoff_doubles_up_to_an_hour():
    assert [outbox.backoff(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (1, 2, 4)]
    assert outbox.backoff(30) == timedelta(hours=1)
