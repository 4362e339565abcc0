"""The identity rule's parts: names, rounds, money, dates."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage import identity as ident


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("SenseTime", "sensetime"),
        ("SenseTime Group Ltd.", "sensetime"),
        ("TIER Mobility SE", "tier mobility"),
        ("Société Générale Holding", "societe generale"),
        ("SuperOps.ai", "superops"),
        ("Crate.io", "crate"),
        ("Beijing Jinying Technology (Jinying)", "beijing jinying technology"),
        ("宇树科技", "宇树"),
        ("The Company", "the company"),  # nothing left but legal words: kept whole
    ],
)
def test_company_key(name, key):
    assert ident.company_key(name) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("SenseTime", "Sensetime Group"),
        ("Tier", "Tier Mobility"),
        ("Scalable Capital", "ScalableCapital GmbH"),
        ("宇树", "宇树科技有限公司"),
        ("MessageBird", "Messagebird B.V."),
        ("Volocopter", "Volocoptor"),
        ("Jinying", "Beijing Jinying Technology"),
    ],
)
def test_same_company(a, b):
    assert ident.name_score(a, b) > 0
    assert ident.name_score(b, a) > 0


@pytest.mark.parametrize(
    ("a", "b"),
    [("Go", "GoStudent"), ("Bolt", "Volt"), ("Nio", "Nomad"), ("Mollie", "Movinga"), ("商汤", "旷视")],
)
def test_different_companies(a, b):
    assert ident.name_score(a, b) == 0


@given(st.text(max_size=30), st.text(max_size=30))
def test_name_score_symmetric_and_bounded(a, b):
    s = ident.name_score(a, b)
    assert s == ident.name_score(b, a)
    assert 0.0 <= s <= 1.0


@given(st.text(max_size=40))
def test_company_key_is_stable(name):
    key = ident.company_key(name)
    assert ident.company_key(key) == key or not key.strip()


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("series_c", "unknown", True),
        ("series_c", None, True),
        ("series_c", "growth", True),
        ("series_c", "series_c", True),
        ("series_c", "series_b", False),
        ("seed", "pre_seed", True),
        ("angel", "seed", True),
        ("bridge", "convertible", True),
        ("debt", "series_a", False),
    ],
)
def test_round_compatible(a, b, ok):
    assert ident.round_compatible(a, b) is ok
    assert ident.round_compatible(b, a) is ok


def test_amounts_across_currencies_at_the_articles_date():
    # "73 Millionen Euro (80 Millionen US-Dollar)" in May 2020.
    day = date(2020, 5, 26)
    assert ident.amounts_compatible((73_000_000, "EUR", day), (80_000_000, "USD", day))
    # SenseTime's 600M Series C is not its 410M round.
    assert not ident.amounts_compatible((600_000_000, "USD", day), (410_000_000, "USD", day))
    # rounding: "$1.5 billion" / "$1.45 billion"
    assert ident.amounts_compatible((1_500_000_000, "USD", None), (1_450_000_000, "USD", None))
    assert ident.amounts_compatible((None, None, None), (5_000_000, "USD", None))
    # a rumoured figure moves before the close
    assert not ident.amounts_compatible((100_000_000, "USD", None), (115_000_000, "USD", None))
    assert ident.amounts_compatible((100_000_000, "USD", None), (115_000_000, "USD", None), rumour=True)


def test_converter_is_offline_cached_and_historical():
    ident.converter()
    start = time.perf_counter()
    for _ in range(100):
        ident.converter()
    assert time.perf_counter() - start < 0.05
    old = ident.to_usd(100, "EUR", date(2008, 7, 15))
    recent = ident.to_usd(100, "EUR", date(2022, 9, 27))
    assert old > 150 and recent < 100
    assert ident.to_usd(5, "XYZ", None) is None
    assert ident.to_usd(None, "EUR", None) is None


def test_date_intervals():
    assert ident.parse_day_range("2018-04") == (date(2018, 4, 1), date(2018, 4, 30))
    assert ident.parse_day_range("2018-04-09T08:00:00+02:00") == (date(2018, 4, 9), date(2018, 4, 9))
    assert ident.parse_day_range("yesterday") is None
    april = ident.mention_interval("2018-04-09", True, "announced")
    may_end = ident.mention_interval("2018-05-31", True, "announced")
    assert not ident.intervals_close(april, may_end)
    assert ident.intervals_close(april, ident.mention_interval("2018-05-10", True, "announced"))
    # a background mention happened at or before its article
    assert ident.intervals_close(ident.mention_interval("2019-01-01", False, None), april)
    assert not ident.intervals_close(ident.mention_interval("2017-01-01", False, None), april)
    # a rumour reaches ahead to its announcement
    talks = ident.mention_interval("2023-02-01", True, "in_talks")
    assert ident.intervals_close(talks, ident.mention_interval("2023-05-29", True, "announced"))
    assert ident.intervals_close((None, None), april)


def test_amount_without_currency():
    day = date(2020, 11, 15)
    # "250 Millionen" (no currency) beside "211 Millionen Euro" and "$250 million"
    assert ident.amounts_compatible((250_000_000, None, day), (211_000_000, "EUR", day))
    assert ident.amounts_compatible((250_000_000, None, day), (250_000_000, "USD", day))
    assert not ident.amounts_compatible((250_000_000, None, day), (100_000_000, "EUR", day))


def test_generic_words_alone_name_no_company():
    assert ident.name_score("Capital", "Scalable Capital") == 0
    assert ident.name_score("Health", "Dingdang Health") == 0
    assert ident.name_score("Dingdang", "Dingdang Health") > 0


def test_names_written_in_two_scripts():
    assert ident.company_key("商汤科技SenseTime") == "商汤 sensetime"
    assert ident.name_score("商汤科技SenseTime", "SenseTime") > 0
    assert ident.name_score("商汤科技SenseTime", "商汤") > 0
    assert ident.name_score("商汤科技", "SenseTime") == 0  # no shared name: no match
