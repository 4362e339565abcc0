"""Alerts fed by the real events store: record articles, deliver, record them again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from support_receivers import webhook_receiver  # noqa: F401  (fixture)

from alerts.delivery import deliver_pending
from alerts.targets import AlertTarget
from storage import outbox

events = pytest.importorskip("storage.events")
if not hasattr(events, "record_article_events"):
    pytest.skip("storage.events.record_article_events not available", allow_module_level=True)

NOW = datetime.now(UTC)
SENSETIME = {"company": "SenseTime", "amount": 600_000_000, "currency": "USD", "round": "series_c",
             "lead_investors": ["Alibaba"], "investors": ["Alibaba", "Temasek"], "main": True,
             "status": "announced", "evidence": "SenseTime raised $600 million led by Alibaba."}
PAST = {"company": "Megvii", "amount": 460_000_000, "currency": "USD", "round": "series_c",
        "main": False, "evidence": "Rival Megvii raised $460 million in 2017."}


def article(aid: str, published: datetime, lang: str = "en", title: str = "SenseTime raises $600M"):
    text = f"{title}. " + "SenseTime, the facial recognition company, raised money from Alibaba. " * 4 + aid
    return events.ArticleRef(id=aid, url=f"https://{aid}.news.test/story", title=title,
                             published=published.isoformat(), lang=lang, text=text)


def test_one_alert_per_new_main_round_with_all_its_sources(fresh_db, webhook_receiver):
    hook = AlertTarget.from_mapping({"url": webhook_receiver.apprise_url()})
    events.record_article_events(fresh_db, article("en1", NOW), [SENSETIME, PAST])
    events.record_article_events(fresh_db, article("de1", NOW, "de", "SenseTime holt 600 Mio"),
                                 [dict(SENSETIME, evidence="SenseTime sammelt 600 Millionen.")])
    first = deliver_pending(fresh_db, [hook], now=NOW)
    assert first.sent == 1, first.lines  # Megvii is mentioned in passing: stored, never alerted
    message = webhook_receiver.payloads[0]
    assert message["title"] == "SenseTime raised USD 600M (Series C) led by Alibaba"
    assert "https://en1.news.test/story" in message["message"]
    assert "https://de1.news.test/story" in message["message"]

    # the same news again (a rerun, a retried task): nothing new to say
    events.record_article_events(fresh_db, article("en1", NOW), [SENSETIME, PAST])
    second = deliver_pending(fresh_db, [hook], now=NOW + timedelta(minutes=15))
    assert (second.sent, second.pending) == (0, 0)
    assert len(webhook_receiver.requests) == 1


def test_a_round_published_long_ago_is_stored_but_not_alerted(fresh_db, webhook_receiver):
    hook = AlertTarget.from_mapping({"url": webhook_receiver.apprise_url()})
    events.record_article_events(fresh_db, article("old", NOW - timedelta(days=30)), [SENSETIME])
    report = deliver_pending(fresh_db, [hook], now=NOW)
    assert (report.sent, report.skipped) == (0, 1)
    assert "older than 7 days" in outbox.listing(fresh_db, status="skipped")[0]["last_error"]
