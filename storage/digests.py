"""Storage area 'digests': which weekly market report went to which alert target.

One `weekly_digests` row per (ISO week, target). A cycle claims a row before it
sends, in one statement, so two processes (a restart, an overlapping `run`)
never both send the same week's page to the same target:

- no row: claimed (status "sending");
- "failed" (the service refused it or did not answer): claimed again, the next
  cycle of the same week tries once more;
- "sent", or "sending" (a process died mid-send, so whether the service got it
  is unknown): never claimed again. At most once per week and target; the
  receiver deduplicates a retried "failed" send on its Idempotency-Key.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("fundwatch.digests")


@MIGRATIONS(name="0001_weekly_digests")
def _create(db) -> None:
    db["weekly_digests"].create(
        {
            "week": str,          # ISO week, "2026-W49"
            "target_key": str,    # alerts.targets.AlertTarget.key
            "target": str,        # printable label (no credentials)
            "status": str,        # sending | sent | failed
            "attempts": int,
            "last_error": str,
            "created_at": str,
            "updated_at": str,
            "sent_at": str,
        },
        pk=("week", "target_key"),
        not_null={"week", "target_key", "status"},
        if_not_exists=True,  # a file whose migration record was lost upgrades all the same
    )


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def claim(db, week: str, target_key: str, target: str, now: datetime | None = None) -> bool:
    """True when this caller may send `week`'s digest to the target now (see the module doc)."""
    stamp = _stamp(now)
    cursor = db.execute(
        "insert into weekly_digests (week, target_key, target, status, attempts, created_at, updated_at) "
        "values (?, ?, ?, 'sending', 1, ?, ?) "
        "on conflict (week, target_key) do update set status = 'sending', attempts = attempts + 1, "
        "updated_at = excluded.updated_at where weekly_digests.status = 'failed'",
        [week, target_key, target, stamp, stamp])
    return cursor.rowcount == 1


def finish(db, week: str, target_key: str, ok: bool, error: str | None = None,
           now: datetime | None = None) -> None:
    stamp = _stamp(now)
    db.execute(
        "update weekly_digests set status = ?, last_error = ?, updated_at = ?, "
        "sent_at = case when ? then ? else sent_at end where week = ? and target_key = ?",
        ["sent" if ok else "failed", None if ok else error, stamp, ok, stamp, week, target_key])


def of_week(db, week: str) -> list[dict[str, Any]]:
    return [dict(r) for r in db.query("select * from weekly_digests where week = ? order by target", [week])]
