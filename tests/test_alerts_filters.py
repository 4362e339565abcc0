"""Which rounds a target wants: the rules for all targets, then each target's filters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from alerts.filters import name_matches, skip_reason
from alerts.query import load_event, usd_amount
from alerts.targets import AlertTarget

NOW = datetime(2018, 4, 12, 9, 0, tzinfo=UTC)


def event(**values):
    base = {
        "id": 1, "company": "SenseTime", "amount": 600_000_000, "currency": "USD", "usd": 6e8,
        "round": "series_c", "status": "announced", "lead_investors": ["Alibaba"],
        "investors": ["Alibaba", "Temasek Holdings"], "main": 1, "merged_into": None,
        "evidence": "SenseTime, the facial-recognition start-up, raised $600 million.",
        "announced_on": "2018-04-09", "first_seen": "2018-04-12T08:00:00+00:00",
        "languages": ["en"], "sources": [{"url": "https://x.test/a", "title": "AI giant SenseTime raises"}],
    }
    base.update(values)
    return base


def target(**options):
    return AlertTarget.from_mapping({"url": "json://h/p", **options})


def test_a_fresh_main_round_passes():
    assert skip_reason(target(), event(), "new", NOW) is None


def test_a_2017_round_mentioned_in_a_2018_article_never_alerts():
    # stored from a 2018 article, but the round itself was announced in 2017
    old = event(announced_on="2017-07-11", first_seen="2018-04-12T08:00:00+00:00", main=0)
    assert "mentioned in passing" in skip_reason(target(), old, "new", NOW)
    assert "older than 7 days" in skip_reason(target(), {**old, "main": 1}, "new", NOW)


def test_recent_window_is_configurable_and_falls_back_to_first_seen():
    ten_days = event(announced_on="2018-04-02")
    assert skip_reason(target(), ten_days, "new", NOW) is not None
    assert skip_reason(target(recent_days=14), ten_days, "new", NOW) is None
    assert skip_reason(target(), event(announced_on=None), "new", NOW) is None  # first_seen today


def test_updates_only_for_targets_that_opt_in():
    assert "updates" in skip_reason(target(), event(), "update", NOW)
    assert skip_reason(target(updates=True), event(), "update", NOW) is None


def test_merged_and_missing_rounds_are_skipped():
    assert "merged into round #7" in skip_reason(target(), event(merged_into=7), "new", NOW)
    assert skip_reason(target(), None, "new", NOW) == "round no longer in the database"


def test_minimum_amount_in_usd():
    assert skip_reason(target(min_amount_usd=500e6), event(), "new", NOW) is None
    assert "below" in skip_reason(target(min_amount_usd=700e6), event(), "new", NOW)
    assert "undisclosed" in skip_reason(target(min_amount_usd=1), event(amount=None, usd=None), "new", NOW)


def test_usd_at_the_rate_of_the_rounds_date():
    eur = {"amount": 100_000_000, "currency": "EUR", "amount_usd": None, "announced_on": "2018-04-09"}
    usd_2018 = usd_amount(eur)
    usd_2021 = usd_amount({**eur, "announced_on": "2021-03-01"})
    assert 120e6 < usd_2018 < 126e6  # EUR/USD was ~1.23 in April 2018
    assert usd_2018 != usd_2021
    assert usd_amount({**eur, "amount_usd": 1.0}) == 1.0  # storage's own figure wins
    assert usd_amount({**eur, "currency": "XYZ"}) is None


@pytest.mark.parametrize(
    ("options", "passes"),
    [
        ({"rounds": ["Series C"]}, True),
        ({"rounds": ["seed"]}, False),
        ({"languages": ["en"]}, True),
        ({"languages": ["de"]}, False),
        ({"companies": ["sensetime"]}, True),
        ({"companies": ["Sense"]}, False),
        ({"investors": ["Temasek"]}, True),
        ({"companies": ["Megvii"], "investors": ["Temasek"]}, True),  # either watch-list
        ({"companies": ["Megvii"], "investors": ["SoftBank"]}, False),
        ({"keywords": ["facial recognition"]}, True),
        ({"keywords": ["ai giant"]}, True),  # a source title
        ({"keywords": ["biotech"]}, False),
        ({"rounds": ["series_c"], "keywords": ["biotech"]}, False),  # all filters must pass
    ],
)
def test_target_filters(options, passes):
    assert (skip_reason(target(**options), event(), "new", NOW) is None) is passes


def test_unknown_language_does_not_block():
    assert skip_reason(target(languages=["de"]), event(languages=[]), "new", NOW) is None


def test_name_matching_is_by_whole_words_and_accent_blind():
    assert name_matches("Zürich Ventures", "Zurich Ventures AG")
    assert not name_matches("AI", "Aidentified")
    assert not name_matches("", "x")


def test_load_event_reads_the_row_and_its_sources(fresh_db):
    from support_receivers import insert_round

    eid = insert_round(fresh_db, "Lumora", enqueue=None, sources=[
        {"url": "https://b.test/2", "title": "Lumora sammelt", "published": "2026-01-02", "lang": "de"},
        {"url": "https://a.test/1", "title": "Lumora raises", "published": "2026-01-01", "lang": "en"},
    ])
    loaded = load_event(fresh_db, eid)
    assert loaded["lead_investors"] == ["Alibaba"]
    assert [s["url"] for s in loaded["sources"]] == ["https://a.test/1", "https://b.test/2"]
    assert loaded["languages"] == ["de", "en"] and loaded["usd"] == 6e8
    assert load_event(fresh_db, 999) is None
