"""Delivery against real receivers on 127.0.0.1: a JSON webhook and an SMTP server."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from support_receivers import WebhookReceiver, insert_round
from support_receivers import smtp_receiver, webhook_receiver  # noqa: F401  (fixtures)

from alerts.delivery import deliver_pending, send_test
from alerts.signing import SIGNATURE_HEADER, verify
from alerts.targets import AlertTarget
from storage import outbox


def target(url: str, **options) -> AlertTarget:
    return AlertTarget.from_mapping({"url": url, **options})


def statuses(db) -> dict[str, int]:
    return {k: v for k, v in outbox.counts(db).items() if v}


def test_json_and_mailto_receive_each_new_round_once(fresh_db, webhook_receiver, smtp_receiver):
    insert_round(fresh_db, "SenseTime", lead_investors=["Alibaba"], valuation_amount=4_500_000_000,
                 valuation_currency="USD")
    insert_round(fresh_db, "Lumora", amount=20_000_000, currency="EUR", round="series_b",
                 lead_investors=["Northwind Ventures"], investors=["Northwind Ventures"])
    targets = [target(webhook_receiver.apprise_url()), target(smtp_receiver.apprise_url)]

    report = deliver_pending(fresh_db, targets)

    assert (report.sent, report.failed, report.pending) == (4, 0, 0)
    assert len(report.lines) == 4 and all(line.startswith("sent ") for line in report.lines)
    payloads = webhook_receiver.payloads
    assert [p["title"] for p in payloads] == [
        "SenseTime raised USD 600M (Series C) led by Alibaba",
        "Lumora raised EUR 20M (Series B) led by Northwind Ventures",
    ]
    assert "Valuation: USD 4.5B" in payloads[0]["message"]
    assert "https://news.example.com/sensetime" in payloads[0]["message"]
    assert "raised $600 million in a Series C round" in payloads[0]["message"]
    assert "In US dollars: about USD 2" in payloads[1]["message"]  # EUR 20M at the ECB rate of the day
    assert all(key and key.startswith("fundwatch-new-") for key in webhook_receiver.keys())

    assert smtp_receiver.wait_for(2)
    subjects = sorted(m["Subject"] for m in smtp_receiver.messages)
    assert subjects == ["Lumora raised EUR 20M (Series B) led by Northwind Ventures",
                        "SenseTime raised USD 600M (Series C) led by Alibaba"]
    mail = next(m for m in smtp_receiver.messages if m["Subject"].startswith("SenseTime"))
    assert mail["Idempotency-Key"].startswith("fundwatch-new-")
    assert mail.rcpt_tos == ["deals@example.com"]
    assert '<a href="https://news.example.com/sensetime">' in mail.text()  # e-mail gets HTML by default


def test_second_cycle_over_the_same_news_sends_nothing(fresh_db, webhook_receiver):
    insert_round(fresh_db, "SenseTime")
    targets = [target(webhook_receiver.apprise_url())]
    assert deliver_pending(fresh_db, targets).sent == 1
    # the same news again: the events area enqueues "new" again, which the outbox ignores
    with fresh_db.atomic():
        outbox.enqueue(fresh_db, 1, "new")
    second = deliver_pending(fresh_db, targets, now=datetime.now(UTC) + timedelta(hours=1))
    assert (second.sent, second.failed, second.pending, second.lines) == (0, 0, 0, [])
    assert len(webhook_receiver.requests) == 1


def test_receiver_down_for_a_cycle_then_up_delivers_everything_once(fresh_db, webhook_receiver):
    ids = [insert_round(fresh_db, name) for name in ("Alpha", "Beta", "Gamma")]
    targets = [target(webhook_receiver.apprise_url())]
    now = datetime.now(UTC)

    webhook_receiver.stop()
    down = deliver_pending(fresh_db, targets, now=now)
    # the first send fails; the target is not hammered with the other two in the same cycle
    assert (down.sent, down.failed, down.pending) == (0, 1, 3)
    assert "failed" in down.lines[0] and "Alpha" in down.lines[0]
    row = next(r for r in outbox.listing(fresh_db) if r["status"] == "failed")
    assert row["attempts"] == 1 and row["last_error"] and row["next_attempt_at"] > outbox.iso(now)

    webhook_receiver.start()
    early = deliver_pending(fresh_db, targets, now=now + timedelta(seconds=10))
    assert early.sent == 2 and early.pending == 1  # the failed one waits for its back-off
    later = deliver_pending(fresh_db, targets, now=now + timedelta(minutes=2))
    assert later.sent == 1 and later.pending == 0
    titles = [p["title"].split()[0] for p in webhook_receiver.payloads]
    assert sorted(titles) == ["Alpha", "Beta", "Gamma"]
    assert len(set(webhook_receiver.keys())) == len(ids) == len(webhook_receiver.requests)


def test_receiver_answering_500_then_200_delivers_exactly_once(fresh_db, webhook_receiver):
    insert_round(fresh_db, "Alpha")
    insert_round(fresh_db, "Beta")
    targets = [target(webhook_receiver.apprise_url())]
    now = datetime.now(UTC)

    webhook_receiver.status = 500
    first = deliver_pending(fresh_db, targets, now=now)
    assert (first.sent, first.failed) == (0, 1)
    assert "500" in outbox.listing(fresh_db, status="failed")[0]["last_error"]
    second = deliver_pending(fresh_db, targets, now=now + timedelta(minutes=5))
    assert (second.sent, second.failed) == (0, 1)  # still failing: attempts 2, back-off doubles
    failed = outbox.listing(fresh_db, status="failed")[0]
    assert failed["attempts"] == 2
    assert failed["next_attempt_at"] == outbox.iso(now + timedelta(minutes=5) + timedelta(minutes=2))

    webhook_receiver.status = 200
    third = deliver_pending(fresh_db, targets, now=now + timedelta(minutes=8))
    assert (third.sent, third.failed, third.pending) == (2, 0, 0)
    accepted = [r for r in webhook_receiver.requests][-2:]
    assert sorted(r.json["title"].split()[0] for r in accepted) == ["Alpha", "Beta"]
    # a receiver that dedupes on the key sees each round once, though it refused some attempts
    assert len({r.idempotency_key for r in webhook_receiver.requests}) == 2


def test_digest_when_a_cycle_finds_more_than_the_threshold(fresh_db, webhook_receiver):
    for name in ("Alpha", "Beta", "Gamma", "Delta"):
        insert_round(fresh_db, name)
    digest = target(webhook_receiver.apprise_url("/digest"), digest_threshold=3, format="markdown")
    single = target(webhook_receiver.apprise_url("/single"), digest_threshold=4)
    report = deliver_pending(fresh_db, [digest, single])
    assert report.sent == 8
    by_path = {}
    for r in webhook_receiver.requests:
        by_path.setdefault(r.path, []).append(r)
    assert len(by_path["/digest"]) == 1 and len(by_path["/single"]) == 4
    message = by_path["/digest"][0].json
    assert message["title"] == "fundwatch: 4 new funding rounds"
    for name in ("Alpha", "Beta", "Gamma", "Delta"):
        assert f"{name} raised USD 600M" in message["message"]
    assert by_path["/digest"][0].idempotency_key.startswith("fundwatch-digest-")
    assert sum("(digest of 4)" in line for line in report.lines) == 4


def test_failed_digest_is_resent_whole_under_the_same_key(fresh_db, webhook_receiver):
    for name in ("Alpha", "Beta"):
        insert_round(fresh_db, name)
    targets = [target(webhook_receiver.apprise_url(), digest_threshold=1)]
    now = datetime.now(UTC)
    webhook_receiver.status = 503
    assert deliver_pending(fresh_db, targets, now=now).failed == 2
    insert_round(fresh_db, "Gamma")  # arrives while the digest waits: goes out on its own
    webhook_receiver.status = 200
    report = deliver_pending(fresh_db, targets, now=now + timedelta(minutes=1))
    assert report.sent == 3
    first, retry, gamma = webhook_receiver.requests
    assert first.idempotency_key == retry.idempotency_key
    assert retry.json["title"] == "fundwatch: 2 new funding rounds"
    assert gamma.json["title"].startswith("Gamma raised")


def test_signed_webhook_carries_a_verifiable_hmac(fresh_db, webhook_receiver):
    insert_round(fresh_db, "SenseTime")
    secret = "correct horse battery staple"
    report = deliver_pending(fresh_db, [target(webhook_receiver.apprise_url("/signed"), secret=secret)])
    assert report.sent == 1
    (request,) = webhook_receiver.requests
    signature = request.headers[SIGNATURE_HEADER.lower()]
    assert verify(secret, request.body, signature)
    assert not verify("another secret", request.body, signature)
    assert not verify(secret, request.body + b" ", signature)
    assert request.json["idempotency_key"] == request.idempotency_key
    assert secret not in json.dumps(request.headers) + request.body.decode()


def test_filters_skip_and_say_why(fresh_db, webhook_receiver):
    insert_round(fresh_db, "Small", amount=1_000_000)
    insert_round(fresh_db, "Big")
    report = deliver_pending(fresh_db, [target(webhook_receiver.apprise_url(), min_amount_usd=10_000_000)])
    assert (report.sent, report.skipped) == (1, 1)
    skipped = outbox.listing(fresh_db, status="skipped")
    assert skipped[0]["company"] == "Small" and "below min_amount_usd" in skipped[0]["last_error"]
    assert [p["title"].split()[0] for p in webhook_receiver.payloads] == ["Big"]


def test_without_targets_the_outbox_waits(fresh_db, webhook_receiver):
    insert_round(fresh_db, "SenseTime")
    report = deliver_pending(fresh_db, [])
    assert (report.sent, report.failed, report.skipped, report.pending) == (0, 0, 0, 1)
    assert statuses(fresh_db) == {"queued": 1}
    assert deliver_pending(fresh_db, [target(webhook_receiver.apprise_url())]).sent == 1


def test_a_target_added_later_gets_only_later_rounds_and_a_removed_one_keeps_its_queue(fresh_db):
    with WebhookReceiver() as a, WebhookReceiver() as b:
        ta, tb = target(a.apprise_url()), target(b.apprise_url())
        insert_round(fresh_db, "First")
        assert deliver_pending(fresh_db, [ta]).sent == 1
        insert_round(fresh_db, "Second")
        assert deliver_pending(fresh_db, [ta, tb]).sent == 2
        assert [p["title"].split()[0] for p in b.payloads] == ["Second"]
        insert_round(fresh_db, "Third")
        report = deliver_pending(fresh_db, [tb])  # a removed from the config
        assert report.sent == 1
        assert outbox.waiting(fresh_db, [ta.key]) == 0  # rows fanned out to b only


def test_updates_are_opt_in_and_collapse_while_pending(fresh_db, webhook_receiver):
    event_id = insert_round(fresh_db, "SenseTime")
    plain = target(webhook_receiver.apprise_url("/plain"))
    updates = target(webhook_receiver.apprise_url("/updates"), updates=True)
    assert deliver_pending(fresh_db, [plain, updates]).sent == 2
    with fresh_db.atomic():
        fresh_db["events"].update(event_id, {"valuation_amount": 4_500_000_000, "valuation_currency": "USD"})
        outbox.enqueue(fresh_db, event_id, "update")
    with fresh_db.atomic():
        outbox.enqueue(fresh_db, event_id, "update")  # collapses into the waiting one
    report = deliver_pending(fresh_db, [plain, updates])
    assert (report.sent, report.skipped) == (1, 1)
    last = webhook_receiver.requests[-1]
    assert last.path == "/updates" and last.json["title"].startswith("Update: SenseTime raised")
    assert "Valuation: USD 4.5B" in last.json["message"]


def test_send_test_reports_each_target(webhook_receiver, smtp_receiver):
    dead = WebhookReceiver()  # never started: connection refused
    results = send_test([target(webhook_receiver.apprise_url()), target(smtp_receiver.apprise_url),
                         target(dead.apprise_url())])
    assert [ok for _, ok, _ in results] == [True, True, False]
    assert results[2][2]
    assert webhook_receiver.payloads[0]["title"] == "fundwatch test message"
    assert smtp_receiver.wait_for(1) and smtp_receiver.messages[0]["Subject"] == "fundwatch test message"


def test_delivery_latency_per_alert_on_loopback(fresh_db, webhook_receiver):
    for i in range(20):
        insert_round(fresh_db, f"Company {i}")
    report = deliver_pending(fresh_db, [target(webhook_receiver.apprise_url())])
    assert report.sent == 20
    median = sorted(report.send_seconds)[len(report.send_seconds) // 2]
    print(f"median send {median * 1000:.1f} ms, max {max(report.send_seconds) * 1000:.1f} ms over 20 alerts")
    assert median < 0.5


def test_apprise_debug_lines_stay_out_of_the_application_log(fresh_db, webhook_receiver, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    insert_round(fresh_db, "SenseTime")
    assert deliver_pending(fresh_db, [target(webhook_receiver.apprise_url())]).sent == 1
    assert not [r for r in caplog.records if r.name.startswith("apprise")]
    assert logging.getLogger("apprise").propagate is True


def test_a_render_error_fails_that_delivery_not_the_cycle(fresh_db, webhook_receiver, monkeypatch):
    import alerts.delivery

    insert_round(fresh_db, "Broken")
    real = alerts.delivery.render_round

    def render(event, kind, fmt):
        if event["company"] == "Broken":
            raise KeyError("amount")
        return real(event, kind, fmt)

    monkeypatch.setattr(alerts.delivery, "render_round", render)
    report = deliver_pending(fresh_db, [target(webhook_receiver.apprise_url())])
    assert (report.sent, report.failed) == (0, 1)
    assert outbox.listing(fresh_db, status="failed")[0]["last_error"] == "KeyError: 'amount'"
