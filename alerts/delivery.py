"""Delivering the outbox: fan out to targets, render, send, mark; retried with back-off.

    report = deliver_pending(db, config.alerts)

One call, once per cycle:

1. Fan-out. Every outbox row not yet fanned out becomes one `deliveries` row per
   configured target: "pending", or "skipped" with the filter's reason (kept, so
   `fundwatch alerts list` can say why). Each outbox row fans out in its own
   transaction, to the targets configured at that moment; a target added later
   receives the rounds enqueued after it was added.
2. Sending, per target, oldest alert first: deliveries that are pending, or failed
   and past their `next_attempt_at`. More than the target's `digest_threshold` of
   them go out as one digest message (its membership is committed before the
   send, so a retry resends the same digest under the same key). A failure marks
   the attempted deliveries "failed" with the error and a back-off of 1, 2, 4 ...
   minutes (at most an hour), and stops that target for this cycle: its other
   deliveries stay pending, untouched, for the next cycle.
3. Marking. Each message is marked sent or failed in its own small transaction
   right after its send.

Deadlines: each message must be accepted within its target's `timeout_seconds`
(connect to last byte; a receiver trickling its answer fails it), and one call
sends for at most `budget_seconds`; what is left stays due for the next cycle.

The guarantee: at-least-once delivery, exactly-once for receivers that dedupe on
the `Idempotency-Key`. An alert is written in the transaction that stores its
round, and it leaves the outbox only when a send succeeded and was recorded;
a process killed at any moment loses nothing. The one window is "sent, then
killed before the mark was committed": the next run sends it again with the
same idempotency key (json://, xml://, form://, mailto:// carry it as a header;
signed webhooks also in the signed body). Services without custom headers
(Slack, Telegram, ...) may then show that one alert twice.

With no targets configured nothing is fanned out or marked: the outbox keeps
its rows (reported as `pending`) until a target exists; the recent window then
keeps old rounds from flooding the new target.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from alerts import transport
from alerts.filters import skip_reason
from alerts.query import load_event
from alerts.render import headline, render_digest, render_round, render_test
from alerts.targets import AlertTarget
from storage import outbox


@dataclass
class DeliveryReport:
    sent: int = 0       # deliveries (round x target) that reached their target in this call
    failed: int = 0     # deliveries attempted and failed in this call (retried later)
    skipped: int = 0    # deliveries the targets' filters rejected in this call
    pending: int = 0    # alerts still waiting after this call (unsent + not fanned out)
    lines: list[str] = field(default_factory=list)
    send_seconds: list[float] = field(default_factory=list)  # wall time of each send
    out_of_time: bool = False  # the delivery budget ran out; the rest waits for the next cycle


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo else now.replace(tzinfo=UTC)


def _unique(targets: Sequence[AlertTarget]) -> list[AlertTarget]:
    seen: dict[str, AlertTarget] = {}
    for target in targets:
        seen.setdefault(target.key, target)
    return list(seen.values())


# The most one cycle spends sending: with each message bounded by its target's
# timeout_seconds, slow or stalled receivers cannot hold the cycle lock longer.
DELIVERY_BUDGET_SECONDS = 120.0

FAN_OUT_CHUNK = 200  # outbox rows per transaction: a backlog fans out in few commits


def fan_out(db, targets: Sequence[AlertTarget], now: datetime) -> int:
    """Turn outbox rows into per-target deliveries; returns how many were skipped by filters."""
    skipped = 0
    rows = outbox.unfanned(db)
    for start in range(0, len(rows), FAN_OUT_CHUNK):
        with db.atomic():  # each row's own fan_out nests as a savepoint
            for row in rows[start : start + FAN_OUT_CHUNK]:
                plans = _plan(db, targets, row, now)
                outbox.fan_out(db, row, plans, now)
                skipped += sum(p["status"] == "skipped" for p in plans)
    return skipped


def _plan(db, targets: Sequence[AlertTarget], row: dict, now: datetime) -> list[dict]:
    event = load_event(db, row["event_id"])
    plans = []
    for target in targets:
        reason = skip_reason(target, event, row["kind"], now)
        waiting = row["kind"] == "update" and outbox.has_unsent(
            db, row["event_id"], target.key, row["id"]
        )
        if reason is None and waiting:
            reason = "collapsed: an alert about this round is still waiting to be sent"
        plans.append({"target_key": target.key, "target": target.label,
                      "status": "skipped" if reason else "pending", "last_error": reason})
    return plans


def _messages(
    db, target: AlertTarget, rows: list[dict], now: datetime
) -> list[tuple[str | None, list[dict]]]:
    """Group due deliveries into messages: existing digests, a new digest, or one per alert."""
    batches: dict[str, list[dict]] = {}
    singles = []
    for row in rows:
        if row["batch_key"]:
            batches.setdefault(row["batch_key"], []).append(row)
        else:
            singles.append(row)
    groups: list[tuple[str | None, list[dict]]] = list(batches.items())
    if target.digest_threshold is not None and len(singles) > target.digest_threshold:
        key = f"fundwatch-digest-{target.key}-{singles[0]['id']}-{len(singles)}"
        outbox.assign_batch(db, [r["id"] for r in singles], key, now)
        groups.append((key, singles))
    else:
        groups += [(None, [r]) for r in singles]
    return sorted(groups, key=lambda g: g[1][0]["outbox_id"])


def _send(target: AlertTarget, items: list, key: str, digest: bool, fmt: str, deadline: float):
    """Render and send one message; any error becomes a failed attempt, never a crash."""
    try:
        if digest:
            message = render_digest(items, fmt)
        else:
            message = render_round(items[0][0], items[0][1], fmt)
        return transport.send(target, message, key, deadline=deadline)
    except Exception as exc:  # one bad round or plugin must not stop the whole outbox
        return False, f"{type(exc).__name__}: {exc}"


def deliver_pending(
    db, targets: Sequence[AlertTarget], now: datetime | None = None,
    budget_seconds: float = DELIVERY_BUDGET_SECONDS,
) -> DeliveryReport:
    """Fan out new outbox rows, send what is due, mark each result. See the module docstring.

    Sending stops when `budget_seconds` are spent (each send's own deadline is cut
    to what is left), so slow receivers never keep a cycle, and its lock, longer;
    what was not sent stays due for the next cycle.
    """
    now = _now(now)
    out_of_time = time.monotonic() + budget_seconds
    report = DeliveryReport()
    targets = _unique(targets)
    if not targets:
        report.pending = outbox.waiting(db, [])
        return report
    report.skipped = fan_out(db, targets, now)
    events: dict[int, dict[str, Any] | None] = {}

    def event_of(event_id: int):
        if event_id not in events:
            events[event_id] = load_event(db, event_id)
        return events[event_id]

    for target in targets:
        if time.monotonic() >= out_of_time:
            report.out_of_time = True
            break
        rows = outbox.due(db, [target.key], now)
        if not rows:
            continue
        fmt = transport.native_format(target)
        for batch_key, members in _messages(db, target, rows, now):
            items = [(event_of(r["event_id"]), r["kind"]) for r in members]
            gone = [r["id"] for (e, _), r in zip(items, members) if e is None]
            if gone:
                outbox.mark_skipped(db, gone, "round no longer in the database", now)
                report.skipped += len(gone)
                members = [r for (e, _), r in zip(items, members) if e is not None]
                items = [(e, k) for e, k in items if e is not None]
                if not members:
                    continue
            left = out_of_time - time.monotonic()
            if left <= 0:
                report.out_of_time = True
                break  # not attempted: no failure recorded, first in line next cycle
            key = batch_key or members[0]["idempotency_key"]
            started = time.perf_counter()
            ok, error = _send(target, items, key, digest=batch_key is not None, fmt=fmt,
                              deadline=min(target.timeout_seconds, left))
            report.send_seconds.append(time.perf_counter() - started)
            ids = [r["id"] for r in members]
            note = f"  (digest of {len(ids)})" if batch_key else ""
            if ok:
                outbox.mark_sent(db, ids, now)
                report.sent += len(ids)
                report.lines += [f"sent   {target.label}  {headline(e, k)}{note}" for e, k in items]
            else:
                outbox.mark_failed(db, ids, error or "unknown error", now)
                report.failed += len(ids)
                report.lines += [
                    f"failed {target.label}  {headline(e, k)}{note}: {error}" for e, k in items
                ]
                break  # the target is down or refusing: leave the rest for the next cycle
    report.pending = outbox.waiting(db, [t.key for t in targets])
    return report


def send_test(targets: Sequence[AlertTarget]) -> list[tuple[AlertTarget, bool, str | None]]:
    """Send a test message to each target; (target, ok, error) in order. Touches no database."""
    results = []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for target in targets:
        message = render_test(transport.native_format(target))
        ok, error = transport.send(target, message, f"fundwatch-test-{target.key}-{stamp}")
        results.append((target, ok, error))
    return results
